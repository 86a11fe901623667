// Issue 15's items that had their behaviour tested but not their screens at every size: archiving
// (item 9), the Team screen while it loads (item 10), owners from members and overdue work (item
// 11), the second tab that the cookie connects (item 12), and the skip link and focus after a
// sidebar link (item 13). Each at 960×600, 1440×900 and 1920×1080, light and dark, axe clean.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Route } from '@playwright/test';
import { test, expect, openApp, screenReady, screenshot, shootEverySize, SIZES, SCHEMES } from './fixtures';
import { createProject } from '../../electron/core/projects/projects';
import { checklistRows } from '../../electron/core/assessments/checklist';
import { updateControl } from '../../electron/core/assessments/update';
import { addMember } from '../../electron/core/members/members';
import { addEvidence } from '../../electron/core/evidence/evidence';
import { endSession, startSession } from '../../electron/core/sessions/sessions';
import { keptBrowserToken } from '../../electron/core/browser-token';
import { startHost } from '../../electron/host/server';

test.describe.configure({ timeout: 300_000 });

test('item 9: archiving asks first, Undo in the toast brings the project back, "Show archived" lists them', async ({ page, app }) => {
  createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
  await openApp(page, app);
  await screenReady(page, 'screen-projects');
  const card = page.getByTestId('project-card').filter({ hasText: 'Claims triage model' });
  const confirm = page.getByRole('dialog', { name: 'Archive project?' });

  await card.getByRole('button', { name: 'Archive' }).click();
  await expect(confirm).toContainText('Claims triage model');
  await shootEverySize(page, 'daily-item9-archive-confirm', () => expect(confirm).toBeVisible());

  // the toast with Undo lasts 8 s: three sizes per archiving, then Undo, once per theme
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    if (!(await confirm.isVisible())) await card.getByRole('button', { name: 'Archive' }).click();
    await confirm.getByRole('button', { name: 'Archive project' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Project "Claims triage model" archived' });
    await expect(toast).toBeVisible();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible();
      await screenshot(page, `daily-item9-archived-undo-${size.width}x${size.height}-${scheme}`);
    }
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(card).toHaveCount(1);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // every project archived: the list says so (not "No projects yet") and offers to show them
  await card.getByRole('button', { name: 'Archive' }).click();
  await confirm.getByRole('button', { name: 'Archive project' }).click();
  await expect(page.getByRole('heading', { name: 'All projects are archived' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toHaveCount(0);
  await shootEverySize(page, 'daily-item9-all-archived');
  await page.getByRole('button', { name: 'Show archived' }).click();
  await expect(page.getByLabel('Show archived')).toBeChecked();
  await expect(card).toHaveCount(1);
  await shootEverySize(page, 'daily-item9-show-archived');
});

test('item 10: the Team screen says it is loading until it knows, never "not a member" before', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
  await openApp(page, app);
  // hold the membership answer back until the screenshots are taken
  const held: Route[] = [];
  await page.route('**/api/getMyMembership', (route) => { held.push(route); });
  await page.evaluate((id) => { (globalThis as unknown as { location: { hash: string } }).location.hash = `#/p/${id}/audit`; }, project.id);
  const screen = page.getByTestId('screen-team');
  await expect(screen).toHaveAttribute('data-state', 'loading');
  await expect(screen.getByText('Loading your role…')).toBeVisible();
  await expect(screen.getByText(/not a member/)).toHaveCount(0);
  // nothing that depends on the role can be started before the role is known
  await expect(screen.getByRole('button', { name: 'Start a session' })).toBeDisabled();
  await expect(screen.getByRole('button', { name: 'Sign off' })).toBeDisabled();
  await shootEverySize(page, 'daily-item10-team-loading', async () => {
    await expect(screen.getByText('Loading your role…')).toBeVisible();
    await expect(screen.getByText(/not a member/)).toHaveCount(0);
  });
  expect(held.length).toBeGreaterThan(0);
  for (const route of held) await route.continue();
  await page.unroute('**/api/getMyMembership');
  await screenReady(page, 'screen-team');
  // the project's creator is its owner: the loaded statement names them, and only now
  await expect(screen.getByText(/^You are .+, owner on this project\.$/)).toBeVisible();
  await expect(screen.getByRole('button', { name: 'Start a session' })).toBeEnabled();
  await expect(screen.getByRole('button', { name: 'Sign off' })).toBeEnabled();
  await shootEverySize(page, 'daily-item10-team-ready');
});

test('item 11: owners are chosen from the members (free text still allowed); overdue work is on the overview', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
  addMember(app.wb.ctx, project.id, { name: 'Priya Shah', email: 'priya@example.org', role: 'contributor' });
  const [first, second] = checklistRows(app.wb.ctx, project.id);
  // due long ago and not done: overdue whatever today is
  updateControl(app.wb.ctx, project.id, second!.id, { dueDate: '2020-01-31', owner: 'Priya Shah' });

  await openApp(page, app, `#/p/${project.id}/walk?c=${encodeURIComponent(first!.id)}`);
  await screenReady(page, 'screen-walkthrough');
  const owner = page.getByLabel('Owner');
  const listId = await owner.getAttribute('list');
  expect(listId).toBeTruthy();
  await expect(page.locator(`datalist[id="${listId}"] option[value="Priya Shah"]`)).toHaveCount(1);
  await owner.fill('Priya Shah');
  await owner.blur();
  await expect.poll(() => checklistRows(app.wb.ctx, project.id).find((r) => r.id === first!.id)!.owner).toBe('Priya Shah');
  await owner.fill('An outside auditor');
  await owner.blur();
  await expect.poll(() => checklistRows(app.wb.ctx, project.id).find((r) => r.id === first!.id)!.owner).toBe('An outside auditor');
  await shootEverySize(page, 'daily-item11-owner-from-members');

  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: /Overview/ }).click();
  await screenReady(page, 'screen-home');
  const overdue = page.getByRole('region', { name: /^Overdue/ });
  await expect(overdue.getByRole('heading', { name: /Overdue \(1\)/ })).toBeVisible();
  await expect(overdue).toContainText(second!.id);
  await overdue.scrollIntoViewIfNeeded();
  await shootEverySize(page, 'daily-item11-overdue-overview');
});

