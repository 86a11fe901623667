// The identity half of verify: event signatures and the anchored head of a project's local chain,
// who signed as whom (actor-keys.ts), joined into one result the transports carry (shared/team.ts IdentityVerification).
import { createHash, type Hash } from 'node:crypto';
import { beginWalk, storedHashAt } from './going-on';
import type { ReadDb } from '../store/access';
import type { IdentityVerification } from '../../../shared/team';
import { checkAnchoredHead, readHead } from './head';
import { checkEventSignatures, type AuditProblem } from './signatures';
import { checkActorKeys, checkActorKeysOnLine, type ActorKeyEvent, type ActorKeyLine } from './actor-keys';

/**
 * The columns actor-keys.ts reads. Its values only where it looks at them (the events that change
 * members, and merges and imports, which name the head they take in): most events' values are
 * the bulk of a long history, and are not copied out of the database for nothing.
 */
const ACTOR_KEY_COLUMNS = `seq, hash, prev_hash, actor, action, entity_id, key_id,
  CASE WHEN action = 'project.create' OR substr(action, 1, 7) = 'member.' OR action IN ('bundle.merge', 'bundle.import') THEN after_json END AS after_json`;

/**
 * Where the check of a one-line history stopped (checkActorKeysOnLine), kept as its walk's state
 * (going-on.ts), with a digest of the key ids of the events it read: the key id is the one column
 * the check reads that the chain's hashes do not cover.
 */
type ActorKeyWalk = { line: ActorKeyLine; keyIds: string; digest: Hash };

/**
 * Every signed event of the project (this copy's chain and the events of merged copies) against
 * the key of the member it names as its actor (actor-keys.ts). An event of another copy is named
 * by its hash too, since its seq may be one this copy's chain also has.
 *
 * When the chain was just verified whole (`chainHolds`) and no other copy is merged in, the check
 * of the line goes on from where the last one stopped, if the event it stopped at still carries
 * the hash it had (a hash commits to every event before it) and the events up to it still carry
 * the key ids they had: known when no event of this connection's chain was rewritten since and no
 * other connection wrote (going-on.ts), else read again and compared by digest. Only the events
 * after it are judged.
 */
export function checkProjectActorKeys(db: ReadDb, projectId: string, options: { chainHolds?: boolean } = {}): AuditProblem[] {
  const merged = (db.prepare('SELECT count(*) FROM audit_events_imported WHERE project_id = ?').pluck().get(projectId) as number) > 0;
  if (options.chainHolds && !merged) {
    const walk = beginWalk<ActorKeyWalk>(db, 'actor-keys', projectId);
    let digest: Hash | null = null;
    const kept = walk.from ?? walk.last;
    if (walk.from) {
      digest = walk.from.state.digest.copy();
    } else if (kept && storedHashAt(db, projectId, kept.seq) === kept.hash) {
      const keyIds = createHash('sha256');
      const rows = db.prepare('SELECT key_id FROM audit_events WHERE project_id = ? AND seq <= ? ORDER BY seq').pluck().iterate(projectId, kept.seq) as IterableIterator<string | null>;
      for (const k of rows) keyIds.update(k === null ? '-\n' : `${k}\n`);
      if (keyIds.copy().digest('hex') === kept.state.keyIds) digest = keyIds;
    }
    const from = digest ? kept!.state.line : null;
    // going on: the digest read so far goes on with the new events; starting again: a fresh one
    const going = digest ?? createHash('sha256');
    const events = db.prepare(`SELECT ${ACTOR_KEY_COLUMNS} FROM audit_events WHERE project_id = ? AND seq > ? ORDER BY seq`).iterate(projectId, from?.lastSeq ?? 0) as IterableIterator<ActorKeyEvent>;
    const line = checkActorKeysOnLine(from, (function* () {
      for (const e of events) {
        going.update(e.key_id === null ? '-\n' : `${e.key_id}\n`);
        yield e;
      }
    })());
    if (line) {
      // the line carries what it found: it goes on with its problems, whatever they are
      walk.stop({ seq: line.lastSeq, hash: line.lastHash, state: { line, keyIds: going.copy().digest('hex'), digest: going } });
      return line.problems.map((p) => ({ seq: p.seq, problem: p.problem }));
    }
  }
  const local = db.prepare(`SELECT ${ACTOR_KEY_COLUMNS} FROM audit_events WHERE project_id = ? ORDER BY seq`).all(projectId) as ActorKeyEvent[];
  const imported = merged ? db.prepare(`SELECT ${ACTOR_KEY_COLUMNS} FROM audit_events_imported WHERE project_id = ? ORDER BY seq, hash`).all(projectId) as ActorKeyEvent[] : [];
  const problems = checkActorKeys(imported.length === 0 ? local : [...local, ...imported]);
  // which copy an event is from matters only when something was found and other copies were merged in
  const localHashes = problems.length > 0 && imported.length > 0 ? new Set(local.map((e) => e.hash)) : null;
  return problems.map((p) => ({
    seq: p.seq,
    problem: !localHashes || localHashes.has(p.hash) ? p.problem : `an event of another copy (${p.hash.slice(0, 12)}): ${p.problem}`,
  }));
}

/** `chainHolds`: the chain was just verified whole (see checkProjectActorKeys). */
export function verifyIdentity(db: ReadDb, projectId: string, options: { chainHolds?: boolean } = {}): IdentityVerification {
  const signatures = checkEventSignatures(db, projectId);
  const head = readHead(db, projectId);
  return {
    signed: signatures.signed,
    unsigned: signatures.unsigned,
    head: head ? { seq: head.seq, hash: head.hash } : null,
    problems: [...signatures.problems, ...checkProjectActorKeys(db, projectId, options), ...checkAnchoredHead(db, projectId)],
  };
}
