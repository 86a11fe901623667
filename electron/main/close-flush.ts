// Before a window closes, the page saves what it has pending: main holds the close, asks the page
// to flush, waits for its answer and for the contract calls still running, and closes. A hung or
// crashed page cannot keep the window open: the whole wait is bounded.
import type { IpcMain, IpcMainEvent } from 'electron';
import { FLUSH_DONE_CHANNEL, FLUSH_REQUEST_CHANNEL } from '../preload/shell-channels';

export const FLUSH_WAIT_MS = 2000;

export type ClosingWindow = {
  on: (event: 'close', listener: (event: { preventDefault: () => void }) => void) => void;
  close: () => void;
  isDestroyed: () => boolean;
  webContents: { id: number; send: (channel: string) => void; isDestroyed?: () => boolean };
};

export type FlushOptions = {
  /** Resolves when no contract call is running (see registerIpc). */
  idle: () => Promise<void>;
  waitMs?: number;
  /** Called once the window has been let go (e.g. to carry on with a quit the close held up). */
  afterFlush?: () => void;
};

export function flushBeforeClose(win: ClosingWindow, ipcMain: Pick<IpcMain, 'on' | 'removeListener'>, options: FlushOptions): void {
  let released = false;
  let flushing = false;
  win.on('close', (event) => {
    if (released) return;
    event.preventDefault();
    if (flushing) return;
    flushing = true;
    const senderId = win.webContents.id;
    let onDone: ((event: IpcMainEvent) => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answered = new Promise<void>((resolve) => {
      onDone = (e) => {
        if (e.sender.id === senderId) resolve();
      };
      ipcMain.on(FLUSH_DONE_CHANNEL, onDone);
    }).then(() => options.idle());
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.waitMs ?? FLUSH_WAIT_MS);
    });
    try {
      win.webContents.send(FLUSH_REQUEST_CHANNEL);
    } catch {
      // a page that is gone has nothing to save; the timer lets the window go
    }
    void Promise.race([answered, timedOut])
      .catch(() => undefined)
      .then(() => {
        clearTimeout(timer);
        if (onDone) ipcMain.removeListener(FLUSH_DONE_CHANNEL, onDone);
        released = true;
        if (!win.isDestroyed()) win.close();
        options.afterFlush?.();
      });
  });
}
