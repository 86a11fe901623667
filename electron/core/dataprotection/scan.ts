// PII discovery over one local file: picks the parser for the format, streams the file through
// it and reports per column (or key path) and entity how many values were found, with masked
// samples. Nothing leaves the machine and nothing is written.
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataFormat, ScanResult } from '../../../shared/dataprotection';
import { B } from './bytes';
import { CsvReader } from './csv';
import { DataFileError } from './errors';
import { JsonScanner } from './jsonscan';
import { openForRead, readThrough, type ReadOptions } from './reader';
import { type PartsOptions, type PartsResult, partCount, scanInParts } from './scan-parts';
import { TEXT_COLUMN, TextScanner } from './textscan';

export interface ScanOptions {
  /** Taken from the extension, else sniffed from the first bytes, when absent. */
  format?: DataFormat;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Read size; the default (2 MB) suits local disks. */
  chunkBytes?: number;
  /**
   * Worker threads (default: one per core, at most 4, when the built
   * worker module is there); 1 scans in one pass. Given, workers also run from source through tsx.
   */
  workers?: number;
  /** Smallest file scanned in parts (default 16 MB): below it starting workers costs more than it saves. */
  parallelFromBytes?: number;
}

const PARALLEL_FROM = 16 * 1024 * 1024;

const BY_EXTENSION: Record<string, DataFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.txt': 'text',
  '.log': 'text',
  '.md': 'text',
};

/** Format from the extension, else from the first 64 KB. */
export async function detectFormat(file: string): Promise<DataFormat> {
  const known = BY_EXTENSION[extname(file).toLowerCase()];
  if (known) return known;
  const { fh } = await openForRead(file);
  try {
    const head = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return sniff(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** The scan in parts on every core when the file is large enough and can be cut; null otherwise. */
async function scanOnEveryCore(path: string, format: DataFormat, opts: ScanOptions): Promise<PartsResult | null> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return null; // the single pass says what is wrong with the file
  }
  const parts = partCount(size, opts.parallelFromBytes ?? PARALLEL_FROM, opts.workers);
  if (parts < 2) return null;
  opts.signal?.throwIfAborted();
  const options: PartsOptions = { parts, fromSource: opts.workers !== undefined };
  if (opts.onProgress) options.onProgress = opts.onProgress;
  if (opts.signal) options.signal = opts.signal;
  if (opts.chunkBytes) options.chunkBytes = opts.chunkBytes;
  return scanInParts(path, format, size, options);
}

function sniff(head: Buffer): DataFormat {
  const text = head.toString('utf8');
  const trimmed = text.trimStart();
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (trimmed.startsWith('[')) return 'json';
  if (trimmed.startsWith('{')) {
    try {
      JSON.parse(firstLine);
      return text.split('\n').filter((l) => l.trim() !== '').length > 1 ? 'jsonl' : 'json';
    } catch {
      return 'json';
    }
  }
  if (firstLine.includes('\t')) return 'tsv';
  if (firstLine.includes(',')) return 'csv';
  return 'text';
}

export async function scanFile(path: string, opts: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const format = opts.format ?? (await detectFormat(path));
  const read: ReadOptions = {};
  if (opts.onProgress) read.onProgress = opts.onProgress;
  if (opts.signal) read.signal = opts.signal;
  if (opts.chunkBytes) read.chunkBytes = opts.chunkBytes;

  let rows: number;
  let columns: string[];
  let findings: ScanResult['findings'];
  let bytes: number;
  const inParts = await scanOnEveryCore(path, format, opts);
  if (inParts) {
    rows = inParts.rows;
    bytes = inParts.bytes;
    columns = inParts.columns ?? inParts.header ?? [TEXT_COLUMN];
    findings = inParts.tally.findings(columns);
  } else if (format === 'csv' || format === 'tsv') {
    const parser = new CsvReader(path, format === 'csv' ? B.COMMA : B.TAB);
    bytes = await readThrough(path, parser, read);
    if (!parser.header) throw new DataFileError('FILE_EMPTY', path, undefined, 'the file is empty: a header row is expected');
    rows = parser.rows;
    columns = parser.header;
    findings = parser.tally.findings(columns);
  } else if (format === 'json' || format === 'jsonl') {
    const parser = new JsonScanner(path, format === 'jsonl');
    bytes = await readThrough(path, parser, read);
    rows = parser.rows;
    columns = parser.columns;
    findings = parser.tally.findings(columns);
  } else {
    const parser = new TextScanner(path);
    bytes = await readThrough(path, parser, read);
    rows = parser.rows;
    columns = [TEXT_COLUMN];
    findings = parser.tally.findings(columns);
  }
  opts.onProgress?.(bytes, bytes);
  return {
    file: path,
    format,
    rows,
    bytes,
    durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    columns,
    findings,
  };
}
