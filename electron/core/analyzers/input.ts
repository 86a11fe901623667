// Turns the bytes a user dropped into text, JSON or CSV rows, refusing what cannot be read with
// a message that says where it broke. Nothing here knows about AWS shapes.
import { createHash } from 'node:crypto';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { AnalyzerError } from './errors';

export type DocumentText = { text: string; sha256: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16 = { le: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false }), be: new TextDecoder('utf-16be', { fatal: true, ignoreBOM: false }) };

/**
 * The byte order of a UTF-16 file, or null. Windows PowerShell's `aws … > out.json` writes UTF-16LE
 * with a byte order mark; without one, the AWS CLI's output (JSON or CSV, ASCII at its start) shows
 * as a zero byte beside every character. NUL bytes are valid UTF-8, so this is asked first.
 */
export function utf16ByteOrder(bytes: Uint8Array): 'le' | 'be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  const units = Math.min(bytes.length >> 1, 32);
  if (units === 0) return null;
  let le = true;
  let be = true;
  for (let i = 0; i < units; i++) {
    const first = bytes[2 * i] ?? 0;
    const second = bytes[2 * i + 1] ?? 0;
    le &&= first !== 0 && second === 0;
    be &&= first === 0 && second !== 0;
  }
  return le ? 'le' : be ? 'be' : null;
}

/** The refusal of a UTF-16 file whose bytes break off inside a character. */
export function utf16CutOff(file: string, order: 'le' | 'be', expected: string): AnalyzerError {
  return new AnalyzerError('DOCUMENT_UNREADABLE', file,
    `it is UTF-16 encoded (${order === 'le' ? 'little' : 'big'}-endian), but its bytes break off inside a character (is the file cut off?); save the AWS CLI output as UTF-8 (PowerShell: Out-File -Encoding utf8) and try again`, expected);
}

export function readText(file: string, content: Uint8Array | string, expected: string): DocumentText {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let text: string;
  if (typeof content === 'string') {
    text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  } else {
    const order = utf16ByteOrder(content);
    if (order) {
      try {
        text = utf16[order].decode(content); // drops a leading BOM itself
      } catch {
        throw utf16CutOff(file, order, expected);
      }
    } else {
      try {
        text = utf8.decode(content); // drops a leading BOM itself
      } catch {
        throw new AnalyzerError('DOCUMENT_UNREADABLE', file, 'it is not UTF-8 text (is it a binary or zipped file?)', expected);
      }
    }
  }
  if (text.trim() === '') throw new AnalyzerError('DOCUMENT_UNREADABLE', file, 'the file is empty', expected);
  return { text, sha256 };
}

/** Line and column (1-based) of a character offset, for messages. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * JSON.parse with a message a person can act on. `where` names an embedded document
 * (e.g. 'the Policy string') when the JSON sits inside another document.
 */
export function parseJson(file: string, text: string, expected: string, where?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const offset = syntaxErrorOffset(text, reason);
    const truncated = offset === undefined || offset >= text.trimEnd().length;
    const at = lineAndColumn(text, offset ?? text.length);
    const what = truncated ? undefined : trailingComma(text, offset) ? JSON_FAULTS.trailingComma : /^Expected ',' or/.test(reason) ? JSON_FAULTS.missingComma : parserReason(reason);
    const place = truncated ? ' (it ends too early: is the file cut off?)' : ` at line ${at.line}, column ${at.column}${what ? ` (${what})` : ''}`;
    const subject = where ? `${where} is not valid JSON` : 'it is not valid JSON';
    throw new AnalyzerError('DOCUMENT_UNREADABLE', file, `${subject}${place}`, expected);
  }
}

/**
 * What V8's JSON.parse says is wrong, without its position (given as line and column instead):
 * "Expected ',' or '}' after property value in JSON at position 351" → "expected ',' or '}' after
 * property value". A missing comma or a trailing one is the usual fault of a hand-edited export.
 */
