// The sync server's judgement of a push: every event must recompute to its hash, follow events
// already on the server (its parent, and the head a merge covers), carry a valid signature of a
// key that the event's own line of history binds to a member, and that member must hold, along
// that line just before the event, a role allowed to make the change. The members of each line are
// the laptops' own (audit/actor-keys.ts lineAfter): the server and a laptop's verify judge alike,
// whatever order the events reach the server in. One refused event refuses the whole push and the
// transaction rolls back: the server's tables stay as they were.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { GENESIS_HASH, receivedEventHash } from '../audit/chain';
import { eventSigningBytes } from '../audit/signatures';
import { actorNameProblem, lineAfter, lineFromJson, lineToJson, NO_MEMBERS, type LineMembers, type MemberState } from '../audit/actor-keys';
import { fingerprintOf, keyIdOf, parsePublicKeyPem, verifyBytes } from '../identity/keys';
import { WorkbenchError } from '../errors';
import type { CopySnapshot, PushAnswer, PushRequest, SyncEvent } from '../../../shared/sync';
import { coveredHead, rolesToAuthor } from './author-roles';
import { inPgTransaction, type SyncStore } from './server-store';
import { copySigningBytes } from './copy-signing';

export type Pusher = { keyId: string; publicKeyPem: string };

type CurrentMember = { memberKey: string; keyId: string | null; publicKey: string | null; role: string | null };
type Line = { id: number; members: LineMembers };

export function refused(message: string): WorkbenchError {
  return new WorkbenchError('FORBIDDEN', `${message}. The push was refused whole; nothing was stored.`);
}

