import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openApp, screenReady, screenshot, expectAccessible } from './fixtures';
import { createProject } from '../../electron/core/projects/projects';
import { checklistRows } from '../../electron/core/assessments/checklist';

const rows = ['id,name,email,ssn,card,zip,age'];
for (let i = 0; i < 300; i++) {
  rows.push(`${i},Person ${i},person${i}@example.org,${i % 3 === 0 ? '666-12-3456' : '123-45-6789'},${i % 2 ? '4111 1111 1111 1111' : '4111 1111 1111 1112'},${10000 + (i % 4)},${30 + (i % 3)}`);
}
const CSV = Buffer.from(rows.join('\n') + '\n');

test('scan a dataset, keep the result as evidence, write a masked copy and check k', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims', frameworks: ['hipaa', 'gdpr'] });
  await openApp(page, app, `#/p/${project.id}/data`);
  await screenReady(page, 'screen-data');
  await page.getByTestId('dataset-file').setInputFiles({ name: 'claims.csv', mimeType: 'text/csv', buffer: CSV });
  await expect(page.getByTestId('scan-result')).toContainText('300 rows');
  const table = page.getByTestId('pii-row');
  await expect(table.filter({ hasText: 'email' })).toContainText('300');
  await expect(table.filter({ hasText: 'US_SSN' })).toContainText('200'); // the 666 area is not an SSN
  await expect(table.filter({ hasText: 'CREDIT_CARD' })).toContainText('150'); // Luhn-valid only
  await expect(page.getByTestId('scan-result')).not.toContainText('person1@example.org');
  await page.getByTestId('keep-scan').click();
  await expect.poll(() => checklistRows(app.wb.ctx, project.id).find((r) => r.id === 'DS-08')?.evidenceCount).toBe(1);

  await page.getByTestId('mask-email').selectOption('pseudonymize');
  await page.getByTestId('mask-key').fill('a long secret key for the test');
  await page.getByTestId('mask-run').click();
  await expect(page.getByTestId('mask-result')).toContainText('claims.masked.csv');
  // the masked copy comes over in pieces and is saved under its own name, without the addresses
  const masked = page.waitForEvent('download');
  await page.getByTestId('mask-download').click();
  const download = await masked;
  expect(download.suggestedFilename()).toBe('claims.masked.csv');
  const maskedPath = join(app.dir, 'claims.masked.csv');
  await download.saveAs(maskedPath);
  const lines = readFileSync(maskedPath, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(301);
  expect(lines[0]).toBe('id,name,email,ssn,card,zip,age');
  expect(lines.join('\n')).not.toContain('@example.org');
  await expect(page.getByTestId('mask-download')).toHaveText('Download');

  await page.getByTestId('qi-zip').check();
  await page.getByTestId('qi-age').check();
  await page.getByTestId('kanon-k').fill('30');
  await page.getByTestId('kanon-run').click();
  await expect(page.getByTestId('kanon-result')).toContainText('k = 25');
  await expectAccessible(page, 'data');
  await screenshot(page, 'data');
});

test('a binary file is refused with its name and nothing is kept', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'p', frameworks: ['gdpr'] });
  await openApp(page, app, `#/p/${project.id}/data`);
  await page.getByTestId('dataset-file').setInputFiles({ name: 'model.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 3, 0, 255, 254, 0]) });
  await expect(page.getByRole('alert')).toContainText('model.bin');
  expect(checklistRows(app.wb.ctx, project.id).reduce((n, r) => n + r.evidenceCount, 0)).toBe(0);
});
