// The sync server's judgement of a push: every event must recompute to its hash, follow events
// already on the server (its parent, and the head a merge covers), carry a valid signature of a
// key the project's history binds to a member, and that member must hold, in the history the
// server has accepted, a role allowed to make the change. One refused event refuses the whole
// push and the transaction rolls back: the server's tables stay as they were.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { GENESIS_HASH, receivedEventHash } from '../audit/chain';
import { eventSigningBytes } from '../audit/signatures';
import { fingerprintOf, keyIdOf, parsePublicKeyPem, verifyBytes } from '../identity/keys';
import { WorkbenchError } from '../errors';
import type { CopySnapshot, PushAnswer, PushRequest, SyncEvent } from '../../../shared/sync';
import type { Role } from '../../../shared/team';
import { coveredHead, memberChanges, rolesToAuthor } from './author-roles';
import { inPgTransaction, type SyncStore } from './server-store';
import { copySigningBytes } from './copy-signing';

export type Pusher = { keyId: string; publicKeyPem: string };

type MemberState = { memberKey: string; keyId: string | null; publicKey: string | null; role: Role | null; changed: boolean };

export function refused(message: string): WorkbenchError {
  return new WorkbenchError('FORBIDDEN', `${message}. The push was refused whole; nothing was stored.`);
}

function recomputedHash(projectId: string, e: SyncEvent): string | null {
  return receivedEventHash(projectId, e);
}

