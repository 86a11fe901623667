// What the sync server refuses, at the database level: forged, replayed, reordered and wrong-role
// events, removed members, strangers and a replayed sign-in. After each refusal every table of the
// server's database is exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../../electron/core/projects/projects';
import { addMember, removeMember, setMemberRole } from '../../../electron/core/members/members';
import { updateControl } from '../../../electron/core/assessments/update';
import { syncProject } from '../../../electron/core/sync/client';
import { SyncConnection } from '../../../electron/core/sync/connection';
import { eventHash } from '../../../electron/core/audit/chain';
import { signerFor } from '../../../electron/core/identity/signers';
import { authSigningBytes } from '../../../electron/core/sync/server-auth';
import type { CoreContext } from '../../../electron/core/context';
import type { SyncEvent } from '../../../shared/sync';
import { testWorkbench, fixedClock } from '../../helpers/workbench';
import { admit, publicKeyOf, serverTables, stopSharedCluster, testSyncServer, type TestServer } from './sync-helpers';

let srv: TestServer;
beforeAll(async () => {
  srv = await testSyncServer();
});
afterAll(async () => {
  await srv.close();
  stopSharedCluster();
});

const COLUMNS = 'seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash, key_id, signature';
function chainAfter(ctx: CoreContext, projectId: string, seq: number): SyncEvent[] {
  return ctx.db.prepare(`SELECT ${COLUMNS} FROM audit_events WHERE project_id = ? AND seq > ? ORDER BY seq`).all(projectId, seq) as SyncEvent[];
}

async function connect(ctx: CoreContext): Promise<SyncConnection> {
  const conn = new SyncConnection(srv.url, signerFor(ctx.db)!, { attempts: 1, delayMs: 0 });
  await conn.signIn();
  return conn;
}

/** A project on the server with Ada as owner and Linus as contributor, both synced. */
async function team() {
  const ada = await testWorkbench({ actor: 'Ada Tester', now: fixedClock().now });
  const linus = await testWorkbench({ actor: 'Linus', now: fixedClock('2026-11-28T10:30:00.000Z').now });
  await admit(srv.store, ada.ctx);
  const project = createProject(ada.ctx, { name: 'Claims model', frameworks: ['pci'] });
  addMember(ada.ctx, project.id, { name: 'Linus', role: 'contributor', publicKey: publicKeyOf(linus.ctx) });
  await syncProject(ada.ctx, project.id, srv.url);
  await syncProject(linus.ctx, project.id, srv.url);
  return { ada: ada.ctx, linus: linus.ctx, projectId: project.id };
}

async function expectRefusedUnchanged(work: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = await serverTables(srv.store);
  await expect(work()).rejects.toThrow(message);
  expect(await serverTables(srv.store)).toBe(before);
}

function lastSeq(ctx: CoreContext, projectId: string): number {
  return ctx.db.prepare('SELECT max(seq) FROM audit_events WHERE project_id = ?').pluck().get(projectId) as number;
}

