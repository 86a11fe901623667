import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test, expect, openApp, screenReady, screenshot, expectAccessible } from './fixtures';
import { createProject } from '../../electron/core/projects/projects';
import { updateControl } from '../../electron/core/assessments/update';
import { addEvidence } from '../../electron/core/evidence/evidence';
import { readZip, writeZip } from '../helpers/zip';

test('export the PDF and the evidence package, then verify the package and a tampered copy', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Łódź claims triage', frameworks: ['hipaa', 'pci'] });
  updateControl(app.wb.ctx, project.id, 'DS-01', { status: 'partial', owner: 'Jörg Müller', note: 'Bucket | two <script>alert(1)</script> left' });
  addEvidence(app.wb.ctx, project.id, 'DS-01', { kind: 'file', name: 'encryption.json', content: Buffer.from('{"Rules":[]}') });
  // which object URLs the page lets go (the CSP rightly refuses to fetch blob: URLs to look)
  await page.addInitScript(() => {
    const w = globalThis as unknown as { revoked: string[] };
    const revoke = URL.revokeObjectURL.bind(URL);
    w.revoked = [];
    URL.revokeObjectURL = (url: string) => {
      w.revoked.push(url);
      revoke(url);
    };
  });
  const revoked = () => page.evaluate(() => (globalThis as unknown as { revoked: string[] }).revoked);
  await openApp(page, app, `#/p/${project.id}/reports`);
  await screenReady(page, 'screen-reports');
  await expectAccessible(page, 'reports');
  // "?" opens the shortcut sheet here as on the checklist and walkthrough, and closes it again
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toContainText('Go to Reports');
  await page.keyboard.press('?');
  await expect(sheet).toBeHidden();

  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfPath = join(app.dir, 'report.pdf');
  await pdf.saveAs(pdfPath);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('Łódź claims triage');
  expect(text).toContain('Jörg Müller');
  await expect(page.getByTestId('export-done')).toContainText('.pdf');
  // "Open it" shows the saved PDF from memory, until the next export replaces it
  const opened = await page.getByRole('link', { name: 'Open it' }).getAttribute('href');
  expect(opened).toMatch(/^blob:/);
  // the download's own URL goes a second after the click; the one behind "Open it" stays
  await expect.poll(revoked).toHaveLength(1);
  expect(await revoked()).not.toContain(opened);

  await page.getByTestId('format-zip').check();
  const zipDownload = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const zip = await zipDownload;
  const zipPath = join(app.dir, 'package.zip');
  await zip.saveAs(zipPath);
  const entries = await readZip(zipPath);
  expect([...entries.keys()]).toEqual(expect.arrayContaining(['report.pdf', 'report.md', 'oscal/assessment-results.json', 'oscal/poam.json', 'checklist.csv', 'manifest.json', 'manifest.sha256']));
  // the PDF kept for "Open it" is let go once the package replaced it: no export stays in memory for good
  await expect(page.getByTestId('export-done')).toContainText('.zip');
  await expect.poll(revoked).toContain(opened);
  await screenshot(page, 'reports');

  await page.getByTestId('verify-file').setInputFiles({ name: 'package.zip', mimeType: 'application/zip', buffer: readFileSync(zipPath) });
  await expect(page.getByTestId('verify-result')).toContainText('Intact');

  const md = entries.get('report.md')!;
  md[10] = md[10]! ^ 0x02;
  const tampered = join(app.dir, 'tampered.zip');
  await writeZip(tampered, entries);
  await page.getByTestId('verify-file').setInputFiles({ name: 'tampered.zip', mimeType: 'application/zip', buffer: readFileSync(tampered) });
  await expect(page.getByTestId('verify-result')).toContainText('Does not match its manifest');
  await expect(page.getByTestId('verify-result')).toContainText('report.md');
});
