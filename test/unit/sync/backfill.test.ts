// A project stored on a sync server before PostgreSQL migration 0002 has no line states: its events
// were judged by the members table alone. Its next push computes the states of every stored event
// in arrival order (server-accept.ts backfillLines). The states, the server's view of the members
// and the judgement that follows must be exactly those of a server that had the states all along.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../../electron/core/projects/projects';
import { addMember, removeMember, setMemberRole } from '../../../electron/core/members/members';
import { updateControl } from '../../../electron/core/assessments/update';
import { syncProject } from '../../../electron/core/sync/client';
import { migrateSyncStore, openSyncStore, postgresMigrationsDir, type SyncStore } from '../../../electron/core/sync/server-store';
import { startSyncServer, type RunningSyncServer } from '../../../electron/host/sync-server';
import { SyncConnection } from '../../../electron/core/sync/connection';
import { eventHash } from '../../../electron/core/audit/chain';
import { eventSigningBytes } from '../../../electron/core/audit/signatures';
import { signerFor } from '../../../electron/core/identity/signers';
import type { CoreContext } from '../../../electron/core/context';
import type { SyncEvent } from '../../../shared/sync';
import { fixedClock, testWorkbench } from '../../helpers/workbench';
import { admit, publicKeyOf, serverTables, sharedCluster, stopSharedCluster, testSyncServer, type TestServer } from './sync-helpers';

let current: TestServer;
beforeAll(async () => {
  current = await testSyncServer();
});
afterAll(async () => {
  await current.close();
  stopSharedCluster();
});

const EVENT_COLUMNS = 'project_id, hash, seq, prev_hash, at, actor, session_id, entity, entity_id, action, before_json, after_json, key_id, signature';