/** Serialises the pushes of one project, so the arrival order is the commit order (pull pages rely on it). */
export async function lockProject(client: pg.PoolClient, projectId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cwb-project:${projectId}`]);
}

async function loadMembers(client: pg.PoolClient, projectId: string): Promise<Map<string, CurrentMember>> {
  const rows = (await client.query<{ member_key: string; key_id: string | null; public_key: string | null; role: string | null }>(
    'SELECT member_key, key_id, public_key, role FROM members WHERE project_id = $1', [projectId],
  )).rows;
  return new Map(rows.map((r) => [r.member_key, { memberKey: r.member_key, keyId: r.key_id, publicKey: r.public_key, role: r.role }]));
}

function currentOfKey(members: Map<string, CurrentMember>, keyId: string): CurrentMember | undefined {
  for (const m of members.values()) if (m.keyId === keyId) return m;
  return undefined;
}

function lineMemberOfKey(line: LineMembers, keyId: string): MemberState | undefined {
  for (const m of line.values()) if (m.keyId === keyId) return m;
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

/** The line states stored for these events, by event hash (a state's JSON is parsed once). */
async function loadLines(client: pg.PoolClient, projectId: string, hashes: string[]): Promise<Map<string, Line>> {
  const rows = (await client.query<{ hash: string; state_id: string; members: string }>(
    'SELECT l.hash, l.state_id, s.members FROM event_lines l JOIN line_states s ON s.id = l.state_id WHERE l.project_id = $1 AND l.hash = ANY($2::text[])',
    [projectId, hashes],
  )).rows;
  const parsed = new Map<number, Line>();
  const out = new Map<string, Line>();
  for (const r of rows) {
    const id = Number(r.state_id);
    let line = parsed.get(id);
    if (!line) parsed.set(id, (line = { id, members: lineFromJson(r.members) }));
    out.set(r.hash, line);
  }
  return out;
}

/** Stores the states of a batch of events: new states once each, then every event's pointer. */
class LineWriter {
  private readonly ids = new Map<LineMembers, number>();
  readonly rows: Array<{ hash: string; line: Line }> = [];
  constructor(private readonly client: pg.PoolClient, private readonly projectId: string) {}

  async state(members: LineMembers, known: Line | null): Promise<Line> {
    if (known && known.members === members) return known;
    let id = this.ids.get(members);
    if (id === undefined) {
      id = Number((await this.client.query<{ id: string }>('INSERT INTO line_states (project_id, members) VALUES ($1, $2) RETURNING id', [this.projectId, lineToJson(members)])).rows[0]!.id);
      this.ids.set(members, id);
    }
    return { id, members };
  }

  async flush(): Promise<void> {
    for (let i = 0; i < this.rows.length; i += 20_000) {
      const batch = this.rows.slice(i, i + 20_000);
      await this.client.query(
        'INSERT INTO event_lines (project_id, hash, state_id) SELECT $1, hash, state_id FROM unnest($2::text[], $3::bigint[]) AS t(hash, state_id)',
        [this.projectId, batch.map((r) => r.hash), batch.map((r) => r.line.id)],
      );
    }
    this.rows.length = 0;
  }
}

/** A project stored before line states existed: its events' states, computed once in arrival order (parents arrive first). */
async function backfillLines(client: pg.PoolClient, projectId: string): Promise<Line> {
  const events = (await client.query<SyncEvent>(
    'SELECT seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash, key_id, signature FROM events WHERE project_id = $1 ORDER BY received',
    [projectId],
  )).rows;
  const writer = new LineWriter(client, projectId);
  const lines = new Map<string, Line>();
  let view: Line = await writer.state(NO_MEMBERS, null);
  for (const e of events) {
    const parent = e.prev_hash === GENESIS_HASH ? await writer.state(NO_MEMBERS, null) : lines.get(e.prev_hash);
    if (!parent) throw new WorkbenchError('INTERNAL', `The server holds event ${e.seq} (${e.hash.slice(0, 12)}) of project ${projectId} without the event it follows.`);
    const head = coveredHead(e);
    const line = await writer.state(lineAfter(parent.members, e, head ? (lines.get(head)?.members ?? null) : null), parent);
    lines.set(e.hash, line);
    writer.rows.push({ hash: e.hash, line });
    view = await writer.state(joinView(view.members, line.members), view);
  }
  await writer.flush();
  await client.query('UPDATE projects SET view_state = $2 WHERE project_id = $1', [projectId, view.id]);
  return view;
}

/** The server's view of who is a member now: every accepted line joined (a merge of them all). */
function joinView(view: LineMembers, line: LineMembers): LineMembers {
  return lineAfter(view, { seq: 0, hash: '', prev_hash: '', actor: '', action: 'sync.view', entity_id: '', after_json: null, key_id: null }, line);
}

/** Checks and stores a push in one transaction; returns how many events were new. */
export async function acceptPush(pool: SyncStore, projectId: string, pusher: Pusher, push: PushRequest): Promise<PushAnswer> {
  return inPgTransaction(pool, async (client) => {
    await lockProject(client, projectId);
    const project = (await client.query<{ project_id: string; view_state: string | null }>('SELECT project_id, view_state FROM projects WHERE project_id = $1', [projectId])).rows[0];
    const members = await loadMembers(client, projectId);
    const offered = offeredKeys(pusher, push.keys);
    const pemOf = (keyId: string): string | undefined => currentOfKey(members, keyId)?.publicKey ?? offered.get(keyId);

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
      // who may push at all is who is a member now, as the server's view has it
      const me = currentOfKey(members, pusher.keyId);
      if (!me || me.role === null) throw refused(`key ${fingerprintOf(pusher.keyId)} is not the key of a member of project ${projectId}`);
    }

    const writer = new LineWriter(client, projectId);
    let view: Line = project?.view_state
      ? { id: Number(project.view_state), members: lineFromJson((await client.query<{ members: string }>('SELECT members FROM line_states WHERE id = $1', [project.view_state])).rows[0]!.members) }
      : project ? await backfillLines(client, projectId) : await writer.state(NO_MEMBERS, null);
    const lines = await loadLines(client, projectId, [...known.keys()]);
    const startView = view;

    const fresh: SyncEvent[] = [];
    let alreadyThere = 0;
    for (const e of push.events) {
      if (known.has(e.hash)) {
        alreadyThere++;
        continue;
      }
      const where = `event ${e.seq} (${e.hash.slice(0, 12)})`;
      if (receivedEventHash(projectId, e) !== e.hash) throw refused(`${where} does not match its hash: it was forged or altered, or it belongs to another project`);
      let parent: Line;
      if (e.prev_hash === GENESIS_HASH) {
        if (e.seq !== 1 || project || fresh.length > 0) throw refused(`${where} claims to start the project's history, which already has its first event`);
        parent = await writer.state(NO_MEMBERS, null);
      } else {
        const parentSeq = known.get(e.prev_hash);
        if (parentSeq === undefined) throw refused(`${where} follows an event the server does not have: events must arrive in order, each after the one it follows`);
        if (parentSeq !== e.seq - 1) throw refused(`${where} follows event ${parentSeq} but is numbered ${e.seq}`);
        const p = lines.get(e.prev_hash);
        if (!p) throw new WorkbenchError('INTERNAL', `The server has no member state for ${e.prev_hash.slice(0, 12)}, the event before ${where}.`);
        parent = p;
      }
      const head = coveredHead(e);
      if (head !== null && !known.has(head)) throw refused(`${where} merges a copy whose head the server does not have yet: push that copy's events first`);
      const after = lineAfter(parent.members, e, head ? (lines.get(head)?.members ?? null) : null);

      const firstEvent = e.prev_hash === GENESIS_HASH;
      // judged with the members of its own line just before it (its creation with its owner in place)
      const author = lineMemberOfKey(firstEvent ? after : parent.members, e.key_id);
      const pem = firstEvent ? pusher.publicKeyPem : pemOf(e.key_id);
      if (!author) throw refused(`${where} is signed by key ${fingerprintOf(e.key_id)}, which the project's history does not give to any member at that point`);
      // the name it carries must be its signer's, as laptop verify requires
      const misnamed = actorNameProblem(e, e.key_id, author.name);
      if (misnamed) throw refused(misnamed.replace(/^event \d+/, where));
      if (!pem) throw refused(`${where} is signed by key ${fingerprintOf(e.key_id)} of ${author.memberKey}, whose public key was not offered with the push`);
      if (!verifyBytes(parsePublicKeyPem(pem, 'a member key'), eventSigningBytes(projectId, e.seq, e.hash), e.signature)) {
        throw refused(`${where} carries a signature that does not match it: it was forged or altered`);
      }
      const roles = rolesToAuthor(e.action, e.entity);
      if (!roles) throw refused(`${where} has an action "${e.action}" this server does not know`);
      if (!author.active || author.role === null || !(roles as readonly string[]).includes(author.role)) {
        const standing = !author.active ? `no member (removed at event ${author.leftAt ?? '?'})` : `a ${author.role}`;
        throw refused(`${where} (${e.action}) needs the ${roles.join(', ')} role, but its own line of history makes its author ${author.memberKey} ${standing} at that point`);
      }
      const line = await writer.state(after, parent);
      if (line !== parent) {
        const keys = new Map<string, string>();
        for (const m of after.values()) {
          if (m.keyId === null) continue;
          const other = keys.get(m.keyId);
          if (other !== undefined) throw refused(`${where} gives key ${fingerprintOf(m.keyId)} to ${m.memberKey}, but the history already gives it to ${other}`);
          keys.set(m.keyId, m.memberKey);
        }
      }
      lines.set(e.hash, line);
      writer.rows.push({ hash: e.hash, line });
      view = await writer.state(joinView(view.members, after), view);
      known.set(e.hash, e.seq);
      fresh.push(e);
    }

    if (fresh.length) await insertEvents(client, projectId, fresh);
    await writer.flush();
    if (view !== startView || !project?.view_state) {
      await client.query('UPDATE projects SET view_state = $2 WHERE project_id = $1', [projectId, view.id]);
      await mirrorMembers(client, projectId, view.members, members, pemOf);
    }
    const now = await loadMembers(client, projectId);
    await storeBlobs(client, projectId, push.blobs);
    if (push.copy) await storeCopy(client, projectId, pusher, now, push.copy);
    await client.query(
      'INSERT INTO member_syncs (project_id, key_id, synced_at) VALUES ($1, $2, now()) ON CONFLICT (project_id, key_id) DO UPDATE SET synced_at = excluded.synced_at',
      [projectId, pusher.keyId],
    );
    return { accepted: fresh.length, alreadyThere };
  });
}

