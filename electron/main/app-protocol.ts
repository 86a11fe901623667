// The renderer is served from app://workbench/, a privileged scheme of our own, instead of file:
// so the app's origin is one origin and trusting it trusts nothing else on the disk. Every path is
// confined to the built renderer folder: `..`, encoded traversal, NUL bytes and symlinks that
// lead out are refused.
import type { Protocol } from 'electron';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready: a standard, secure scheme gets an origin, fetch and storage. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true } },
  ]);
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * The file inside `rendererDir` that an app:// URL names, or null when the URL is not ours or
 * would leave the folder. Only the lexical check; `resolveAppFile` adds the symlink check.
 */
export function appUrlToRelativePath(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed escapes
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

/** The real path of the file an app:// URL names, if it is a regular file inside the renderer folder. */
export async function resolveAppFile(rendererDir: string, url: string): Promise<string | null> {
  const rel = appUrlToRelativePath(url);
  if (rel === null) return null;
  try {
    const root = await realpath(rendererDir);
    const real = await realpath(join(root, rel));
    const inside = relative(root, real);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

const HEADERS = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };

/** Answers one app:// request: the file, or 404 for anything outside or missing. */
export async function serveAppRequest(rendererDir: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: HEADERS });
  const file = await resolveAppFile(rendererDir, request.url);
  if (!file) return new Response('Not found', { status: 404, headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  const body = request.method === 'HEAD' ? null : await readFile(file);
  return new Response(body, { status: 200, headers: { ...HEADERS, 'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' } });
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}