/** A server database at schema 0001 holding what `from` holds of the project, as a server of that version would have stored it. */
async function storedBefore0002(from: SyncStore, projectId: string): Promise<SyncStore> {
  const store = await openSyncStore(await sharedCluster().createDatabase(`before_0002_${process.pid}`));
  const only0001 = mkdtempSync(join(tmpdir(), 'cwb-pg-0001-'));
  try {
    copyFileSync(join(postgresMigrationsDir(), '0001_sync_server.sql'), join(only0001, '0001_sync_server.sql'));
    expect(await migrateSyncStore(store, only0001)).toBe(1);
  } finally {
    rmSync(only0001, { recursive: true, force: true });
  }
  const copy = async (table: string, columns: string, where: string, order = '') => {
    const rows = (await from.query<Record<string, unknown>>(`SELECT ${columns} FROM ${table} WHERE ${where} ${order}`, [projectId])).rows;
    const names = columns.split(', ');
    for (const r of rows) await store.query(`INSERT INTO ${table} (${columns}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, names.map((n) => r[n]));
  };
  await copy('admitted_keys', 'key_id, public_key, admitted_at', 'key_id IN (SELECT created_by_key FROM projects WHERE project_id = $1)');
  await copy('projects', 'project_id, created_by_key, first_event, created_at', 'project_id = $1');
  await copy('events', EVENT_COLUMNS, 'project_id = $1', 'ORDER BY received');
  await copy('members', 'project_id, member_key, key_id, public_key, role', 'project_id = $1');
  await copy('member_syncs', 'project_id, key_id, synced_at', 'project_id = $1');
  // a copy's head_received is an arrival number of this database
  const copies = (await from.query<Record<string, unknown>>('SELECT * FROM copies WHERE project_id = $1', [projectId])).rows;
  for (const c of copies) {
    await store.query(
      `INSERT INTO copies (project_id, key_id, member_key, public_key, head_seq, head_hash, head_key_id, head_signature, head_received, rows_json, signature)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, received, $9, $10 FROM events WHERE project_id = $1 AND hash = $6`,
      [c.project_id, c.key_id, c.member_key, c.public_key, c.head_seq, c.head_hash, c.head_key_id, c.head_signature, c.rows_json, c.signature],
    );
  }
  expect(await migrateSyncStore(store)).toBeGreaterThan(0);
  return store;
}

/** Each event's members as its line defines them after it, and the server's view: what judgement reads. */
async function lineStates(store: SyncStore, projectId: string): Promise<{ events: string[]; view: string; members: string[] }> {
  const events = (await store.query<{ hash: string; members: string }>(
    'SELECT l.hash, s.members FROM event_lines l JOIN line_states s ON s.id = l.state_id WHERE l.project_id = $1 ORDER BY l.hash', [projectId],
  )).rows.map((r) => `${r.hash} ${r.members}`);
  const view = (await store.query<{ members: string }>('SELECT s.members FROM projects p JOIN line_states s ON s.id = p.view_state WHERE p.project_id = $1', [projectId])).rows[0]?.members ?? 'none';
  const members = (await store.query<Record<string, unknown>>('SELECT member_key, key_id, role FROM members WHERE project_id = $1 ORDER BY member_key', [projectId])).rows.map((r) => JSON.stringify(r));
  return { events, view, members };
}

function lastEvent(ctx: CoreContext, projectId: string): SyncEvent {
  return ctx.db.prepare('SELECT seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash, key_id, signature FROM audit_events WHERE project_id = ? ORDER BY seq DESC LIMIT 1').get(projectId) as SyncEvent;
}

/** A member.role event by `by`, following `parent`: what a modified client could sign. */
function promotion(by: CoreContext, projectId: string, parent: SyncEvent, member: string): SyncEvent {
  const signer = signerFor(by.db)!;
  const e = { ...parent, entity: 'member', entity_id: member, action: 'member.role', before_json: '{"role":"contributor"}', after_json: '{"role":"owner"}', seq: parent.seq + 1, prev_hash: parent.hash, key_id: signer.keyId };
  const hash = eventHash(e.prev_hash, e.seq, { projectId, at: e.at, actor: e.actor, sessionId: e.session_id, entity: e.entity, entityId: e.entity_id, action: e.action, before: JSON.parse(e.before_json), after: JSON.parse(e.after_json) });
  return { ...e, hash, signature: signer.sign(eventSigningBytes(projectId, e.seq, hash)) };
}

describe('a project stored before migration 0002', () => {
  it('gets its line states on its next push, equal to those of a server that always had them, and is judged alike', async () => {
    // a history with member changes: Linus added, Grace added then made an assessor, Grace removed
    const ada = (await testWorkbench({ actor: 'Ada Tester', now: fixedClock().now })).ctx;
    const linus = (await testWorkbench({ actor: 'Linus', now: fixedClock('2026-11-28T10:30:00.000Z').now })).ctx;
    const grace = (await testWorkbench({ actor: 'Grace', now: fixedClock('2026-11-28T10:45:00.000Z').now })).ctx;
    await admit(current.store, ada);
    const projectId = createProject(ada, { name: 'Claims model', frameworks: ['pci'] }).id;
    addMember(ada, projectId, { name: 'Linus', role: 'contributor', publicKey: publicKeyOf(linus) });
    const graceKey = addMember(ada, projectId, { name: 'Grace', role: 'contributor', publicKey: publicKeyOf(grace) }).key;
    setMemberRole(ada, projectId, graceKey, 'assessor');
    await syncProject(ada, projectId, current.url);
    await syncProject(linus, projectId, current.url);
    updateControl(linus, projectId, 'DS-01', { status: 'compliant', note: 'KMS keys on every bucket' });
    await syncProject(linus, projectId, current.url);
    removeMember(ada, projectId, graceKey);
    await syncProject(ada, projectId, current.url);

    const old = await storedBefore0002(current.store, projectId);
    let oldServer: RunningSyncServer | null = null;
    try {
      // migrated to 0002, the stored project has no states yet
      expect((await old.query('SELECT view_state FROM projects WHERE project_id = $1', [projectId])).rows[0]).toEqual({ view_state: null });
      expect((await old.query('SELECT count(*)::int AS n FROM event_lines')).rows[0]).toEqual({ n: 0 });
      oldServer = await startSyncServer({ store: old, port: 0, log: () => undefined });

      // Linus's next change reaches both servers: the old one fills in its states on this push
      updateControl(linus, projectId, 'AC-01', { status: 'partial' });
      const change = lastEvent(linus, projectId);
      for (const url of [oldServer.url, current.url]) {
        const conn = new SyncConnection(url, signerFor(linus.db)!, { attempts: 1, delayMs: 0 });
        await conn.signIn();
        await expect(conn.post(`/v1/projects/${projectId}/push`, { events: [change], keys: [], copy: null, blobs: [] })).resolves.toEqual({ accepted: 1, alreadyThere: 0 });
      }
      const filled = await lineStates(old, projectId);
      const always = await lineStates(current.store, projectId);
      expect(filled.events.length).toBe((await current.store.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [projectId])).rows[0].n);
      expect(filled).toEqual(always);
      expect(filled.members.some((m) => m.includes('"role":null') && m.includes('Grace'))).toBe(true);

      // and the judgement that reads them is the same: a contributor's self-promotion is refused by both, changing nothing
      const forged = promotion(linus, projectId, change, 'Linus');
      for (const store of [old, current.store]) {
        const url = store === old ? oldServer.url : current.url;
        const conn = new SyncConnection(url, signerFor(linus.db)!, { attempts: 1, delayMs: 0 });
        await conn.signIn();
        const before = await serverTables(store);
        await expect(conn.post(`/v1/projects/${projectId}/push`, { events: [forged], keys: [], copy: null, blobs: [] }))
          .rejects.toThrow(/\(member\.role\) needs the owner role, but its own line of history makes its author Linus a contributor at that point/);
        expect(await serverTables(store)).toBe(before);
      }
    } finally {
      await oldServer?.close();
      await old.end();
    }
  });
});
