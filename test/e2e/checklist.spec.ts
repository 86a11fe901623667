import { test, expect, openApp, screenReady, screenshot, expectAccessible } from './fixtures';
import type { Page } from '@playwright/test';
import { createProject } from '../../electron/core/projects/projects';
import { checklistRows } from '../../electron/core/assessments/checklist';
import { updateControl } from '../../electron/core/assessments/update';
import { addEvidence } from '../../electron/core/evidence/evidence';
import { listAuditEvents } from '../../electron/core/audit/chain';
import { DOMAIN_LABELS } from '../../shared/domain';

const grid = (page: Page) => page.getByTestId('checklist-grid');
const row = (page: Page, id: string) => page.locator(`tr[data-row-id="${id}"]`);
const shownIds = (page: Page) => page.getByTestId('checklist-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-id')));

test('filter, sort, group, select with keyboard and Shift+click, bulk-set status and owner, reload and find it kept', async ({ page, app }) => {
  const { ctx } = app.wb;
  const project = createProject(ctx, { name: 'Fraud scoring model', frameworks: ['hipaa', 'gdpr', 'pci'] });
  const all = checklistRows(ctx, project.id);
  const [r0, r1, r2, r3, , r5, , r7] = all;
  updateControl(ctx, project.id, r0!.id, { owner: 'Priya Patel' });
  updateControl(ctx, project.id, r5!.id, { owner: 'Priya Patel' });
  updateControl(ctx, project.id, r7!.id, { owner: 'Sam Ortiz', status: 'partial' });
  updateControl(ctx, project.id, r1!.id, { status: 'partial' });
  updateControl(ctx, project.id, r2!.id, { status: 'non_compliant' });
  updateControl(ctx, project.id, r3!.id, { dueDate: '2020-01-31' });
  addEvidence(ctx, project.id, r0!.id, { kind: 'note', text: 'Key policy reviewed in 2020' }, { collectedOn: '2020-01-01', expiresOn: '2020-06-30' });
  const rows = checklistRows(ctx, project.id);

  await openApp(page, app, `#/p/${project.id}/checklist`);
  await screenReady(page, 'screen-checklist');
  await expect(page.getByTestId('count-shown')).toHaveText(String(rows.length));
  await expect(page.getByTestId('count-selected')).toHaveText('0');
  // the expired-evidence marker and the overdue due date
  await expect(row(page, r0!.id).getByText('1 expired')).toBeVisible();
  await expect(row(page, r3!.id)).toContainText('2020-01-31 (overdue)');
  await expectAccessible(page, 'checklist, not grouped');

  // free text: "/" jumps to the search box; it matches owners and ids too
  await grid(page).focus();
  await page.keyboard.press('/');
  await expect(page.getByTestId('filter-text')).toBeFocused();
  await page.keyboard.type('priya');
  await expect(page.getByTestId('count-shown')).toHaveText('2');
  await expect.poll(() => shownIds(page)).toEqual([r0!.id, r5!.id]);
  await page.getByTestId('filter-text').fill(r7!.id.toLowerCase());
  await expect.poll(() => shownIds(page)).toEqual([r7!.id]);
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('count-shown')).toHaveText(String(rows.length));

  // status, domain, framework, owner
  await page.getByTestId('filter-status').selectOption('partial');
  await expect.poll(() => shownIds(page)).toEqual([r1!.id, r7!.id]);
  await page.getByTestId('filter-status').selectOption('');
  await page.getByTestId('filter-domain').selectOption('network_security');
  const network = rows.filter((r) => r.domain === 'network_security');
  await expect(page.getByTestId('count-shown')).toHaveText(String(network.length));
  await page.getByTestId('filter-framework').selectOption('pci');
  const networkPci = network.filter((r) => r.frameworks.includes('pci'));
  expect(networkPci.length).toBeGreaterThan(0);
  await expect(page.getByTestId('count-shown')).toHaveText(String(networkPci.length));
  await expect.poll(() => shownIds(page)).toEqual(networkPci.map((r) => r.id));
  await page.getByTestId('clear-filters').click();
  await page.getByTestId('filter-owner').selectOption('Sam Ortiz');
  await expect.poll(() => shownIds(page)).toEqual([r7!.id]);
  await page.getByTestId('clear-filters').click();

  // sort by id, descending on the second click; the third click restores the catalog order
  const sortId = page.getByTestId('sort-id');
  await sortId.click();
  await sortId.click();
  await expect(page.getByRole('columnheader', { name: /ID/ })).toHaveAttribute('aria-sort', 'descending');
  const byIdDesc = rows.map((r) => r.id).sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
  expect((await shownIds(page))[0]).toBe(byIdDesc[0]);
  await sortId.click();
  expect((await shownIds(page))[0]).toBe(rows[0]!.id);

  // group by domain, then fold the first domain from the keyboard
  await page.getByTestId('group-by-domain').check();
  const firstGroup = page.getByTestId('checklist-group').first();
  await expect(firstGroup).toHaveAttribute('data-row-id', `domain:${rows[0]!.domain}`);
  await grid(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(firstGroup).toHaveAttribute('aria-expanded', 'false');
  await expect(row(page, rows[0]!.id)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(firstGroup).toHaveAttribute('aria-expanded', 'true');
  await page.getByTestId('group-by-domain').uncheck();

  // select: x on the first access-control row, Shift+x two rows down, Shift+click two more down
  await page.getByTestId('filter-domain').selectOption('access_control');
  const access = rows.filter((r) => r.domain === 'access_control');
  const chosen = access.slice(0, 5).map((r) => r.id);
  await grid(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('Shift+X');
  await expect(page.getByTestId('count-selected')).toHaveText('3');
  await row(page, chosen[4]!).getByRole('checkbox').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('count-selected')).toHaveText('5');
  for (const id of chosen) await expect(row(page, id)).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, access[5]!.id)).toHaveAttribute('aria-selected', 'false');

  // one step: status and owner for all five; the table shows it once the core has it
  const before = listAuditEvents(ctx.db, project.id, { entity: 'control' }).length;
  await page.getByTestId('bulk-status').selectOption('compliant');
  await page.getByTestId('bulk-owner').fill('Dana Lee');
  await page.getByTestId('bulk-apply').click();
  await expect(page.locator('.toast')).toContainText('Set status Compliant and owner Dana Lee on 5 controls');
  for (const id of chosen) {
    await expect(row(page, id)).toContainText('Compliant');
    await expect(row(page, id)).toContainText('Dana Lee');
  }
  const stored = checklistRows(ctx, project.id).filter((r) => chosen.includes(r.id));
  expect(stored.map((r) => [r.status, r.owner])).toEqual(chosen.map(() => ['compliant', 'Dana Lee']));
  // one audit event per changed control, carrying both fields
  const after = listAuditEvents(ctx.db, project.id, { entity: 'control' });
  const events = after.slice(0, after.length - before); // newest first
  expect(events.map((e) => e.entityId).sort()).toEqual([...chosen].sort());
  for (const e of events) {
    expect(e.action).toBe('control.update');
    expect(e.after).toEqual({ status: 'compliant', owner: 'Dana Lee' });
  }

  // a status key with nothing selected changes the focused row only
  await grid(page).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('count-selected')).toHaveText('0');
  await page.keyboard.press('End');
  await page.keyboard.press('3');
  await expect(row(page, access.at(-1)!.id)).toContainText('Non-compliant');

  // reload: the answers are stored, and the table comes back with its filter
  await page.reload();
  await screenReady(page, 'screen-checklist');
  await expect(page.getByTestId('filter-domain')).toHaveValue('access_control');
  // scrolled where it was left: the last row is in view; only the rows near the view are drawn
  await expect(row(page, access.at(-1)!.id)).toContainText('Non-compliant');
  await grid(page).focus();
  await page.keyboard.press('Home');
  for (const id of chosen) await expect(row(page, id)).toContainText('Dana Lee');

  // Enter opens the focused control; back returns to the same table
  await grid(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await screenReady(page, 'screen-control');
  expect(new URL(page.url()).hash).toBe(`#/p/${project.id}/control/${access[0]!.id}`);
  await page.goBack();
  await screenReady(page, 'screen-checklist');
  await expect(page.getByTestId('filter-domain')).toHaveValue('access_control');

  // how a person sees it: grouped, a few rows selected
  await page.getByTestId('clear-filters').click();
  await page.getByTestId('group-by-domain').check();
  // the view keeps the focused row (an access control) in view: back to the top, where rows[1] is
  await grid(page).focus();
  await page.keyboard.press('Home');
  await row(page, rows[1]!.id).getByRole('checkbox').click();
  await row(page, rows[2]!.id).getByRole('checkbox').click();
  await grid(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('j');
  await expectAccessible(page, 'checklist');
  await screenshot(page, 'checklist');
});

