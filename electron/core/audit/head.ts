// The anchored head: each project's last seq and hash, signed and rewritten in the same
// transaction as every event. Cutting events off the end of the chain leaves the head naming an
// event that is gone; the head is also printed in reports, packages, bundles and sign-offs, so a
// rewrite by someone holding the key can be caught against a copy kept elsewhere.
import type { Db } from '../store/database';
import type { ReadDb } from '../store/access';
import type { Signer } from '../identity/key-file';
import { fingerprintOf, verifyBytes } from '../identity/keys';
import { projectKeys } from '../identity/signers';
import type { AuditProblem } from './signatures';

export type AuditHead = { seq: number; hash: string; keyId: string | null; signature: string | null };

export function headSigningBytes(projectId: string, seq: number, hash: string): Buffer {
  return Buffer.from(`cwb-audit-head/1\n${projectId}\n${seq}\n${hash}`, 'utf8');
}

/** Moves the project's head to the event just appended; call in that event's transaction. */
export function writeHead(db: Db, projectId: string, seq: number, hash: string, signer: Signer | null): void {
  const signature = signer ? signer.sign(headSigningBytes(projectId, seq, hash)) : null;
  db.prepare(
    `INSERT INTO audit_heads (project_id, seq, hash, key_id, signature) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (project_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, key_id = excluded.key_id, signature = excluded.signature`,
  ).run(projectId, seq, hash, signer?.keyId ?? null, signature);
}

export function readHead(db: ReadDb, projectId: string): AuditHead | null {
  const row = db.prepare('SELECT seq, hash, key_id, signature FROM audit_heads WHERE project_id = ?').get(projectId) as
    | { seq: number; hash: string; key_id: string | null; signature: string | null }
    | undefined;
  return row ? { seq: row.seq, hash: row.hash, keyId: row.key_id, signature: row.signature } : null;
}

/** "event 12 (3f5a9c01d2e4)": how reports print a head, and how a person quotes it back. */
export function describeHead(head: { seq: number; hash: string }): string {
  return `event ${head.seq} (${head.hash.slice(0, 12)})`;
}

/** Compares the chain's last event with its anchored head, and checks the head's signature. */
export function checkAnchoredHead(db: ReadDb, projectId: string): AuditProblem[] {
  const head = readHead(db, projectId);
  const last = db.prepare('SELECT seq, hash, key_id FROM audit_events WHERE project_id = ? ORDER BY seq DESC LIMIT 1').get(projectId) as
    | { seq: number; hash: string; key_id: string | null }
    | undefined;
  if (!head) {
    if (!last) return [];
    return [{ seq: null, problem: `the chain's anchored head is missing (the chain ends at event ${last.seq}); it was removed outside the app` }];
  }
  const problems: AuditProblem[] = [];
  if (!last || last.seq < head.seq) {
    const from = (last?.seq ?? 0) + 1;
    problems.push({ seq: from, problem: `the chain ends at event ${last?.seq ?? 0} but its anchored head is event ${head.seq}: events ${from} to ${head.seq} were cut off the end` });
  } else if (last.seq > head.seq) {
    problems.push({ seq: head.seq + 1, problem: `the chain goes on to event ${last.seq} past its anchored head, event ${head.seq}: events after it were written outside the app` });
  } else if (last.hash !== head.hash) {
    problems.push({ seq: head.seq, problem: `event ${head.seq} is not the event the anchored head records (hash ${head.hash.slice(0, 12)}): the end of the chain was replaced` });
  }
  if (head.keyId === null || head.signature === null) {
    // an unsigned head is fine only for a chain that was never signed (a database from before identities)
    if (last?.key_id) problems.push({ seq: null, problem: 'the anchored head is unsigned although the chain is signed: it was rewritten outside the app' });
    return problems;
  }
  const key = projectKeys(db, projectId).get(head.keyId);
  if (!key) problems.push({ seq: null, problem: `the anchored head is signed by key ${fingerprintOf(head.keyId)}, which is not the key of any member of this project` });
  else if (!verifyBytes(key.publicKey, headSigningBytes(projectId, head.seq, head.hash), head.signature)) {
    problems.push({ seq: null, problem: 'the anchored head carries a signature that does not match it (it was forged or altered)' });
  }
  return problems;
}
