// The one error type core raises for things a person can fix. Transports turn it into a typed
// `{ ok: false, error }` envelope; anything else is a bug and crosses as INTERNAL without a stack.
import { ZodError } from 'zod';
import type { ErrorCode, WireError } from '../../shared/result';

export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.details = details;
  }
}

export function notFound(what: string, id: string, hint?: string): WorkbenchError {
  return new WorkbenchError('NOT_FOUND', `No ${what} with id "${id}".${hint ? ` ${hint}` : ''}`);
}

export function invalidInput(message: string, details?: unknown): WorkbenchError {
  return new WorkbenchError('INVALID_INPUT', message, details);
}

/** A zod error in words: the first five problems, each with where it is. */
export function describeZodError(err: ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function toWireError(err: unknown): WireError {
  if (err instanceof WorkbenchError) return { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) };
  if (err instanceof ZodError) return { code: 'INVALID_INPUT', message: `Invalid input: ${describeZodError(err)}.` };
  const sqliteCode = (err as { code?: unknown } | null)?.code;
  if (sqliteCode === 'SQLITE_BUSY' || sqliteCode === 'SQLITE_LOCKED') {
    return { code: 'DB_BUSY', message: 'The database is busy with another program (the app or the cwb command line). Try again in a moment; nothing was changed.' };
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Compliance Workbench; nothing was changed. The details are in the log.' };
}