/** The members table, the server's view of who is a member now (access to pulls, pushes and files; the dashboard). */
async function mirrorMembers(client: pg.PoolClient, projectId: string, view: LineMembers, before: Map<string, CurrentMember>, pemOf: (keyId: string) => string | undefined): Promise<void> {
  // keys move between members only through the history: clear the changed ones first (the key index is unique)
  const rows = [...view.values()].map((m) => ({ memberKey: m.memberKey, keyId: m.keyId, role: m.active ? m.role : null, publicKey: m.keyId ? (pemOf(m.keyId) ?? null) : null }));
  const changed = rows.filter((r) => {
    const b = before.get(r.memberKey);
    return !b || b.keyId !== r.keyId || b.role !== r.role || (b.publicKey === null && r.publicKey !== null);
  });
  for (const r of changed) if (before.has(r.memberKey)) await client.query('UPDATE members SET key_id = NULL WHERE project_id = $1 AND member_key = $2', [projectId, r.memberKey]);
  for (const r of changed) {
    await client.query(
      `INSERT INTO members (project_id, member_key, key_id, public_key, role) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id, member_key) DO UPDATE SET key_id = excluded.key_id, public_key = COALESCE(excluded.public_key, members.public_key), role = excluded.role`,
      [projectId, r.memberKey, r.keyId, r.publicKey, r.role],
    );
  }
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

async function storeCopy(client: pg.PoolClient, projectId: string, pusher: Pusher, members: Map<string, CurrentMember>, copy: CopySnapshot): Promise<void> {
  const me = currentOfKey(members, pusher.keyId);
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
