// The one CSV/TSV reader: RFC 4180 quoting, one header, ragged rows refused, blank lines skipped.
// Scanning, it never builds a row or a string per field; it tracks each field's byte range and a
// few features (digits, '@', ':') and hands a field to the matcher only when those features make an
// entity possible. Given a RowSink (masking, k-anonymity), the same loop hands over each row's
// values as strings. `npm run bench -- csv` measures it against a streaming csv-parse.
import { extname } from 'node:path';
import { B, F_AT, F_COLON, F_DOT, F_UPPER, featureTable } from './bytes';
import { DataFileError } from './errors';
import { binaryFile, textStart } from './textstart';
import { EntityMatcher, HINT_DOB, HINT_PASSPORT, columnHints } from './matcher';
import type { ChunkParser } from './reader';
import { FindingTally } from './tally';

const FEATURES = featureTable();

export type CsvDelimiter = ',' | '\t';

export function delimiterFor(file: string, format?: 'csv' | 'tsv'): CsvDelimiter {
  if (format) return format === 'tsv' ? '\t' : ',';
  const ext = extname(file).toLowerCase();
  return ext === '.tsv' || ext === '.tab' ? '\t' : ',';
}

export interface RowSink {
  /** Called once with the header names as written (trimmed); may throw to refuse the file. */
  header(names: string[]): void;
  /** `fields` is reused between calls: copy what you keep. `line` is where the row starts. */
  row(fields: string[], line: number): void;
}

export class CsvReader implements ChunkParser {
  readonly tally = new FindingTally();
  private readonly matcher = new EntityMatcher(this.tally);
  private readonly structural: Uint8Array;
  private readonly quoting: boolean;
  private readonly delimiter: number;
  header: string[] | null = null;
  private hints = new Int32Array(0);
  private cellHints = new Uint8Array(0);
  private columns = 0;
  rows = 0;
  private col = 0;
  private line = 1;
  private afterCR = false;
  private atFileStart = true;
  /** Row mode only: the values of the row being read, and the line it started on. */
  private fields: string[] = [];
  private rowLine = 1;

  /** Without a sink it scans for personal data (`tally`); with one it reads rows for the sink. */
  constructor(
    private readonly file: string,
    delimiter: CsvDelimiter | number,
    private readonly sink: RowSink | null = null,
  ) {
    this.delimiter = typeof delimiter === 'number' ? delimiter : delimiter.charCodeAt(0);
    delimiter = this.delimiter;
    // The hot loop relies on no byte >= '0' being structural.
    if (delimiter >= B.D0) throw new Error('the delimiter must be an ASCII punctuation or control byte');
    this.quoting = delimiter !== B.TAB; // TSV (IANA) has no quoting: a quote is an ordinary character
    const t = new Uint8Array(256);
    t[delimiter] = 1;
    t[B.LF] = 1;
    t[B.CR] = 1;
    t[B.NUL] = 1;
    if (this.quoting) t[B.QUOTE] = 1;
    this.structural = t;
  }

  get sawHeader(): boolean {
    return this.header !== null;
  }

  tooLong(limit: number): Error {
    return new DataFileError(
      'FIELD_TOO_LONG',
      this.file,
      this.line,
      `a field is longer than ${limit / 1048576} MB; is this really a ${this.delimiter === B.TAB ? 'TSV' : 'CSV'} file?`,
    );
  }

