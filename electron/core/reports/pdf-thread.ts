// Renders the PDF report in a worker thread (pdf-worker.ts): the page progress reaches the caller
// while pages are drawn, and a cancel terminates the thread at once instead of waiting for
// pdfmake's single blocking layout-and-draw step to end.
import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../worker-start';
import type { ReportKind, ReportModel } from '../../../shared/report-model';
import type { PdfProgress } from './pdf';

/** What the worker is given: an already checked model (it is checked again there) and the kind. */
export type PdfTask = { model: ReportModel; kind: ReportKind | undefined };

/** What the worker posts: each page as it is written, then the bytes or why it failed. */
export type PdfWorkerMessage =
  | { type: 'page'; page: number; pages: number }
  | { type: 'done'; bytes: ArrayBuffer }
  | { type: 'failed'; message: string };

/**
 * The thread's young generation, in MB. pdfmake keeps every page of the document alive until the
 * end, so most of what it allocates survives the scavenges that V8's default young generation runs
 * again and again: on 2,000 controls and 20,000 evidence items 39% of the time was garbage
 * collection. Measured on this machine, one PDF each: with the default, 34.6 and 33.4 s in the
 * thread; with 384 MB, 24.7, 24.8 and 29.2 s (192 MB: 31.0 and 35.8 s); peak RSS about the same
 * (1.7-2.0 GB). In-process, `node --max-semi-space-size=64` gave 31.1 → 22.7 s (median of three).
 * Small reports do not notice.
 */
const PDF_YOUNG_GENERATION_MB = 384;

/** The worker: the built out/main/pdf-worker.js, or its source in tests (worker-start.ts). */
function startWorker(task: PdfTask, fromSource: boolean): Worker | null {
  return startCoreWorker('pdf-worker', import.meta.url, task, fromSource, { maxYoungGenerationSizeMb: PDF_YOUNG_GENERATION_MB });
}

export type PdfThreadOptions = {
  kind?: ReportKind;
  onProgress?: PdfProgress;
  /** Aborting terminates the worker: the promise rejects with the abort reason, no bytes are kept. */
  signal?: AbortSignal;
  /** Whether to run the TypeScript source through tsx when no built worker is found (default true). */
  fromSource?: boolean;
};

/**
 * The PDF bytes drawn in a worker thread; null when no worker can start, it dies, or it fails to
 * draw (the caller then draws in-process, which gives the real error with its code if there is
 * one). Rejects with the abort reason when cancelled.
 */
export async function renderPdfInWorker(model: ReportModel, options: PdfThreadOptions = {}): Promise<Buffer | null> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw signal.reason;
  let worker: Worker | null;
  try {
    worker = startWorker({ model, kind: options.kind }, options.fromSource ?? true);
  } catch {
    worker = null; // e.g. the model cannot be cloned into the thread
  }
  if (!worker) return null;
  const running = worker;
  let onAbort = (): void => undefined;
  try {
    return await new Promise<Buffer | null>((resolve, reject) => {
      let settled = false;
      const settle = (end: () => void): void => {
        if (settled) return;
        settled = true;
        end();
      };
      onAbort = () => settle(() => reject(signal!.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      running.on('message', (m: PdfWorkerMessage) => {
        if (settled) return;
        if (m.type === 'page') onProgress?.({ page: m.page, pages: m.pages });
        else if (m.type === 'done') settle(() => resolve(Buffer.from(m.bytes)));
        else settle(() => resolve(null));
      });
      running.on('error', () => settle(() => resolve(null)));
      running.on('exit', () => settle(() => resolve(null)));
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await running.terminate();
  }
}
