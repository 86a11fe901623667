// Reads a document as a stream of chunks, so that a 200 MB export is never whole in memory: the
// bytes are hashed as they pass, decoded (UTF-8, or UTF-16 either way round), and parsed by
// @streamparser/json. The items of a top-level array, and of the arrays under the top-level keys,
// are offered one by one to `item`; those it takes are dropped at once, the others are kept and
// the document is rebuilt from them. Text that is not a JSON object or array (a CSV, IAM's
// URL-encoded policies, an empty or binary file) is returned whole, to be read as before.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { TokenParser, Tokenizer } from '@streamparser/json';
import { AnalyzerError } from './errors';
import { JSON_FAULTS, trailingComma, utf16ByteOrder, utf16CutOff } from './input';
import type { JsonRecord } from './shape';

/** `array` is '' for a top-level array, else the top-level key; true when the item was taken. */
export type TakeItem = (array: string, value: unknown, index: number) => boolean;

export type StreamedDocument =
  | { type: 'json'; root: unknown; sha256: string }
  | { type: 'bytes'; bytes: Uint8Array; sha256: string };

/** Bytes looked at before deciding how to read: enough for a BOM and the UTF-16 guess. */
const HEAD = 64;

export async function readStream(
  file: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  expected: string,
  take: TakeItem,
): Promise<StreamedDocument> {
  const hash = createHash('sha256');
  const iterator = (Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]()) as AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  const next = async (): Promise<Uint8Array | null> => {
    const step = await iterator.next();
    if (step.done) return null;
    hash.update(step.value);
    return step.value;
  };

  // The head decides: encoding, and whether this is a JSON object or array at all.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < HEAD) {
    const chunk = await next();
    if (!chunk) {
      ended = true;
      break;
    }
    head.push(chunk);
    headLength += chunk.length;
  }
  const start = Buffer.concat(head);
  const order = utf16ByteOrder(start);
  const bom = order ? (start[0] === 0xff || start[0] === 0xfe ? 2 : 0) : start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf ? 3 : 0;
  const first = firstSignificant(order ? new TextDecoder(order === 'le' ? 'utf-16le' : 'utf-16be').decode(start.subarray(bom)) : start.subarray(bom).toString('latin1'));
  if (first !== '{' && first !== '[') {
    const rest: Uint8Array[] = [start];
    for (let chunk = ended ? null : await next(); chunk; chunk = await next()) rest.push(chunk);
    return { type: 'bytes', bytes: Buffer.concat(rest), sha256: hash.digest('hex') };
  }

  const arrayRoot = first === '[';
  // For an object, both its fields ('$.*', to rebuild it) and the items of its arrays ('$.*.*').
  // @streamparser/json's JSONParser, put together by hand so that a refusal can say at which byte.
  // Strings and numbers gathered in fixed byte buffers rather than by concatenating pieces: a
  // quarter less CPU and a third less memory over a Prowler OCSF file (bench: analyzers-stream).
  const tokenizer = new Tokenizer({ stringBufferSize: 1 << 16, numberBufferSize: 64 });
  const parser = new TokenParser({ paths: arrayRoot ? ['$.*'] : ['$.*', '$.*.*'], keepStack: false });
  decodeStringsWithBuffer(tokenizer);
  let at = 0;
  tokenizer.onToken = (token) => {
    at = token.offset;
    parser.write(token);
  };
  tokenizer.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  parser.onError = (error) => tokenizer.error(error);
  parser.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };
  const kept: unknown[] = [];
  const object: JsonRecord = {};
  parser.onValue = ({ value, key, parent, stack }) => {
    if (arrayRoot) {
      // An item of the top-level array; the parser has already dropped it from its own copy.
      if (!take('', value, key as number)) kept.push(value);
    } else if (stack.length === 1) {
      object[key as string] = value;
    } else if (Array.isArray(parent) && typeof key === 'number' && stack.length === 2) {
      const array = stack[1]?.key;
      if (typeof array === 'string' && take(array, value, key)) parent.length -= 1; // the item is the last one in
    }
  };

  // the last chunks fed, with the lines before each: a refusal says the line and column of the fault
  const recent = recentText();
  const utf8 = utf8Validator();
  const decoder = order ? new TextDecoder(order === 'le' ? 'utf-16le' : 'utf-16be', { fatal: true }) : null;
  const feed = (bytes: Uint8Array, last: boolean) => {
    try {
      if (decoder) {
        let text: string;
        try {
          text = decoder.decode(bytes, { stream: !last });
        } catch {
          throw utf16CutOff(file, order ?? 'le', expected);
        }
        if (text) tokenizer.write(text);
      } else {
        // The tokenizer would not refuse every broken byte; read whole, such a file is refused.
        if (!utf8.valid(bytes, last)) throw new AnalyzerError('DOCUMENT_UNREADABLE', file, 'it is not UTF-8 text (is it a binary or zipped file?)', expected);
        if (bytes.length > 0) {
          recent.add(bytes);
          tokenizer.write(bytes);
        }
      }
    } catch (error) {
      throw refusal(file, error, at, expected, false, decoder ? undefined : recent);
    }
  };
  feed(start.subarray(bom), false);
  for (let chunk = ended ? null : await next(); chunk; chunk = await next()) feed(chunk, false);
  feed(new Uint8Array(0), true);
  if (!tokenizer.isEnded || !parser.isEnded) {
    try {
      tokenizer.end();
    } catch (error) {
      throw refusal(file, error, at, expected, true);
    }
  }
  return { type: 'json', root: arrayRoot ? kept : object, sha256: hash.digest('hex') };
}

