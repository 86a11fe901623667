// What the shell takes from its environment. A packaged app takes nothing: a dev-server URL or
// another native SQLite module named by a variable would let whoever sets the environment run
// their own page with the whole API, or their own code in the main process.
import { join } from 'node:path';

/** The dev server to load instead of the built renderer: development only, and only on this machine. */
export function devServerUrl(isPackaged: boolean, env: NodeJS.ProcessEnv): string | null {
  if (isPackaged) return null;
  const raw = env.ELECTRON_RENDERER_URL;
  if (!raw) return null;
  try {
    const u = new URL(raw);
    const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    return u.protocol === 'http:' && loopback ? raw : null;
  } catch {
    return null;
  }
}

/** better-sqlite3 built for Electron: the packaged copy, or in development the one `npm start` built. */
export function nativeBindingPath(isPackaged: boolean, env: NodeJS.ProcessEnv, resourcesPath: string | undefined, exists: (path: string) => boolean): string | undefined {
  const candidates = [
    isPackaged ? undefined : env.CWB_NATIVE_BINDING,
    resourcesPath ? join(resourcesPath, 'native', 'better_sqlite3.node') : undefined,
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => exists(p));
}
