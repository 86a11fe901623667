// Exporting a project: one report format, or the evidence package with everything in it. The
// bytes come from ../reports; this file reads the project and writes files atomically.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { CoreContext } from '../context';
import type { ReportFormat, ReportKind } from '../../../shared/report-model';
import { renderReport, writeEvidencePackage, ReportError } from '../reports';
import { WorkbenchError } from '../errors';
import { readEvidenceContent } from '../evidence/evidence';
import { buildReportModel, type ReportFilters } from './report-model';
import { signerFor } from '../identity/signers';

export type ExportFormat = ReportFormat | 'zip';
export type ExportedFile = { fileName: string; mediaType: string; bytes: Buffer };

function safeSlug(name: string): string {
  return name.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'project';
}

export function exportFileName(projectName: string, format: ExportFormat, at: Date, kind: ReportKind = 'full'): string {
  const extension = format === 'oscal' ? 'assessment-results.json' : format === 'poam' ? 'poam.json' : format;
  return `${safeSlug(projectName)}${kind === 'summary' ? '-summary' : ''}-${at.toISOString().slice(0, 10)}.${extension}`;
}

/** Where an export is: reading the project, laying out, writing page `done` of `total`. */
export type ExportProgress = (p: { stage: 'reading' | 'layout' | 'pages' | 'package'; done: number; total: number }) => void;

export type ExportOptions = {
  /** For the PDF: 'full' (default) or 'summary'. */
  kind?: ReportKind;
  onProgress?: ExportProgress;
  /** Checked between stages, and stops the PDF's drawing at once (a worker thread): an export stopped here keeps nothing. */
  signal?: AbortSignal;
};

function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError('CONFLICT', 'The export was cancelled; nothing was written.');
}

/** Lets a poll for progress (or a cancel) through between stages of one export. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function renderProjectReport(ctx: CoreContext, projectId: string, format: ReportFormat, filters: ReportFilters = {}, options: ExportOptions = {}): Promise<ExportedFile> {
  const { onProgress, signal } = options;
  onProgress?.({ stage: 'reading', done: 0, total: 0 });
  const model = buildReportModel(ctx, projectId, filters);
  if (onProgress || signal) await breathe();
  stopIfCancelled(signal);
  onProgress?.({ stage: 'layout', done: 0, total: 0 });
  if (onProgress) await breathe();
  const rendered = await renderReport(model, format, {
    kind: options.kind,
    signal,
    onProgress: onProgress ? ({ page, pages }) => onProgress({ stage: 'pages', done: page, total: pages }) : undefined,
  }).catch((err: unknown) => {
    stopIfCancelled(signal); // a drawing stopped by the cancel is told as the cancel, not as its abort reason
    throw err;
  });
  // a cancel that arrived while the pages were drawn is heard here, before the bytes are handed over
  if (signal) for (let i = 0; i < 3; i++) await breathe();
  stopIfCancelled(signal);
  return { fileName: exportFileName(model.project.name, format, ctx.now(), options.kind), mediaType: rendered.mediaType, bytes: rendered.bytes };
}

/** Writes beside the target, then renames: a failed export never leaves half a file. */
export async function writeFileAtomic(outPath: string, bytes: Buffer): Promise<void> {
  const target = resolve(outPath);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not exist' : (err as Error).message;
    throw new ReportError('output_unwritable', `Cannot write ${target}: ${why}. Nothing was written.`);
  }
}

export async function writeProjectPackage(ctx: CoreContext, projectId: string, outPath: string, filters: ReportFilters = {}, model = buildReportModel(ctx, projectId, filters)): Promise<{ files: number; bytes: number }> {
  const files = model.evidence
    .filter((e) => e.kind === 'file')
    .map((e) => ({ sha256: e.sha256, name: e.name, read: () => readEvidenceContent(ctx, projectId, e.id).content }));
  return writeEvidencePackage({ model, outPath, evidenceFiles: files, signer: signerFor(ctx.db) ?? undefined });
}

export async function exportProject(ctx: CoreContext, projectId: string, format: ExportFormat, filters: ReportFilters = {}, options: ExportOptions = {}): Promise<ExportedFile> {
  if (format !== 'zip') return renderProjectReport(ctx, projectId, format, filters, options);
  if (options.kind === 'summary') throw new ReportError('format_unknown', 'A summary report is made as PDF only; the evidence package carries the full report.');
  const dir = await mkdtemp(join(tmpdir(), 'cwb-package-'));
  try {
    options.onProgress?.({ stage: 'reading', done: 0, total: 0 });
    const model = buildReportModel(ctx, projectId, filters);
    await breathe();
    stopIfCancelled(options.signal);
    options.onProgress?.({ stage: 'package', done: 0, total: 0 });
    const out = join(dir, 'package.zip');
    await writeProjectPackage(ctx, projectId, out, filters, model);
    stopIfCancelled(options.signal);
    return { fileName: exportFileName(model.project.name, 'zip', ctx.now()), mediaType: 'application/zip', bytes: await readFile(out) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
