import { test, expect, openApp, screenReady, screenshot, expectAccessible } from './fixtures';
import { createProject } from '../../electron/core/projects/projects';
import { checklistRows } from '../../electron/core/assessments/checklist';
import { updateControl } from '../../electron/core/assessments/update';

test('walk the data-security domain with the keyboard, attach evidence, reload and find it all kept', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims model', frameworks: ['hipaa', 'gdpr', 'pci'] });
  const dataSecurity = checklistRows(app.wb.ctx, project.id).filter((r) => r.domain === 'data_security');
  expect(dataSecurity.length).toBeGreaterThan(3);
  await openApp(page, app, `#/p/${project.id}`);
  await screenReady(page, 'screen-home');
  await page.getByTestId('start-walkthrough').click();
  await screenReady(page, 'screen-walkthrough');
  await expect(page.getByTestId('screen-walkthrough')).toHaveAttribute('data-control', dataSecurity[0]!.id);

  const statuses = ['1', '2', '3', '4'];
  for (const [i, row] of dataSecurity.entries()) {
    const walk = page.getByTestId('screen-walkthrough');
    await expect(walk).toHaveAttribute('data-control', row.id);
    await screenReady(page, 'screen-walkthrough');
    await page.keyboard.press(statuses[i % statuses.length]!);
    await expect(page.getByRole('radio', { checked: true })).toContainText(['Compliant', 'Partial', 'Non-compliant', 'Not applicable'][i % 4]!);
    if (i === 0) {
      await page.keyboard.press('n');
      await page.keyboard.type('SSE-KMS with CMK on all three buckets');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
      await page.getByTestId('add-note').click();
      await page.getByTestId('evidence-note-text').fill('aws s3api get-bucket-encryption output reviewed with Sam');
      await page.getByTestId('attach-note').click();
      await page.getByTestId('evidence-file').setInputFiles({ name: 'bucket-encryption.json', mimeType: 'application/json', buffer: Buffer.from('{"ServerSideEncryptionConfiguration":{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"arn:aws:kms:eu-west-1:111122223333:key/abcd"}}]}}') });
      await expect(page.getByTestId('evidence-item')).toHaveCount(2);
      await expectAccessible(page, 'walkthrough');
      await screenshot(page, 'walkthrough');
    }
    if (i < dataSecurity.length - 1) await page.keyboard.press('j');
  }
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.reload();
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  await screenReady(page, 'screen-walkthrough');
  // resumes where the person left off, and every answer is kept
  await expect(page.getByTestId('screen-walkthrough')).toHaveAttribute('data-control', dataSecurity.at(-1)!.id);
  const stored = checklistRows(app.wb.ctx, project.id).filter((r) => r.domain === 'data_security');
  expect(stored.map((r) => r.status)).toEqual(dataSecurity.map((_, i) => ['compliant', 'partial', 'non_compliant', 'not_applicable'][i % 4]));
  expect(stored[0]).toMatchObject({ note: 'SSE-KMS with CMK on all three buckets', evidenceCount: 2 });

  // "g" then "o" goes to the project overview, where the scores moved
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await screenReady(page, 'screen-home');
  await expect(page.getByTestId('evidence-total')).toHaveText('2');
  await expect(page.getByRole('figure', { name: /Overall: 0% ready/ })).toHaveCount(0);
  await screenshot(page, 'project-home');

  await page.goto(`${app.host.origin}/#/p/${project.id}/control/${dataSecurity[0]!.id}`);
  await screenReady(page, 'screen-control');
  await expect(page.getByTestId('history')).toContainText('SSE-KMS with CMK on all three buckets');
  await expectAccessible(page, 'control detail');
  await screenshot(page, 'control-detail');

  await page.goto(`${app.host.origin}/#/p/${project.id}/coverage?f=pci`);
  await screenReady(page, 'screen-coverage');
  await expect(page.getByRole('cell', { name: '3.5.1', exact: true })).toBeVisible();
  // the whole tree: requirement 5 sums up the states of its leaves, each leaf has its own state
  await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: '5.2.1', exact: true }) })).toHaveAttribute('data-state', 'mapped');
  await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: '5', exact: true }) })).toContainText(/\d+ mapped(, \d+ no control)?(, \d+ not applicable)? beneath/);
  await expect(page.getByTestId('coverage-summary')).toContainText(/0 gaps\./);
  await expectAccessible(page, 'coverage');
  await screenshot(page, 'coverage');
});

test('AWS CLI commands stay on one line, never broken mid-word, and scroll sideways when long', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims model', frameworks: ['hipaa', 'gdpr', 'pci'] });
  const inScope = new Set(checklistRows(app.wb.ctx, project.id).map((r) => r.id));
  const [longest] = app.wb.ctx.catalog.controls
    .filter((c) => inScope.has(c.id))
    .flatMap((c) => c.verification.commands.map((command) => ({ controlId: c.id, command })))
    .sort((a, b) => b.command.length - a.command.length);
  expect(longest!.command.length).toBeGreaterThan(80);
  await page.setViewportSize({ width: 900, height: 800 });
  await openApp(page, app, `#/p/${project.id}/walk?c=${encodeURIComponent(longest!.controlId)}`);
  await screenReady(page, 'screen-walkthrough');
  const code = page.getByRole('list', { name: 'AWS CLI commands' }).locator('code').filter({ hasText: longest!.command });
  const layout = await code.evaluate((el) => {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    return { lines: range.getClientRects().length, scrolls: el.scrollWidth > el.clientWidth, itemOverflows: el.parentElement!.scrollWidth > el.parentElement!.clientWidth, pageOverflows: el.ownerDocument.documentElement.scrollWidth > el.ownerDocument.documentElement.clientWidth };
  });
  expect(layout).toEqual({ lines: 1, scrolls: true, itemOverflows: false, pageOverflows: false });
  await screenshot(page, 'walkthrough-long-command');
});

test('the history folds a long note to its first 300 characters, with Show all', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims model', frameworks: ['pci'] });
  const controlId = checklistRows(app.wb.ctx, project.id)[0]!.id;
  const note = `Findings pasted from the pentest report. ${'Bucket policy denies unencrypted puts; '.repeat(30)}END OF NOTE`;
  updateControl(app.wb.ctx, project.id, controlId, { note });
  await openApp(page, app, `#/p/${project.id}/control/${encodeURIComponent(controlId)}`);
  await screenReady(page, 'screen-control');
  const history = page.getByTestId('history');
  await expect(history).toContainText('Findings pasted from the pentest report.');
  await expect(history).not.toContainText('END OF NOTE');
  const toggle = history.getByRole('button', { name: `Show all ${note.length} characters` });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await screenshot(page, 'history-folded');
  await toggle.click();
  await expect(history).toContainText('END OF NOTE');
  await history.getByRole('button', { name: 'Show less' }).click();
  await expect(history).not.toContainText('END OF NOTE');
});