test('a bulk change the core refuses shows its reason and changes nothing on screen', async ({ page, app }) => {
  const { ctx } = app.wb;
  const project = createProject(ctx, { name: 'Churn model', frameworks: ['gdpr'] });
  const rows = checklistRows(ctx, project.id);
  await openApp(page, app, `#/p/${project.id}/checklist`);
  await screenReady(page, 'screen-checklist');
  await grid(page).focus();
  await page.keyboard.press('x');
  await page.keyboard.press('Shift+J');
  await expect(page.getByTestId('count-selected')).toHaveText('2');
  // the core's answer as the transport would bring it: refused, with the reason
  await page.route('**/api/bulkUpdateControls', (route) => route.fulfill({
    json: { ok: false, error: { code: 'FORBIDDEN', message: 'Answering controls needs an owner or assessor; Erin Example is a viewer on this project. Nothing was changed.' } },
  }));
  await page.getByTestId('bulk-status').selectOption('compliant');
  await page.getByTestId('bulk-apply').click();
  await expect(page.locator('.toast-error')).toHaveText('Answering controls needs an owner or assessor; Erin Example is a viewer on this project. Nothing was changed.');
  for (const r of rows.slice(0, 2)) await expect(row(page, r.id)).toContainText('Not assessed');
  await expect(page.getByTestId('count-selected')).toHaveText('2');
  await expect(page.getByTestId('bulk-status')).toHaveValue('compliant');
  expect(checklistRows(ctx, project.id).slice(0, 2).map((r) => r.status)).toEqual(['not_assessed', 'not_assessed']);
});

