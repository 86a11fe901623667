// A PII scan on every core: the file is cut into parts at record boundaries (CSV rows, outside
// quotes; text and JSON Lines lines; between two elements of a JSON file's top-level array), each
// part is scanned in a worker thread, and the parts' tallies are merged in file order into what
// one pass would have found. Any part that fails, or a cut that turns out not to fall between
// records, sends the caller back to the single pass, which then gives the exact error and line.
// Used by scanFile for files large enough to pay for it.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../worker-start';
import type { DataFormat } from '../../../shared/dataprotection';
import { B } from './bytes';
import { CsvReader } from './csv';
import { openForRead } from './reader';
import { FindingTally, type TallyPart } from './tally';
import { JsonScanner } from './jsonscan';

const MAX_PATHS = JsonScanner.MAX_PATHS;

export type PartFormat = 'csv' | 'tsv' | 'text' | 'json' | 'jsonl';
export type PartTask = { file: string; format: PartFormat; from: number; to: number; last: boolean; header: string[] | null; chunkBytes?: number };
/**
 * What a part found. JSON parts also name their key-path columns (in the order they met them),
 * the state they ended in (which the next part assumed) and how many key paths they made.
 */
export type PartFound = { rows: number; header: string[] | null; tally: TallyPart; json?: { columns: string[]; endState: string; resumedState: string; pathNodes: number } };
export type PartMessage = { type: 'progress'; done: number } | { type: 'done'; found: PartFound } | { type: 'failed'; message: string };

export type PartsResult = { rows: number; bytes: number; header: string[] | null; columns: string[] | null; tally: FindingTally };

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
async function cuts(file: string, format: PartFormat, size: number, parts: number): Promise<{ at: number[]; header: string[] | null } | null> {
  if (format === 'json' || format === 'jsonl') return jsonCuts(file, format, size, parts);
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

const isBlank = (c: number): boolean => c === B.SPACE || c === B.TAB || c === B.CR;

/**
 * Where to cut JSON: JSON Lines after any line break; a JSON file after a line break that follows
 * a comma and precedes an element of the top-level array, recognised by the indentation of the
 * array's first element. (A raw line break never occurs inside a JSON string, so every cut falls
 * between tokens.) The guess is checked afterwards: each part reports the state it ended in, and
 * the merge is refused unless it is the state the next part assumed. Null when no cut is found
 * (a file on one line, or a top-level object).
 */
async function jsonCuts(file: string, format: 'json' | 'jsonl', size: number, parts: number): Promise<{ at: number[]; header: null } | null> {
  const { fh } = await openForRead(file);
  try {
    let indent: Buffer | null = null;
    if (format === 'json') {
      const head = Buffer.alloc(Math.min(PROBE, size));
      const { bytesRead } = await fh.read(head, 0, head.length, 0);
      let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
      while (i < bytesRead && (isBlank(head[i]!) || head[i] === B.LF)) i++;
      if (head[i] !== B.LBRACKET) return null;
      const open = ++i;
      while (i < bytesRead && (isBlank(head[i]!) || head[i] === B.LF)) i++;
      const lf = head.lastIndexOf(B.LF, i - 1);
      indent = Buffer.from(head.subarray(lf >= open ? lf + 1 : i, i));
    }
    const at: number[] = [];
    const buf = Buffer.alloc(SCAN);
    for (let next = 1; next < parts; next++) {
      const nominal = Math.max(at.at(-1) ?? 0, Math.floor((size * next) / parts));
      let found = -1;
      const tail = (indent?.length ?? 0) + 2;
      // Windows of SCAN bytes from the nominal offset; a line break too close to a window's end to
      // see what follows it is looked at again at the start of the next window.
      for (let pos = nominal; found < 0 && pos < size && pos < nominal + 4 * SCAN; ) {
        const { bytesRead } = await fh.read(buf, 0, SCAN, pos);
        if (bytesRead === 0) break;
        const whole = pos + bytesRead >= size;
        let lf = buf.indexOf(B.LF, 0);
        for (; lf >= 0 && lf < bytesRead; lf = buf.indexOf(B.LF, lf + 1)) {
          if (!whole && lf + tail >= bytesRead) break;
          if (format === 'jsonl' || isElementStart(buf, lf, bytesRead, indent!)) {
            found = pos + lf + 1;
            break;
          }
        }
        if (whole) break;
        pos += lf >= 0 && lf < bytesRead ? Math.max(1, lf) : bytesRead;
      }
      if (found < 0 || found >= size) break;
      at.push(found);
    }
    return at.length ? { at, header: null } : null;
  } finally {
    await fh.close();
  }
}

/** A comma before the line break at `lf` (blanks aside), and after it the indentation, then a value. */
function isElementStart(buf: Buffer, lf: number, end: number, indent: Buffer): boolean {
  let k = lf - 1;
  while (k >= 0 && isBlank(buf[k]!)) k--;
  if (k < 0 || buf[k] !== B.COMMA) return false;
  const v = lf + 1 + indent.length;
  if (v >= end || buf.compare(indent, 0, indent.length, lf + 1, v) !== 0) return false;
  const c = buf[v]!;
  return !isBlank(c) && c !== B.LF;
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
  const cut = await cuts(file, format, size, opts.parts);
  if (!cut || cut.at.length === 0) return null;
  const bounds = [0, ...cut.at, size];
  const tasks: PartTask[] = bounds.slice(0, -1).map((from, k) => ({
    file,
    format,
    from,
    to: bounds[k + 1]!,
    last: k === bounds.length - 2,
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
    if (format === 'json' || format === 'jsonl') return mergeJsonParts(parts, size);
    // A cut inside a multi-line header would leave the first part with other names: one pass then.
    if (JSON.stringify(parts[0]!.header) !== JSON.stringify(cut.header)) return null;
    return {
      rows: parts.reduce((n, p) => n + p.rows, 0),
      bytes: size,
      header: parts[0]!.header,
      columns: null,
      tally: FindingTally.mergeParts(parts.map((p) => p.tally)),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * JSON parts merged into what one pass finds: only when every part ended in the state the next
 * one assumed (so each cut fell between two top-level elements), and the parts together made too
 * few key paths for the single pass to pool any. Each part's columns are renumbered in file
 * order, which is the order the single pass meets them in.
 */
function mergeJsonParts(parts: readonly PartFound[], size: number): PartsResult | null {
  for (let k = 0; k + 1 < parts.length; k++) {
    if (parts[k]!.json!.endState !== parts[k + 1]!.json!.resumedState) return null;
  }
  if (parts.reduce((n, p) => n + p.json!.pathNodes, 0) >= MAX_PATHS) return null;
  const columns: string[] = [];
  const index = new Map<string, number>();
  const renumbered = parts.map((p) => {
    const to = p.json!.columns.map((name) => {
      let col = index.get(name);
      if (col === undefined) {
        col = columns.length;
        columns.push(name);
        index.set(name, col);
      }
      return col;
    });
    return FindingTally.renumberPart(p.tally, to);
  });
  return { rows: parts.reduce((n, p) => n + p.rows, 0), bytes: size, header: null, columns, tally: FindingTally.mergeParts(renumbered) };
}
