// Browser mode: the same contract over HTTP, on 127.0.0.1 only. Every API request must carry this
// run's random token and, when a browser sends an Origin, our own origin; the Host header must
// name us too (DNS rebinding). A refused request never reaches core.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../core/dispatch';
import type { Handlers } from '../core/handlers';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export const TOKEN_HEADER = 'x-workbench-token';
/** Evidence files travel as base64 inside JSON: 50 MiB of bytes is about 67 MiB of text. */
export const MAX_BODY_BYTES = 72 * 1024 * 1024;

export type HostOptions = {
  handlers: Handlers;
  /** Built renderer (out/renderer). Without it only the API is served. */
  staticDir?: string;
  port?: number;
  token?: string;
  log?: (err: unknown) => void;
};

export type RunningHost = {
  url: string;
  origin: string;
  token: string;
  port: number;
  /** Where the socket really listens (server.address()): 127.0.0.1, never all interfaces. */
  address: () => AddressInfo;
  close: () => Promise<void>;
};

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'TOO_LARGE' | 'INVALID_INPUT', message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((err) => console.error(err));
  const staticRoot = options.staticDir ? resolve(options.staticDir) : undefined;
  let origin = '';
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(err);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The request failed inside the host.' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 403, 'FORBIDDEN', 'Unknown Host header.');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405 as number, 'FORBIDDEN', 'Method not allowed.');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    return serveStatic(res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'FORBIDDEN', 'API calls are POST requests.');
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return refuse(res, 403, 'FORBIDDEN', `Requests from ${requestOrigin} are not allowed.`);
    }
    const given = req.headers[TOKEN_HEADER];
    if (!sameToken(Array.isArray(given) ? given[0] : given, token)) {
      return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong token: open the address printed by `npm run start:web`, including its #token part.');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415 as number, 'INVALID_INPUT', 'Send JSON (content-type: application/json).');
    }
    const body = await readBody(req);
    if (body === null) return refuse(res, 413, 'TOO_LARGE', `The request is larger than ${MAX_BODY_BYTES / 1048576} MiB.`);
    let args: unknown;
    try {
      args = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return refuse(res, 400, 'INVALID_INPUT', 'The request body is not valid JSON.');
    }
    send(res, 200, await dispatch(options.handlers, decodeURIComponent(method), args, log));
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (!staticRoot) return refuse(res, 404, 'NOT_FOUND', 'No user interface is served here (build it with `npm run build`).');
    const relative = pathname === '/' ? 'index.html' : normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
    const file = resolve(join(staticRoot, relative));
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return refuse(res, 404, 'NOT_FOUND', 'Not found.');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return refuse(res, 404, 'NOT_FOUND', 'Not found.');
    }
    res.writeHead(200, {
      'content-type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(content);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    address: () => server.address() as AddressInfo,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}
