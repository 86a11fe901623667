// What an evidence package's manifest.json says, shared by the writer and the verifier.
import { z } from 'zod';

export const PACKAGE_FORMAT = 'compliance-workbench-evidence-package/1';
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_SHA256 = 'manifest.sha256';
/** The signer's Ed25519 public key (PEM), listed in manifest.sha256 like every other file. */
export const SIGNER_PEM = 'signer.pem';
/** The raw 64-byte Ed25519 signature of manifest.sha256, for `openssl pkeyutl -verify -rawin`. */
export const MANIFEST_SIG = 'manifest.sig';

export const PackageManifest = z.object({
  format: z.literal(PACKAGE_FORMAT),
  project: z.object({ id: z.string(), name: z.string() }),
  generatedAt: z.string(),
  generatedBy: z.string(),
  describes: z.enum(['current', 'signed_baseline']),
  catalogVersion: z.string(),
  /** The audit chain's anchored head when the package was made. */
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable().optional(),
  /** Every file in the package except manifest.json and manifest.sha256. */
  files: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() })),
  /** Which evidence item each packaged file is (links and notes have no file: path null). */
  evidence: z.array(
    z.object({
      id: z.string(),
      controlId: z.string(),
      kind: z.string(),
      name: z.string(),
      sha256: z.string(),
      path: z.string().nullable(),
    }),
  ),
});
export type PackageManifest = z.infer<typeof PackageManifest>;

/** One thing wrong with a package: a listed file missing or different, an unlisted one, a signature that does not hold. */
export type PackageProblem = {
  file: string;
  problem: 'missing' | 'extra' | 'hash_mismatch' | 'size_mismatch' | 'signature_mismatch';
};
