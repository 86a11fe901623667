// Each test gets its own browser-mode host on its own temp database, started in the test
// process, and waits on the app's readiness markers, never on sleeps.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openWorkbench, type Workbench } from '../../electron/core/workbench';
import { startHost, type RunningHost } from '../../electron/host/server';
import '../helpers/source-workers';
import { setProfile } from '../../electron/core/profile';

export type AppUnderTest = { wb: Workbench; host: RunningHost; dir: string };

export const SCREENSHOTS = resolve('test-results', 'screens');

export const test = base.extend<{ app: AppUnderTest }>({
  app: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cwb-e2e-'));
    const wb = await openWorkbench(join(dir, 'workbench.sqlite'), { create: true });
    // the person using the app, as if chosen on first start (a test of its own covers that dialog)
    setProfile(wb.ctx.db, { name: 'Erin Example', email: 'erin@example.org' });
    const host = await startHost({ handlers: wb.handlers, staticDir: resolve('out', 'renderer') });
    await use({ wb, host, dir });
    await host.close();
    wb.close();
    rmSync(dir, { recursive: true, force: true });
  },
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(page);
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };

/** Opens the app with the run's token and waits until it says it is ready. */
export async function openApp(page: Page, app: AppUnderTest, hash = '#/'): Promise<void> {
  await page.goto(`${app.host.origin}/#token=${app.host.token}`);
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  if (hash !== '#/') await page.evaluate((h) => { (globalThis as unknown as { location: { hash: string } }).location.hash = h; }, hash);
}

export async function screenReady(page: Page, testId: string): Promise<void> {
  await expect(page.locator(`[data-testid="${testId}"][data-state="ready"]`)).toBeVisible();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** No serious or critical accessibility violations on the current screen. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export const SIZES = [
  { width: 960, height: 600 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;
export const SCHEMES = ['light', 'dark'] as const;

/** The current screen at 960×600, 1440×900 and 1920×1080, light and dark, axe clean in each scheme; `stillThere` re-checks the state before each shot. */
export async function shootEverySize(page: Page, name: string, stillThere?: () => Promise<void>): Promise<void> {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      if (stillThere) await stillThere();
      await screenshot(page, `${name}-${size.width}x${size.height}-${scheme}`);
    }
    await expectAccessible(page, `${name} (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}
