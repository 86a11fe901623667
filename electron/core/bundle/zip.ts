// Zip in memory. Reading refuses, before extracting anything, an entry name that could escape its
// folder (.., absolute paths, drive letters, backslashes) or that a bundle never contains, and
// stops a zip bomb while it inflates (archive/zip-stream.ts).
import yazl from 'yazl';
import { walkZip, ZipLimitExceeded, type ZipLimits } from '../archive/zip-stream';
import { WorkbenchError } from '../errors';
import { bundleInvalid } from './errors';
import { BUNDLE_JSON, EVIDENCE_DIR, EVIDENCE_ENTRY, MANIFEST_JSON, MANIFEST_SIG } from './format';

export const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
export const MAX_ENTRIES = 100_000;

export function writeZip(entries: Array<{ name: string; data: Buffer }>, mtime: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
    // Evidence files are stored as they are: many are compressed already, and a very repetitive
    // log would otherwise pass the reader's compression-ratio limit.
    for (const e of entries) zip.addBuffer(e.data, e.name, { mtime, mode: 0o100644, compress: !e.name.startsWith(EVIDENCE_DIR) });
    zip.end();
  });
}

/** Why a name is refused, or null when it is one a bundle may hold. */
export function entryNameProblem(name: string): string | null {
  if (name.includes('\\')) return 'an entry name contains a backslash';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'an entry name is an absolute path';
  if (name.split('/').includes('..')) return 'an entry name tries to leave the bundle folder with ".."';
  if (/[\u0000-\u001f]/.test(name)) return 'an entry name contains control characters';
  if (name !== BUNDLE_JSON && name !== MANIFEST_JSON && name !== MANIFEST_SIG && !EVIDENCE_ENTRY.test(name)) return 'the bundle holds an entry it should not';
  return null;
}

function printable(name: string): string {
  return name.replace(/[\u0000-\u001f]/g, '?').slice(0, 200);
}

/**
 * A bundle is held in memory to be checked whole, so a bomb must be stopped while it inflates:
 * with a 100:1 ratio a 1 MB file can never grow past about 100 MB.
 */
export const BUNDLE_ZIP_LIMITS: ZipLimits = {
  maxEntries: MAX_ENTRIES,
  maxEntryBytes: MAX_ENTRY_BYTES,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 100,
};

/** Reads every entry into memory, checking each name before its bytes and every limit while inflating. */
export async function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  let current: string | null = null;
  try {
    // decodeStrings off: we check the raw names ourselves and say exactly what is wrong.
    await walkZip(bytes, BUNDLE_ZIP_LIMITS, (entry) => {
      const raw = entry.fileName as unknown;
      const name = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
      const problem = entryNameProblem(name);
      if (problem) throw bundleInvalid(problem, printable(name));
      if (out.has(name)) throw bundleInvalid('an entry appears twice', name);
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) throw bundleInvalid('an entry is larger than a bundle may hold', name);
      current = name;
      const chunks: Buffer[] = [];
      return { data: (c) => chunks.push(c), end: () => out.set(name, Buffer.concat(chunks)) };
    }, { decodeStrings: false });
  } catch (e) {
    if (e instanceof WorkbenchError) throw e;
    if (e instanceof ZipLimitExceeded) throw bundleInvalid(e.problem, e.entry === undefined ? undefined : printable(e.entry));
    // yauzl's own error: before the first entry the file is no zip; after, an entry is damaged
    throw current === null ? bundleInvalid('it is not a readable zip file') : bundleInvalid('an entry is damaged', printable(current));
  }
  return out;
}
