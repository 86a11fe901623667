// Writes a masked copy of a CSV/TSV file, column by column, as a rule file says. The original is
// only ever opened for reading; the copy goes to a temp file beside the destination and is renamed
// into place once complete, so a failure (bad row, cancellation, full disk) leaves nothing behind.
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  MaskRules,
  type MaskColumnSummary,
  type MaskResult,
  type MaskRule,
  type MaskRulesInput,
} from '../../../shared/dataprotection';
import { CsvReader, delimiterFor, type RowSink } from './csv';
import { DataFileError, unreadable } from './errors';
import { generalizeValue } from './generalize';
import { readThrough } from './reader';

export interface MaskOptions {
  /** HMAC-SHA256 key for `pseudonymize` rules, at least 16 bytes. Never written anywhere. */
  key?: string | Uint8Array;
  format?: 'csv' | 'tsv';
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

const MIN_KEY_BYTES = 16;
const FLUSH_BYTES = 1 << 20;

/** Parses a rule object (from the UI or a JSON file); `source` names it in errors. */
export function parseMaskRules(value: unknown, source = 'masking rules'): MaskRules {
  const parsed = MaskRules.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
    .join('; ');
  throw new DataFileError('RULES_INVALID', source, undefined, `the masking rules are not valid: ${problems}`);
}

/** Reads and checks a JSON rule file: `{ "rules": [{ "column": "email", "method": "redact" }] }`. */
export async function loadMaskRules(path: string): Promise<MaskRules> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw unreadable(path, err);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const at = /position (\d+)/.exec(String(err));
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
    throw new DataFileError('RULES_INVALID', path, line, `not valid JSON (${(err as Error).message})`);
  }
  return parseMaskRules(json, path);
}

type Transform = (value: string) => string;

interface ColumnPlan {
  rule: MaskRule | null;
  transform: Transform | null;
  summary: MaskColumnSummary | null;
}

const ALNUM = /[\p{L}\p{N}]/u;

function partial(keepLast: number, maskChar: string): Transform {
  return (value) => {
    const chars = Array.from(value);
    // A value no longer than what would be kept is masked whole: nothing of it is "partial".
    const keepFrom = chars.length > keepLast ? chars.length - keepLast : chars.length;
    let out = '';
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      out += i >= keepFrom || !ALNUM.test(c) ? c : maskChar;
    }
    return out;
  };
}

function pseudonym(key: KeyObject, length: number, prefix: string): Transform {
  return (value) => prefix + createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, length);
}

