// Signed audit events: each event carries the key id of its author and an Ed25519 signature over
// its hash, which commits to the event's canonical form and to every event before it. Events
// written before identities existed have neither and are reported as unsigned, not as broken.
import type { ReadDb } from '../store/access';
import type { Signer } from '../identity/key-file';
import { fingerprintOf, verifyBytesRemembered } from '../identity/keys';
import { projectKeys, type KnownKey } from '../identity/signers';
import { beginWalk } from './going-on';

/** One thing verify found wrong, said as a sentence; seq names the event when there is one. */
export type AuditProblem = { seq: number | null; problem: string };

export function eventSigningBytes(projectId: string, seq: number, hash: string): Buffer {
  return Buffer.from(`cwb-audit-event/1\n${projectId}\n${seq}\n${hash}`, 'utf8');
}

export function signEvent(signer: Signer, projectId: string, seq: number, hash: string): { keyId: string; signature: string } {
  return { keyId: signer.keyId, signature: signer.sign(eventSigningBytes(projectId, seq, hash)) };
}

export type SignedEvent = { seq: number; hash: string; key_id: string | null; signature: string | null };

/** Why one event's signature does not hold, or null when it does (or the event is unsigned). */
export function eventSignatureProblem(projectId: string, e: SignedEvent, keys: Map<string, KnownKey>): string | null {
  if (e.key_id === null && e.signature === null) return null;
  if (e.key_id === null || e.signature === null) return `event ${e.seq} has ${e.key_id === null ? 'a signature but no key id' : 'a key id but no signature'}`;
  const key = keys.get(e.key_id);
  if (!key) return `event ${e.seq} is signed by key ${fingerprintOf(e.key_id)}, which is not the key of any member of this project`;
  if (!verifyBytesRemembered(key.publicKey, eventSigningBytes(projectId, e.seq, e.hash), e.signature)) {
    return `event ${e.seq} carries a signature that does not match it under ${key.owner}'s key (it was forged or altered)`;
  }
  return null;
}

export type SignatureCheck = { signed: number; unsigned: number; problems: AuditProblem[] };

type SignatureWalk = { signed: number; unsigned: number; firstSigned: number | null; keys: string };

/**
 * Checks the signature of every event of the project's local chain. Once the chain has a signed
 * event, an unsigned one after it is a problem: only events from before the upgrade may lack one.
 * After a change it goes on from where the last check that found nothing stopped (going-on.ts),
 * if the members' keys are still those it judged by.
 */
export function checkEventSignatures(db: ReadDb, projectId: string): SignatureCheck {
  const keys = projectKeys(db, projectId);
  const keysSeen = [...keys.values()].map((k) => `${k.keyId}\t${k.owner}`).sort().join('\n');
  const walk = beginWalk<SignatureWalk>(db, 'signatures', projectId);
  const from = walk.from?.state.keys === keysSeen ? walk.from : null;
  const rows = db
    .prepare('SELECT seq, hash, key_id, signature FROM audit_events WHERE project_id = ? AND seq > ? ORDER BY seq')
    .iterate(projectId, from?.seq ?? 0) as IterableIterator<SignedEvent>;
  let signed = from?.state.signed ?? 0;
  let unsigned = from?.state.unsigned ?? 0;
  let firstSigned = from?.state.firstSigned ?? null;
  let last: { seq: number; hash: string } | null = from;
  const problems: AuditProblem[] = [];
  for (const e of rows) {
    last = e;
    if (e.key_id === null && e.signature === null) {
      unsigned++;
      if (firstSigned !== null) problems.push({ seq: e.seq, problem: `event ${e.seq} is unsigned, but event ${firstSigned} before it is signed: it was written outside the app or its signature was removed` });
      continue;
    }
    signed++;
    firstSigned ??= e.seq;
    const problem = eventSignatureProblem(projectId, e, keys);
    if (problem) problems.push({ seq: e.seq, problem });
  }
  if (problems.length === 0 && last) walk.stop({ seq: last.seq, hash: last.hash, state: { signed, unsigned, firstSigned, keys: keysSeen } });
  return { signed, unsigned, problems };
}
