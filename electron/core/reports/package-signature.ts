// The package's detached signature: manifest.sig is the raw Ed25519 signature of manifest.sha256
// under the key in signer.pem, the same check an auditor runs with openssl. A package without
// both files is unsigned (older versions wrote none); one with only one of them is a problem.
import { createPublicKey, verify } from 'node:crypto';
import { fingerprintOf, keyIdOf } from '../identity/keys';
import { MANIFEST_SHA256, MANIFEST_SIG, SIGNER_PEM, type PackageProblem } from './package-manifest';

export function checkPackageSignature(sums: Buffer | null, signerPem: Buffer | null, signature: Buffer | null): { signedBy: string | null; problems: PackageProblem[] } {
  if (!signerPem && !signature) return { signedBy: null, problems: [] };
  if (!signerPem) return { signedBy: null, problems: [{ file: SIGNER_PEM, problem: 'missing' }] };
  if (!signature) return { signedBy: null, problems: [{ file: MANIFEST_SIG, problem: 'missing' }] };
  let holds = false;
  let signedBy: string | null = null;
  try {
    const key = createPublicKey({ key: signerPem, format: 'pem' });
    if (key.asymmetricKeyType === 'ed25519') {
      signedBy = fingerprintOf(keyIdOf(key));
      holds = sums !== null && verify(null, sums, key, signature);
    }
  } catch {
    holds = false;
  }
  if (!holds) return { signedBy: null, problems: [{ file: sums ? MANIFEST_SIG : MANIFEST_SHA256, problem: 'signature_mismatch' }] };
  return { signedBy, problems: [] };
}
