// Registers every contract method on IPC under one prefix. The sender frame is checked, the
// arguments are parsed by dispatch with the method's schema, and errors cross as a typed envelope.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_PREFIX, METHOD_NAMES } from '../../shared/api';
import type { Envelope } from '../../shared/result';
import { dispatch } from '../core/dispatch';
import type { Handlers } from '../core/handlers';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, isTrusted: SenderCheck, log: (err: unknown) => void): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`${IPC_PREFIX}${method}`, async (event, args: unknown): Promise<Envelope<unknown>> => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This frame may not call the workbench.' } };
      }
      return dispatch(handlers, method, args, log);
    });
  }
}
