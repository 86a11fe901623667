// Whether this copy trusts the person who signed a bundle. Merging: the signer's key must be the
// key of a member of the project here; a member added before identities (no key yet) is bound to
// the key on first use, and the import result shows its fingerprint to compare out of band.
// Creating: the signer must be a member of the project as the bundle's own rows have it. Anyone
// else is a stranger, and the bundle is refused before anything is written.
import type { CoreContext } from '../context';
import { fingerprintOf, keyIdOf, parsePublicKeyPem } from '../identity/keys';
import { projectKeys } from '../identity/signers';
import { bundleInvalid } from './errors';
import { MANIFEST_SIG } from './signing';
import type { BundleData, BundleSigner } from './format';

export type SignerTrust = { fingerprint: string; memberKey: string; firstUse: boolean };

function stranger(signer: BundleSigner, where: string): Error {
  return bundleInvalid(
    `it is signed by key ${fingerprintOf(signer.keyId)} (as "${signer.memberKey}"), which is not the key of any member of this project ${where}; ` +
      'an owner adds a teammate by key with `cwb member add --project ID --key FILE.pub`',
    MANIFEST_SIG,
  );
}

const keyIdOfPem = (pem: string | null): string | null => {
  if (!pem) return null;
  try {
    return keyIdOf(parsePublicKeyPem(pem, 'a member key'));
  } catch {
    return null;
  }
};

/** For a project new here: the signer must hold the key of a member in the bundle's rows, or be a keyless member of it. */
export function trustForCreate(data: BundleData, signer: BundleSigner): SignerTrust {
  // role is a registry field (shared/records.ts), typed there rather than in the row schema
  const members = data.tables.project_members.filter((m) => (m as Record<string, unknown>).role != null);
  if (members.some((m) => keyIdOfPem(m.public_key) === signer.keyId)) return { fingerprint: fingerprintOf(signer.keyId), memberKey: signer.memberKey, firstUse: false };
  if (members.some((m) => m.member_key === signer.memberKey && m.public_key === null)) return { fingerprint: fingerprintOf(signer.keyId), memberKey: signer.memberKey, firstUse: true };
  throw stranger(signer, 'as the bundle lists them');
}

/** For a project that is here: reads only; bindFirstUse writes, inside the merge's transaction. */
export function trustForMerge(ctx: CoreContext, projectId: string, signer: BundleSigner): SignerTrust {
  if (projectKeys(ctx.db, projectId).has(signer.keyId)) return { fingerprint: fingerprintOf(signer.keyId), memberKey: signer.memberKey, firstUse: false };
  const row = ctx.db
    .prepare('SELECT public_key FROM project_members WHERE project_id = ? AND member_key = ? AND role IS NOT NULL')
    .get(projectId, signer.memberKey) as { public_key: string | null } | undefined;
  if (row && row.public_key === null) return { fingerprint: fingerprintOf(signer.keyId), memberKey: signer.memberKey, firstUse: true };
  throw stranger(signer, 'here');
}

/**
 * Records keys for members that have none here: the signer's on first use, and the keys the
 * signer's rows vouch for. A member's existing key is never replaced by a bundle.
 */
export function bindMemberKeys(ctx: CoreContext, projectId: string, data: BundleData, signer: BundleSigner, trust: SignerTrust): void {
  const bind = ctx.db.prepare('UPDATE project_members SET public_key = ? WHERE project_id = ? AND member_key = ? AND public_key IS NULL');
  if (trust.firstUse) bind.run(signer.publicKeyPem, projectId, signer.memberKey);
  for (const m of data.tables.project_members) if (m.public_key) bind.run(m.public_key, projectId, m.member_key);
}