test('item 12: a second tab opened from a bookmark is connected by the cookie', async ({ page, app }) => {
  createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
  await openApp(page, app);
  const second = await page.context().newPage();
  await second.goto(`${app.host.origin}/#/`);
  await screenReady(second, 'screen-projects');
  await expect(second.getByText('Claims triage model').first()).toBeVisible();
  expect(second.url()).not.toContain('token');
  await shootEverySize(second, 'daily-item12-second-tab');
  await second.close();
});

test('item 13: the skip link is the first Tab stop, and after a sidebar link focus is on the content', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
  await openApp(page, app, `#/p/${project.id}`);
  await screenReady(page, 'screen-home');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await shootEverySize(page, 'daily-item13-skip-link', () => expect(skip).toBeFocused());
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-home')).toBeFocused();

  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: /Checklist/ }).click();
  await screenReady(page, 'screen-checklist');
  await expect.poll(() => page.evaluate(() => {
    const d = (globalThis as unknown as { document: { activeElement: { closest: (s: string) => unknown } | null } }).document;
    return d.activeElement !== null && d.activeElement.closest('.content main') !== null;
  })).toBe(true);
  await shootEverySize(page, 'daily-item13-focus-after-sidebar-link');
});

test('item 13: AWS CLI commands stay on one line, never broken mid-word, at every size', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims model', frameworks: ['hipaa', 'gdpr', 'pci'] });
  const inScope = new Set(checklistRows(app.wb.ctx, project.id).map((r) => r.id));
  const [longest] = app.wb.ctx.catalog.controls
    .filter((c) => inScope.has(c.id))
    .flatMap((c) => c.verification.commands.map((command) => ({ controlId: c.id, command })))
    .sort((a, b) => b.command.length - a.command.length);
  await openApp(page, app, `#/p/${project.id}/walk?c=${encodeURIComponent(longest!.controlId)}`);
  await screenReady(page, 'screen-walkthrough');
  const code = page.getByRole('list', { name: 'AWS CLI commands' }).locator('code').filter({ hasText: longest!.command });
  const oneLine = async () => {
    expect(await code.evaluate((el) => {
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      return range.getClientRects().length;
    })).toBe(1);
  };
  await shootEverySize(page, 'daily-item13-long-command', oneLine);
});

test('item 13: a 5,000-character note is folded in the history at every size', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims model', frameworks: ['pci'] });
  const controlId = checklistRows(app.wb.ctx, project.id)[0]!.id;
  const note = `Findings pasted from the pentest report. ${'Bucket policy denies unencrypted puts; '.repeat(127)}`.slice(0, 4_989) + 'END OF NOTE';
  expect(note.length).toBe(5_000);
  updateControl(app.wb.ctx, project.id, controlId, { note });
  await openApp(page, app, `#/p/${project.id}/control/${encodeURIComponent(controlId)}`);
  await screenReady(page, 'screen-control');
  const history = page.getByTestId('history');
  await expect(history.getByRole('button', { name: 'Show all 5000 characters' })).toHaveAttribute('aria-expanded', 'false');
  await history.scrollIntoViewIfNeeded();
  await shootEverySize(page, 'daily-item13-history-folded', () => expect(history).not.toContainText('END OF NOTE'));
});