function parserReason(message: string): string | undefined {
  const m = /^((?:Expected|Unexpected|Bad|Unterminated)[^]*?)(?: in JSON at position \d+| is not valid JSON|,\s*"[^]*" is not valid JSON)/.exec(message);
  const reason = m?.[1]?.replace(/\s*\(line \d+ column \d+\)$/, '').trim();
  return reason ? reason[0]!.toLowerCase() + reason.slice(1) : undefined;
}

/**
 * The two faults of hand-edited or copied JSON, said alike whether the file is read whole
 * (JSON.parse) or streamed (stream.ts): both name the place by line and column.
 */
export const JSON_FAULTS = {
  missingComma: "a ',' is missing before it",
  trailingComma: "a ',' with nothing after it: remove the trailing comma",
} as const;

/** True when the fault is a closing bracket right after a comma (JSON allows no trailing comma). */
export function trailingComma(text: string, offset: number | undefined): boolean {
  if (offset === undefined || (text[offset] !== '}' && text[offset] !== ']')) return false;
  return /,\s*$/.test(text.slice(Math.max(0, offset - 200), offset));
}

/** Is this JSON.parse message about running out of text (rather than a wrong character)? */
function endOfInput(message: string, length: number): boolean {
  if (/unexpected end|unterminated/i.test(message)) return true;
  const position = /position (\d+)/.exec(message);
  return position?.[1] !== undefined && Number(position[1]) >= length;
}

/**
 * Offset of the character JSON.parse stumbled on. V8 does not always say ("Unexpected token"), so
 * find the shortest prefix that fails for a reason other than ending early. Only runs on failure.
 */
function syntaxErrorOffset(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message);
  if (position?.[1] !== undefined && !endOfInput(message, text.length)) return Number(position[1]);
  if (endOfInput(message, text.length) || text.length > 10_000_000) return undefined;
  const failsHere = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return false;
    } catch (error) {
      return !endOfInput(error instanceof Error ? error.message : String(error), n);
    }
  };
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsHere(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** IAM returns policy documents URL-encoded (RFC 3986); null when the text is not that. */
export function decodeUrlEncodedJson(text: string): string | null {
  const trimmed = text.trim();
  if (!/^%7[bB]/.test(trimmed)) return null;
  try {
    return decodeURIComponent(trimmed);
  } catch {
    return null;
  }
}

/** A JSON document that may be embedded as a string, possibly URL-encoded (IAM does both). */
export function parseEmbeddedJson(file: string, value: string, expected: string, where: string): unknown {
  const decoded = decodeUrlEncodedJson(value);
  return parseJson(file, decoded ?? value, expected, where);
}

export type CsvRow = Record<string, string>;

/** CSV with a header line; every value is kept as a string. */
export function parseCsv(file: string, text: string, delimiter: string, expected: string): { header: string[]; rows: CsvRow[] } {
  try {
    const records = parseCsvSync(text, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
    const [head, ...body] = records;
    if (!head) throw new AnalyzerError('DOCUMENT_UNREADABLE', file, 'the CSV has no header line', expected);
    const header = head.map((h) => h.trim());
    const rows = body.map((cells) => {
      const row: CsvRow = {};
      header.forEach((name, i) => {
        row[name] = (cells[i] ?? '').trim();
      });
      return row;
    });
    return { header, rows };
  } catch (error) {
    if (error instanceof AnalyzerError) throw error;
    const lines = (error as { lines?: unknown }).lines;
    const place = typeof lines === 'number' ? ` near line ${lines}` : '';
    const reason = error instanceof Error ? error.message.replace(/^Invalid [^:]*: /, '') : String(error);
    throw new AnalyzerError('DOCUMENT_UNREADABLE', file, `the CSV cannot be read${place} (${reason})`, expected);
  }
}

/** Standard base64 only (AWS CLI output); null when the text is not that. */
export function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}
