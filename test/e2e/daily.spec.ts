// The daily work: an answer survives a reload typed a moment before it, the answer panel stays in
// view on small windows, the walkthrough skips to what is unanswered and ends on a finish screen,
// and every screen that shows the project's state follows a change without a reload.
import type { Page } from '@playwright/test';
import { test, expect, openApp, screenReady, screenshot, expectAccessible } from './fixtures';
import { createProject } from '../../electron/core/projects/projects';
import { checklistRows } from '../../electron/core/assessments/checklist';
import { updateControl } from '../../electron/core/assessments/update';

// six screenshots and axe per test: on a loaded machine that outlasts the default minute
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
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('a note typed just before a reload is kept, and the answer stays in view down to 960×600', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims model', frameworks: ['hipaa', 'gdpr', 'pci'] });
  const first = checklistRows(app.wb.ctx, project.id)[0]!;
  await openApp(page, app, `#/p/${project.id}/walk`);
  await screenReady(page, 'screen-walkthrough');

  for (const size of [{ width: 1024, height: 700 }, { width: 960, height: 600 }]) {
    await page.setViewportSize(size);
    const status = page.getByRole('radiogroup', { name: 'Status' });
    await expect(status).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('textbox', { name: /^Note/ })).toBeInViewport();
  }

  // typed, and the page reloaded at once: the 600 ms autosave has not fired
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('textbox', { name: /^Note/ }).fill('Checked with Sam: SSE-KMS on all three buckets');
  await page.reload();
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  await expect.poll(() => checklistRows(app.wb.ctx, project.id)[0]!.note).toBe('Checked with Sam: SSE-KMS on all three buckets');
  await screenReady(page, 'screen-walkthrough');
  await expect(page.getByRole('textbox', { name: /^Note/ })).toHaveValue('Checked with Sam: SSE-KMS on all three buckets');

  // typed, then a sidebar link at once: navigation saves it too
  await page.getByLabel('Owner').fill('Priya Shah');
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: /Checklist/ }).click();
  await screenReady(page, 'screen-checklist');
  await expect.poll(() => checklistRows(app.wb.ctx, project.id).find((r) => r.id === first.id)!.owner).toBe('Priya Shah');

  // the shell's hook: main awaits it before closing the window
  await page.goto(`${app.host.origin}/#/p/${project.id}/walk?c=${encodeURIComponent(first.id)}`);
  await screenReady(page, 'screen-walkthrough');
  await page.getByRole('textbox', { name: /^Note/ }).fill('Flushed by the shell');
  await page.evaluate(() => (globalThis as unknown as { __cwbFlush: () => Promise<void> }).__cwbFlush());
  expect(checklistRows(app.wb.ctx, project.id)[0]!.note).toBe('Flushed by the shell');

  // evidence: the hash is labelled and copyable in full; the two file pickers say what they take
  const evidence = page.getByRole('region', { name: 'Evidence' });
  await evidence.getByText('Choose evidence files').locator('input[type=file]').setInputFiles({ name: 'bucket-encryption.json', mimeType: 'application/json', buffer: Buffer.from('{"Rules":[]}') });
  await expect(evidence.getByRole('button', { name: 'Copy the full SHA-256 of bucket-encryption.json' })).toBeVisible();
  await expect(evidence.getByText(/^SHA-256 [0-9a-f]{12}…$/)).toBeVisible();
  await expect(page.getByText('Choose files to analyse')).toBeVisible();
  await expectAccessible(page, 'walkthrough');
  await shootEverySize(page, 'daily-walkthrough');
});

test('skip to the unanswered, finish with what is left and the next best action; the overview follows', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Fraud model', frameworks: ['pci'] });
  const rows = checklistRows(app.wb.ctx, project.id);
  // everything answered but two controls, the first and the last
  for (const r of rows.slice(1, -1)) updateControl(app.wb.ctx, project.id, r.id, { status: 'compliant' });
  const [firstOpen, lastOpen] = [rows[0]!, rows.at(-1)!];

  await openApp(page, app, `#/p/${project.id}/walk`);
  await screenReady(page, 'screen-walkthrough');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(firstOpen.id);
  const sidebarScore = page.getByRole('navigation', { name: 'Project' }).getByText(/% ready/);
  const before = await sidebarScore.textContent();

  // compliant counts a whole control, so the rounded readiness moves (a partial's half may not,
  // with 100 and more controls in scope)
  await page.keyboard.press('1');
  await expect(page.getByRole('radio', { name: /^Compliant/ })).toHaveAttribute('aria-checked', 'true');
  await expect(sidebarScore).not.toHaveText(before ?? ''); // the sidebar follows the answer without a reload
  await page.keyboard.press('3'); // non-compliant after all
  await expect(page.getByRole('radio', { name: /Non-compliant/ })).toHaveAttribute('aria-checked', 'true');
  await expect(sidebarScore).toHaveText(before ?? '');

  await page.keyboard.press('u');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(lastOpen.id);
  await page.keyboard.press('Shift+U');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(lastOpen.id); // nothing unanswered before it
  await page.keyboard.press('u');
  const finish = page.getByRole('article', { name: /1 of \d+ controls still unanswered/ });
  await expect(finish).toBeVisible();
  await expect(finish.getByRole('region', { name: 'Next best action' })).toContainText(lastOpen.id);
  await expect(finish.getByRole('link', { name: /Continue with/ })).toHaveCount(1);
  await expectAccessible(page, 'walkthrough finish');
  await shootEverySize(page, 'daily-walkthrough-finish');

  await finish.getByRole('link', { name: /Continue with/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(lastOpen.id);
  await page.keyboard.press('1');
  await expect(page.getByRole('radio', { name: /^Compliant/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('u');
  await expect(page.getByRole('heading', { name: 'Every control is answered' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Next best action' })).toContainText(firstOpen.id); // the one gap left

  // the overview lists the control just marked non-compliant among the top gaps
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: /Overview/ }).click();
  await screenReady(page, 'screen-home');
  await expect(page.getByRole('heading', { name: 'Top gaps' })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(firstOpen.id) })).toBeVisible();
  await expectAccessible(page, 'overview');
  await shootEverySize(page, 'daily-overview');
});
