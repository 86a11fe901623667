// The identity half of verify: event signatures and the anchored head of a project's local chain,
// joined into one result the transports carry (shared/team.ts IdentityVerification).
import type { ReadDb } from '../store/access';
import type { IdentityVerification } from '../../../shared/team';
import { checkAnchoredHead, readHead } from './head';
import { checkEventSignatures } from './signatures';

export function verifyIdentity(db: ReadDb, projectId: string): IdentityVerification {
  const signatures = checkEventSignatures(db, projectId);
  const head = readHead(db, projectId);
  return {
    signed: signatures.signed,
    unsigned: signatures.unsigned,
    head: head ? { seq: head.seq, hash: head.hash } : null,
    problems: [...signatures.problems, ...checkAnchoredHead(db, projectId)],
  };
}
