// Plain text: every line is one field of a single "(text)" column. A line longer than 1 MB (a
// minified file, a log without breaks) is inspected in pieces cut at whitespace, so memory stays
// bounded whatever the file holds.
import { B, F_DIGIT, F_STRUCT, featureTable } from './bytes';
import { binaryFile, textStart } from './textstart';
import { DataFileError } from './errors';
import { EntityMatcher } from './matcher';
import type { ChunkParser } from './reader';
import { FindingTally } from './tally';

export const TEXT_COLUMN = '(text)';
const PIECE = 1024 * 1024;

export class TextScanner implements ChunkParser {
  readonly tally = new FindingTally();
  private readonly matcher = new EntityMatcher(this.tally);
  private readonly table: Uint8Array;
  rows = 0;
  private line = 1;
  /** The line being read was partly inspected already (it was cut). */
  private continued = false;

  constructor(private readonly file: string) {
    const t = featureTable();
    t[B.LF] = F_STRUCT;
    t[B.NUL] = F_STRUCT;
    this.table = t;
    this.tally.ensureColumns(1);
    this.tally.setColumn(0);
  }

  tooLong(): Error {
    return new DataFileError('FIELD_TOO_LONG', this.file, this.line, 'a line is too long to scan');
  }

  /** Reads a part of the file that starts after a line break: the file's first bytes were checked by the part before. */
  private midFile = false;
  resumeMidFile(): void {
    this.midFile = true;
  }

  feed(buf: Buffer, end: number, final: boolean): number {
    let i = this.line === 1 && this.rows === 0 && !this.continued && !this.midFile ? textStart(buf, end, this.file) : 0;
    const T = this.table;
    while (i < end) {
      const start = i;
      let features = 0;
      let digits = 0;
      let atFrom = -1;
      let atTo = -1;
      let colonFrom = -1;
      let colonTo = -1;
      let capsFrom = -1;
      let capsTo = -1;
      let lastUpper = -2;
      let j = i;
      // The hot loop, as in the CSV reader: lower-case letters take two comparisons and digits
      // three, without a table lookup. No bounds test: buf[end] is a 0 sentinel (reader.ts), and
      // NUL is structural.
      for (;;) {
        const c = buf[j]!;
        if (c >= 58 /* ':' */) {
          if (c <= 90 /* 'Z' */) {
            // Landmarks for the scanners (matcher.landmarks): where '@', ':' and two capitals in a row are.
            if (c >= 65 /* 'A' */) {
              if (lastUpper === j - 1) {
                if (capsFrom < 0) capsFrom = lastUpper;
                capsTo = lastUpper;
              }
              lastUpper = j;
            } else if (c === 64 /* '@' */) {
              if (atFrom < 0) atFrom = j;
              atTo = j;
            } else if (c === 58 /* ':' */) {
              if (colonFrom < 0) colonFrom = j;
              colonTo = j;
            }
            features |= T[c]!;
          }
        } else if (c >= 48 /* '0' */) digits++;
        else {
          const k = T[c]!;
          if (k & F_STRUCT) break;
          features |= k;
        }
        j++;
      }
      if (digits > 0) features |= F_DIGIT;
      if (j < end && buf[j] === B.NUL) {
        throw binaryFile(this.file, this.line);
      }
      if (j >= end && !final) {
        if (j - start < PIECE) return start;
        const cut = lastSpace(buf, start, j);
        this.matcher.landmarks(atFrom, atTo, colonFrom, colonTo, capsFrom, capsTo);
        this.matcher.inspect(buf, start, cut, features, digits, 0);
        if (!this.continued) this.rows++;
        this.continued = true;
        return cut;
      }
      let e = j;
      if (e > start && buf[e - 1] === B.CR) e--;
      if (e > start || j < end) {
        this.matcher.landmarks(atFrom, atTo, colonFrom, colonTo, capsFrom, capsTo);
        this.matcher.inspect(buf, start, e, features, digits, 0);
        if (!this.continued) this.rows++;
      }
      this.continued = false;
      if (j < end) this.line++;
      i = j + 1;
    }
    return end;
  }
}

/** Where to cut a long line: after the last space or tab, else near the end. */
function lastSpace(buf: Buffer, start: number, end: number): number {
  for (let k = end - 1; k > end - 4096 && k > start; k--) {
    if (buf[k] === B.SPACE || buf[k] === B.TAB) return k + 1;
  }
  return end - 256;
}
