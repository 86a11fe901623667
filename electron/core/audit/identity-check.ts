// The identity half of verify: event signatures and the anchored head of a project's local chain,
// who signed as whom (actor-keys.ts), joined into one result the transports carry (shared/team.ts IdentityVerification).
import type { ReadDb } from '../store/access';
import type { IdentityVerification } from '../../../shared/team';
import { checkAnchoredHead, readHead } from './head';
import { checkEventSignatures, type AuditProblem } from './signatures';
import { checkActorKeys, type ActorKeyEvent } from './actor-keys';

/**
 * The columns actor-keys.ts reads. Its values only where it looks at them (the events that change
 * members, and merges and imports, which name the head they take in): most events' values are
 * the bulk of a long history, and are not copied out of the database for nothing.
 */
const ACTOR_KEY_COLUMNS = `seq, hash, prev_hash, actor, action, entity_id, key_id,
  CASE WHEN action = 'project.create' OR substr(action, 1, 7) = 'member.' OR action IN ('bundle.merge', 'bundle.import') THEN after_json END AS after_json`;

/**
 * Every signed event of the project (this copy's chain and the events of merged copies) against
 * the key of the member it names as its actor (actor-keys.ts). An event of another copy is named
 * by its hash too, since its seq may be one this copy's chain also has.
 */
export function checkProjectActorKeys(db: ReadDb, projectId: string): AuditProblem[] {
  const local = db.prepare(`SELECT ${ACTOR_KEY_COLUMNS} FROM audit_events WHERE project_id = ? ORDER BY seq`).all(projectId) as ActorKeyEvent[];
  const imported = db.prepare(`SELECT ${ACTOR_KEY_COLUMNS} FROM audit_events_imported WHERE project_id = ? ORDER BY seq, hash`).all(projectId) as ActorKeyEvent[];
  const problems = checkActorKeys(imported.length === 0 ? local : [...local, ...imported]);
  // which copy an event is from matters only when something was found and other copies were merged in
  const localHashes = problems.length > 0 && imported.length > 0 ? new Set(local.map((e) => e.hash)) : null;
  return problems.map((p) => ({
    seq: p.seq,
    problem: !localHashes || localHashes.has(p.hash) ? p.problem : `an event of another copy (${p.hash.slice(0, 12)}): ${p.problem}`,
  }));
}

export function verifyIdentity(db: ReadDb, projectId: string): IdentityVerification {
  const signatures = checkEventSignatures(db, projectId);
  const head = readHead(db, projectId);
  return {
    signed: signatures.signed,
    unsigned: signatures.unsigned,
    head: head ? { seq: head.seq, hash: head.hash } : null,
    problems: [...signatures.problems, ...checkProjectActorKeys(db, projectId), ...checkAnchoredHead(db, projectId)],
  };
}
