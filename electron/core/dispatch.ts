// The receiving end of every transport: parse the arguments with the method's schema, run the
// one core implementation, and answer with a typed envelope. Nothing else reaches core.
import { ZodError } from 'zod';
import { contract, type MethodName } from '../../shared/api';
import type { Envelope, WireError } from '../../shared/result';
import { WorkbenchError } from './errors';
import type { Handlers } from './handlers';

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

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export async function dispatch(handlers: Handlers, method: string, rawArgs: unknown, log: (err: unknown) => void = console.error): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown method "${method}".` } };
  const parsed = contract[method].args.safeParse(rawArgs ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid arguments for ${method}: ${describeZodError(parsed.error)}.` } };
  try {
    const handler = handlers[method] as (args: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    const wire = toWireError(err);
    if (wire.code === 'INTERNAL') log(err);
    return { ok: false, error: wire };
  }
}
