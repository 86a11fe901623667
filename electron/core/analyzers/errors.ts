// The error an analyzer raises when a document cannot be analysed. The message names the file,
// says what was wrong and what was expected, so a person can fetch the right output and retry.
import { basename } from 'node:path';
import type { AnalyzerErrorCode } from '../../../shared/analysis';

export class AnalyzerError extends Error {
  readonly code: AnalyzerErrorCode;
  readonly file: string;
  /** What the analyzer expected to find, in words (also part of the message). */
  readonly expected: string;

  constructor(code: AnalyzerErrorCode, file: string, problem: string, expected: string) {
    super(`${basename(file) || file}: ${problem}. Expected ${expected}.`);
    this.name = 'AnalyzerError';
    this.code = code;
    this.file = file;
    this.expected = expected;
  }
}
