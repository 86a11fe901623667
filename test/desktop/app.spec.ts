// The desktop app as a person gets it: Electron, the preload, IPC and the app:// scheme. One
// walkthrough step and one PDF export, on a user-data folder of its own.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const repo = fileURLToPath(new URL('../..', import.meta.url));

test('answers one walkthrough step and exports a PDF in the desktop app', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'cwb-desktop-'));
  const downloads = mkdtempSync(join(tmpdir(), 'cwb-downloads-'));
  const app = await electron.launch({ args: [repo, `--user-data-dir=${userData}`], cwd: repo, env: { ...process.env } as Record<string, string> });
  try {
    // saves go to a folder of the test's instead of a dialog
    await app.evaluate(({ session }, dir) => {
      session.defaultSession.on('will-download', (_event, item) => item.setSavePath(`${dir}/${item.getFilename()}`));
    }, downloads);
    const page = await app.firstWindow();
    await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
    // served from the app's own scheme, and the contract is there through the preload
    expect(page.url()).toMatch(/^app:\/\/workbench\//);
    const projectId = await page.evaluate(async () => {
      const api = (globalThis as unknown as { workbench: { createProject: (a: unknown) => Promise<{ ok: boolean; value?: { id: string } }> } }).workbench;
      const made = await api.createProject({ name: 'Desktop claims model', frameworks: ['hipaa', 'pci'] });
      return made.value?.id ?? '';
    });
    expect(projectId).not.toBe('');

    await page.evaluate((h) => { (globalThis as unknown as { location: { hash: string } }).location.hash = h; }, `#/p/${projectId}`);
    await expect(page.locator('[data-testid="screen-home"][data-state="ready"]')).toBeVisible();
    await page.getByTestId('start-walkthrough').click();
    await expect(page.locator('[data-testid="screen-walkthrough"][data-state="ready"]')).toBeVisible();
    await page.keyboard.press('1');
    await expect(page.getByRole('radio', { checked: true })).toContainText('Compliant');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');

    await page.evaluate((h) => { (globalThis as unknown as { location: { hash: string } }).location.hash = h; }, `#/p/${projectId}/reports`);
    await expect(page.locator('[data-testid="screen-reports"][data-state="ready"]')).toBeVisible();
    await page.getByTestId('export').click();
    await expect(page.getByTestId('export-done')).toContainText('.pdf');
    await expect.poll(() => readdirSync(downloads).filter((f) => f.endsWith('.pdf')).length).toBe(1);
    const pdf = readdirSync(downloads).find((f) => f.endsWith('.pdf'))!;
    expect(readFileSync(join(downloads, pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  } finally {
    await app.close();
  }
});