function quoteFor(delimiter: string): (value: string) => string {
  const needs = delimiter === '\t' ? /["\t\r\n]/ : /[",\r\n]/;
  return (value) => (needs.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
}

export async function maskCsv(
  inPath: string,
  rules: MaskRules | MaskRulesInput,
  outPath: string,
  opts: MaskOptions = {},
): Promise<MaskResult> {
  const plan = parseMaskRules(rules);
  const source = resolve(inPath);
  const target = resolve(outPath);
  const needsKey = plan.rules.some((r) => r.method === 'pseudonymize');
  let key: KeyObject | null = null;
  if (needsKey) {
    const raw = typeof opts.key === 'string' ? Buffer.from(opts.key, 'utf8') : opts.key ? Buffer.from(opts.key) : null;
    if (!raw || raw.length < MIN_KEY_BYTES) {
      throw new DataFileError(
        'KEY_REQUIRED',
        inPath,
        undefined,
        `pseudonymization needs a secret key of at least ${MIN_KEY_BYTES} bytes; keep the same key to get the same pseudonyms`,
      );
    }
    key = createSecretKey(raw);
  }
  await refuseSameFile(source, target, inPath);
  const folder = dirname(target);
  try {
    if (!(await stat(folder)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new DataFileError('WRITE_FAILED', outPath, undefined, `the destination folder ${folder} does not exist`);
  }

  const delimiter = delimiterFor(inPath, opts.format);
  const quote = quoteFor(delimiter);
  const columns: ColumnPlan[] = [];
  let pending: string[] = [];
  let pendingBytes = 0;

  const sink: RowSink = {
    header(names) {
      const byName = new Map(names.map((n, i) => [n, i] as const));
      for (const rule of plan.rules) {
        if (!byName.has(rule.column)) {
          throw new DataFileError(
            'MISSING_COLUMN',
            inPath,
            1,
            `a masking rule names column "${rule.column}", which the header does not have (columns: ${names.join(', ')})`,
          );
        }
        if (names.filter((n) => n === rule.column).length > 1) {
          throw new DataFileError('DUPLICATE_COLUMN', inPath, 1, `the header has more than one column "${rule.column}"; rename them first`);
        }
      }
      const ruleFor = new Map(plan.rules.map((r) => [r.column, r] as const));
      names.forEach((name) => {
        const rule = ruleFor.get(name) ?? null;
        const summary: MaskColumnSummary | null = rule ? { column: name, method: rule.method, cells: 0, unreadable: 0 } : null;
        let transform: Transform | null = null;
        if (rule?.method === 'redact') transform = () => rule.replacement;
        else if (rule?.method === 'partial') transform = partial(rule.keepLast, rule.maskChar);
        else if (rule?.method === 'pseudonymize') transform = pseudonym(key!, rule.length, rule.prefix);
        else if (rule?.method === 'generalize') {
          transform = (value) => {
            const g = generalizeValue(value, rule.to);
            if (g !== null) return g;
            summary!.unreadable++;
            return '*';
          };
        }
        columns.push({ rule, transform, summary });
      });
      const kept = names.filter((_, i) => columns[i]!.rule?.method !== 'suppress');
      push(kept.map(quote).join(delimiter));
    },
    row(fields) {
      let line = '';
      let first = true;
      for (let i = 0; i < fields.length; i++) {
        const col = columns[i]!;
        if (col.rule?.method === 'suppress') {
          if (fields[i] !== '') col.summary!.cells++;
          continue;
        }
        let value = fields[i]!;
        if (col.transform && value !== '') {
          value = col.transform(value);
          col.summary!.cells++;
        }
        line += first ? quote(value) : delimiter + quote(value);
        first = false;
      }
      push(line);
    },
  };
  function push(line: string): void {
    pending.push(line);
    pendingBytes += line.length + 1;
  }

  const parser = new CsvReader(inPath, delimiter, sink);
  const tmp = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fh: FileHandle | null = null;
  const flush = async (force: boolean): Promise<void> => {
    if (pending.length === 0 || (!force && pendingBytes < FLUSH_BYTES)) return;
    if (!fh) fh = await openTemp(tmp, outPath);
    const text = `${pending.join('\n')}\n`;
    pending = [];
    pendingBytes = 0;
    await fh.write(text);
  };
  try {
    await readThrough(inPath, parser, {
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      afterFeed: () => flush(false),
    });
    if (!parser.sawHeader) throw new DataFileError('FILE_EMPTY', inPath, undefined, 'the file is empty: a header row is expected');
    opts.signal?.throwIfAborted();
    await flush(true);
    const done: FileHandle = fh ?? (await openTemp(tmp, outPath));
    fh = done;
    await done.sync();
    await done.close();
    fh = null;
    await rename(tmp, target);
  } catch (err) {
    if (fh) await (fh as FileHandle).close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    if (err instanceof DataFileError) throw err;
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw new DataFileError('WRITE_FAILED', outPath, undefined, `the masked copy could not be written (${(err as Error).message})`);
  }
  return {
    outPath: target,
    rows: parser.rows,
    columns: columns.flatMap((c) => (c.summary ? [c.summary] : [])),
  };
}

async function openTemp(tmp: string, outPath: string): Promise<FileHandle> {
  try {
    return await open(tmp, 'wx', 0o600);
  } catch (err) {
    throw new DataFileError('WRITE_FAILED', outPath, undefined, `cannot write in the destination folder (${(err as Error).message})`);
  }
}

async function refuseSameFile(source: string, target: string, inPath: string): Promise<void> {
  if (source === target) {
    throw new DataFileError('SAME_FILE', inPath, undefined, 'the masked copy would overwrite the original; choose another destination');
  }
  try {
    const [a, b] = await Promise.all([stat(source), stat(target)]);
    if (a.dev === b.dev && a.ino === b.ino) {
      throw new DataFileError('SAME_FILE', inPath, undefined, 'the destination is the original file under another name; choose another destination');
    }
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    // The destination does not exist yet (the usual case) or the source is unreadable, which
    // the read reports with its own message.
  }
}
