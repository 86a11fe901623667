// Draws one PDF report in a worker thread (pdf-thread.ts starts it): pdfmake lays out and draws
// in one blocking step, so here the main thread stays free and a cancel can end the thread at once.
// Posts each page as it is written (pdfmake asks for the footer once per page), then the bytes.
import { parentPort, workerData } from 'node:worker_threads';
import { renderPdf } from './pdf';
import type { PdfTask, PdfWorkerMessage } from './pdf-thread';

const task = workerData as PdfTask;
const post = (m: PdfWorkerMessage, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(m, transfer);

renderPdf(task.model, { kind: task.kind, onProgress: ({ page, pages }) => post({ type: 'page', page, pages }) }).then(
  (bytes) => {
    // a copy of its own, so the whole buffer can be handed over rather than copied again
    const own = new Uint8Array(bytes).buffer;
    post({ type: 'done', bytes: own }, [own]);
  },
  (err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
);
