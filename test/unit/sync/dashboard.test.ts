// The sync server's read-only dashboard (GET /): a real server on a throwaway PostgreSQL, two
// laptops synced, and the page read back: the projects, readiness per framework exactly as the
// app prints it (readinessOf + readinessText), the last sync of each member as the server recorded
// it, names escaped, no form and nothing to POST, and no secret asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../../electron/core/projects/projects';
import { addMember } from '../../../electron/core/members/members';
import { updateControl } from '../../../electron/core/assessments/update';
import { syncProject } from '../../../electron/core/sync/client';
import { checklistRows } from '../../../electron/core/assessments/checklist';
import { readinessOf } from '../../../electron/core/projects/readiness';
import { controlFrameworks } from '../../../electron/core/projects/scope';
import { readinessText } from '../../../shared/gaps';
import { miniCatalog } from '../../fixtures/mini-catalog';
import { testWorkbench, fixedClock } from '../../helpers/workbench';
import { admit, publicKeyOf, serverTables, stopSharedCluster, testSyncServer, type TestServer } from './sync-helpers';

let srv: TestServer;
beforeAll(async () => {
  const catalog = miniCatalog();
  const frameworksOf = new Map(catalog.controls.map((c) => [c.id, controlFrameworks(c)]));
  const names = new Map(catalog.frameworks.map((f) => [f.id as string, f.name]));
  srv = await testSyncServer({ controlFrameworks: (id) => frameworksOf.get(id) ?? [], frameworkName: (id) => names.get(id) ?? id });
});
afterAll(async () => {
  await srv.close();
  stopSharedCluster();
});

describe('the sync server dashboard', () => {
  it('shows projects, readiness per framework as the app prints it and each member\'s last sync; read-only and escaped', async () => {
    const ada = await testWorkbench({ actor: 'Ada Tester', now: fixedClock().now });
    const linus = await testWorkbench({ actor: '<script>', now: fixedClock('2026-11-28T10:30:00.000Z').now });
    await admit(srv.store, ada.ctx);
    const project = createProject(ada.ctx, { name: 'Claims <b>model</b>', frameworks: ['hipaa', 'pci'] });
    addMember(ada.ctx, project.id, { name: '<script>', role: 'contributor', publicKey: publicKeyOf(linus.ctx) });
    updateControl(ada.ctx, project.id, 'DS-01', { status: 'compliant' });
    updateControl(ada.ctx, project.id, 'AC-01', { status: 'partial' });
    updateControl(ada.ctx, project.id, 'NS-01', { status: 'not_applicable' });
    await syncProject(ada.ctx, project.id, srv.url);
    await syncProject(linus.ctx, project.id, srv.url);
    const other = createProject(ada.ctx, { name: 'Second project', frameworks: ['gdpr'] });
    await syncProject(ada.ctx, other.id, srv.url);

    // no token, no cookie, no key: the page is public, as SECURITY.md says
    const res = await fetch(`${srv.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();

    // both projects, their names escaped
    expect(html).toContain('Claims &lt;b&gt;model&lt;/b&gt;');
    expect(html).toContain(project.id);
    expect(html).toContain('Second project');
    expect(html).toContain('2 projects');

    // readiness per framework, by the framework's name: the app's own figure, printed the app's way
    const rows = checklistRows(ada.ctx, project.id);
    for (const framework of ['hipaa', 'pci']) {
      const expected = readinessOf(rows.filter((r) => r.frameworks.includes(framework)).map((r) => r.status));
      expect(expected.percent).not.toBeNull();
      expect(expected.percent).toBeGreaterThan(0);
      const name = miniCatalog().frameworks.find((f) => f.id === framework)!.name;
      expect(name).not.toBe(framework);
      expect(html).toContain(`<li>${name}: ${readinessText(expected.percent)} ready (${expected.inScope} controls in scope)</li>`);
    }

    // last sync per member, as the server recorded it; the member named <script> is escaped
    const syncs = (await srv.store.query<{ member_key: string; synced_at: Date }>(
      `SELECT m.member_key, s.synced_at FROM members m JOIN member_syncs s ON s.project_id = m.project_id AND s.key_id = m.key_id WHERE m.project_id = $1 ORDER BY 1`,
      [project.id],
    )).rows;
    expect(syncs).toHaveLength(2);
    for (const s of syncs) {
      const name = s.member_key.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      // the member's name where the copy gives one, then the key the server knows them by
      const at = s.synced_at.toISOString().slice(0, 16).replace('T', ' ');
      expect(html).toMatch(new RegExp(`<tr><td>(?:[^<]+ <small>)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:</small>)?</td><td>[a-z]+</td><td><code>[^<]+</code></td><td>${at}</td></tr>`));
    }
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<script/i);

    // read-only: no form, nothing that posts, and a POST to / changes nothing
    expect(html).not.toMatch(/<form|method=|<input|<button/i);
    const before = await serverTables(srv.store);
    const post = await fetch(`${srv.url}/`, { method: 'POST', body: 'x=1' });
    expect(post.status).toBe(404);
    expect(await serverTables(srv.store)).toBe(before);
  });
});
