// Exporting a project: one report format, or the evidence package with everything in it. The
// bytes come from ../reports; this file reads the project and writes files atomically.
import { randomBytes } from 'node:crypto';
import { closeSync, constants as fsConstants, openSync, writeSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { CoreContext } from '../context';
import type { ReportFormat, ReportKind } from '../../../shared/report-model';
import { memorySink, writeReport, writeEvidencePackage, ReportError, type ReportSink } from '../reports';
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
  const memory = memorySink();
  const made = await reportInto(ctx, projectId, format, filters, options, memory.write);
  return { ...made, bytes: memory.bytes() };
}

/** The report's stages (reading, layout, pages), its pieces into `write` as they are made. */
async function reportInto(ctx: CoreContext, projectId: string, format: ReportFormat, filters: ReportFilters, options: ExportOptions, write: ReportSink): Promise<{ fileName: string; mediaType: string }> {
  const { onProgress, signal } = options;
  onProgress?.({ stage: 'reading', done: 0, total: 0 });
  const model = buildReportModel(ctx, projectId, filters);
  if (onProgress || signal) await breathe();
  stopIfCancelled(signal);
  onProgress?.({ stage: 'layout', done: 0, total: 0 });
  if (onProgress) await breathe();
  const rendered = await writeReport(model, format, write, {
    kind: options.kind,
    signal,
    onProgress: onProgress ? ({ page, pages }) => onProgress({ stage: 'pages', done: page, total: pages }) : undefined,
  }).catch((err: unknown) => {
    stopIfCancelled(signal); // a drawing stopped by the cancel is told as the cancel, not as its abort reason
    throw err;
  });
  // a cancel that arrived while the pages were drawn is heard here, before the file is handed over
  if (signal) for (let i = 0; i < 3; i++) await breathe();
  stopIfCancelled(signal);
  return { fileName: exportFileName(model.project.name, format, ctx.now(), options.kind), mediaType: rendered.mediaType };
}

/**
 * Exports into `outPath`: a report is written piece by piece as it is made (no copy of the whole
 * file in memory for Markdown or OSCAL), the package as it is zipped. Written beside the target
 * and renamed when whole: a failed or cancelled export leaves nothing.
 */
export async function exportProjectToFile(ctx: CoreContext, projectId: string, format: ExportFormat, outPath: string, filters: ReportFilters = {}, options: ExportOptions = {}): Promise<{ fileName: string; mediaType: string; bytes: number }> {
  if (format === 'zip') {
    // the package checks its folder and names its own write failures (reports/package.ts)
    return besideTarget(outPath, async (partial) => {
      const fileName = await packageInto(ctx, projectId, filters, options, partial);
      return { fileName, mediaType: 'application/zip', bytes: (await stat(partial)).size };
    });
  }
  return besideTarget(outPath, async (partial, target) => {
    let bytes = 0;
    const fd = writing(target, () => openSync(partial, 'wx'));
    try {
      const made = await reportInto(ctx, projectId, format, filters, options, (piece) => {
        const buffer = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        writing(target, () => {
          for (let at = 0; at < buffer.byteLength;) at += writeSync(fd, buffer, at);
        });
        bytes += buffer.byteLength;
      });
      return { ...made, bytes };
    } finally {
      closeSync(fd);
    }
  });
}

/** Writes beside the target, then renames: a failed export never leaves half a file. */
export async function writeFileAtomic(outPath: string, bytes: Buffer): Promise<void> {
  await besideTarget(outPath, (partial, target) => writing(target, () => writeFile(partial, bytes, { flag: 'wx' })));
}

/** Copies a finished file (an export in the dataset workspace) to `outPath` the same way: whole or not at all. */
export async function copyFileAtomic(from: string, outPath: string): Promise<void> {
  await besideTarget(outPath, (partial, target) => writing(target, () => copyFile(from, partial, fsConstants.COPYFILE_EXCL)));
}

/**
 * `fill` writes a file at a path beside the target (same folder, so the rename cannot cross
 * disks); once it returns, the file is renamed to the target. A throw leaves nothing behind.
 */
async function besideTarget<T>(outPath: string, fill: (partial: string, target: string) => Promise<T>): Promise<T> {
  const target = resolve(outPath);
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
  try {
    const made = await fill(partial, target);
    await writing(target, () => rename(partial, target));
    return made;
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * One write towards `target`: its failure (no such folder, no space, no permission) is told as
 * "Cannot write target". Only the writes: a failure while the report is made keeps its own words.
 */
function writing<R>(target: string, write: () => R): R {
  const fail = (err: unknown): never => {
    throw unwritable(target, err);
  };
  try {
    const result = write();
    return (result instanceof Promise ? result.catch(fail) : result) as R;
  } catch (err) {
    return fail(err);
  }
}

function unwritable(target: string, err: unknown): ReportError {
  const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not exist' : (err as Error).message;
  return new ReportError('output_unwritable', `Cannot write ${target}: ${why}. Nothing was written.`);
}

export async function writeProjectPackage(ctx: CoreContext, projectId: string, outPath: string, filters: ReportFilters = {}, model = buildReportModel(ctx, projectId, filters)): Promise<{ files: number; bytes: number }> {
  const files = model.evidence
    .filter((e) => e.kind === 'file')
    .map((e) => ({ sha256: e.sha256, name: e.name, read: () => readEvidenceContent(ctx, projectId, e.id).content }));
  return writeEvidencePackage({ model, outPath, evidenceFiles: files, signer: signerFor(ctx.db) ?? undefined });
}

export async function exportProject(ctx: CoreContext, projectId: string, format: ExportFormat, filters: ReportFilters = {}, options: ExportOptions = {}): Promise<ExportedFile> {
  if (format !== 'zip') return renderProjectReport(ctx, projectId, format, filters, options);
  const dir = await mkdtemp(join(tmpdir(), 'cwb-package-'));
  try {
    const zipped = join(dir, 'package.zip');
    const fileName = await packageInto(ctx, projectId, filters, options, zipped);
    return { fileName, mediaType: 'application/zip', bytes: await readFile(zipped) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The evidence package, zipped at `zipPath`, with its stages told; its file name. */
async function packageInto(ctx: CoreContext, projectId: string, filters: ReportFilters, options: ExportOptions, zipPath: string): Promise<string> {
  if (options.kind === 'summary') throw new ReportError('format_unknown', 'A summary report is made as PDF only; the evidence package carries the full report.');
  options.onProgress?.({ stage: 'reading', done: 0, total: 0 });
  const model = buildReportModel(ctx, projectId, filters);
  await breathe();
  stopIfCancelled(options.signal);
  options.onProgress?.({ stage: 'package', done: 0, total: 0 });
  await writeProjectPackage(ctx, projectId, zipPath, filters, model);
  stopIfCancelled(options.signal);
  return exportFileName(model.project.name, 'zip', ctx.now());
}
