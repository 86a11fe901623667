// Checks an evidence package the way an auditor would with sha256sum: every file the manifest
// lists is there with the same size and SHA-256, nothing else is, and manifest.sha256 agrees.
// Entries with absolute paths or `..` are refused outright: such a zip is hostile, not damaged.
import { createHash } from 'node:crypto';
import { walkZip, ZipLimitExceeded, type ZipLimits } from '../archive/zip-stream';
import { ReportError } from './errors';
import { MANIFEST_JSON, MANIFEST_SHA256, MANIFEST_SIG, PackageManifest, SIGNER_PEM, type PackageProblem } from './package-manifest';
export type { PackageProblem } from './package-manifest';
import { checkPackageSignature } from './package-signature';

/** signedBy: the fingerprint of the key whose signature of manifest.sha256 holds; null for an unsigned package. */
export type PackageVerification = { ok: boolean; checked: number; problems: PackageProblem[]; signedBy: string | null };

type Found = { sha256: string; size: number; bytes: Buffer | null; copies: number };

function unsafeName(name: string): string | null {
  if (name.includes('\\')) return 'it contains a backslash';
  if (/^[a-zA-Z]:/.test(name) || name.startsWith('/')) return 'it is an absolute path';
  if (name.split('/').includes('..')) return 'it climbs out of the folder with ".."';
  return null;
}

function refuse(path: string, entry: string, why: string): ReportError {
  return new ReportError(
    'package_unsafe_entry',
    `The evidence package ${path} contains an entry "${entry}" that is refused because ${why}. ` +
      'It was not extracted; do not unzip this file with other tools either.',
    { path, entry },
  );
}

/**
 * Entries are hashed as they stream, so only the two manifests are held in memory, capped; the
 * limits stop a zip bomb while it inflates, whatever sizes the headers claim.
 */
export const PACKAGE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxEntryBytes: 4 * 1024 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxRatio: 200,
};
/** manifest.json and manifest.sha256 of a package with 100,000 files are a few MB. */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

const UNSAFE_YAUZL_NAME = /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/;

function bomb(path: string, problem: string, entry?: string): ReportError {
  return new ReportError(
    'package_unreadable',
    `The evidence package ${path} was refused: ${problem}${entry ? ` (entry "${entry.slice(0, 200)}")` : ''}. It was not extracted; do not unzip it with other tools either.`,
    { path, ...(entry ? { entry } : {}) },
  );
}

/** Reads every entry's size and SHA-256 (keeping the bytes of the two manifests). */
async function readEntries(path: string): Promise<Map<string, Found>> {
  const found = new Map<string, Found>();
  let opened = false;
  try {
    await walkZip(path, PACKAGE_ZIP_LIMITS, (entry) => {
      opened = true;
      const why = unsafeName(entry.fileName);
      if (why) throw refuse(path, entry.fileName, why);
      if (entry.fileName.endsWith('/')) return null; // folder entries carry no data
      const hash = createHash('sha256');
      const keep = [MANIFEST_JSON, MANIFEST_SHA256, MANIFEST_SIG, SIGNER_PEM].includes(entry.fileName);
      if (keep && entry.uncompressedSize > MAX_MANIFEST_BYTES) throw bomb(path, `its ${entry.fileName} is larger than ${MAX_MANIFEST_BYTES / 1048576} MiB`, entry.fileName);
      const chunks: Buffer[] = [];
      let size = 0;
      return {
        data: (c) => {
          hash.update(c);
          size += c.length;
          if (!keep) return;
          if (size > MAX_MANIFEST_BYTES) throw bomb(path, `its ${entry.fileName} is larger than ${MAX_MANIFEST_BYTES / 1048576} MiB`, entry.fileName);
          chunks.push(c);
        },
        end: () => {
          // A name stored twice: unzip tools disagree on which copy wins, so the second is "extra".
          const copies = (found.get(entry.fileName)?.copies ?? 0) + 1;
          if (copies === 1) found.set(entry.fileName, { sha256: hash.digest('hex'), size, bytes: keep ? Buffer.concat(chunks) : null, copies });
          else (found.get(entry.fileName) as Found).copies = copies;
        },
      };
    });
  } catch (e) {
    if (e instanceof ReportError) throw e;
    if (e instanceof ZipLimitExceeded) throw bomb(path, e.problem, e.entry);
    const msg = e instanceof Error ? e.message : String(e);
    const unsafe = UNSAFE_YAUZL_NAME.exec(msg);
    if (unsafe) throw refuse(path, unsafe[2] as string, unsafe[1] as string);
    throw opened
      ? new ReportError('package_unreadable', `${path} could not be read (${msg}).`, { path })
      : new ReportError('package_unreadable', `${path} is not a readable zip file (${msg}).`, { path });
  }
  return found;
}

export async function verifyEvidencePackage(path: string): Promise<PackageVerification> {
  const found = await readEntries(path);
  const problems: PackageProblem[] = [];
  const manifestBytes = found.get(MANIFEST_JSON)?.bytes;
  if (!manifestBytes) {
    return { ok: false, checked: 0, problems: [{ file: MANIFEST_JSON, problem: 'missing' }], signedBy: null };
  }
  let manifest: PackageManifest;
  try {
    manifest = PackageManifest.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch (e) {
    throw new ReportError('package_unreadable', `The manifest.json in ${path} is not a valid package manifest (${(e as Error).message.slice(0, 300)}).`, { path });
  }

  let checked = 0;
  const listed = new Set<string>([MANIFEST_JSON, MANIFEST_SHA256, MANIFEST_SIG]);
  for (const f of manifest.files) {
    listed.add(f.path);
    const got = found.get(f.path);
    if (!got) {
      problems.push({ file: f.path, problem: 'missing' });
      continue;
    }
    checked++;
    if (got.size !== f.size) problems.push({ file: f.path, problem: 'size_mismatch' });
    else if (got.sha256 !== f.sha256) problems.push({ file: f.path, problem: 'hash_mismatch' });
  }
  for (const [file, f] of [...found].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!listed.has(file) || f.copies > 1) problems.push({ file, problem: 'extra' });
  }

  // manifest.sha256 is what an auditor runs; it must agree with the files (manifest.json too).
  const sums = found.get(MANIFEST_SHA256)?.bytes;
  if (!sums) {
    problems.push({ file: MANIFEST_SHA256, problem: 'missing' });
  } else {
    checked++;
    const reported = new Set<string>();
    for (const line of sums.toString('utf8').split('\n')) {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!match) continue;
      const [, hash, file] = match as unknown as [string, string, string];
      const got = found.get(file);
      if (!got) {
        if (!problems.some((p) => p.file === file)) problems.push({ file, problem: 'missing' });
      } else if (got.sha256 !== hash && !problems.some((p) => p.file === file)) {
        problems.push({ file, problem: 'hash_mismatch' });
      }
      reported.add(file);
    }
    for (const file of listed) {
      if (file !== MANIFEST_SHA256 && file !== MANIFEST_SIG && found.has(file) && !reported.has(file) && !problems.some((p) => p.file === file)) {
        problems.push({ file: MANIFEST_SHA256, problem: 'hash_mismatch' }); // it leaves a file unchecked
        break;
      }
    }
  }
  const signature = checkPackageSignature(found.get(MANIFEST_SHA256)?.bytes ?? null, found.get(SIGNER_PEM)?.bytes ?? null, found.get(MANIFEST_SIG)?.bytes ?? null);
  problems.push(...signature.problems);
  return { ok: problems.length === 0, checked, problems, signedBy: signature.signedBy };
}
