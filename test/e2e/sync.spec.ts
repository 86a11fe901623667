// Issue 18's screens: the Team screen's Sync panel against a real sync server on a throwaway
// PostgreSQL cluster (first sync, a teammate's change pulled in, a conflict listed, an unreachable
// server named in one sentence), and the server's read-only dashboard. Each at 960×600, 1440×900
// and 1920×1080, light and dark, axe clean.
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test, expect, openApp, screenReady, shootEverySize } from './fixtures';
import { openWorkbench } from '../../electron/core/workbench';
import { createProject } from '../../electron/core/projects/projects';
import { addMember } from '../../electron/core/members/members';
import { updateControl } from '../../electron/core/assessments/update';
import { checklistRows } from '../../electron/core/assessments/checklist';
import { syncProject } from '../../electron/core/sync/client';
import { signerFor } from '../../electron/core/identity/signers';
import { admitKey } from '../../electron/core/sync/server-reads';
import { migrateSyncStore, openSyncStore } from '../../electron/core/sync/server-store';
import { loadBuiltinCatalog } from '../../electron/core/catalog/builtin';
import { controlFrameworks } from '../../electron/core/projects/scope';
import { startSyncServer } from '../../electron/host/sync-server';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';

test.describe.configure({ timeout: 300_000 });

let cluster: TestPostgres | null = null;
test.beforeAll(() => {
  cluster = startTestPostgres();
});
test.afterAll(() => {
  cluster?.stop();
});

/** An address on this machine where nothing listens: a port the system gave out, then closed. */
async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

let databases = 0;
async function syncServer() {
  const store = await openSyncStore(await cluster!.createDatabase(`e2e_sync_${process.pid}_${++databases}`));
  await migrateSyncStore(store);
  // what `cwb server start` passes: the built-in catalog's frameworks of each control, and their names
  const catalog = loadBuiltinCatalog();
  const frameworksOf = new Map(catalog.controls.map((c) => [c.id, controlFrameworks(c)]));
  const names = new Map(catalog.frameworks.map((f) => [f.id as string, f.name]));
  const server = await startSyncServer({
    store, port: 0, log: () => undefined,
    controlFrameworks: (id) => frameworksOf.get(id) ?? [], frameworkName: (id) => names.get(id) ?? id,
  });
  return { store, url: server.url, close: async () => { await server.close(); await store.end(); } };
}

