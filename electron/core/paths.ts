// Where the desktop app keeps its data, computed the way Electron's app.getPath('userData') does,
// so the CLI opens the very same database without loading Electron.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Compliance Workbench';

export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_DIR_NAME);
}

export function defaultDatabasePath(): string {
  return process.env.CWB_DB || join(userDataDir(), 'workbench.sqlite');
}
