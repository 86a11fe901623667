// Exposes exactly the API contract on window.workbench: one named function per method, each an
// IPC invoke on its prefixed channel. Never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PREFIX, METHOD_NAMES, type WorkbenchApi } from '../../shared/api';

const api = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (args: unknown) => ipcRenderer.invoke(`${IPC_PREFIX}${method}`, args)]),
) as WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', api);
