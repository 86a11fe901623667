// The evidence package: one zip an auditor can check without our app. It holds every report
// format, each evidence file under evidence/<sha256>-<name>, a manifest.json listing every file
// with its SHA-256 and size, and manifest.sha256 for `sha256sum -c`. It is written to a temp
// file beside the target and renamed into place, so a failure never leaves half a package.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { ReportModel } from '../../../shared/report-model';
import { renderChecklistCsv } from './csv';
import { ReportError } from './errors';
import { evidenceFileName } from './ids';
import { renderMarkdown } from './markdown';
import { checkReportModel } from './model';
import { renderOscalAssessmentResults, renderOscalPoam } from './oscal';
import { renderPdf } from './pdf';
import { MANIFEST_JSON, MANIFEST_SHA256, MANIFEST_SIG, PACKAGE_FORMAT, SIGNER_PEM, type PackageManifest } from './package-manifest';
import { sha256Hex } from '../evidence/evidence';

export { verifyEvidencePackage } from './package-verify';
export type { PackageManifest } from './package-manifest';

export type EvidenceFile = { sha256: string; name: string; read: () => Buffer };

export type WriteEvidencePackageOptions = {
  model: ReportModel;
  outPath: string;
  evidenceFiles: EvidenceFile[];
  /** An already rendered PDF of the same model, to save rendering it twice. */
  pdf?: Buffer;
  /** Signs manifest.sha256 (detached, manifest.sig) and ships its public key as signer.pem. */
  signer?: { publicKeyPem: string; sign(data: Buffer): string };
};

const json = (o: unknown): Buffer => Buffer.from(`${JSON.stringify(o, null, 2)}\n`, 'utf8');

/** Zip times are local wall-clock fields: give yazl one whose local fields read as UTC, on any machine. */
function zipTime(iso: string): Date {
  const d = new Date(iso);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

async function collectEntries(opts: WriteEvidencePackageOptions, m: ReportModel): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  entries.set('report.md', Buffer.from(renderMarkdown(m), 'utf8'));
  entries.set('report.pdf', opts.pdf ?? (await renderPdf(m)));
  entries.set('oscal/assessment-results.json', json(renderOscalAssessmentResults(m)));
  // OSCAL needs at least one POA&M item: with nothing to remediate there is no poam.json.
  if (m.controls.some((c) => c.status === 'non_compliant' || c.status === 'partial')) {
    entries.set('oscal/poam.json', json(renderOscalPoam(m)));
  }
  entries.set('checklist.csv', Buffer.from(renderChecklistCsv(m), 'utf8'));

  const packaged = new Set<string>();
  for (const f of opts.evidenceFiles) {
    if (!/^[0-9a-f]{64}$/.test(f.sha256)) {
      throw new ReportError('evidence_unreadable', `Evidence file "${f.name}" has no valid SHA-256 ("${f.sha256}"), so it cannot be packaged.`);
    }
    const file = `evidence/${evidenceFileName(f.sha256, f.name)}`;
    if (entries.has(file)) continue; // the same bytes under the same name, attached twice
    let bytes: Buffer;
    try {
      bytes = f.read();
    } catch (e) {
      throw new ReportError(
        'evidence_unreadable',
        `Evidence file "${f.name}" could not be read (${(e as Error).message}). No package was written; check the evidence store and try again.`,
        { name: f.name, sha256: f.sha256 },
      );
    }
    if (sha256Hex(bytes) !== f.sha256) {
      throw new ReportError(
        'evidence_unreadable',
        `Evidence file "${f.name}" no longer matches its recorded SHA-256 ${f.sha256}: it was changed or damaged after it was attached. No package was written.`,
        { name: f.name, sha256: f.sha256, actual: sha256Hex(bytes) },
      );
    }
    entries.set(file, bytes);
    packaged.add(f.sha256);
  }
  const missing = m.evidence.filter((e) => e.kind === 'file' && !packaged.has(e.sha256));
  if (missing.length > 0) {
    const list = missing.slice(0, 5).map((e) => `"${e.name}" (control ${e.controlId})`).join(', ');
    throw new ReportError(
      'evidence_unreadable',
      `${missing.length} evidence file(s) of the report were not supplied: ${list}${missing.length > 5 ? ', ...' : ''}. A package must hold every file it lists; no package was written.`,
      { missing: missing.map((e) => e.id) },
    );
  }
  return entries;
}

