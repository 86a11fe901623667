// Exposes exactly the API contract on window.workbench: one named function per method, each an
// IPC invoke on its prefixed channel. Never ipcRenderer itself. Besides: unclaimed file drops are
// refused, and when main asks before closing, the page is told to save (pagehide) first.
import { contextBridge, ipcRenderer } from 'electron';
import type { WorkbenchApi } from '../../shared/api';
import { IPC_PREFIX, METHOD_NAMES } from '../../shared/methods';
import { guardFileDrops, type DropTarget } from './drop-guard';
import { FLUSH_DONE_CHANNEL, FLUSH_REQUEST_CHANNEL } from './shell-channels';

const api = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (args: unknown) => ipcRenderer.invoke(`${IPC_PREFIX}${method}`, args)]),
) as WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', api);

const page = globalThis as unknown as DropTarget & { dispatchEvent: (event: Event) => boolean };
guardFileDrops(page);
ipcRenderer.on(FLUSH_REQUEST_CHANNEL, () => {
  // the renderer saves pending edits on pagehide; its saves are IPC invokes sent synchronously or
  // in a microtask, so they reach main before this answer, and main waits for them to finish
  page.dispatchEvent(new Event('pagehide'));
  setTimeout(() => ipcRenderer.send(FLUSH_DONE_CHANNEL), 0);
});
