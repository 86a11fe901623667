// Feeds a file to a byte parser in large chunks with constant memory. A parser that stops inside
// an unfinished field says where that field began; those bytes are carried into the next chunk,
// so every field reaches the parser whole. The next read is started before the parser runs.
import { open, type FileHandle } from 'node:fs/promises';
import { unreadable } from './errors';

export interface ChunkParser {
  /**
   * Parses buf[0, end); buf[end] is always a readable 0 byte, a sentinel that lets a hot loop
   * stop at "end of data" without a bounds test per byte. Returns the offset of the first byte it could not finish (kept for the
   * next call), or `end`. `final` is true once the file is exhausted: nothing may be kept then.
   */
  feed(buf: Buffer, end: number, final: boolean): number;
  /** The error to raise when one field outgrows the carry limit. */
  tooLong(limitBytes: number): Error;
}

export interface ReadOptions {
  chunkBytes?: number;
  /** Longest single field (or JSON value) a parser may need whole. */
  maxCarryBytes?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Awaited after each chunk is parsed, e.g. to write what the parser produced. */
  afterFeed?: () => Promise<void>;
  /** Reads only bytes [from, to) of the file (a part scanned on its own); progress counts from `from`. */
  from?: number;
  to?: number;
}

export const DEFAULT_CHUNK = 2 * 1024 * 1024;
export const DEFAULT_MAX_CARRY = 16 * 1024 * 1024;
/** Gap kept in front of each read for the carried part of an unfinished field. */
const RESERVE = 256 * 1024;

export async function openForRead(file: string): Promise<{ fh: FileHandle; size: number }> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: st.isDirectory() ? 'EISDIR' : 'ENOTFILE' });
    return { fh, size: st.size };
  } catch (err) {
    await fh.close();
    throw unreadable(file, err);
  }
}

/**
 * Streams `file` through `parser`; resolves with the bytes read. Two buffers alternate: one is
 * parsed while the next chunk is read into the other, behind a reserved gap where the carried
 * bytes of an unfinished field are copied, so file data itself is never copied in JS.
 */
export async function readThrough(file: string, parser: ChunkParser, opts: ReadOptions = {}): Promise<number> {
  const chunk = opts.chunkBytes ?? DEFAULT_CHUNK;
  const maxCarry = opts.maxCarryBytes ?? DEFAULT_MAX_CARRY;
  const reserve = Math.min(RESERVE, chunk);
  opts.signal?.throwIfAborted();
  const { fh, size: fileSize } = await openForRead(file);
  const from = opts.from ?? 0;
  // Without `to` the file is read to its end, even if it grew since it was opened.
  const to = opts.to === undefined ? Infinity : Math.min(opts.to, fileSize);
  const size = Math.max(0, Math.min(to, fileSize) - from);
  const buffers: [Buffer, Buffer] = [Buffer.allocUnsafe(reserve + chunk + 1), Buffer.allocUnsafe(reserve + chunk + 1)];
  let which = 0;
  let carrySource: Buffer | null = null;
  let carryStart = 0;
  let carry = 0;
  let done = 0;
  let pending: Promise<{ bytesRead: number }> | null = null;
  const read = (into: Buffer): Promise<{ bytesRead: number }> =>
    fh.read(into, reserve, Math.max(0, Math.min(chunk, to - from - done)), from + done).catch((err: unknown) => {
      throw unreadable(file, err);
    });
  try {
    pending = read(buffers[which]!);
    for (;;) {
      opts.signal?.throwIfAborted();
      const { bytesRead } = await pending;
      pending = null;
      const current = buffers[which]!;
      let view: Buffer;
      if (carry <= reserve) {
        if (carry > 0) carrySource!.copy(current, reserve - carry, carryStart, carryStart + carry);
        view = current.subarray(reserve - carry, reserve + bytesRead + 1);
      } else {
        // One field longer than the gap: join it with the chunk in a buffer of its own.
        if (carry > maxCarry) throw parser.tooLong(maxCarry);
        view = Buffer.allocUnsafe(carry + bytesRead + 1);
        carrySource!.copy(view, 0, carryStart, carryStart + carry);
        current.copy(view, carry, reserve, reserve + bytesRead);
      }
      const end = view.length - 1;
      view[end] = 0;
      if (bytesRead === 0) {
        parser.feed(view, end, true);
        if (opts.afterFeed) await opts.afterFeed();
        break;
      }
      done += bytesRead;
      which ^= 1;
      pending = read(buffers[which]!);
      const keep = parser.feed(view, end, false);
      carry = end - keep;
      carrySource = view;
      carryStart = keep;
      if (opts.afterFeed) await opts.afterFeed();
      opts.onProgress?.(done, Math.max(size, done));
    }
    return done;
  } finally {
    if (pending) await pending.catch(() => undefined);
    await fh.close();
  }
}
