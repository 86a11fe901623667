// `cwb sync` and the app's Sync control: a laptop meets its team's server. Push sends only the
// events the server lacks (it is asked), in causal order, then this copy's rows signed by its
// author; pull fetches only events that arrived after this laptop's cursor, and merges each
// teammate's copy through the bundle merge, with every check a bundle gets. The cursors move only
// when a step has committed, so an interrupted sync simply runs again.
import type { CoreContext } from '../context';
import { WorkbenchError } from '../errors';
import { inTransaction } from '../store/database';
import { signerFor } from '../identity/signers';
import type { Signer } from '../identity/key-file';
import { keyIdOf, parsePublicKeyPem, verifyBytes } from '../identity/keys';
import { GENESIS_HASH } from '../audit/chain';
import { readHead } from '../audit/head';
import { collectBundleData } from '../bundle/export';
import { importVerifiedBundle, requireIntactChain } from '../bundle/import';
import { checkBundleContent } from '../bundle/read';
import { recordsOf } from '../bundle/fields';
import { schemasFor, type BundleData, type EventRecord } from '../bundle/format';
import { sha256Hex } from '../evidence/evidence';
import { currentPerson, memberKey } from '../members/identity';
import { PullAnswer, PushAnswer, MissingAnswer, type CopySnapshot, type SyncEvent, type SyncResult, type SyncStatus } from '../../../shared/sync';
import { coveredHead } from './author-roles';
import { copySigningBytes } from './copy-signing';
import { SyncConnection } from './connection';

const PUSH_BATCH = 2000;
const EVENT_COLUMNS = 'seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash, key_id, signature';

/**
 * Where this laptop is with one server: its events pushed (chain seq, imported rowid), the server's
 * events pulled, and `copies`: every teammate copy whose head arrived up to there is merged here
 * (never past `pulled`; absent in cursors written before it, read as 0).
 */
type Cursor = { server: string; pushedSeq: number; importedRowid: number; pulled: number; copies: number; lastSyncedAt: string | null };
const cursorKey = (projectId: string) => `sync:${projectId}`;

function readCursor(ctx: CoreContext, projectId: string, server: string): Cursor {
  const raw = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(cursorKey(projectId)) as string | undefined;
  const fresh: Cursor = { server, pushedSeq: 0, importedRowid: 0, pulled: 0, copies: 0, lastSyncedAt: null };
  if (!raw) return fresh;
  const c = JSON.parse(raw) as Partial<Cursor> & Omit<Cursor, 'copies'>;
  // another server knows nothing of what this one was sent
  return c.server === server ? { ...c, copies: c.copies ?? 0 } : { ...fresh, lastSyncedAt: c.lastSyncedAt };
}

function writeCursor(ctx: CoreContext, projectId: string, cursor: Cursor): void {
  ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(cursorKey(projectId), JSON.stringify(cursor));
}

function projectExists(ctx: CoreContext, projectId: string): boolean {
  return Boolean(ctx.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId));
}

/** Events in an order the server accepts: each after the one it follows and the head it merges. */
export function causalOrder<E extends Pick<EventRecord, 'hash' | 'prev_hash' | 'action' | 'after_json'>>(events: E[]): E[] {
  const byHash = new Map(events.map((e) => [e.hash, e]));
  const done = new Set<string>();
  const out: E[] = [];
  for (const start of events) {
    const stack: Array<{ e: E; expanded: boolean }> = [{ e: start, expanded: false }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (done.has(top.e.hash)) {
        stack.pop();
        continue;
      }
      if (top.expanded) {
        done.add(top.e.hash);
        out.push(top.e);
        stack.pop();
        continue;
      }
      top.expanded = true;
      for (const dep of [top.e.prev_hash, coveredHead(top.e)]) {
        const d = dep ? byHash.get(dep) : undefined;
        if (d && !done.has(d.hash)) stack.push({ e: d, expanded: false });
      }
    }
  }
  return out;
}

function requireSigner(ctx: CoreContext): Signer {
  const signer = signerFor(ctx.db);
  if (!signer) throw new WorkbenchError('FORBIDDEN', 'This workbench has no signing key (it was opened read-only), so it cannot sync. Open it for writing and sync again.');
  return signer;
}

function toSyncEvent(e: EventRecord): SyncEvent {
  if (e.key_id === null || e.signature === null) {
    throw new WorkbenchError('INVALID_INPUT', `Event ${e.seq} (${e.hash.slice(0, 12)}) is unsigned (written before signed identities); a sync server accepts signed events only. Export a bundle instead.`);
  }
  return { ...e, key_id: e.key_id, signature: e.signature };
}

