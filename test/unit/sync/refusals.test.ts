// What the sync server refuses, at the database level: forged, replayed, reordered and wrong-role
// events, removed members, strangers and a replayed sign-in. After each refusal every table of the
// server's database is exactly as it was. Roles are judged as of each event along its own line of
// history, as a laptop's verify judges them: a change made after its author's line saw the removal
// is refused; a change made offline before the removal reached that line is a concurrent change,
// accepted by the server and by a laptop's merge and verify alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../../electron/core/projects/projects';
import { addMember, removeMember } from '../../../electron/core/members/members';
import { updateControl } from '../../../electron/core/assessments/update';
import { syncProject } from '../../../electron/core/sync/client';
import { SyncConnection } from '../../../electron/core/sync/connection';
import { eventHash } from '../../../electron/core/audit/chain';
import { eventSigningBytes } from '../../../electron/core/audit/signatures';
import { checkActorKeys } from '../../../electron/core/audit/actor-keys';
import { verifyProject } from '../../../electron/core/audit/verify';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
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

/** An event signed by `by`'s key, made to follow `parent`: what a modified client could send. */
function crafted(by: CoreContext, projectId: string, parent: SyncEvent, like: SyncEvent, change: Partial<Pick<SyncEvent, 'actor' | 'entity' | 'entity_id' | 'action' | 'before_json' | 'after_json'>> = {}): SyncEvent {
  const signer = signerFor(by.db)!;
  const e = { ...like, ...change, seq: parent.seq + 1, prev_hash: parent.hash, key_id: signer.keyId };
  const hash = eventHash(e.prev_hash, e.seq, {
    projectId, at: e.at, actor: e.actor, sessionId: e.session_id, entity: e.entity, entityId: e.entity_id, action: e.action,
    before: e.before_json === null ? null : JSON.parse(e.before_json), after: e.after_json === null ? null : JSON.parse(e.after_json),
  });
  return { ...e, hash, signature: signer.sign(eventSigningBytes(projectId, e.seq, hash)) };
}

