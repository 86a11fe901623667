// Verifies a project's whole history: this copy's chain (audit/chain.ts; after a change, from
// where the last check stopped when no event before it can have changed: audit/going-on.ts), and
// the chain of every other copy merged in, each walked from its head back to the project's first
// event with every hash recomputed. Reads only.
import { eventHash, GENESIS_HASH, verifyAuditChain, type ChainVerification } from '../audit/chain';
import { beginWalk, storedHashAt } from '../audit/going-on';
import type { ReadDb } from '../store/access';
import type { HistoryVerification } from '../../../shared/team';
import type { EventRecord } from './format';
import { verifyIdentity } from '../audit/identity-check';

type Problem = { hash: string; seq: number; problem: string };

function check(e: EventRecord, projectId: string, parent: EventRecord | undefined): string | null {
  if (e.prev_hash === GENESIS_HASH ? e.seq !== 1 : !parent) return 'the event it follows is missing';
  if (parent && parent.seq !== e.seq - 1) return `it follows event ${parent.seq} but is numbered ${e.seq}`;
  let before: unknown;
  let after: unknown;
  try {
    before = e.before_json === null ? null : JSON.parse(e.before_json);
    after = e.after_json === null ? null : JSON.parse(e.after_json);
  } catch {
    return 'its stored values are not valid JSON';
  }
  const recomputed = eventHash(e.prev_hash, e.seq, {
    projectId, at: e.at, actor: e.actor, sessionId: e.session_id, entity: e.entity, entityId: e.entity_id, action: e.action, before, after,
  });
  return recomputed === e.hash ? null : 'its content does not match its hash (it was changed after it was written)';
}

/** This copy's chain, going on from where the last check that held stopped (audit/going-on.ts). */
function verifyLocalChain(db: ReadDb, projectId: string): ChainVerification {
  const walk = beginWalk<null>(db, 'chain', projectId);
  const chain = verifyAuditChain(db, projectId, walk.from);
  if (chain.ok && chain.events > 0) walk.stop({ seq: chain.events, hash: storedHashAt(db, projectId, chain.events)!, state: null });
  return chain;
}

export function verifyHistory(db: ReadDb, projectId: string): HistoryVerification {
  const chain = verifyLocalChain(db, projectId);
  const cols = 'seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash';
  const imported = db.prepare(`SELECT ${cols} FROM audit_events_imported WHERE project_id = ? ORDER BY seq, hash`).all(projectId) as EventRecord[];
  // no merged copy (the usual case): nothing to walk, and the local events need not be loaded again
  const local = imported.length === 0 ? [] : (db.prepare(`SELECT ${cols} FROM audit_events WHERE project_id = ?`).all(projectId) as EventRecord[]);
  const byHash = new Map<string, EventRecord>([...local, ...imported].map((e) => [e.hash, e]));
  const localHashes = new Set(local.map((e) => e.hash));
  const problems = new Map<string, Problem>();
  for (const e of imported) {
    const problem = check(e, projectId, byHash.get(e.prev_hash));
    if (problem) problems.set(e.hash, { hash: e.hash, seq: e.seq, problem });
  }
  // a branch head: an imported event no other event follows
  const followed = new Set([...local, ...imported].map((e) => e.prev_hash));
  const branches = imported
    .filter((e) => !followed.has(e.hash))
    .map((head) => {
      let events = 0;
      let firstBroken: Problem | null = null;
      // bounded: a tampered prev_hash must not send the walk round in a circle
      for (let e: EventRecord | undefined = head; e && !localHashes.has(e.hash) && events <= imported.length; e = byHash.get(e.prev_hash)) {
        events++;
        firstBroken = problems.get(e.hash) ?? firstBroken; // walking backwards: the last found is the earliest
      }
      return { head: head.hash, events, ok: firstBroken === null, firstBroken };
    });
  const identity = verifyIdentity(db, projectId, { chainHolds: chain.ok });
  return { ok: chain.ok && branches.every((b) => b.ok) && identity.problems.length === 0, chain, branches, identity };
}