/** This copy's rows, signed by its author, for teammates to merge. */
export function copySnapshot(ctx: CoreContext, projectId: string, signer: Signer): CopySnapshot {
  const { audit: _audit, ...rows } = collectBundleData(ctx, projectId);
  const head = readHead(ctx.db, projectId);
  if (!head) throw new WorkbenchError('INVALID_INPUT', `Project ${projectId} has no anchored head; run \`cwb audit verify\`.`);
  const rowsJson = JSON.stringify(rows);
  return {
    memberKey: memberKey(currentPerson(ctx)),
    publicKey: signer.publicKeyPem,
    rowsJson,
    head: { seq: head.seq, hash: head.hash, key_id: head.keyId, signature: head.signature },
    signature: signer.sign(copySigningBytes(projectId, head.hash, rowsJson)),
  };
}

async function push(ctx: CoreContext, conn: SyncConnection, projectId: string, cursor: Cursor, signer: Signer): Promise<number> {
  const chain = ctx.db.prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events WHERE project_id = ? AND seq > ? ORDER BY seq`).all(projectId, cursor.pushedSeq) as EventRecord[];
  const imported = ctx.db.prepare(`SELECT rowid, ${EVENT_COLUMNS} FROM audit_events_imported WHERE project_id = ? AND rowid > ?`).all(projectId, cursor.importedRowid) as Array<EventRecord & { rowid: number }>;
  const lastSeq = chain.at(-1)?.seq ?? cursor.pushedSeq;
  const lastRowid = imported.reduce((m, e) => Math.max(m, e.rowid), cursor.importedRowid);
  const candidates = [...chain, ...imported.map(({ rowid: _rowid, ...e }) => e)];
  const shas = ctx.db.prepare("SELECT DISTINCT sha256 FROM evidence WHERE project_id = ? AND kind = 'file'").pluck().all(projectId) as string[];
  const missingHashes = new Set<string>();
  let missingBlobs: string[] = [];
  for (let i = 0; i === 0 || i < candidates.length; i += 50_000) {
    const answer = MissingAnswer.parse(await conn.post(`/v1/projects/${projectId}/missing`, { hashes: candidates.slice(i, i + 50_000).map((e) => e.hash), blobs: i === 0 ? shas : [] }));
    for (const h of answer.hashes) missingHashes.add(h);
    if (i === 0) missingBlobs = answer.blobs;
  }
  const events = causalOrder(candidates.filter((e) => missingHashes.has(e.hash))).map(toSyncEvent);
  const keys = (ctx.db.prepare('SELECT public_key FROM project_members WHERE project_id = ? AND public_key IS NOT NULL').pluck().all(projectId) as string[]);
  const getBlob = ctx.db.prepare('SELECT content FROM blobs WHERE sha256 = ?').pluck();
  const blobs = missingBlobs.map((sha) => ({ sha256: sha, contentBase64: (getBlob.get(sha) as Buffer).toString('base64') }));
  let pushed = 0;
  for (let i = 0; i === 0 || i < events.length; i += PUSH_BATCH) {
    const last = i + PUSH_BATCH >= events.length;
    const batch = events.slice(i, i + PUSH_BATCH);
    const answer = PushAnswer.parse(await conn.post(`/v1/projects/${projectId}/push`, {
      events: batch, keys, copy: last ? copySnapshot(ctx, projectId, signer) : null, blobs: last ? blobs : [],
    }));
    pushed += answer.accepted;
  }
  cursor.pushedSeq = lastSeq;
  cursor.importedRowid = lastRowid;
  writeCursor(ctx, projectId, cursor);
  return pushed;
}

type Known = Map<string, EventRecord>;

function localKnown(ctx: CoreContext, projectId: string): Known {
  const rows = [
    ...(ctx.db.prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events WHERE project_id = ?`).all(projectId) as EventRecord[]),
    ...(ctx.db.prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events_imported WHERE project_id = ?`).all(projectId) as EventRecord[]),
  ];
  return new Map(rows.map((e) => [e.hash, e]));
}

/** A teammate's copy as bundle data: its rows, its chain walked back from its head, and every other event its head reaches. */
function copyHistory(known: Known, head: string): { chain: EventRecord[]; imported: EventRecord[] } | null {
  const chain: EventRecord[] = [];
  for (let h = head; h !== GENESIS_HASH;) {
    const e = known.get(h);
    if (!e) return null;
    chain.push(e);
    h = e.prev_hash;
  }
  chain.reverse();
  const onChain = new Set(chain.map((e) => e.hash));
  const reached = reachable(known, head);
  // a merge that covers a head this laptop has not received: the copy is not complete here yet
  for (const h of reached) {
    const e = known.get(h)!;
    const covered = coveredHead(e);
    if ((covered && !known.has(covered)) || (e.prev_hash !== GENESIS_HASH && !known.has(e.prev_hash))) return null;
  }
  return { chain, imported: [...reached].filter((h) => !onChain.has(h)).map((h) => known.get(h)!) };
}

/** The events a head reaches through the events it follows and the heads merges cover. */
function reachable(known: Known, head: string): Set<string> {
  const reached = new Set<string>();
  const stack = [head];
  while (stack.length) {
    const e = known.get(stack.pop()!);
    if (!e || reached.has(e.hash)) continue;
    reached.add(e.hash);
    stack.push(e.prev_hash);
    const covered = coveredHead(e);
    if (covered) stack.push(covered);
  }
  return reached;
}

function fileShas(rowsJson: string): string[] {
  const rows = JSON.parse(rowsJson) as { tables?: { evidence?: Array<{ kind?: string; sha256?: string }> } };
  return [...new Set((rows.tables?.evidence ?? []).filter((e) => e.kind === 'file' && typeof e.sha256 === 'string').map((e) => e.sha256!))];
}

async function pull(ctx: CoreContext, conn: SyncConnection, projectId: string, cursor: Cursor): Promise<{ pulled: number; merged: number; created: boolean; conflicts: number }> {
  const events: Array<SyncEvent> = [];
  let at = cursor.pulled;
  let copies: CopySnapshot[] = [];
  for (;;) {
    const page = PullAnswer.parse(await conn.get(`/v1/projects/${projectId}/pull?after=${at}&copiesAfter=${cursor.copies}`));
    events.push(...page.events);
    at = page.cursor;
    if (!page.more) {
      copies = page.copies;
      break;
    }
  }
  const existed = projectExists(ctx, projectId);
  const before = existed ? localKnown(ctx, projectId) : new Map<string, EventRecord>();
  const known: Known = new Map(before);
  for (const e of events) if (!known.has(e.hash)) known.set(e.hash, e);
  // a copy whose head another waiting copy reaches is inside that copy already: merge only the latest
  const fresh = copies.filter((c) => !before.has(c.head.hash));
  const reaches = new Map(fresh.map((c) => [c, reachable(known, c.head.hash)]));
  const waiting = fresh.filter((c) => !fresh.some((o) => o !== c && o.head.hash !== c.head.hash && reaches.get(o)!.has(c.head.hash)));

  // evidence files the copies hold and this laptop lacks, fetched before the transaction
  const blobs = new Map<string, Buffer>();
  const hasBlob = ctx.db.prepare('SELECT content FROM blobs WHERE sha256 = ?').pluck();
  for (const sha of new Set(waiting.flatMap((c) => fileShas(c.rowsJson)))) {
    const local = hasBlob.get(sha) as Buffer | undefined;
    const content = local ?? (await conn.getBytes(`/v1/projects/${projectId}/blobs/${sha}`));
    if (sha256Hex(content) !== sha) throw new WorkbenchError('INVALID_INPUT', `The server sent an evidence file that does not match its SHA-256 ${sha}; nothing was merged.`);
    blobs.set(sha, content);
  }

  const registry = recordsOf(ctx);
  return inTransaction(ctx.db, () => {
    let merged = 0;
    let conflicts = 0;
    let created = false;
    let pending = waiting;
    let firstError: unknown = null;
    let incomplete = false;
    // this copy's chain is verified once for all the merges of this pull (each only appends to it)
    if (existed && pending.length) requireIntactChain(ctx, projectId);
    // events this database holds, checked when they came; each merged copy adds the events it brought
    const held = new Set(before.keys());
    // a teammate's copy is trusted once a merged copy has made its key a member's: retry until no progress
    while (pending.length) {
      const next: CopySnapshot[] = [];
      for (const copy of pending) {
        try {
          const result = mergeCopy(ctx, projectId, copy, known, blobs, registry, held);
          if (result === 'incomplete') {
            incomplete = true;
            continue;
          }
          if (result.changed) merged++;
          conflicts += result.conflicts;
          created ||= result.created;
        } catch (err) {
          firstError ??= err;
          next.push(copy);
        }
      }
      if (next.length === pending.length) break;
      pending = next;
    }
    if (!projectExists(ctx, projectId)) throw firstError ?? new WorkbenchError('NOT_FOUND', `Project ${projectId} has no copy on the server yet; its creator must sync it first.`);
    if (pending.length && firstError) throw firstError;
    // events not yet reached by any copy's head stay on the server: pull them again next time
    const now = localKnown(ctx, projectId);
    const behind = events.filter((e) => !now.has(e.hash));
    cursor.pulled = behind.length ? cursor.pulled : at;
    // a copy that could not be merged yet (its events still on their way) is asked for again
    if (!behind.length && !incomplete) cursor.copies = at;
    writeCursor(ctx, projectId, cursor);
    return { pulled: events.filter((e) => !before.has(e.hash) && now.has(e.hash)).length, merged, created, conflicts };
  });
}

/**
 * Merges one teammate's copy with every check a bundle gets; the events this database holds
 * (`held`) are not checked again, and the copy's own new events join them once it merged.
 */
function mergeCopy(
  ctx: CoreContext, projectId: string, copy: CopySnapshot, known: Known, blobs: Map<string, Buffer>, registry: ReturnType<typeof recordsOf>, held: Set<string>,
): 'incomplete' | { conflicts: number; created: boolean; changed: boolean } {
  const history = copyHistory(known, copy.head.hash);
  if (!history) return 'incomplete';
  const publicKey = parsePublicKeyPem(copy.publicKey, `the key of ${copy.memberKey}'s copy`);
  const signer = { keyId: keyIdOf(publicKey), publicKeyPem: copy.publicKey, memberKey: copy.memberKey };
  if (!verifyBytes(publicKey, copySigningBytes(projectId, copy.head.hash, copy.rowsJson), copy.signature)) throw new WorkbenchError('INVALID_INPUT', `The copy of ${copy.memberKey} from the server does not match its author's signature; nothing was merged.`);
  // the rows are parsed here; the events were parsed when they arrived (PullAnswer) or come from this database
  const parsed = schemasFor(registry).copyRows.safeParse(JSON.parse(copy.rowsJson));
  if (!parsed.success) throw new WorkbenchError('INVALID_INPUT', `The copy of ${copy.memberKey} from the server is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  const data: BundleData = { ...parsed.data, audit: { chain: history.chain, imported: history.imported, head: copy.head } };
  const fileBlobs = new Map([...blobs].filter(([sha]) => data.tables.evidence.some((e) => e.sha256 === sha)));
  const created = !projectExists(ctx, projectId);
  const result = importVerifiedBundle(ctx, checkBundleContent(data, fileBlobs, signer, registry, held), { localChainChecked: true });
  for (const e of [...history.chain, ...history.imported]) held.add(e.hash);
  return { conflicts: result.conflicts.length, created, changed: result.outcome !== 'up_to_date' };
}

/** Pushes what the server lacks, pulls what this laptop lacks, and pushes the merge that made. */
export async function syncProject(ctx: CoreContext, projectId: string, server: string, connect: (signer: Signer) => SyncConnection = (s) => new SyncConnection(server, s)): Promise<SyncResult> {
  const signer = requireSigner(ctx);
  const conn = connect(signer);
  await conn.signIn();
  const cursor = readCursor(ctx, projectId, server);
  let pushed = projectExists(ctx, projectId) ? await push(ctx, conn, projectId, cursor, signer) : 0;
  const headBefore = readHead(ctx.db, projectId)?.hash ?? null;
  const pulled = await pull(ctx, conn, projectId, cursor);
  if (readHead(ctx.db, projectId)?.hash !== headBefore) pushed += await push(ctx, conn, projectId, cursor, signer);
  cursor.lastSyncedAt = ctx.now().toISOString();
  writeCursor(ctx, projectId, cursor);
  return { projectId, server, pushed, pulled: pulled.pulled, copiesMerged: pulled.merged, conflicts: pulled.conflicts, created: pulled.created };
}

/** What the Sync control shows: when this project last synced, what waits to be pushed, open conflicts. */
export function syncStatus(ctx: CoreContext, projectId: string): SyncStatus {
  const raw = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(cursorKey(projectId)) as string | undefined;
  const c = raw ? (JSON.parse(raw) as Cursor) : null;
  const chain = ctx.db.prepare('SELECT count(*) FROM audit_events WHERE project_id = ? AND seq > ?').pluck().get(projectId, c?.pushedSeq ?? 0) as number;
  const imported = ctx.db.prepare('SELECT count(*) FROM audit_events_imported WHERE project_id = ? AND rowid > ?').pluck().get(projectId, c?.importedRowid ?? 0) as number;
  const openConflicts = ctx.db.prepare('SELECT count(*) FROM merge_conflicts WHERE project_id = ? AND resolved_at IS NULL').pluck().get(projectId) as number;
  return { projectId, server: c?.server ?? null, lastSyncedAt: c?.lastSyncedAt ?? null, pendingEvents: chain + imported, openConflicts };
}
