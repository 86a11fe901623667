// Registers every contract method on IPC under one prefix. The sender frame is checked, the
// arguments are parsed by dispatch with the method's schema, and errors cross as a typed envelope.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_PREFIX, METHOD_NAMES } from '../../shared/methods';
import type { Envelope } from '../../shared/result';
import { dispatch } from '../core/dispatch';
import type { Handlers } from '../core/handlers';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Returns a function that resolves once no call is running (a closing window waits on it). */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, isTrusted: SenderCheck, log: (err: unknown) => void): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`${IPC_PREFIX}${method}`, async (event, args: unknown): Promise<Envelope<unknown>> => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This frame may not call the workbench.' } };
      }
      const call = dispatch(handlers, method, args, log);
      running.add(call);
      try {
        return await call;
      } finally {
        running.delete(call);
      }
    });
  }
  return async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
}
