// The audit trail: one hash-chained sequence of events per project. Each event's hash covers the
// previous event's hash and every field of its own, so an edit anywhere breaks the chain there.
import { hash as sha256Of } from 'node:crypto';
import type { Db } from '../store/database';
import type { AuditEvent } from '../../../shared/domain';
import { canonicalJson } from './canonical';
import type { ReadDb } from '../store/access';
import { bindKeylessMember, signerForActor } from '../identity/signers';
import { signEvent } from './signatures';
import { writeHead } from './head';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEventInput = {
  projectId: string;
  at: string;
  actor: string;
  sessionId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
};

type AuditRow = {
  id: number;
  project_id: string;
  seq: number;
  at: string;
  actor: string;
  session_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
};

export function eventHash(prevHash: string, seq: number, e: AuditEventInput): string {
  const body = canonicalJson({
    projectId: e.projectId,
    seq,
    at: e.at,
    actor: e.actor,
    sessionId: e.sessionId,
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    before: e.before ?? null,
    after: e.after ?? null,
  });
  return sha256Of('sha256', `${prevHash}\n${body}`, 'hex');
}

/** The columns of an event row (a bundle's, a sync push's) that its hash covers. */
export type StoredEventFields = {
  prev_hash: string; seq: number; at: string; actor: string; session_id: string | null;
  entity: string; entity_id: string; action: string; before_json: string | null; after_json: string | null;
};

/**
 * The hash an event row from elsewhere (a bundle, a sync push) must carry: its JSON columns parsed
 * and hashed in canonical form, as the sender did; null when one does not parse.
 */
export function receivedEventHash(projectId: string, e: StoredEventFields): string | null {
  try {
    return eventHash(e.prev_hash, e.seq, {
      projectId, at: e.at, actor: e.actor, sessionId: e.session_id, entity: e.entity, entityId: e.entity_id, action: e.action as AuditEventInput['action'],
      before: e.before_json === null ? null : JSON.parse(e.before_json), after: e.after_json === null ? null : JSON.parse(e.after_json),
    });
  } catch {
    return null;
  }
}

/**
 * The same hash as eventHash, computed from a stored row without parsing its JSON: before_json
 * and after_json are stored as canonical JSON, so they are spliced into the canonical body as
 * they are. Any edit of the stored text, even one that parses to the same value, changes it.
 */
export function storedEventHash(row: Pick<AuditRow, 'prev_hash' | 'project_id' | 'seq' | 'at' | 'actor' | 'session_id' | 'entity' | 'entity_id' | 'action' | 'before_json' | 'after_json'>): string {
  return storedHash(JSON.stringify(row.project_id), row.prev_hash, row.seq, row.at, row.actor, row.session_id, row.entity, row.entity_id, row.action, row.before_json, row.after_json);
}

/** storedEventHash over the columns as they come, the project id already as JSON (it is the same for a whole chain). */
function storedHash(
  projectIdJson: string, prevHash: string, seq: number, at: string, actor: string, sessionId: string | null,
  entity: string, entityId: string, action: string, beforeJson: string | null, afterJson: string | null,
): string {
  const s = JSON.stringify;
  // one string and one one-shot digest per event: no Hash object, no intermediate objects
  return sha256Of(
    'sha256',
    `${prevHash}\n{"action":${s(action)},"actor":${s(actor)},"after":${afterJson ?? 'null'},"at":${s(at)},` +
      `"before":${beforeJson ?? 'null'},"entity":${s(entity)},"entityId":${s(entityId)},` +
      `"projectId":${projectIdJson},"seq":${seq},"sessionId":${s(sessionId)}}`,
    'hex',
  );
}

/**
 * Appends one event, signed by the key of its actor's profile when the workbench registered a
 * keyring, and moves the project's anchored head to it; call inside the transaction that makes
 * the change it records. A member added by name only is bound to that key here (trust on first use).
 */
export function appendAuditEvent(db: Db, e: AuditEventInput): { seq: number; hash: string } {
  return appendAuditEvents(db, [e])[0]!;
}

/**
 * Appends events of one project in order, exactly as appending them one by one would (the same
 * seqs, hashes, signatures and final head), with one look at the chain's end, one key lookup and
 * member binding per actor, and one head write for the batch. Call inside one transaction.
 */
