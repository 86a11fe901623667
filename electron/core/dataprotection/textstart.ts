// The first bytes of a text dataset: UTF-16 and binary files are refused by name before any
// parser sees them, and a UTF-8 byte-order mark is skipped. Shared by every streaming parser.
import { binaryHeadLine } from './bytes';
import { DataFileError } from './errors';

export function binaryFile(file: string, line: number): DataFileError {
  return new DataFileError('BINARY_FILE', file, line, 'the file contains NUL bytes: it looks binary, not text');
}

/** Checks the first chunk of a file; returns the offset where its text starts. */
export function textStart(buf: Uint8Array, end: number, file: string): number {
  if (end >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw new DataFileError('BINARY_FILE', file, 1, 'the file is UTF-16 text; save it as UTF-8 and try again');
  }
  const nulLine = binaryHeadLine(buf, end);
  if (nulLine > 0) throw binaryFile(file, nulLine);
  return end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
}
