// Zip in memory. Reading refuses, before extracting anything, an entry name that could escape its
// folder (.., absolute paths, drive letters, backslashes) or that a bundle never contains.
import yauzl from 'yauzl';
import yazl from 'yazl';
import { bundleInvalid } from './errors';
import { BUNDLE_JSON, EVIDENCE_ENTRY, MANIFEST_JSON, MANIFEST_SIG } from './format';

export const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
export const MAX_ENTRIES = 100_000;

export function writeZip(entries: Array<{ name: string; data: Buffer }>, mtime: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
    for (const e of entries) zip.addBuffer(e.data, e.name, { mtime, mode: 0o100644 });
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

/** Reads every entry into memory after checking all names and sizes. */
export function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: we check the raw names ourselves and say exactly what is wrong.
    yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(bundleInvalid('it is not a readable zip file'));
      const out = new Map<string, Buffer>();
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(e);
      };
      if (zip.entryCount > MAX_ENTRIES) return fail(bundleInvalid(`it holds ${zip.entryCount} entries, more than a bundle can`));
      zip.on('error', () => fail(bundleInvalid('its zip structure is damaged')));
      zip.on('end', () => { if (!failed) resolve(out); });
      zip.on('entry', (entry: yauzl.Entry) => {
        const raw = entry.fileName as unknown;
        const name = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
        const problem = entryNameProblem(name);
        if (problem) return fail(bundleInvalid(problem, printable(name)));
        if (out.has(name)) return fail(bundleInvalid('an entry appears twice', name));
        if (entry.uncompressedSize > MAX_ENTRY_BYTES) return fail(bundleInvalid('an entry is larger than a bundle may hold', name));
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return fail(bundleInvalid('an entry cannot be read', name));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', () => fail(bundleInvalid('an entry is damaged', name)));
          stream.on('end', () => {
            out.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