test('item 2: each assessed control\'s note, owner and evidence reach the auditor in its row of the Markdown and the PDF', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Fraud scoring model', frameworks: ['pci'] });
  updateControl(app.wb.ctx, project.id, 'DS-01', { status: 'partial', owner: 'Jörg Müller', note: 'Two buckets still on SSE-S3; KMS rollout planned' });
  addEvidence(app.wb.ctx, project.id, 'DS-01', { kind: 'file', name: 'kms-keys.json', content: Buffer.from('{"Keys":[]}') });
  updateControl(app.wb.ctx, project.id, 'AC-01', { status: 'compliant', owner: 'Ada Lovelace', note: 'Root has MFA and no access keys' });
  await openApp(page, app, `#/p/${project.id}/reports`);
  await screenReady(page, 'screen-reports');

  await page.getByRole('radio', { name: /Markdown/ }).check();
  const mdDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const mdPath = join(app.dir, 'report.md');
  await (await mdDownload).saveAs(mdPath);
  const md = readFileSync(mdPath, 'utf8');
  // the row of each assessed control carries its owner, evidence and note
  // the controls table: the row of each assessed control carries its owner, evidence and note
  const rows = (id: string) => md.split('\n').filter((l) => l.startsWith(`| ${id} |`));
  // (evidence by its reference in the evidence index, where the file's name and SHA-256 are)
  const ds01 = rows('DS-01').find((l) => l.includes('Jörg Müller') && l.includes('Two buckets still on SSE-S3; KMS rollout planned') && /\| E\d+ \|/.test(l)) ?? '';
  const ref = /\| (E\d+) \|/.exec(ds01)?.[1];
  expect(ref, ds01).toBeTruthy();
  expect(md.split('\n').some((l) => l.includes(`| ${ref} |`) && l.includes('kms-keys.json'))).toBe(true);
  expect(rows('AC-01').some((l) => l.includes('Ada Lovelace') && l.includes('Root has MFA and no access keys'))).toBe(true);

  await page.getByRole('radio', { name: /PDF report/ }).check();
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const pdfPath = join(app.dir, 'report.pdf');
  await (await pdfDownload).saveAs(pdfPath);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  const pdfRow = text.split('\n').find((l) => /DS-01/.test(l) && /Müller/.test(l)) ?? '';
  expect(pdfRow).toMatch(/Two buckets/);
  expect(text).toContain('kms-keys.json');
  await shootEverySize(page, 'daily-item2-reports');
});

test('item 13: the minutes list the facilitator among the attendees', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
  addMember(app.wb.ctx, project.id, { name: 'Grace Hopper', email: 'grace@example.org', role: 'assessor' });
  const session = startSession(app.wb.ctx, project.id, { title: 'Day 1 walkthrough', attendees: [{ name: 'Grace Hopper' }] });
  endSession(app.wb.ctx, project.id, session.id);
  await openApp(page, app, `#/p/${project.id}/audit`);
  await screenReady(page, 'screen-team');
  const panel = page.getByRole('region', { name: 'Audit sessions' });
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Minutes (Markdown)' }).first().click();
  const path = join(app.dir, 'minutes.md');
  await (await download).saveAs(path);
  const attendees = readFileSync(path, 'utf8').split('## Attendees')[1]!.split('\n## ')[0]!;
  expect(attendees).toContain('Erin Example');
  expect(attendees).toContain('Grace Hopper');
  await shootEverySize(page, 'daily-item13-sessions-minutes');
});

test('item 13: "?" on Reports opens the keyboard shortcuts', async ({ page, app }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
  await openApp(page, app, `#/p/${project.id}/reports`);
  await screenReady(page, 'screen-reports');
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toContainText('Go to Reports');
  await shootEverySize(page, 'daily-item13-reports-shortcuts', () => expect(sheet).toBeVisible());
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('item 12: with a kept token a bookmarked deep link still connects after the host restarts', async ({ page, app, browser }) => {
  const project = createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
  const token = keptBrowserToken(app.wb.ctx.db);
  expect(keptBrowserToken(app.wb.ctx.db)).toBe(token);
  const first = await startHost({ handlers: app.wb.handlers, staticDir: resolve('out', 'renderer'), token });
  const bookmark = `${first.origin}/#token=${token}`;
  try {
    await page.goto(bookmark);
    await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  } finally {
    // the tab is closed before the host stops: a page left open would log the refused calls it
    // keeps making while the host is down, which is not what this test is about
    await page.goto('about:blank');
    await first.close();
  }
  // the host starts again on the same port with the token kept in the database: a new browser
  // (no cookie) opening the bookmark is connected and reaches the project
  const again = await startHost({ handlers: app.wb.handlers, staticDir: resolve('out', 'renderer'), token: keptBrowserToken(app.wb.ctx.db), port: first.port });
  const fresh = await browser.newContext();
  try {
    const tab = await fresh.newPage();
    await tab.goto(bookmark);
    await expect(tab.locator('html[data-app-state="ready"]')).toBeAttached();
    await tab.evaluate((h) => { (globalThis as unknown as { location: { hash: string } }).location.hash = h; }, `#/p/${project.id}/checklist`);
    await screenReady(tab, 'screen-checklist');
    await expect(tab.getByText('not connected', { exact: false })).toHaveCount(0);
    await shootEverySize(tab, 'daily-item12-kept-token-bookmark');
  } finally {
    await fresh.close();
    await again.close();
  }
});
