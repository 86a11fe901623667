// A PII scan on every core: the file is cut into parts at record boundaries (CSV rows, outside
// quotes; text lines), each part is scanned in a worker thread, and the parts' tallies are merged
// in file order into what one pass would have found. Any part that fails, or a cut that turns out
// not to fall between records, sends the caller back to the single pass, which then gives the
// exact error and line. Used by scanFile for CSV, TSV and text files large enough to pay for it.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../worker-start';
import type { DataFormat } from '../../../shared/dataprotection';
import { B } from './bytes';
import { CsvReader } from './csv';
import { openForRead } from './reader';
import { FindingTally, type TallyPart } from './tally';

export type PartTask = { file: string; format: 'csv' | 'tsv' | 'text'; from: number; to: number; header: string[] | null; chunkBytes?: number };
export type PartFound = { rows: number; header: string[] | null; tally: TallyPart };
export type PartMessage = { type: 'progress'; done: number } | { type: 'done'; found: PartFound } | { type: 'failed'; message: string };

export type PartsResult = { rows: number; bytes: number; header: string[] | null; tally: FindingTally };

/** Workers for a file of this size: one per core, none below `minBytes` (the single pass is cheaper there). */
export function partCount(size: number, minBytes: number, workers?: number): number {
  const cores = workers ?? Math.min(4, availableParallelism());
  return size < minBytes || size < 2 ? 1 : Math.max(1, Math.min(cores, Math.floor(size / 2)));
}

const PROBE = 1024 * 1024;
const SCAN = 4 * 1024 * 1024;

/**
 * Where to cut: after the first line break at or past each nominal offset that lies outside a
 * quoted field, counting quotes from the start (RFC 4180 doubles a quote inside a field, which
 * keeps the count even). Null when the file is too short, or the header does not end in the first MB.
 */
async function cuts(file: string, format: PartTask['format'], size: number, parts: number): Promise<{ at: number[]; header: string[] | null } | null> {
  const { fh } = await openForRead(file);
  try {
    let header: string[] | null = null;
    let bodyStart = 0;
    if (format !== 'text') {
      // The header, read the way the parser reads it, so every part uses the same names.
      const head = Buffer.alloc(Math.min(PROBE, size) + 1);
      const { bytesRead } = await fh.read(head, 0, head.length - 1, 0);
      const probe = new CsvReader(file, format === 'csv' ? B.COMMA : B.TAB);
      head[bytesRead] = 0;
      try {
        probe.feed(head, bytesRead, bytesRead === size);
      } catch {
        return null;
      }
      if (!probe.header) return null;
      header = probe.header;
      bodyStart = head.indexOf(B.LF);
    }
    const quoting = format === 'csv';
    const at: number[] = [];
    const buf = Buffer.alloc(SCAN);
    let quotes = 0;
    let pos = 0;
    let next = 1;
    let nominal = Math.max(bodyStart + 1, Math.floor((size * next) / parts));
    while (pos < size && next < parts) {
      const { bytesRead } = await fh.read(buf, 0, SCAN, pos);
      if (bytesRead === 0) break;
      for (let i = 0; i < bytesRead; ) {
        const abs = pos + i;
        if (abs < nominal) {
          // Count quotes up to the nominal offset.
          const stop = Math.min(bytesRead, nominal - pos);
          if (quoting) for (let q = buf.indexOf(B.QUOTE, i); q >= 0 && q < stop; q = buf.indexOf(B.QUOTE, q + 1)) quotes++;
          i = stop;
          continue;
        }
        const c = buf[i]!;
        if (c === B.QUOTE && quoting) quotes++;
        else if (c === B.LF && quotes % 2 === 0) {
          at.push(abs + 1);
          next++;
          if (next >= parts) break;
          nominal = Math.max(abs + 2, Math.floor((size * next) / parts));
        }
        i++;
      }
      pos += bytesRead;
    }
    return { at: at.filter((a) => a < size), header };
  } finally {
    await fh.close();
  }
}

/** The worker: the built out/main/scan-worker.js, or its source in tests (worker-start.ts). */
function startWorker(task: PartTask, fromSource: boolean): Worker | null {
  return startCoreWorker('scan-worker', import.meta.url, task, fromSource);
}

export type PartsOptions = { parts: number; fromSource?: boolean; onProgress?: (done: number, total: number) => void; signal?: AbortSignal; chunkBytes?: number };

/**
 * Scans the file in `parts` workers; null when it cannot be cut, a worker cannot start, or any
 * part fails (the caller then scans in one pass). Rejects with the abort reason when cancelled.
 */
export async function scanInParts(file: string, format: DataFormat, size: number, opts: PartsOptions): Promise<PartsResult | null> {
  if (format !== 'csv' && format !== 'tsv' && format !== 'text') return null;
  const cut = await cuts(file, format, size, opts.parts);
  if (!cut || cut.at.length === 0) return null;
  const bounds = [0, ...cut.at, size];
  const tasks: PartTask[] = bounds.slice(0, -1).map((from, k) => ({
    file,
    format,
    from,
    to: bounds[k + 1]!,
    header: k === 0 ? null : cut.header,
    ...(opts.chunkBytes ? { chunkBytes: opts.chunkBytes } : {}),
  }));
  const workers: Worker[] = [];
  const done = tasks.map(() => 0);
  try {
    for (const task of tasks) {
      const worker = startWorker(task, opts.fromSource ?? true);
      if (!worker) return null;
      workers.push(worker);
    }
    let abort = () => undefined as void;
    const found = await new Promise<Array<PartFound | null>>((resolve, reject) => {
      const results: Array<PartFound | null | undefined> = tasks.map(() => undefined);
      const settle = (k: number, value: PartFound | null) => {
        results[k] = value;
        if (results.every((r) => r !== undefined)) resolve(results as Array<PartFound | null>);
      };
      abort = () => reject(opts.signal!.reason);
      opts.signal?.addEventListener('abort', abort, { once: true });
      if (opts.signal?.aborted) abort();
      workers.forEach((worker, k) => {
        worker.on('message', (m: PartMessage) => {
          if (m.type === 'progress') {
            done[k] = m.done;
            opts.onProgress?.(done.reduce((a, b) => a + b, 0), size);
          } else {
            settle(k, m.type === 'done' ? m.found : null);
          }
        });
        worker.on('error', () => settle(k, null));
        worker.on('exit', () => {
          if (results[k] === undefined) settle(k, null);
        });
      });
    });
    opts.signal?.removeEventListener('abort', abort);
    if (found.some((f) => f === null)) return null;
    const parts = found as PartFound[];
    // A cut inside a multi-line header would leave the first part with other names: one pass then.
    if (JSON.stringify(parts[0]!.header) !== JSON.stringify(cut.header)) return null;
    return {
      rows: parts.reduce((n, p) => n + p.rows, 0),
      bytes: size,
      header: parts[0]!.header,
      tally: FindingTally.mergeParts(parts.map((p) => p.tally)),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
