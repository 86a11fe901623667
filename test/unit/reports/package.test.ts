import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { ReportError } from '../../../electron/core/reports/errors';
import { evidenceFileName } from '../../../electron/core/reports/ids';
import { verifyEvidencePackage, writeEvidencePackage } from '../../../electron/core/reports/package';
import { renderPdf } from '../../../electron/core/reports/pdf';
import { hostileModel } from '../../fixtures/report-model';
import { extractZip, patchEntryName, readZip, sha256, tempDir, withEvidenceBytes, writeZip } from './helpers';

const { model, files } = withEvidenceBytes(hostileModel());
let pdf: Buffer;
let fresh: string;

async function failure(p: Promise<unknown>): Promise<ReportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
}

/** A copy of the fresh package with its entries changed by `edit`. */
async function tampered(edit: (entries: Map<string, Buffer>) => void): Promise<string> {
  const entries = await readZip(fresh);
  edit(entries);
  const out = path.join(tempDir(), 'tampered.zip');
  await writeZip(out, entries);
  return out;
}

beforeAll(async () => {
  pdf = await renderPdf(model);
  fresh = path.join(tempDir(), 'evidence-package.zip');
  await writeEvidencePackage({ model, outPath: fresh, evidenceFiles: files, pdf });
});

describe('writeEvidencePackage', () => {
  it('holds the reports, each evidence file and both manifests', async () => {
    const entries = await readZip(fresh);
    const names = [...entries.keys()];
    expect(names.filter((n) => !n.startsWith('evidence/'))).toEqual([
      'checklist.csv',
      'manifest.json',
      'manifest.sha256',
      'oscal/assessment-results.json',
      'oscal/poam.json',
      'report.md',
      'report.pdf',
    ]);
    const evidence = names.filter((n) => n.startsWith('evidence/'));
    expect(evidence).toHaveLength(3);
    for (const f of files) expect(evidence).toContain(evidence.find((n) => n.startsWith(`evidence/${f.sha256}-`)));
    // A hostile name stays inside evidence/.
    expect(evidence.some((n) => n.endsWith('-etc_passwd_Ærø.txt'))).toBe(true);
    expect(entries.get('report.pdf')?.equals(pdf)).toBe(true);
    const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}');
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(names.filter((n) => !n.startsWith('manifest.')));
    for (const f of manifest.files) expect(f.sha256).toBe(sha256(entries.get(f.path) as Buffer));
  });

  it('can be checked without our app: sha256sum -c passes on the extracted files', async () => {
    const dir = tempDir();
    await extractZip(fresh, dir);
    const out = execFileSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: dir, encoding: 'utf8' });
    expect(out.trim().split('\n')).toHaveLength(9); // 8 files + manifest.json
    expect(out).not.toMatch(/FAILED/);
  });

  it('gives the same bytes for the same state, whatever the time zone', async () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const other = path.join(tempDir(), 'again.zip');
      await writeEvidencePackage({ model, outPath: other, evidenceFiles: files, pdf });
      expect(sha256(readFileSync(other))).toBe(sha256(readFileSync(fresh)));
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('refuses an unwritable target with a clear error and writes nothing', async () => {
    const missing = path.join(tempDir(), 'no-such-folder', 'p.zip');
    const e = await failure(writeEvidencePackage({ model, outPath: missing, evidenceFiles: files, pdf }));
    expect(e.reason).toBe('output_unwritable');
    expect(e.message).toContain(missing);
    expect(e.message).toContain('does not exist');
    expect(existsSync(path.dirname(missing))).toBe(false);

    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-file'), 'x');
    const underFile = path.join(dir, 'a-file', 'p.zip');
    expect((await failure(writeEvidencePackage({ model, outPath: underFile, evidenceFiles: files, pdf }))).message).toContain('is not a folder');

    mkdirSync(path.join(dir, 'taken.zip'));
    expect((await failure(writeEvidencePackage({ model, outPath: path.join(dir, 'taken.zip'), evidenceFiles: files, pdf }))).message).toContain('a folder with that name is in the way');
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'taken.zip']);
  });

  it('leaves nothing half-written, and an older package untouched, when an evidence file fails', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'p.zip');
    writeFileSync(out, 'previous package');
    const broken = files.map((f, i) => (i === 1 ? { ...f, read: (): Buffer => { throw new Error('EIO: disk gone'); } } : f));
    const e = await failure(writeEvidencePackage({ model, outPath: out, evidenceFiles: broken, pdf }));
    expect(e.reason).toBe('evidence_unreadable');
    expect(e.message).toContain(files[1]?.name);
    expect(e.message).toContain('EIO: disk gone');
    expect(readdirSync(dir)).toEqual(['p.zip']);
    expect(readFileSync(out, 'utf8')).toBe('previous package');
  });

  it('refuses evidence whose bytes no longer match the recorded SHA-256, or that is missing', async () => {
    const dir = tempDir();
    const changed = files.map((f, i) => (i === 0 ? { ...f, read: (): Buffer => Buffer.from('changed') } : f));
    const e = await failure(writeEvidencePackage({ model, outPath: path.join(dir, 'p.zip'), evidenceFiles: changed, pdf }));
    expect(e.message).toContain('no longer matches its recorded SHA-256');
    const e2 = await failure(writeEvidencePackage({ model, outPath: path.join(dir, 'p.zip'), evidenceFiles: files.slice(1), pdf }));
    expect(e2.message).toContain('1 evidence file(s) of the report were not supplied');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('evidenceFileName', () => {
  const hash = 'a'.repeat(64);
  it('keeps names inside the folder and safe for every file system', () => {
    expect(evidenceFileName(hash, '../../etc/passwd')).toBe(`${hash}-etc_passwd`);
    expect(evidenceFileName(hash, 'C:\\Windows\\x.dll')).toBe(`${hash}-C_Windows_x.dll`);
    expect(evidenceFileName(hash, 'kms-Łódź.json')).toBe(`${hash}-kms-Łódź.json`);
    expect(evidenceFileName(hash, '<>|')).toBe(hash);
  });
  it('cuts long names by code point, so the name survives UTF-8', () => {
    const name = evidenceFileName(hash, `x${'𝒜'.repeat(100)}`);
    expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
    expect(Array.from(name.slice(65))).toHaveLength(80);
  });
});

describe('verifyEvidencePackage', () => {
  it('passes a fresh package', async () => {
    expect(await verifyEvidencePackage(fresh)).toEqual({ ok: true, checked: 9, problems: [], signedBy: null });
  });

  it('names a file whose content was changed', async () => {
    const p = await tampered((e) => e.set('report.md', Buffer.from((e.get('report.md') as Buffer).toString('utf8').replace('Compliant', 'Complian!'))));
    expect(await verifyEvidencePackage(p)).toEqual({ ok: false, checked: 9, problems: [{ file: 'report.md', problem: 'hash_mismatch' }], signedBy: null });
  });

  it('names a file whose size changed', async () => {
    const evidence = [...(await readZip(fresh)).keys()].find((n) => n.startsWith('evidence/')) as string;
    const p = await tampered((e) => e.set(evidence, Buffer.concat([e.get(evidence) as Buffer, Buffer.from('x')])));
    expect((await verifyEvidencePackage(p)).problems).toEqual([{ file: evidence, problem: 'size_mismatch' }]);
  });

  it('names a removed file and an added one', async () => {
    const removed = await tampered((e) => e.delete('checklist.csv'));
    expect((await verifyEvidencePackage(removed)).problems).toEqual([{ file: 'checklist.csv', problem: 'missing' }]);
    const added = await tampered((e) => e.set('evidence/extra.txt', Buffer.from('slipped in')));
    expect((await verifyEvidencePackage(added)).problems).toEqual([{ file: 'evidence/extra.txt', problem: 'extra' }]);
  });

  it('catches a manifest.json edited to match a changed file', async () => {
    const p = await tampered((e) => {
      const csv = Buffer.from('id\r\nforged\r\n');
      e.set('checklist.csv', csv);
      const m = JSON.parse((e.get('manifest.json') as Buffer).toString('utf8'));
      m.files = m.files.map((f: { path: string }) => (f.path === 'checklist.csv' ? { ...f, sha256: sha256(csv), size: csv.length } : f));
      e.set('manifest.json', Buffer.from(`${JSON.stringify(m, null, 2)}\n`));
    });
    expect((await verifyEvidencePackage(p)).problems).toEqual([
      { file: 'checklist.csv', problem: 'hash_mismatch' },
      { file: 'manifest.json', problem: 'hash_mismatch' },
    ]);
  });

  it('flags a name stored twice (unzip tools disagree on which copy wins)', async () => {
    const entries = await readZip(fresh);
    const out = path.join(tempDir(), 'twice.zip');
    await new Promise<void>((resolve, reject) => {
      const zip = new yazl.ZipFile();
      for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
      zip.addBuffer(Buffer.from('second copy'), 'report.md');
      zip.end();
      const chunks: Buffer[] = [];
      zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
      zip.outputStream.on('error', reject);
      zip.outputStream.on('end', () => {
        writeFileSync(out, Buffer.concat(chunks));
        resolve();
      });
    });
    expect((await verifyEvidencePackage(out)).problems).toEqual([{ file: 'report.md', problem: 'extra' }]);
  });

  it('reports a package without manifest', async () => {
    const p = await tampered((e) => e.delete('manifest.json'));
    expect(await verifyEvidencePackage(p)).toEqual({ ok: false, checked: 0, problems: [{ file: 'manifest.json', problem: 'missing' }], signedBy: null });
  });

  it('refuses entries that climb out with ../ or are absolute', async () => {
    const dotdot = await tampered((e) => e.set('xx/evil.txt', Buffer.from('boo')));
    patchEntryName(dotdot, 'xx/evil.txt', '../evil.txt');
    const e = await failure(verifyEvidencePackage(dotdot));
    expect(e.reason).toBe('package_unsafe_entry');
    expect(e.message).toContain('"../evil.txt"');

    const absolute = await tampered((e2) => e2.set('xetc/passwd', Buffer.from('root')));
    patchEntryName(absolute, 'xetc/passwd', '/etc/passwd');
    expect((await failure(verifyEvidencePackage(absolute))).message).toContain('"/etc/passwd"');
  });

  it('refuses a file that is not a zip', async () => {
    const p = path.join(tempDir(), 'not.zip');
    writeFileSync(p, 'plain text');
    expect((await failure(verifyEvidencePackage(p))).reason).toBe('package_unreadable');
  });
});
