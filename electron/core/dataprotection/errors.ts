// The error a dataset, an output path or a rule file raises when a person can fix it. The message
// names the file and, where it helps, the line, and says what to do; nothing was written.
import { basename } from 'node:path';
import type { DataFileErrorCode } from '../../../shared/dataprotection';

export class DataFileError extends Error {
  readonly code: DataFileErrorCode;
  readonly file: string;
  readonly line?: number;

  constructor(code: DataFileErrorCode, file: string, line: number | undefined, problem: string) {
    super(`${basename(file)}${line !== undefined ? `, line ${line}` : ''}: ${problem}`);
    this.name = 'DataFileError';
    this.code = code;
    this.file = file;
    if (line !== undefined) this.line = line;
  }
}

/** Turns a Node file-system error into a DataFileError that says what to check. */
export function unreadable(file: string, cause: unknown): DataFileError {
  const code = (cause as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'the file does not exist; check the path'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied; check that you may read it'
        : code === 'EISDIR'
          ? 'this is a folder, not a file'
          : `it cannot be read (${typeof code === 'string' ? code : String(cause)})`;
  return new DataFileError('FILE_UNREADABLE', file, undefined, why);
}
