import { readFileSync } from 'node:fs';
import { test, expect, openApp, screenReady, screenshot, expectAccessible } from './fixtures';
import { createProject } from '../../electron/core/projects/projects';
import { checklistRows } from '../../electron/core/assessments/checklist';

const fixture = (kind: string, file: string) => ({ name: `${kind}-${file}`, mimeType: 'application/json', buffer: readFileSync(`test/fixtures/aws/${kind}/${file}`) });

test('drop AWS CLI exports on the Findings view, filter, and confirm a suggested status', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Fraud scoring', frameworks: ['pci', 'hipaa'] });
  await openApp(page, app, `#/p/${project.id}/findings`);
  await screenReady(page, 'screen-findings');
  await page.getByTestId('analysis-file').setInputFiles([
    fixture('iam-policy', 'privilege-escalation.json'),
    fixture('kms-key-rotation-status', 'disabled.json'),
    fixture('sagemaker-training-job', 'clean.json'),
  ]);
  await expect(page.getByTestId('analysis-outcome')).toHaveCount(3);
  await expect(page.getByTestId('finding-row').first()).toBeVisible();
  const all = await page.getByTestId('finding-row').count();
  expect(all).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("finding-row").filter({ hasText: "IAM_PRIVILEGE_ESCALATION" }).first()).toBeVisible();
  await page.getByTestId('filter-code').fill('KMS_');
  await expect(page.getByTestId('finding-row')).toHaveCount(1);
  await expect(page.getByTestId('finding-row')).toContainText('KMS_ROTATION_DISABLED');
  // each finding names its document, which opens as the very bytes that were dropped
  const download = page.waitForEvent('download');
  await page.getByTestId('finding-row').getByRole('button', { name: 'kms-key-rotation-status-disabled.json' }).click();
  const saved = await (await download).path();
  expect(readFileSync(saved!).equals(readFileSync('test/fixtures/aws/kms-key-rotation-status/disabled.json'))).toBe(true);
  await page.getByTestId('filter-code').fill('');
  await expectAccessible(page, 'findings');
  await screenshot(page, 'findings');

  // a suggestion is only applied when a person confirms it
  expect(checklistRows(app.wb.ctx, project.id).find((r) => r.id === 'DS-03')?.status).toBe('not_assessed');
  await page.getByTestId('apply-DS-03').click();
  await expect(page.getByTestId('apply-DS-03')).toHaveCount(0);
  expect(checklistRows(app.wb.ctx, project.id).find((r) => r.id === 'DS-03')).toMatchObject({ status: 'partial', evidenceCount: 1 }); // KMS_ROTATION_DISABLED is medium
});

test('an unreadable document is refused with its name, and nothing is attached', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'p', frameworks: ['pci'] });
  await openApp(page, app, `#/p/${project.id}/findings`);
  await screenReady(page, 'screen-findings');
  await page.getByTestId('analysis-file').setInputFiles({ name: 'holiday.json', mimeType: 'application/json', buffer: Buffer.from('{"beach": true}') });
  await expect(page.getByRole('alert')).toContainText('holiday.json');
  expect(checklistRows(app.wb.ctx, project.id).reduce((n, r) => n + r.evidenceCount, 0)).toBe(0);
});

test('a Security Hub export that is one page of several says so under its line', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims model', frameworks: ['pci'] });
  await openApp(page, app, `#/p/${project.id}/findings`);
  await screenReady(page, 'screen-findings');
  // the AWS CLI documentation's example, printed with --max-items 1: it carries a NextToken
  await page.getByTestId('analysis-file').setInputFiles({
    name: 'securityhub-get-findings-pci.json', mimeType: 'application/json', buffer: readFileSync('test/fixtures/aws-cli-docs/securityhub-get-findings-pci.json'),
  });
  await expect(page.getByTestId('analysis-outcome')).toHaveCount(1);
  await expect(page.getByTestId('analysis-partial')).toHaveText(/^Not the whole export: it is one page of several \(its NextToken is set/);
  await expectAccessible(page, 'findings-partial');
  await screenshot(page, 'findings-partial');
});