// every size the app is used at, both colour schemes
const SIZES = [
  { width: 960, height: 600 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

/** How many characters of a cell's text are drawn inside the cell's box (clipped and ellipsised ones are not). */
function visibleCharacters(page: Page, rowId: string, column: string): Promise<number> {
  return row(page, rowId).locator(`td[data-col="${column}"] > span`).evaluate((box) => {
    const text = box.firstChild;
    if (!text || text.nodeType !== 3) return 0; // a text node
    const edge = box.getBoundingClientRect();
    const range = box.ownerDocument.createRange();
    let shown = 0;
    for (let i = 0; i < (text.textContent ?? '').length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const r = range.getBoundingClientRect();
      if (r.width > 0 && r.left >= edge.left - 1 && r.right <= edge.right + 1 && r.top >= edge.top - 1 && r.bottom <= edge.bottom + 1) shown++;
    }
    return shown;
  });
}

test('the title gets the width: a long title shows at least 70 characters at 1440 px, rows keep one height, the domain is short', async ({ page, app }) => {
  test.setTimeout(240_000); // six screenshots and axe on a loaded machine
  const { ctx } = app.wb;
  const project = createProject(ctx, { name: 'Claims triage model', frameworks: ['hipaa', 'gdpr', 'pci'] });
  const rows = checklistRows(ctx, project.id);
  const longest = rows.reduce((a, b) => (b.title.length > a.title.length ? b : a));
  expect(longest.title.length).toBeGreaterThan(90);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, app, `#/p/${project.id}/checklist`);
  await screenReady(page, 'screen-checklist');

  // every row drawn has the same height, long title or short: the list never measures rows
  await expect.poll(async () => new Set(await page.getByTestId('checklist-row').evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height))).size).toBe(1);

  await page.getByTestId('filter-text').fill(longest.id);
  await expect.poll(() => shownIds(page)).toEqual([longest.id]);
  const title = row(page, longest.id).locator('td[data-col="title"] > span');
  await expect(title).toHaveAttribute('title', longest.title);
  await expect.poll(() => visibleCharacters(page, longest.id, 'title')).toBeGreaterThanOrEqual(70);
  // the domain is a word or two; its full name is the tooltip
  const domain = row(page, longest.id).locator('td[data-col="domain"] > span');
  await expect(domain).toHaveAttribute('title', DOMAIN_LABELS[longest.domain]);
  await expect.poll(() => domain.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expectAccessible(page, 'checklist, long title');

  // the whole list, at every size and in both schemes
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('count-shown')).toHaveText(String(rows.length));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await screenshot(page, `checklist-${size.width}x${size.height}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'checklist, dark');
});