export function appendAuditEvents(db: Db, events: readonly AuditEventInput[]): Array<{ seq: number; hash: string }> {
  if (events.length === 0) return [];
  const projectId = events[0]!.projectId;
  if (events.some((e) => e.projectId !== projectId)) throw new Error('a batch of audit events belongs to one project');
  const last = db
    .prepare('SELECT seq, hash FROM audit_events WHERE project_id = ? ORDER BY seq DESC LIMIT 1')
    .get(projectId) as { seq: number; hash: string } | undefined;
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const projectIdJson = JSON.stringify(projectId);
  const insert = db.prepare(
    `INSERT INTO audit_events (project_id, seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash, key_id, signature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const signers = new Map<string, ReturnType<typeof signerForActor>>();
  const out: Array<{ seq: number; hash: string }> = [];
  let signer: ReturnType<typeof signerForActor> = null;
  for (const e of events) {
    seq++;
    // each JSON column once, canonical, both stored and spliced into the hashed body (storedHash
    // gives eventHash's value from them, as verify recomputes it)
    const beforeJson = e.before === undefined ? null : canonicalJson(e.before);
    const afterJson = e.after === undefined ? null : canonicalJson(e.after);
    const hash = storedHash(projectIdJson, prevHash, seq, e.at, e.actor, e.sessionId, e.entity, e.entityId, e.action, beforeJson, afterJson);
    if (!signers.has(e.actor)) {
      signer = signerForActor(db, e.actor);
      if (signer) bindKeylessMember(db, projectId, e.actor, signer);
      signers.set(e.actor, signer);
    }
    signer = signers.get(e.actor) ?? null;
    const signed = signer ? signEvent(signer, projectId, seq, hash) : null;
    insert.run(
      projectId, seq, e.at, e.actor, e.sessionId, e.entity, e.entityId, e.action,
      beforeJson, afterJson, prevHash, hash, signed?.keyId ?? null, signed?.signature ?? null,
    );
    out.push({ seq, hash });
    prevHash = hash;
  }
  writeHead(db, projectId, seq, prevHash, signer);
  return out;
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    projectId: row.project_id,
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    sessionId: row.session_id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
    hash: row.hash,
  };
}

export function listAuditEvents(
  db: ReadDb,
  projectId: string,
  filter: { entity?: string; entityId?: string; limit?: number } = {},
): AuditEvent[] {
  const rows = db
    .prepare(
      `SELECT * FROM audit_events WHERE project_id = ?
         AND (? IS NULL OR entity = ?) AND (? IS NULL OR entity_id = ?)
       ORDER BY seq DESC LIMIT ?`,
    )
    .all(
      projectId,
      filter.entity ?? null, filter.entity ?? null,
      filter.entityId ?? null, filter.entityId ?? null,
      filter.limit ?? -1,
    ) as AuditRow[];
  return rows.map(toEvent);
}

export type ChainVerification = {
  ok: boolean;
  events: number;
  /** The first event whose stored hash or link does not match, with what is wrong. */
  firstBroken: { seq: number; id: number; problem: string } | null;
};

/** The columns the chain check reads, in this order (raw rows: no object per event). */
type ChainColumns = [
  id: number, seq: number, at: string, actor: string, sessionId: string | null, entity: string, entityId: string,
  action: string, beforeJson: string | null, afterJson: string | null, prevHash: string, hash: string,
];

/**
 * Re-computes every hash in order, in one pass over the rows as arrays (only the hashed columns,
 * not the signatures, which identity-check.ts verifies); 200,000 events stay in constant memory.
 * `from`: an event known to hold (its seq and hash), to go on after it (audit/going-on.ts).
 */
export function verifyAuditChain(db: ReadDb, projectId: string, from: { seq: number; hash: string } | null = null): ChainVerification {
  let prevHash = from?.hash ?? GENESIS_HASH;
  let expectedSeq = (from?.seq ?? 0) + 1;
  let events = from?.seq ?? 0;
  const projectIdJson = JSON.stringify(projectId);
  const rows = db
    .prepare(
      `SELECT id, seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash
         FROM audit_events WHERE project_id = ? AND seq > ? ORDER BY seq`,
    )
    .raw(true)
    .iterate(projectId, from?.seq ?? 0) as IterableIterator<ChainColumns>;
  for (const [id, seq, at, actor, sessionId, entity, entityId, action, beforeJson, afterJson, rowPrevHash, hash] of rows) {
    events++;
    const broken = (problem: string): ChainVerification => ({ ok: false, events, firstBroken: { seq, id, problem } });
    if (seq !== expectedSeq) return broken(`event ${expectedSeq} is missing (found ${seq} next)`);
    if (rowPrevHash !== prevHash) return broken('it does not link to the event before it');
    if (storedHash(projectIdJson, rowPrevHash, seq, at, actor, sessionId, entity, entityId, action, beforeJson, afterJson) !== hash) {
      return broken('its content does not match its hash (it was changed after it was written)');
    }
    prevHash = hash;
    expectedSeq++;
  }
  return { ok: true, events, firstBroken: null };
}