test('the Sync panel: first sync, a teammate\'s change pulled in, a conflict listed, an unreachable server named', async ({ page, app }) => {
  const srv = await syncServer();
  const linus = await openWorkbench(join(app.dir, 'linus.sqlite'), { create: true, actor: 'Linus Teammate' });
  try {
    await admitKey(srv.store, signerFor(app.wb.ctx.db)!.publicKeyPem);
    const project = createProject(app.wb.ctx, { name: 'Claims triage model', frameworks: ['hipaa'] });
    addMember(app.wb.ctx, project.id, { name: 'Linus Teammate', role: 'contributor', publicKey: signerFor(linus.ctx.db)!.publicKeyPem });
    const [first, second] = checklistRows(app.wb.ctx, project.id);

    await openApp(page, app, `#/p/${project.id}/audit`);
    await screenReady(page, 'screen-team');
    const status = page.getByTestId('sync-status');
    await expect(status).toHaveText(/^Never synced · \d+ changes to push · 0 open conflicts$/);
    await page.getByTestId('sync-panel').scrollIntoViewIfNeeded();
    await shootEverySize(page, 'sync-never-synced', () => expect(status).toContainText('Never synced'));

    // the first sync creates the project on the server
    await page.getByTestId('sync-server').fill(srv.url);
    await page.getByTestId('sync-now').click();
    await expect(page.getByRole('status').filter({ hasText: /^Synced: \d+ pushed, 0 pulled/ })).toBeVisible();
    await expect(status).toHaveText(/^Last synced \d{4}-\d\d-\d\d \d\d:\d\d UTC · 0 changes to push · 0 open conflicts$/);

    // Linus pulls it, notes one control and answers another; Erin answers that one differently meanwhile
    await syncProject(linus.ctx, project.id, srv.url);
    updateControl(linus.ctx, project.id, first!.id, { note: 'Bucket keys checked by Linus' });
    updateControl(linus.ctx, project.id, second!.id, { status: 'non_compliant' });
    await syncProject(linus.ctx, project.id, srv.url);
    updateControl(app.wb.ctx, project.id, second!.id, { status: 'compliant' });
    await page.reload();
    await screenReady(page, 'screen-team');
    await expect(status).toHaveText(/· 1 change to push · 0 open conflicts$/);
    await page.getByTestId('sync-panel').scrollIntoViewIfNeeded();
    await shootEverySize(page, 'sync-one-pending', () => expect(status).toContainText('1 change to push'));

    await page.getByTestId('sync-now').click();
    await expect(page.getByRole('status').filter({ hasText: /^Synced: \d+ pushed, \d+ pulled, 1 conflict to resolve/ })).toBeVisible();
    await expect(status).toHaveText(/· 0 changes to push · 1 open conflict$/);
    // Linus's note is here now, and the two answers wait as one conflict in the list below
    await expect.poll(() => checklistRows(app.wb.ctx, project.id).find((r) => r.id === first!.id)?.note).toBe('Bucket keys checked by Linus');
    const conflict = page.getByTestId('conflict');
    await expect(conflict).toHaveCount(1);
    await expect(conflict).toContainText(second!.id);
    await shootEverySize(page, 'sync-conflict', () => expect(conflict).toBeVisible());

    await expect(conflict.getByRole('button', { name: /^Keep “Non-compliant” \(Linus Teammate, / })).toBeVisible();

    // a server that is not there (a port nothing listens on): one sentence that names it, and nothing changes
    const gone = await closedPort();
    await page.getByTestId('sync-server').fill(gone);
    await page.getByTestId('sync-now').click();
    const unreachable = page.getByTestId('sync-problem');
    // the client retries a few times before it gives up
    await expect(unreachable).toBeVisible({ timeout: 60_000 });
    await expect(unreachable).toHaveText(new RegExp(`^The sync server at ${gone.replace(/[.:/]/g, '\\$&')} cannot be reached \\(.+\\); nothing was lost: sync again later\\.$`));
    await expect(status).toHaveText(/· 0 changes to push · 1 open conflict$/);
    await shootEverySize(page, 'sync-unreachable', () => expect(unreachable).toBeVisible());
    // the next sync that works clears it
    await page.getByTestId('sync-server').fill(srv.url);
    await page.getByTestId('sync-now').click();
    await expect(page.getByRole('status').filter({ hasText: /^Synced: / })).toBeVisible();
    await expect(unreachable).toHaveCount(0);
  } finally {
    linus.close();
    await srv.close();
  }
});

test('the sync server\'s dashboard: projects, readiness per framework, last sync per member, nothing to submit', async ({ page, app }) => {
  const srv = await syncServer();
  const linus = await openWorkbench(join(app.dir, 'linus.sqlite'), { create: true, actor: 'Linus Teammate' });
  try {
    await admitKey(srv.store, signerFor(app.wb.ctx.db)!.publicKeyPem);
    const project = createProject(app.wb.ctx, { name: 'Fraud scoring <pilot>', frameworks: ['hipaa', 'pci'] });
    addMember(app.wb.ctx, project.id, { name: 'Linus Teammate', role: 'contributor', publicKey: signerFor(linus.ctx.db)!.publicKeyPem });
    addMember(app.wb.ctx, project.id, { name: 'Dana Keyless', role: 'viewer' });
    const [first] = checklistRows(app.wb.ctx, project.id);
    updateControl(app.wb.ctx, project.id, first!.id, { status: 'compliant' });
    await syncProject(app.wb.ctx, project.id, srv.url);
    await syncProject(linus.ctx, project.id, srv.url);

    await page.goto(`${srv.url}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compliance Workbench sync server');
    const section = page.getByRole('region', { name: /Fraud scoring <pilot>/ });
    await expect(section).toBeVisible();
    // frameworks by the names the app uses, never by id
    await expect(section.getByRole('listitem')).toHaveText([/^HIPAA Security Rule: \d+(\.\d)?% ready \(\d+ controls in scope\)$/, /^PCI DSS v4\.0\.1: \d+(\.\d)?% ready \(\d+ controls in scope\)$/]);
    const rows = section.getByRole('row');
    await expect(rows.filter({ hasText: 'Erin Example' })).toContainText(/erin@example\.org\s*owner/);
    await expect(rows.filter({ hasText: 'Linus Teammate' })).toContainText(/contributor.*\d{4}-\d\d-\d\d \d\d:\d\d/);
    await expect(rows.filter({ hasText: 'Dana Keyless' })).toContainText(/viewer\s*no key\s*never/);
    // read-only: nothing on the page can be filled in or submitted
    await expect(page.locator('form, input, button, textarea, select')).toHaveCount(0);
    await shootEverySize(page, 'sync-dashboard', () => expect(section).toBeVisible());
  } finally {
    linus.close();
    await srv.close();
  }
});
