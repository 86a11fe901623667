// Browser mode remembers you: the token in the printed address is exchanged once for an HttpOnly
// cookie, so a second tab opened without the token (a bookmark, a deep link) is connected too,
// while a browser that never had the token is not.
import { createProject } from '../../electron/core/projects/projects';
import { expect, openApp, test } from './fixtures';

test('a second tab opened without the token works; a browser without the cookie is not connected', async ({ page, app, browser }) => {
  createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
  await openApp(page, app);
  await expect.poll(async () => (await page.context().cookies(app.host.origin)).map((c) => `${c.name}:${c.httpOnly}:${c.sameSite}:${c.domain}`)).toEqual(['cwb_token:true:Strict:127.0.0.1']);

  const second = await page.context().newPage();
  await second.goto(`${app.host.origin}/#/`);
  await expect(second.locator('html[data-app-state="ready"]')).toBeAttached();
  await expect(second.getByText('Claims triage model').first()).toBeVisible();
  expect(second.url()).not.toContain('token');
  await second.close();

  const stranger = await browser.newContext();
  const outside = await stranger.newPage();
  await outside.goto(`${app.host.origin}/#/`);
  await expect(outside.getByRole('heading', { name: 'Compliance Workbench is not connected' })).toBeVisible();
  await stranger.close();
});