/** Sequence length announced by a UTF-8 lead byte (1 for anything else: isUtf8 judges it). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf7 ? 4 : lead >= 0xe0 ? (lead <= 0xef ? 3 : 1) : lead >= 0xc0 ? 2 : 1;
}

/**
 * Checks UTF-8 chunk by chunk with Node's native isUtf8 (no string is made): a character cut by a
 * chunk boundary is carried over to the next chunk; at the end nothing may be left over.
 */
function utf8Validator(): { valid: (bytes: Uint8Array, last: boolean) => boolean } {
  let carry: Uint8Array = new Uint8Array(0);
  return {
    valid(chunk, last) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      let cut = bytes.length;
      for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
        const b = bytes[i] ?? 0;
        if ((b & 0xc0) === 0x80) continue;
        if (b >= 0xc0 && i + sequenceLength(b) > bytes.length) cut = i;
        break;
      }
      carry = bytes.slice(cut);
      if (last && carry.length > 0) return false;
      return isUtf8(bytes.subarray(0, cut));
    },
  };
}

function firstSignificant(text: string): string {
  return /\S/.exec(text)?.[0] ?? '';
}

type RecentText = ReturnType<typeof recentText>;

/** The last few chunks of UTF-8 fed to the tokenizer, each with its offset and the line it starts on. */
function recentText() {
  const KEEP = 4;
  const chunks: Array<{ start: number; line: number; bytes: Uint8Array }> = [];
  let next = 0;
  let lines = 1;
  return {
    add(bytes: Uint8Array): void {
      chunks.push({ start: next, line: lines, bytes });
      if (chunks.length > KEEP) chunks.shift();
      next += bytes.length;
      for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
    },
    /** Line and column (in characters) of a byte offset, with the text just before it; null once it is no longer held. */
    place(offset: number): { line: number; column: number; before: string; char: string } | null {
      const i = chunks.findIndex((c) => offset >= c.start && offset < c.start + c.bytes.length);
      if (i === -1) return null;
      const held = Buffer.concat(chunks.slice(i).map((c) => c.bytes));
      const upTo = held.subarray(0, offset - chunks[i]!.start);
      let line = chunks[i]!.line;
      for (let j = upTo.indexOf(10); j !== -1; j = upTo.indexOf(10, j + 1)) line++;
      const lineStart = upTo.lastIndexOf(10) + 1;
      // the column counts characters, as an editor does; what came before is for the trailing-comma test
      const column = upTo.subarray(lineStart).toString('utf8').length + 1;
      const before = Buffer.concat([...chunks.slice(0, i).map((c) => c.bytes), upTo]).subarray(-200).toString('utf8');
      return { line, column, before, char: String.fromCharCode(held[offset - chunks[i]!.start] ?? 0) };
    },
  };
}