const serverHashes = async (projectId: string) =>
  (await srv.store.query<{ hash: string }>('SELECT hash FROM events WHERE project_id = $1 ORDER BY hash', [projectId])).rows.map((r) => r.hash);

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

  it("a change the author's role does not allow along the author's own line of history", async () => {
    const { linus, projectId } = await team();
    // Linus is a contributor; changing a member's role is an owner's: a modified client signs one anyway
    const from = lastSeq(linus, projectId);
    updateControl(linus, projectId, 'DS-01', { status: 'compliant' });
    const [honest] = chainAfter(linus, projectId, from);
    const promote = crafted(linus, projectId, honest!, honest!, { entity: 'member', entity_id: 'Linus', action: 'member.role', before_json: '{"role":"contributor"}', after_json: '{"role":"owner"}' });
    const conn = await connect(linus);
    await expectRefusedUnchanged(
      () => conn.post(`/v1/projects/${projectId}/push`, { events: [honest, promote], keys: [], copy: null, blobs: [] }),
      /\(member\.role\) needs the owner role, but its own line of history makes its author Linus a contributor at that point/,
    );
  });

  it('an event that names someone else than the member whose key signs it, as laptop verify refuses it', async () => {
    const { ada, linus, projectId } = await team();
    const from = lastSeq(linus, projectId);
    updateControl(linus, projectId, 'DS-01', { status: 'compliant' });
    const [honest] = chainAfter(linus, projectId, from);
    // Linus's key, Ada's name: a contributor's change passed off as the owner's
    const posing = crafted(linus, projectId, honest!, honest!, { actor: 'Ada Tester', after_json: '{"status":"not_applicable"}' });
    const conn = await connect(linus);
    await expectRefusedUnchanged(
      () => conn.post(`/v1/projects/${projectId}/push`, { events: [honest, posing], keys: [], copy: null, blobs: [] }),
      new RegExp(`event ${posing.seq} \\(${posing.hash.slice(0, 12)}\\) says it was made by Ada Tester, but is signed by Linus's key \\(fp `),
    );
    // the same sentence a laptop's verify gives for that event
    const problems = checkActorKeys([...chainAfter(ada, projectId, 0), ...chainAfter(linus, projectId, 0), posing]);
    expect(problems).toEqual([{ seq: posing.seq, hash: posing.hash, problem: expect.stringMatching(/says it was made by Ada Tester, but is signed by Linus's key/) as unknown as string }]);
    // named rightly, the same change goes through
    await expect(conn.post(`/v1/projects/${projectId}/push`, { events: [honest], keys: [], copy: null, blobs: [] })).resolves.toEqual({ accepted: 1, alreadyThere: 0 });
  });

  it("a removed member's change made after the removal, on a line that holds the removal, whoever pushes it", async () => {
    const { ada, linus, projectId } = await team();
    updateControl(linus, projectId, 'DS-01', { status: 'compliant' });
    const [template] = chainAfter(linus, projectId, lastSeq(linus, projectId) - 1);
    removeMember(ada, projectId, 'Linus');
    await syncProject(ada, projectId, srv.url);
    const removal = chainAfter(ada, projectId, lastSeq(ada, projectId) - 1)[0]!;
    expect(removal.action).toBe('member.remove');
    // Linus's key signs a change that follows the removal
    const after = crafted(linus, projectId, removal, template!);
    const byAda = await connect(ada);
    await expectRefusedUnchanged(
      () => byAda.post(`/v1/projects/${projectId}/push`, { events: [after], keys: [], copy: null, blobs: [] }),
      new RegExp(`needs the contributor, assessor, owner role, but its own line of history makes its author Linus no member \\(removed at event ${removal.seq}\\)`),
    );
    const byLinus = await connect(linus);
    await expectRefusedUnchanged(() => byLinus.post(`/v1/projects/${projectId}/push`, { events: [after], keys: [], copy: null, blobs: [] }), /is not the key of a member of project/);
    // a laptop's verify judges the same event the same way
    const problems = checkActorKeys([...chainAfter(ada, projectId, 0), after]);
    expect(problems).toEqual([{ seq: after.seq, hash: after.hash, problem: expect.stringMatching(new RegExp(`removed from this project at event ${removal.seq}`)) as unknown as string }]);

    // on Linus's own line: his change, a merge that takes in Ada's line up to the removal, then another change
    const merge = crafted(linus, projectId, template!, template!, { entity: 'project', entity_id: projectId, action: 'bundle.merge', before_json: null, after_json: JSON.stringify({ remoteHead: removal.hash }) });
    const later = crafted(linus, projectId, merge, template!);
    const pushed = [template!, merge, later];
    await expectRefusedUnchanged(
      () => byAda.post(`/v1/projects/${projectId}/push`, { events: pushed, keys: [], copy: null, blobs: [] }),
      new RegExp(`event ${later.seq} .*its own line of history makes its author Linus no member \\(removed at event ${removal.seq}\\)`),
    );
    expect(checkActorKeys([...chainAfter(ada, projectId, 0), ...chainAfter(linus, projectId, 0), ...pushed]).map((p) => p.hash)).toEqual([later.hash]);
    // without the last change, the same events are accepted: made before Linus's line knew of the removal
    await expect(byAda.post(`/v1/projects/${projectId}/push`, { events: [template!, merge], keys: [], copy: null, blobs: [] })).resolves.toEqual({ accepted: 2, alreadyThere: 0 });
  });

  it('an offline change made before the removal was known: valid on its own line, so the server and a laptop merge both accept it', async () => {
    const { ada, linus, projectId } = await team();
    // Linus, offline, answers a control; meanwhile Ada removes him and syncs
    const from = lastSeq(linus, projectId);
    updateControl(linus, projectId, 'DS-01', { status: 'compliant' });
    const offline = chainAfter(linus, projectId, from);
    removeMember(ada, projectId, 'Linus');
    await syncProject(ada, projectId, srv.url);

    // a removed member's key can no longer push or pull, whatever it carries
    await expectRefusedUnchanged(() => syncProject(linus, projectId, srv.url), /is not the key of a member of project/);
    // the laptop: Ada merges Linus's copy from a bundle; his change is in, and her copy verifies
    await importBundle(ada, (await exportBundle(linus, projectId)).bytes);
    expect(verifyProject(ada, projectId).problems.map((p) => p.sentence)).toEqual([]);
    expect(ada.db.prepare("SELECT status FROM control_assessments WHERE project_id = ? AND control_id = 'DS-01'").pluck().get(projectId)).toBe('compliant');
    // the server: Ada's sync carries Linus's change, judged on his line (where he was a contributor), and accepts it
    await syncProject(ada, projectId, srv.url);
    const held = await serverHashes(projectId);
    for (const e of offline) expect(held).toContain(e.hash);
    // Linus stays removed on the server
    await expect((await connect(ada)).get(`/v1/projects/${projectId}/pull?after=0`)).resolves.toBeTruthy();
    await expect((await connect(linus)).get(`/v1/projects/${projectId}/pull?after=0`)).rejects.toThrow(/is not the key of a member/);
  });

  it('anything a stranger or an unsigned caller asks for', async () => {
    const { projectId } = await team();
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
