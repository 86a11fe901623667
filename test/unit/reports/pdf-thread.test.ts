import type { ResourceLimits } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../electron/core/reports/pdf';
import { setSourceWorkerStarter } from '../../../electron/core/worker-start';
import { startSourceWorker } from '../../helpers/source-workers';
import { renderPdfInWorker } from '../../../electron/core/reports/pdf-thread';
import { hostileModel } from '../../fixtures/report-model';

// The model's generatedAt is the PDF's creationDate: the same model gives the same bytes.
describe('the PDF drawn in a worker thread', () => {
  const model = hostileModel();

  it('gives the same bytes as the in-process render, telling each page as it is written', async () => {
    const pages: Array<[number, number]> = [];
    const inWorker = await renderPdfInWorker(model, { onProgress: ({ page, pages: total }) => pages.push([page, total]) });
    const inProcess = await renderPdf(model);
    expect(inWorker).not.toBeNull();
    expect(inWorker!.equals(inProcess)).toBe(true);
    const total = pages[0]![1];
    expect(total).toBeGreaterThan(3);
    expect(pages).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  });

  it('draws in a thread whose young generation is sized for pdfmake (a big report spends a third of its time collecting garbage without)', async () => {
    const asked: Array<ResourceLimits | undefined> = [];
    // the tests' starter (test/helpers/source-workers.ts), watched: what limits does the thread get?
    setSourceWorkerStarter((source, data, limits) => {
      asked.push(limits);
      return startSourceWorker(source, data, limits);
    });
    try {
      expect(await renderPdfInWorker(model, { kind: 'summary' })).not.toBeNull();
    } finally {
      setSourceWorkerStarter(startSourceWorker);
    }
    expect(asked).toEqual([{ maxYoungGenerationSizeMb: 384 }]);
  });

  it('gives the same bytes for the summary', async () => {
    const inWorker = await renderPdfInWorker(model, { kind: 'summary' });
    expect(inWorker!.equals(await renderPdf(model, { kind: 'summary' }))).toBe(true);
  });

  it('stops at once when cancelled mid-drawing: the abort reason, no bytes, no page after the cancel', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const drawing = renderPdfInWorker(model, {
      signal: controller.signal,
      onProgress: ({ page }) => {
        seen.push(page);
        if (page === 2) controller.abort(new Error('stop here'));
      },
    });
    await expect(drawing).rejects.toThrow('stop here');
    expect(seen).toEqual([1, 2]);
  });

  it('refuses to start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(renderPdfInWorker(model, { signal: controller.signal })).rejects.toThrow('too late');
  });

  it('answers null (the caller draws in-process) when no worker can start', async () => {
    // under test there is no built out/main/pdf-worker.js next to the source; without tsx there is no worker
    expect(await renderPdfInWorker(model, { fromSource: false })).toBeNull();
  });
});
