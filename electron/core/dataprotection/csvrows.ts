// Row-by-row CSV/TSV reading for masking and k-anonymity, which need field values as strings.
// Same grammar as the scan's parser (RFC 4180 quotes, one header, ragged rows refused, blank
// lines skipped); slower, because it builds each value, but those tasks write or group them.
import { extname } from 'node:path';
import { B } from './bytes';
import { DataFileError } from './errors';
import { binaryFile, textStart } from './textstart';
import type { ChunkParser } from './reader';

export type CsvDelimiter = ',' | '\t';

export function delimiterFor(file: string, format?: 'csv' | 'tsv'): CsvDelimiter {
  if (format) return format === 'tsv' ? '\t' : ',';
  const ext = extname(file).toLowerCase();
  return ext === '.tsv' || ext === '.tab' ? '\t' : ',';
}

export interface RowSink {
  /** Called once with the header names (trimmed); may throw to refuse the file. */
  header(names: string[]): void;
  /** `fields` is reused between calls: copy what you keep. `line` is where the row starts. */
  row(fields: string[], line: number): void;
}

export class CsvRowReader implements ChunkParser {
  private readonly delim: number;
  private readonly quoting: boolean;
  private fields: string[] = [];
  private columns = -1;
  private line = 1;
  private afterCR = false;
  private atFileStart = true;
  rows = 0;

  constructor(
    private readonly file: string,
    delimiter: CsvDelimiter,
    private readonly sink: RowSink,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.quoting = delimiter !== '\t';
  }

  get sawHeader(): boolean {
    return this.columns >= 0;
  }

  tooLong(limit: number): Error {
    return new DataFileError('FIELD_TOO_LONG', this.file, this.line, `a field is longer than ${limit / 1048576} MB`);
  }

  feed(buf: Buffer, end: number, final: boolean): number {
    let i = 0;
    if (this.atFileStart) {
      i = textStart(buf, end, this.file);
      this.atFileStart = false;
    }
    if (this.afterCR && i < end) {
      if (buf[i] === B.LF) i++;
      this.afterCR = false;
    }
    // A row is parsed whole or not at all: an unfinished row is carried into the next chunk.
    while (i < end) {
      const rowStart = i;
      const startLine = this.line;
      const fields = this.fields;
      let n = 0;
      let line = startLine;
      let j = i;
      let complete = false;
      let terminator = -1;
      for (;;) {
        let value: string;
        if (this.quoting && buf[j] === B.QUOTE) {
          let k = j + 1;
          let doubled = false;
          for (;;) {
            if (k >= end) break;
            const c = buf[k]!;
            if (c === B.QUOTE) {
              if (buf[k + 1] === B.QUOTE && k + 1 < end) {
                doubled = true;
                k += 2;
                continue;
              }
              break;
            }
            if (c === B.LF) line++;
            else if (c === B.NUL) throw this.binary(line);
            k++;
          }
          if (k >= end || (k + 1 >= end && !final)) {
            if (!final) return this.keep(rowStart, startLine);
            throw new DataFileError('CSV_SYNTAX', this.file, startLine, 'a quoted field is never closed; check the quotes on this line');
          }
          value = buf.toString('utf8', j + 1, k);
          if (doubled) value = value.replace(/""/g, '"');
          j = k + 1;
          if (j < end) {
            const c = buf[j]!;
            if (c !== this.delim && c !== B.LF && c !== B.CR) {
              throw new DataFileError(
                'CSV_SYNTAX',
                this.file,
                line,
                `unexpected "${String.fromCharCode(c)}" after a closing quote; a quote inside a quoted field must be doubled ("")`,
              );
            }
          }
        } else {
          let k = j;
          while (k < end) {
            const c = buf[k]!;
            if (c === this.delim || c === B.LF || c === B.CR) break;
            if (c === B.NUL) throw this.binary(line);
            k++;
          }
          if (k >= end && !final) return this.keep(rowStart, startLine);
          value = buf.toString('utf8', j, k);
          j = k;
        }
        fields[n++] = value;
        if (this.columns >= 0 && n > this.columns) throw this.ragged(line, n);
        if (j >= end) {
          complete = true;
          break;
        }
        const c = buf[j]!;
        if (c === this.delim) {
          j++;
          if (j >= end) {
            if (!final) return this.keep(rowStart, startLine);
            fields[n++] = '';
            if (this.columns >= 0 && n > this.columns) throw this.ragged(line, n);
            complete = true;
            break;
          }
          continue;
        }
        terminator = c;
        complete = true;
        j++;
        break;
      }
      if (!complete) return this.keep(rowStart, startLine);
      if (terminator === B.CR) {
        if (j < end) {
          if (buf[j] === B.LF) j++;
        } else if (!final) {
          this.afterCR = true;
        }
      }
      this.line = terminator === -1 ? line : line + 1;
      i = j;
      fields.length = n;
      const blank = n === 1 && fields[0] === '' && buf[rowStart] !== B.QUOTE;
      if (blank) continue;
      if (this.columns < 0) {
        this.columns = n;
        this.sink.header(fields.map((f) => f.trim()));
        continue;
      }
      if (n !== this.columns) throw this.ragged(line, n);
      this.rows++;
      this.sink.row(fields, startLine);
    }
    return end;
  }

  private keep(rowStart: number, startLine: number): number {
    this.line = startLine;
    return rowStart;
  }

  private ragged(line: number, fields: number): DataFileError {
    return new DataFileError(
      'RAGGED_ROW',
      this.file,
      line,
      `this row has ${fields > this.columns ? 'more than' : 'only'} ${fields > this.columns ? this.columns : fields} field${fields === 1 ? '' : 's'} but the header has ${this.columns}; is this really a ${this.delim === B.TAB ? 'TSV' : 'CSV'} file with that delimiter?`,
    );
  }

  private binary(line: number): DataFileError {
    return binaryFile(this.file, line);
  }
}
