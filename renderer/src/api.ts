// The renderer's only door to the app: window.workbench, whichever transport provides it.
// `api.method(args)` resolves to the value or throws an ApiError with the core's message.
import type { MethodArgs, MethodName, MethodResult, WorkbenchApi } from '../../shared/api';
import type { WireError } from '../../shared/result';

declare global {
  interface Window {
    workbench?: WorkbenchApi;
  }
}

export class ApiError extends Error {
  readonly code: WireError['code'];
  constructor(error: WireError) {
    super(error.message);
    this.code = error.code;
  }
}

type Client = { [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodResult<M>> };

export const api = new Proxy({} as Client, {
  get: (_target, method: string) => async (args: unknown) => {
    const workbench = window.workbench;
    if (!workbench) throw new ApiError({ code: 'INTERNAL', message: 'The workbench is not connected.' });
    const call = workbench[method as MethodName] as (a: unknown) => ReturnType<WorkbenchApi[MethodName]>;
    const envelope = await call(args);
    if (!envelope.ok) throw new ApiError(envelope.error);
    return envelope.value;
  },
});