/** The tokenizer's complaint in the words JSON.parse's would get (input.ts), without its internal states. */
function streamFault(message: string, place: { before: string; char: string }): string {
  if (trailingComma(place.before + place.char, place.before.length)) return JSON_FAULTS.trailingComma;
  if (/in state COMMA$/.test(message)) return JSON_FAULTS.missingComma;
  const unexpected = /^Unexpected (?:[A-Z_]+ \()?("[^"]*"|[^)\s]+)\)?/.exec(message)?.[1];
  const state = /in state ([A-Z_]+)\d*$/.exec(message)?.[1];
  const inside = state && /^(TRUE|FALSE|NULL)$/.test(state) ? ' in a true, false or null' : state && /^NUMBER/.test(state) ? ' in a number' : state && /^STRING/.test(state) ? ' in a string' : '';
  return unexpected ? `unexpected ${unexpected}${inside}` : message.replace(/\.$/, '');
}

/**
 * The parser's complaint as a refusal that says where: the line and column of the offending token
 * while its text is held (UTF-8), else the byte of the last good token; an analyzer's own refusal
 * passes through.
 */
function refusal(file: string, error: unknown, at: number, expected: string, atEnd = false, recent?: RecentText): AnalyzerError {
  if (error instanceof AnalyzerError) return error;
  if ((error as { code?: unknown } | null)?.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
    return new AnalyzerError('DOCUMENT_UNREADABLE', file, 'it is not UTF-8 text (is it a binary or zipped file?)', expected);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (atEnd || /ended in the middle|unexpected end/i.test(message)) {
    return new AnalyzerError('DOCUMENT_UNREADABLE', file, 'it is not valid JSON (it ends too early: is the file cut off?)', expected);
  }
  if (/after the end|parser has ended|ended/i.test(message)) {
    return new AnalyzerError('DOCUMENT_UNREADABLE', file, 'it is not valid JSON (more text follows the end of the document)', expected);
  }
  // the tokenizer names the byte it stopped at; the token parser's complaint is about the token at `at`
  const stoppedAt = /absolute position "(\d+)"/.exec(message)?.[1];
  const place = recent?.place(stoppedAt === undefined ? Math.max(at, 0) : Number(stoppedAt));
  if (place) return new AnalyzerError('DOCUMENT_UNREADABLE', file, `it is not valid JSON at line ${place.line}, column ${place.column} (${streamFault(message, place)})`, expected);
  return new AnalyzerError('DOCUMENT_UNREADABLE', file, `it is not valid JSON near byte ${Math.max(at, 0) + 1} (${message.replace(/\.$/, '')})`, expected);
}

type StringGatherer = { decoder?: unknown; buffer?: unknown; bufferOffset: number; string: string; flushStringBuffer: () => void };

/**
 * @streamparser/json gathers a string's bytes in a fixed buffer (`stringBufferSize`) and makes
 * the text with a TextDecoder, one call per string: over a Prowler OCSF file that was a fifth of
 * the CPU. Node's Buffer makes the same text from the same bytes in half the time (its
 * `utf8Slice`, what `toString('utf8', …)` ends in, without the encoding lookup). The text is the
 * same: the bytes are valid UTF-8 (checked before the tokenizer sees them, or made by its own
 * TextEncoder from UTF-16) and the tokenizer only ever gathers whole characters. Numbers are left
 * as they are: swapping theirs too made runs vary by a third. False when the library's internals
 * are not those of the pinned version, whose own way is then kept.
 */
export function decodeStringsWithBuffer(tokenizer: Tokenizer): boolean {
  const strings = (tokenizer as unknown as { bufferedString?: StringGatherer }).bufferedString;
  if (!strings || !(strings.decoder instanceof TextDecoder) || !(strings.buffer instanceof Uint8Array) || typeof strings.flushStringBuffer !== 'function') return false;
  const bytes = Buffer.from(strings.buffer.buffer, strings.buffer.byteOffset, strings.buffer.byteLength);
  const slice = (bytes as unknown as { utf8Slice?: (start: number, end: number) => string }).utf8Slice;
  const text = typeof slice === 'function' ? (end: number) => slice.call(bytes, 0, end) : (end: number) => bytes.toString('utf8', 0, end);
  strings.flushStringBuffer = function flushStringBuffer(this: StringGatherer) {
    this.string += text(this.bufferOffset);
    this.bufferOffset = 0;
  };
  return true;
}
