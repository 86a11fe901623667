// Test helpers for the report tests: temp folders, pdftotext, and zip surgery for tamper tests.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { ReportModel } from '../../../shared/report-model';
import type { EvidenceFile } from '../../../electron/core/reports/package';

export function tempDir(prefix = 'cwb-reports-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Text of a PDF (or of pages first..last) as pdftotext sees it. */
export function pdfToText(pdf: Buffer, first?: number, last?: number): string {
  const dir = tempDir();
  const file = path.join(dir, 'r.pdf');
  writeFileSync(file, pdf);
  const args = ['-enc', 'UTF-8', ...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), file, '-'];
  return execFileSync('/usr/bin/pdftotext', args, { encoding: 'utf8' });
}

export function pdfPageCount(pdf: Buffer): number {
  const dir = tempDir();
  const file = path.join(dir, 'r.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Gives every file evidence item real bytes and the matching hash; returns the files to package. */
export function withEvidenceBytes(m: ReportModel): { model: ReportModel; files: EvidenceFile[] } {
  const files: EvidenceFile[] = [];
  const evidence = m.evidence.map((e) => {
    if (e.kind !== 'file') return e;
    const bytes = Buffer.from(`bytes of ${e.id}: ${e.name}\n`, 'utf8');
    const hash = sha256(bytes);
    files.push({ sha256: hash, name: e.name, read: () => bytes });
    return { ...e, sha256: hash, size: bytes.length };
  });
  return { model: { ...m, evidence }, files };
}

export function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return reject(e2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

export function writeZip(file: string, entries: Map<string, Buffer>): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => {
      writeFileSync(file, Buffer.concat(chunks));
      resolve();
    });
  });
}

/**
 * yazl refuses to write `../` names, as it should; a hostile zip is made by writing a harmless
 * name of the same length and patching its bytes (local header and central directory alike).
 */
export function patchEntryName(file: string, from: string, to: string): void {
  if (from.length !== to.length) throw new Error('names must have the same length');
  const bytes = readFileSync(file);
  const a = Buffer.from(from, 'utf8');
  const b = Buffer.from(to, 'utf8');
  let at = bytes.indexOf(a);
  let n = 0;
  while (at !== -1) {
    b.copy(bytes, at);
    n++;
    at = bytes.indexOf(a, at + 1);
  }
  if (n === 0) throw new Error(`${from} not found`);
  writeFileSync(file, bytes);
}

/** Extracts a package with yauzl (no unzip needed) so sha256sum can check it. */
export async function extractZip(file: string, dir: string): Promise<void> {
  const entries = await readZip(file);
  for (const [name, bytes] of entries) {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
}

/** The characters of Markdown `s` that a CommonMark parser sees unescaped. */
export function unescapedChars(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++; // the next character is literal
      continue;
    }
    out.push(s[i] as string);
  }
  return out;
}

/** Number of cells in a GFM table row: unescaped pipes minus one. */
export function tableCells(row: string): number {
  return unescapedChars(row).filter((c) => c === '|').length - 1;
}