function manifestFor(m: ReportModel, entries: Map<string, Buffer>): PackageManifest {
  const files = [...entries.keys()].sort().map((file) => {
    const b = entries.get(file) as Buffer;
    return { path: file, sha256: sha256Hex(b), size: b.length };
  });
  return {
    format: PACKAGE_FORMAT,
    project: { id: m.project.id, name: m.project.name },
    generatedAt: m.generatedAt,
    generatedBy: m.generatedBy,
    describes: m.scope.describes,
    catalogVersion: m.catalogVersion,
    auditHead: m.auditSummary.head ? { seq: m.auditSummary.head.seq, hash: m.auditSummary.head.hash } : null,
    files,
    evidence: m.evidence.map((e) => ({
      id: e.id,
      controlId: e.controlId,
      kind: e.kind,
      name: e.name,
      sha256: e.sha256,
      path: e.kind === 'file' ? `evidence/${evidenceFileName(e.sha256, e.name)}` : null,
    })),
  };
}

async function checkTargetFolder(outPath: string): Promise<void> {
  const dir = path.dirname(path.resolve(outPath));
  const unwritable = (why: string): ReportError =>
    new ReportError('output_unwritable', `Cannot write the evidence package to ${outPath}: ${why}. Choose another folder.`, { outPath });
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw unwritable(`${dir} is not a folder`);
  } catch (e) {
    if (e instanceof ReportError) throw e;
    throw unwritable(`the folder ${dir} does not exist`);
  }
  try {
    const s = await stat(outPath);
    if (s.isDirectory()) throw unwritable('a folder with that name is in the way');
  } catch (e) {
    if (e instanceof ReportError) throw e; // otherwise: no such file yet, which is fine
  }
}

export async function writeEvidencePackage(
  opts: WriteEvidencePackageOptions,
): Promise<{ files: number; bytes: number }> {
  const m = checkReportModel(opts.model);
  await checkTargetFolder(opts.outPath);
  const entries = await collectEntries(opts, m);
  if (opts.signer) entries.set(SIGNER_PEM, Buffer.from(opts.signer.publicKeyPem, 'utf8'));
  const manifestJson = json(manifestFor(m, entries));
  entries.set(MANIFEST_JSON, manifestJson);
  // sha256sum's text format: "<hash>  <path>", one line each, manifest.json included.
  const sums = [...entries.keys()]
    .sort()
    .map((file) => `${sha256Hex(entries.get(file) as Buffer)}  ${file}\n`)
    .join('');
  entries.set(MANIFEST_SHA256, Buffer.from(sums, 'utf8'));
  // detached and raw, so `openssl pkeyutl -verify -pubin -inkey signer.pem -rawin` checks it
  if (opts.signer) entries.set(MANIFEST_SIG, Buffer.from(opts.signer.sign(entries.get(MANIFEST_SHA256) as Buffer), 'base64'));

  const zip = new yazl.ZipFile();
  const mtime = zipTime(m.generatedAt);
  for (const file of [...entries.keys()].sort()) {
    // evidence is stored as it is, so a very repetitive log stays under verify's ratio limit
    zip.addBuffer(entries.get(file) as Buffer, file, { mtime, mode: 0o100644, forceDosTimestamp: true, compress: !file.startsWith('evidence/') });
  }
  zip.end();

  const dir = path.dirname(path.resolve(opts.outPath));
  const temp = path.join(dir, `.${path.basename(opts.outPath)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
  try {
    await pipeline(zip.outputStream, createWriteStream(temp, { flags: 'wx' }));
    await rename(temp, opts.outPath);
  } catch (e) {
    await rm(temp, { force: true });
    throw new ReportError(
      'output_unwritable',
      `Writing the evidence package to ${opts.outPath} failed (${(e as Error).message}). Nothing was left behind; check the folder's permissions and free space, then try again.`,
      { outPath: opts.outPath },
    );
  }
  const { size } = await stat(opts.outPath);
  return { files: entries.size, bytes: size };
}
