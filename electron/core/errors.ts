// The one error type core raises for things a person can fix. Transports turn it into a typed
// `{ ok: false, error }` envelope; anything else is a bug and crosses as INTERNAL without a stack.
import type { ErrorCode } from '../../shared/result';

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
