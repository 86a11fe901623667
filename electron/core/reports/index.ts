// The report renderers behind one call: a checked model in, the bytes of one format out.
import { ReportFormat, type ReportKind, type ReportModel } from '../../../shared/report-model';
import { renderChecklistCsv } from './csv';
import { jsonChunks } from './json-bytes';
import { ReportError } from './errors';
import { markdownChunks } from './markdown';
import { checkReportModel } from './model';
import { renderOscalAssessmentResults, renderOscalPoam } from './oscal';
import { renderPdf, type PdfProgress } from './pdf';
import { renderPdfInWorker } from './pdf-thread';

export { ReportError, type ReportErrorReason } from './errors';
export { checkReportModel } from './model';
export { escapeMarkdown } from './escape-markdown';
export { renderMarkdown } from './markdown';
export { renderPdf } from './pdf';
export { renderOscalAssessmentResults, renderOscalPoam, type OscalOptions } from './oscal';
export { renderChecklistCsv, CHECKLIST_COLUMNS } from './csv';
export { writeEvidencePackage, verifyEvidencePackage, type EvidenceFile } from './package';

export type RenderedReport = { bytes: Buffer; mediaType: string; extension: string };

/** Where a report's pieces go, in order: a file as they come (exports/export.ts), or bytes in memory. */
export type ReportSink = (piece: string | Uint8Array) => void;

/**
 * Renders `model` in `format`. Throws ReportError ('model_invalid' for a model that does not
 * parse, 'format_unknown' for an unknown format, 'nothing_to_remediate' for a POA&M of a
 * project without gaps).
 */
export type RenderOptions = {
  /** For the PDF: 'full' (default) or 'summary'. */
  kind?: ReportKind;
  /** For the PDF: told as pages are written. */
  onProgress?: PdfProgress;
  /**
   * For the PDF: given, the pages are drawn in a worker thread, so progress arrives while they are
   * drawn and aborting stops the drawing at once (rejecting with the abort reason).
   */
  signal?: AbortSignal;
};

export async function renderReport(model: ReportModel, format: ReportFormat, options: RenderOptions = {}): Promise<RenderedReport> {
  const memory = memorySink();
  const written = await writeReport(model, format, memory.write, options);
  return { bytes: memory.bytes(), ...written };
}

/** A sink that keeps the pieces, and their bytes joined once the report is made. */
export function memorySink(): { write: ReportSink; bytes: () => Buffer } {
  const pieces: Buffer[] = [];
  return {
    write: (piece) => {
      pieces.push(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    },
    bytes: () => (pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces)),
  };
}

/**
 * Renders `model` in `format` piece by piece into `write`: Markdown a few thousand lines at a
 * time, OSCAL some 64 kB at a time; no string of the whole report is made. Refuses as
 * renderReport does, before the first piece.
 */
export async function writeReport(model: ReportModel, format: ReportFormat, write: ReportSink, options: RenderOptions = {}): Promise<{ mediaType: string; extension: string }> {
  const parsedFormat = ReportFormat.safeParse(format);
  if (!parsedFormat.success) {
    throw new ReportError('format_unknown', `Unknown report format "${String(format)}". Use one of: ${ReportFormat.options.join(', ')}.`);
  }
  if (options.kind === 'summary' && parsedFormat.data !== 'pdf') {
    throw new ReportError('format_unknown', `A summary report is made as PDF only, not as ${parsedFormat.data}.`);
  }
  const m = checkReportModel(model);
  switch (parsedFormat.data) {
    case 'md':
      for (const piece of markdownChunks(m)) write(piece);
      return { mediaType: 'text/markdown; charset=utf-8', extension: 'md' };
    case 'pdf':
      write(await renderPdfCancellable(m, options));
      return { mediaType: 'application/pdf', extension: 'pdf' };
    case 'oscal':
      for (const piece of jsonChunks(renderOscalAssessmentResults(m))) write(piece);
      return { mediaType: 'application/oscal+json', extension: 'json' };
    case 'poam':
      for (const piece of jsonChunks(renderOscalPoam(m))) write(piece);
      return { mediaType: 'application/oscal+json', extension: 'json' };
    case 'csv':
      write(renderChecklistCsv(m));
      return { mediaType: 'text/csv; charset=utf-8', extension: 'csv' };
  }
}

/**
 * The PDF in a worker thread: the built one whenever it exists, the source too when a cancel may
 * come; in-process when no worker can start (no built worker and no tsx to run the source, or a
 * thread that dies at start): the report is still made, only a cancel then waits for the drawing
 * to end, and a big report takes longer (the thread's heap is sized for pdfmake, pdf-thread.ts).
 */
async function renderPdfCancellable(m: ReportModel, options: RenderOptions): Promise<Buffer> {
  const { signal, ...pdfOptions } = options;
  // without a cancel, only a built worker (the shipped app and cwb): its heap is sized for pdfmake
  // (pdf-thread.ts), which a big report needs; from source, a thread would first compile TypeScript
  const drawn = await renderPdfInWorker(m, { ...pdfOptions, ...(signal ? { signal } : { fromSource: false }) });
  if (drawn) return drawn;
  if (signal?.aborted) throw signal.reason;
  return renderPdf(m, pdfOptions);
}