/** Serialises the pushes of one project, so the arrival order is the commit order (pull pages rely on it). */
export async function lockProject(client: pg.PoolClient, projectId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cwb-project:${projectId}`]);
}

async function loadMembers(client: pg.PoolClient, projectId: string): Promise<Map<string, MemberState>> {
  const rows = (await client.query<{ member_key: string; key_id: string | null; public_key: string | null; role: Role | null }>(
    'SELECT member_key, key_id, public_key, role FROM members WHERE project_id = $1', [projectId],
  )).rows;
  return new Map(rows.map((r) => [r.member_key, { memberKey: r.member_key, keyId: r.key_id, publicKey: r.public_key, role: r.role, changed: false }]));
}

/** The member a key belongs to, per the accepted history, or undefined. */
function memberOfKey(members: Map<string, MemberState>, keyId: string): MemberState | undefined {
  for (const m of members.values()) if (m.keyId === keyId) return m;
  return undefined;
}

/** The public keys a push offers, by key id; each is used only for a key the history binds to a member. */
function offeredKeys(pusher: Pusher, pems: readonly string[]): Map<string, string> {
  const keys = new Map<string, string>([[pusher.keyId, pusher.publicKeyPem]]);
  for (const pem of pems) {
    try {
      keys.set(keyIdOf(parsePublicKeyPem(pem, 'an offered member key')), pem);
    } catch {
      throw refused('the push offers a member key that is not an Ed25519 public key');
    }
  }
  return keys;
}

/** Checks and stores a push in one transaction; returns how many events were new. */
export async function acceptPush(pool: SyncStore, projectId: string, pusher: Pusher, push: PushRequest): Promise<PushAnswer> {
  return inPgTransaction(pool, async (client) => {
    await lockProject(client, projectId);
    const project = (await client.query<{ project_id: string }>('SELECT project_id FROM projects WHERE project_id = $1', [projectId])).rows[0];
    const members = await loadMembers(client, projectId);
    const offered = offeredKeys(pusher, push.keys);

    // what of this push, its parents and the heads it covers the server already holds
    const wanted = new Set<string>();
    for (const e of push.events) {
      wanted.add(e.hash);
      wanted.add(e.prev_hash);
      const head = coveredHead(e);
      if (head) wanted.add(head);
    }
    const known = new Map<string, number>(
      (await client.query<{ hash: string; seq: number }>('SELECT hash, seq FROM events WHERE project_id = $1 AND hash = ANY($2::text[])', [projectId, [...wanted]])).rows.map((r) => [r.hash, r.seq]),
    );

    if (!project) {
      const first = push.events[0];
      if (!first || first.seq !== 1 || first.prev_hash !== GENESIS_HASH || first.action !== 'project.create' || first.entity_id !== projectId) {
        throw new WorkbenchError('NOT_FOUND', `Project ${projectId} is not on this server; its first push must start with the event that created it.`);
      }
      const admitted = (await client.query('SELECT 1 FROM admitted_keys WHERE key_id = $1', [pusher.keyId])).rowCount;
      if (!admitted) throw refused(`key ${fingerprintOf(pusher.keyId)} is not admitted to create projects on this server (an administrator runs \`cwb server admit --key FILE.pub\`)`);
      if (first.key_id !== pusher.keyId) throw refused('the event that created the project must be signed by the key that pushes it');
      await client.query('INSERT INTO projects (project_id, created_by_key, first_event) VALUES ($1, $2, $3)', [projectId, pusher.keyId, first.hash]);
    } else {
      const me = memberOfKey(members, pusher.keyId);
      if (!me || me.role === null) throw refused(`key ${fingerprintOf(pusher.keyId)} is not the key of a member of project ${projectId}`);
    }

    const fresh: SyncEvent[] = [];
    let alreadyThere = 0;
    for (const e of push.events) {
      if (known.has(e.hash)) {
        alreadyThere++;
        continue;
      }
      const where = `event ${e.seq} (${e.hash.slice(0, 12)})`;
      if (recomputedHash(projectId, e) !== e.hash) throw refused(`${where} does not match its hash: it was forged or altered, or it belongs to another project`);
      if (e.prev_hash === GENESIS_HASH) {
        if (e.seq !== 1 || project || fresh.length > 0) throw refused(`${where} claims to start the project's history, which already has its first event`);
      } else {
        const parentSeq = known.get(e.prev_hash);
        if (parentSeq === undefined) throw refused(`${where} follows an event the server does not have: events must arrive in order, each after the one it follows`);
        if (parentSeq !== e.seq - 1) throw refused(`${where} follows event ${parentSeq} but is numbered ${e.seq}`);
      }
      const head = coveredHead(e);
      if (head !== null && !known.has(head)) throw refused(`${where} merges a copy whose head the server does not have yet: push that copy's events first`);

      const firstEvent = e.seq === 1 && !project;
      const author = firstEvent ? undefined : memberOfKey(members, e.key_id);
      const pem = firstEvent ? pusher.publicKeyPem : (author?.publicKey ?? offered.get(e.key_id));
      if (!firstEvent && !author) throw refused(`${where} is signed by key ${fingerprintOf(e.key_id)}, which the project's history does not give to any member`);
      if (!pem) throw refused(`${where} is signed by key ${fingerprintOf(e.key_id)} of ${author?.memberKey}, whose public key was not offered with the push`);
      if (!verifyBytes(parsePublicKeyPem(pem, 'a member key'), eventSigningBytes(projectId, e.seq, e.hash), e.signature)) {
        throw refused(`${where} carries a signature that does not match it: it was forged or altered`);
      }
      if (author) {
        const roles = rolesToAuthor(e.action, e.entity);
        if (!roles) throw refused(`${where} has an action "${e.action}" this server does not know`);
        if (author.role === null || !roles.includes(author.role)) {
          throw refused(`${where} (${e.action}) needs the ${roles.join(', ')} role, but the project's history makes its author ${author.memberKey} ${author.role === null ? 'no member (removed)' : `a ${author.role}`} at that point`);
        }
        if (!author.publicKey) {
          author.publicKey = pem;
          author.changed = true;
        }
      }
      for (const c of memberChanges(e, e.key_id)) {
        const m = members.get(c.memberKey) ?? { memberKey: c.memberKey, keyId: null, publicKey: null, role: null, changed: true };
        if (c.role !== undefined) m.role = c.role;
        if (c.keyId !== undefined && m.keyId === null) {
          if (memberOfKey(members, c.keyId)) throw refused(`${where} gives key ${fingerprintOf(c.keyId)} to ${c.memberKey}, but the history already gives it to another member`);
          m.keyId = c.keyId;
          m.publicKey = offered.get(c.keyId) ?? null;
        }
        m.changed = true;
        members.set(c.memberKey, m);
      }
      known.set(e.hash, e.seq);
      fresh.push(e);
    }

    if (fresh.length) await insertEvents(client, projectId, fresh);
    for (const m of members.values()) {
      if (!m.changed) continue;
      await client.query(
        `INSERT INTO members (project_id, member_key, key_id, public_key, role) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (project_id, member_key) DO UPDATE SET key_id = excluded.key_id, public_key = excluded.public_key, role = excluded.role`,
        [projectId, m.memberKey, m.keyId, m.publicKey, m.role],
      );
    }
    await storeBlobs(client, projectId, push.blobs);
    if (push.copy) await storeCopy(client, projectId, pusher, members, push.copy);
    await client.query(
      'INSERT INTO member_syncs (project_id, key_id, synced_at) VALUES ($1, $2, now()) ON CONFLICT (project_id, key_id) DO UPDATE SET synced_at = excluded.synced_at',
      [projectId, pusher.keyId],
    );
    return { accepted: fresh.length, alreadyThere };
  });
}

