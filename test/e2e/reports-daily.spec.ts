// Reports an auditor reads: a summary PDF beside the full one, export with real progress and a
// Cancel that keeps nothing, readiness over time on the overview, and an evidence item's expiry
// set after attaching it. Screens at 960×600, 1440×900 and 1920×1080, light and dark, axe clean.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, screenReady, screenshot, expectAccessible } from './fixtures';
import { createProject } from '../../electron/core/projects/projects';
import { checklistRows } from '../../electron/core/assessments/checklist';
import { updateControl } from '../../electron/core/assessments/update';
import { addEvidence, listEvidence } from '../../electron/core/evidence/evidence';
import { signOff } from '../../electron/core/review/baselines';

test.describe.configure({ timeout: 240_000 });

const SIZES = [
  { width: 960, height: 600 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

async function shootEverySize(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await screenshot(page, `${name}-${size.width}x${size.height}-${scheme}`);
    }
    await expectAccessible(page, `${name} (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('item 6: a summary PDF of a few pages beside the full report, emoji printed', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims triage', frameworks: ['hipaa', 'gdpr', 'pci'] });
  const [a, b, c] = checklistRows(app.wb.ctx, project.id);
  updateControl(app.wb.ctx, project.id, a!.id, { status: 'compliant', owner: 'Jörg Müller', note: 'Rotation checked ✅ 🚀' });
  updateControl(app.wb.ctx, project.id, b!.id, { status: 'partial' });
  updateControl(app.wb.ctx, project.id, c!.id, { status: 'non_compliant' });
  await openApp(page, app, `#/p/${project.id}/reports`);
  await screenReady(page, 'screen-reports');

  const kinds = page.getByRole('group', { name: 'Report' });
  await expect(kinds.getByRole('radio', { name: /Full report/ })).toBeChecked();
  await kinds.getByRole('radio', { name: /Summary/ }).check();
  await shootEverySize(page, 'daily-item6-summary-choice');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Claims-triage-summary-.*\.pdf$/);
  const path = join(app.dir, 'summary.pdf');
  await file.saveAs(path);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  expect(pages).toBeLessThanOrEqual(4);
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  for (const s of ['Assessed controls', 'Not assessed yet, per domain', 'Jörg Müller', '✅', '🚀']) expect(text).toContain(s);

  // the choice is for the PDF only: another format hides it
  await page.getByRole('radio', { name: /Markdown/ }).check();
  await expect(page.getByRole('group', { name: 'Report' })).toHaveCount(0);
});

test('item 14: export shows its progress, and Cancel keeps nothing', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Big estate', frameworks: ['hipaa', 'gdpr', 'pci'] });
  for (const [i, row] of checklistRows(app.wb.ctx, project.id).entries()) {
    updateControl(app.wb.ctx, project.id, row.id, { status: i % 3 ? 'compliant' : 'partial', owner: 'Priya Shah', note: `Checked ${'with the platform team '.repeat(8)}` });
  }
  await openApp(page, app, `#/p/${project.id}/reports`);
  await screenReady(page, 'screen-reports');
  let downloads = 0;
  page.on('download', () => { downloads++; });

  // polls answered slowly, as on a busy machine, so the progress is on screen long enough to look at
  const held: Array<() => Promise<void>> = [];
  await page.route('**/api/getJob', (route) => { held.push(() => route.continue()); });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const progress = page.getByTestId('export-progress');
  await expect(progress.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await expect(progress.getByRole('status')).toHaveText(/Reading the project|Laying out the pages|Writing pages/);
  await screenshot(page, 'daily-item14-progress-1440x900-light');
  await progress.getByRole('button', { name: 'Cancel export' }).click();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  for (const release of held.splice(0)) await release();
  await page.unroute('**/api/getJob');
  await expect(page.getByText('Export cancelled; nothing was saved.')).toBeVisible();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('export-done')).toHaveCount(0);
  expect(downloads).toBe(0);
  await shootEverySize(page, 'daily-item14-cancelled');

  // exported again to the end, the progress has counted the pages
  const download = page.waitForEvent('download');
  // the written file's pieces held back: the screen says it is fetching the file, and there is
  // nothing left to cancel
  const pieces: Array<() => Promise<void>> = [];
  let holding = true;
  await page.route('**/api/readDatasetPart', (route) => (holding ? void pieces.push(() => route.continue()) : route.continue()));
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  // pages reaching the job while they are drawn is proven in test/unit/core/report-export-job.test.ts:
  // here the drawing of all pages can fall between two of the screen's polls, so it is not timed
  await expect(progress.getByRole('status')).toHaveText(/^Fetching the file: 0\.0 of \d+\.\d MiB$/);
  await expect(progress.getByRole('button', { name: 'Cancel export' })).toBeDisabled();
  await screenshot(page, 'daily-item14-fetching-1440x900-light');
  holding = false;
  for (const release of pieces.splice(0)) await release();
  await download;
  await page.unroute('**/api/readDatasetPart');
  await expect(page.getByTestId('export-done')).toContainText('.pdf');
});

test('item 15: readiness over time on the overview, with sign-offs, as a chart and as numbers', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Progress', frameworks: ['hipaa', 'pci'] });
  const rows = checklistRows(app.wb.ctx, project.id);
  for (const row of rows.slice(0, 6)) updateControl(app.wb.ctx, project.id, row.id, { status: 'compliant' });
  signOff(app.wb.ctx, project.id);
  await openApp(page, app, `#/p/${project.id}`);
  await screenReady(page, 'screen-home');
  const panel = page.getByRole('region', { name: 'Readiness over time' });
  const chart = panel.getByRole('img', { name: 'Readiness per framework over time' });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/HIPAA Security Rule [\d.]+% to [\d.]+%.*1 sign-off/);
  await panel.getByText('Show the numbers').click();
  const table = panel.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Sign-off' })).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText(/Signed off by/);
  await shootEverySize(page, 'daily-item15-readiness-over-time');
});

test('item 7: an evidence item\'s expiry is set and changed on the item after attaching', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Certificates', frameworks: ['hipaa'] });
  const control = checklistRows(app.wb.ctx, project.id)[0]!;
  addEvidence(app.wb.ctx, project.id, control.id, { kind: 'note', text: 'TLS certificate valid' });
  const evidence = listEvidence(app.wb.ctx, project.id, control.id)[0]!;
  await openApp(page, app, `#/p/${project.id}/control/${encodeURIComponent(control.id)}`);
  await screenReady(page, 'screen-control');

  const panel = page.getByRole('region', { name: 'Evidence' });
  await panel.getByRole('button', { name: `Set expiry of ${evidence.name}` }).click();
  const form = panel.getByRole('form', { name: `Expiry of ${evidence.name}` });
  await form.getByLabel('Expires on').fill('2027-06-30');
  await shootEverySize(page, 'daily-item7-expiry-form');
  await form.getByRole('button', { name: 'Save expiry' }).click();
  await expect(panel.getByText('expires 2027-06-30')).toBeVisible();
  await expect.poll(() => listEvidence(app.wb.ctx, project.id, control.id)[0]!.expiresOn).toBe('2027-06-30');

  await panel.getByRole('button', { name: `Change expiry of ${evidence.name}` }).click();
  await panel.getByRole('button', { name: 'No expiry' }).click();
  await expect(panel.getByText('expires 2027-06-30')).toHaveCount(0);
  await expect.poll(() => listEvidence(app.wb.ctx, project.id, control.id)[0]!.expiresOn).toBeNull();
  await shootEverySize(page, 'daily-item7-expiry-cleared');
});