  feed(buf: Buffer, end: number, final: boolean): number {
    const FT = FEATURES;
    const ST = this.structural;
    const delim = this.delimiter;
    const quoting = this.quoting;
    let cellHints = this.cellHints;
    let hints = this.hints;
    const matcher = this.matcher;
    const tally = this.tally;
    const sink = this.sink;
    const fields = this.fields;
    let inHeader = this.header === null;
    let col = this.col;
    let line = this.line;
    let i = 0;
    if (this.atFileStart) {
      i = textStart(buf, end, this.file);
      this.atFileStart = false;
    }
    if (this.afterCR && i < end) {
      if (buf[i] === B.LF) i++;
      this.afterCR = false;
    }
    while (i < end) {
      const fieldStart = i;
      const fieldLine = line;
      let features = 0;
      let digits = 0;
      let s = i;
      let e: number;
      let j = i;
      let quoted = false;
      if (sink !== null && col === 0) this.rowLine = line;
      if (buf[i] === 34 /* '"' */ && quoting) {
        quoted = true;
        j = i + 1;
        for (;;) {
          if (j >= end) {
            if (!final) return this.keep(fieldStart, fieldLine, col);
            throw new DataFileError('CSV_SYNTAX', this.file, fieldLine, 'a quoted field is never closed; check the quotes on this line');
          }
          const c = buf[j]!;
          if (c === B.QUOTE) {
            if (j + 1 >= end && !final) return this.keep(fieldStart, fieldLine, col);
            if (buf[j + 1] === B.QUOTE) {
              j += 2;
              continue;
            }
            break;
          }
          if (c >= B.D0 && c <= B.D9) digits++;
          else if (c === B.LF) line++;
          else if (c === B.NUL) throw this.binary(line);
          else features |= FT[c]!;
          j++;
        }
        s = i + 1;
        e = j;
        j++;
        if (j >= end && !final) return this.keep(fieldStart, fieldLine, col);
        if (j < end) {
          const c = buf[j]!;
          if (c !== delim && c !== B.LF && c !== B.CR) {
            throw new DataFileError(
              'CSV_SYNTAX',
              this.file,
              line,
              `unexpected "${String.fromCharCode(c)}" after a closing quote; a quote inside a quoted field must be doubled ("")`,
            );
          }
        }
      } else {
        // The hot loop. Bytes >= '0' never end a field (delimiters are ',' or TAB), so letters and
        // digits take one or two comparisons; only punctuation below '0' is looked up.
        for (;;) {
          // No bounds test here: buf[end] is a 0 sentinel, which is structural.
          const c = buf[j]!;
          if (c >= 58 /* ':' */) {
            if (c <= 90 /* 'Z' */) features |= FT[c]!;
          } else if (c >= 48 /* '0' */) {
            digits++;
          } else if (ST[c] === 1) {
            if (c !== 34 /* '"' */) break; // a stray quote inside an unquoted field is kept as text
          } else {
            features |= FT[c]!;
          }
          j++;
        }
        if (j >= end && !final) return this.keep(fieldStart, fieldLine, col);
        e = j;
      }

      // The field buf[s, e) is complete; j is at its terminator (or the end of the file).
      if (inHeader) {
        this.headerField(buf, s, e, quoted, col);
      } else if (sink !== null) {
        const value = buf.toString('utf8', s, e);
        fields[col] = quoted && value.includes('"') ? value.replace(/""/g, '"') : value;
      } else if (
        digits >= 7 ||
        (features !== 0 && (features & (F_AT | F_COLON) || (features & F_UPPER && e - s >= 15) || (features & F_DOT && digits >= 4))) ||
        cellHints[col] === 1
      ) {
        tally.base = col * 9; // ENTITY_COUNT, written out: V8 folds a literal
        matcher.inspect(buf, s, e, features, digits, hints[col]!);
      }

      if (j >= end) {
        // End of file: the last row has no line break.
        this.endRow(col, e === fieldStart, line);
        col = 0;
        i = j;
        break;
      }
      const c = buf[j]!;
      if (c === delim) {
        col++;
        if (!inHeader && col >= this.columns) throw this.ragged(line, col + 1);
        i = j + 1;
        continue;
      }
      if (c === B.NUL) throw this.binary(line);
      // LF or CR ends the row; CR LF counts once.
      if (col + 1 === this.columns && !inHeader && (col !== 0 || e !== fieldStart)) {
        this.rows++;
        if (sink !== null) this.emitRow(col);
      } else {
        this.endRow(col, e === fieldStart && col === 0, line);
        if (inHeader && this.header !== null) {
          // The header just ended: per-column hints exist from here on.
          inHeader = false;
          cellHints = this.cellHints;
          hints = this.hints;
        }
      }
      col = 0;
      line++;
      i = j + 1;
      if (c === B.CR) {
        if (i < end) {
          if (buf[i] === B.LF) i++;
        } else {
          this.afterCR = true;
        }
      }
    }
    if (final && col > 0) {
      // "a,b," at the end of the file (whether its last byte came in this call or an earlier one):
      // the row ends with an empty field.
      if (sink !== null) fields[col] = '';
      this.endRow(col, false, line);
      col = 0;
    }
    this.col = col;
    this.line = line;
    return end;
  }

  private keep(fieldStart: number, fieldLine: number, col: number): number {
    this.col = col;
    this.line = fieldLine;
    return fieldStart;
  }

  private endRow(lastCol: number, blank: boolean, line: number): void {
    if (this.header === null) {
      if (blank && lastCol === 0) return; // blank lines before the header are skipped
      this.columns = lastCol + 1;
      this.finishHeader();
      return;
    }
    if (blank && lastCol === 0) return;
    if (lastCol + 1 !== this.columns) throw this.ragged(line, lastCol + 1);
    this.rows++;
    if (this.sink !== null) this.emitRow(lastCol);
  }

  private emitRow(lastCol: number): void {
    this.fields.length = lastCol + 1;
    this.sink!.row(this.fields, this.rowLine);
  }

  private headerNames: string[] = [];

  private headerField(buf: Buffer, s: number, e: number, quoted: boolean, col: number): void {
    let name = buf.toString('utf8', s, e);
    if (quoted) name = name.replace(/""/g, '"');
    this.headerNames[col] = name.trim();
  }

  /**
   * Reads a part of the file that starts at a record boundary after the header, whose names
   * (as `header` gives them) come from the part before. Scanning only, no sink.
   */
  resumeAfterHeader(header: readonly string[]): void {
    this.atFileStart = false;
    this.columns = header.length;
    this.useHeader([...header]);
  }

  private useHeader(names: string[]): void {
    this.header = names;
    this.hints = Int32Array.from(names, (n) => columnHints(n));
    this.cellHints = Uint8Array.from(this.hints, (h) => (h & (HINT_DOB | HINT_PASSPORT) ? 1 : 0));
    this.tally.ensureColumns(names.length);
  }

  private finishHeader(): void {
    this.sink?.header(this.headerNames.slice(0, this.columns));
    const seen = new Map<string, number>();
    const names = this.headerNames.slice(0, this.columns).map((raw, index) => {
      const base = raw === '' ? `column ${index + 1}` : raw;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return n > 1 ? `${base} (${n})` : base;
    });
    this.useHeader(names);
  }

  private ragged(line: number, fields: number): DataFileError {
    return new DataFileError(
      'RAGGED_ROW',
      this.file,
      line,
      `this row has ${fields > this.columns ? 'more than' : 'only'} ${fields > this.columns ? this.columns : fields} field${fields === 1 ? '' : 's'} but the header has ${this.columns}; is this really a ${this.delimiter === B.TAB ? 'TSV' : 'CSV'} file with that delimiter?`,
    );
  }

  private binary(line: number): DataFileError {
    return binaryFile(this.file, line);
  }
}