async function insertEvents(client: pg.PoolClient, projectId: string, events: SyncEvent[]): Promise<void> {
  // one statement per batch; arrival numbers follow the push's (causal) order
  const col = <K extends keyof SyncEvent>(k: K) => events.map((e) => e[k]);
  await client.query(
    `INSERT INTO events (project_id, hash, seq, prev_hash, at, actor, session_id, entity, entity_id, action, before_json, after_json, key_id, signature)
     SELECT $1, hash, seq, prev_hash, at, actor, session_id, entity, entity_id, action, before_json, after_json, key_id, signature
     FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
       WITH ORDINALITY AS t(hash, seq, prev_hash, at, actor, session_id, entity, entity_id, action, before_json, after_json, key_id, signature, n)
     ORDER BY n`,
    [projectId, col('hash'), col('seq'), col('prev_hash'), col('at'), col('actor'), col('session_id'), col('entity'), col('entity_id'), col('action'), col('before_json'), col('after_json'), col('key_id'), col('signature')],
  );
}

async function storeBlobs(client: pg.PoolClient, projectId: string, blobs: PushRequest['blobs']): Promise<void> {
  for (const b of blobs) {
    const content = Buffer.from(b.contentBase64, 'base64');
    if (createHash('sha256').update(content).digest('hex') !== b.sha256) throw refused(`the evidence file sent as ${b.sha256.slice(0, 12)} does not match its SHA-256`);
    await client.query('INSERT INTO blobs (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [b.sha256, content.length, content]);
    await client.query('INSERT INTO project_blobs (project_id, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING', [projectId, b.sha256]);
  }
}

async function storeCopy(client: pg.PoolClient, projectId: string, pusher: Pusher, members: Map<string, MemberState>, copy: CopySnapshot): Promise<void> {
  const me = memberOfKey(members, pusher.keyId);
  if (!me || me.role === null) throw refused(`key ${fingerprintOf(pusher.keyId)} is not the key of a member of project ${projectId}`);
  if (copy.memberKey !== me.memberKey) throw refused(`the copy names its author ${copy.memberKey}, but the pushing key belongs to ${me.memberKey}`);
  if (copy.publicKey.trim() !== pusher.publicKeyPem.trim()) throw refused('the copy carries a public key that is not the pushing key');
  if (!verifyBytes(parsePublicKeyPem(pusher.publicKeyPem, 'the pushing key'), copySigningBytes(projectId, copy.head.hash, copy.rowsJson), copy.signature)) {
    throw refused("the copy's signature does not match it");
  }
  const head = (await client.query<{ received: string; seq: number }>('SELECT received, seq FROM events WHERE project_id = $1 AND hash = $2', [projectId, copy.head.hash])).rows[0];
  if (!head || head.seq !== copy.head.seq) throw refused(`the copy's head, event ${copy.head.seq} (${copy.head.hash.slice(0, 12)}), is not on the server: push its events first`);
  await client.query(
    `INSERT INTO copies (project_id, key_id, member_key, public_key, head_seq, head_hash, head_key_id, head_signature, head_received, rows_json, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (project_id, key_id) DO UPDATE SET member_key = excluded.member_key, public_key = excluded.public_key, head_seq = excluded.head_seq,
       head_hash = excluded.head_hash, head_key_id = excluded.head_key_id, head_signature = excluded.head_signature, head_received = excluded.head_received,
       rows_json = excluded.rows_json, signature = excluded.signature`,
    [projectId, pusher.keyId, me.memberKey, copy.publicKey, copy.head.seq, copy.head.hash, copy.head.key_id, copy.head.signature, head.received, copy.rowsJson, copy.signature],
  );
}
