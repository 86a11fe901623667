// The receiving end of every transport: parse the arguments with the method's schema, run the
// one core implementation, and answer with a typed envelope. Nothing else reaches core.
import { methodContract } from '../../shared/contract-load';
import { isMethodName } from '../../shared/methods';
import type { Envelope } from '../../shared/result';
import type { Handlers } from '../../shared/handlers';
import { describeZodError, toWireError } from './errors';

/**
 * `handlers` is usually every method of the contract; `cwb` working on files without a database
 * passes only the file methods, and any other method is refused with a sentence.
 */
export async function dispatch(handlers: Partial<Handlers>, method: string, rawArgs: unknown, log: (err: unknown) => void = console.error): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown method "${method}".` } };
  const parsed = (await methodContract(method)).args.safeParse(rawArgs ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid arguments for ${method}: ${describeZodError(parsed.error)}.` } };
  try {
    const handler = handlers[method] as ((args: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { code: 'INVALID_INPUT', message: `"${method}" needs a workbench database; name one with --db or a project with --project.` } };
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    const wire = toWireError(err);
    if (wire.code === 'INTERNAL') log(err);
    return { ok: false, error: wire };
  }
}