describe('the sync server refuses', () => {
  it('a forged event: altered content, a signature that does not match, an event moved to another project', async () => {
    const { linus, projectId } = await team();
    const from = lastSeq(linus, projectId);
    updateControl(linus, projectId, 'DS-01', { status: 'compliant' });
    const [event] = chainAfter(linus, projectId, from);
    const conn = await connect(linus);
    const push = (events: SyncEvent[], project = projectId) => conn.post(`/v1/projects/${project}/push`, { events, keys: [], copy: null, blobs: [] });

    const altered = { ...event!, after_json: '{"status":"not_applicable"}' };
    await expectRefusedUnchanged(() => push([altered]), /does not match its hash: it was forged or altered/);
    // re-hashed after the edit: the hash is right, the author's signature is not
    const rehashed = { ...altered, hash: eventHash(altered.prev_hash, altered.seq, { projectId, at: altered.at, actor: altered.actor, sessionId: altered.session_id, entity: altered.entity, entityId: altered.entity_id, action: altered.action, before: JSON.parse(altered.before_json!), after: JSON.parse(altered.after_json) }) };
    await expectRefusedUnchanged(() => push([rehashed]), /signature that does not match it/);
    const other = await team();
    await expectRefusedUnchanged(() => push([event!], other.projectId), /not the key of a member|does not match its hash/);
    // the genuine event goes through
    await expect(push([event!])).resolves.toEqual({ accepted: 1, alreadyThere: 0 });
  });

  it('a replayed event changes nothing, and a replayed sign-in answer is refused', async () => {
    const { linus, projectId } = await team();
    const events = chainAfter(linus, projectId, 0);
    const conn = await connect(linus);
    const before = await serverTables(srv.store);
    await expect(conn.post(`/v1/projects/${projectId}/push`, { events, keys: [], copy: null, blobs: [] })).resolves.toEqual({ accepted: 0, alreadyThere: events.length });
    expect((await serverTables(srv.store)).replace(/"synced_at":"[^"]+"/g, '')).toBe(before.replace(/"synced_at":"[^"]+"/g, ''));

    const signer = signerFor(linus.db)!;
    const challenge = (await (await fetch(`${srv.url}/v1/auth/challenge`, { method: 'POST', body: JSON.stringify({ publicKey: signer.publicKeyPem }) })).json()) as { challenge: string };
    const answer = { publicKey: signer.publicKeyPem, challenge: challenge.challenge, signature: signer.sign(authSigningBytes(challenge.challenge)) };
    const once = await fetch(`${srv.url}/v1/auth/token`, { method: 'POST', body: JSON.stringify(answer) });
    expect(once.status).toBe(200);
    const twice = await fetch(`${srv.url}/v1/auth/token`, { method: 'POST', body: JSON.stringify(answer) });
    expect(twice.status).toBe(403);
    expect(await twice.json()).toMatchObject({ error: { message: expect.stringMatching(/already answered/) } });
  });

  it('reordered events: one that follows an event the server does not have', async () => {
    const { linus, projectId } = await team();
    const from = lastSeq(linus, projectId);
    updateControl(linus, projectId, 'DS-01', { status: 'compliant' });
    updateControl(linus, projectId, 'AC-01', { status: 'compliant' });
    const [first, second] = chainAfter(linus, projectId, from);
    const conn = await connect(linus);
    await expectRefusedUnchanged(() => conn.post(`/v1/projects/${projectId}/push`, { events: [second, first], keys: [], copy: null, blobs: [] }), /follows an event the server does not have/);
    await expectRefusedUnchanged(() => conn.post(`/v1/projects/${projectId}/push`, { events: [second], keys: [], copy: null, blobs: [] }), /events must arrive in order/);
  });

  it("a change the author's role does not allow, as the project's history on the server has it", async () => {
    const { ada, linus, projectId } = await team();
    setMemberRole(ada, projectId, 'Linus', 'viewer');
    await syncProject(ada, projectId, srv.url);
    // Linus, offline and still a contributor in his copy, answers a control
    updateControl(linus, projectId, 'DS-01', { status: 'compliant' });
    await expectRefusedUnchanged(() => syncProject(linus, projectId, srv.url), /needs the contributor, assessor, owner role, but the project's history makes its author Linus a viewer/);
  });

  it("a removed member's later events, and anything a removed member or a stranger asks for", async () => {
    const { ada, linus, projectId } = await team();
    removeMember(ada, projectId, 'Linus');
    await syncProject(ada, projectId, srv.url);
    updateControl(linus, projectId, 'DS-01', { status: 'compliant' });
    await expectRefusedUnchanged(() => syncProject(linus, projectId, srv.url), /is not the key of a member of project/);
    const conn = await connect(linus);
    await expect(conn.get(`/v1/projects/${projectId}/pull?after=0`)).rejects.toThrow(/is not the key of a member/);

    const mallory = await testWorkbench({ actor: 'Mallory', now: fixedClock().now });
    const stranger = await connect(mallory.ctx);
    await expect(stranger.get(`/v1/projects/${projectId}/pull?after=0`)).rejects.toThrow(/is not the key of a member/);
    const unsigned = await fetch(`${srv.url}/v1/projects/${projectId}/pull?after=0`);
    expect(unsigned.status).toBe(403);
  });

  it('a project created by a key the server has not admitted', async () => {
    const eve = await testWorkbench({ actor: 'Eve', now: fixedClock().now });
    const project = createProject(eve.ctx, { name: 'Shadow project', frameworks: ['pci'] });
    await expectRefusedUnchanged(() => syncProject(eve.ctx, project.id, srv.url), /is not admitted to create projects on this server/);
  });
});
