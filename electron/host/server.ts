// Browser mode: the same contract over HTTP, on 127.0.0.1 only. Every API request must carry this
// run's token and, when a browser sends an Origin, our own origin; the Host header must name us
// too (DNS rebinding). A refused request never reaches core. The token travels in a header, or,
// once a tab has exchanged it (POST /session), in an HttpOnly SameSite=Strict cookie bound to
// 127.0.0.1, so a bookmark or a link opened in a new tab stays connected; a call carried by the
// cookie alone must name our Origin (CSRF). localhost is not served: it is redirected to
// 127.0.0.1, where the cookie lives.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../core/dispatch';
import type { Handlers } from '../core/handlers';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export const TOKEN_HEADER = 'x-workbench-token';
export const TOKEN_COOKIE = 'cwb_token';
/** Where a tab exchanges the token from its address for the cookie. */
export const SESSION_PATH = '/session';
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

function refuse(res: ServerResponse, status: number, code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'TOO_LARGE' | 'INVALID_INPUT', message: string, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  send(res, status, { ok: false, error: { code, message } });
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return undefined;
}

/** decodeURIComponent that answers null for a malformed % escape instead of throwing. */
function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
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

/** How long closing waits for answers under way before it drops their connections. */
const CLOSE_GRACE_MS = 10_000;

const delay = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms).unref());

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((err) => console.error(err));
  const staticRoot = options.staticDir ? resolve(options.staticDir) : undefined;
  let origin = '';
  let ownHost = '';
  let localHost = '';

  // requests being answered: closing waits for them, so none runs on a database closed under it
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const answered = handle(req, res).catch((err) => {
      log(err);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The request failed inside the host.' } });
    }).finally(() => inFlight.delete(answered));
    inFlight.add(answered);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host === localHost) {
      // the same server, but the cookie is bound to 127.0.0.1: send the browser there
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.writeHead(307, { location: `${origin}${req.url ?? '/'}`, 'cache-control': 'no-store' });
        res.end();
        return;
      }
      return refuse(res, 403, 'FORBIDDEN', `Browser mode answers on ${origin} only; open that address instead of localhost.`);
    }
    if (host !== ownHost) return refuse(res, 403, 'FORBIDDEN', 'Unknown Host header.');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return refuse(res, 400, 'INVALID_INPUT', 'The address of the request is malformed.');
    }
    if (url.pathname === SESSION_PATH) return handleSession(req, res);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405 as number, 'FORBIDDEN', 'Method not allowed.');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    return serveStatic(res, url.pathname);
  }

  function foreignOrigin(req: IncomingMessage, res: ServerResponse, required: boolean): boolean {
    const requestOrigin = req.headers.origin;
    if (requestOrigin === undefined && !required) return false;
    if (requestOrigin === origin) return false;
    refuse(res, 403, 'FORBIDDEN', requestOrigin === undefined
      ? 'A call carried by the browser-mode cookie must come from the app\'s own page (no Origin header was sent).'
      : `Requests from ${requestOrigin} are not allowed; browser mode answers its own page at ${origin}.`);
    return true;
  }

  /** Exchanges the token from the address (sent as a header) for the HttpOnly cookie. */
  async function handleSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'FORBIDDEN', 'The session is opened with a POST request.');
    if (foreignOrigin(req, res, false)) return;
    const given = req.headers[TOKEN_HEADER];
    if (!sameToken(Array.isArray(given) ? given[0] : given, token)) {
      return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong token: open the address printed by `npm run start:web`, including its #token part.');
    }
    res.writeHead(204, {
      // no Domain: the cookie goes back to 127.0.0.1 alone; no Max-Age: it ends with the browser session
      'set-cookie': `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`,
      'cache-control': 'no-store',
    });
    res.end();
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, encodedMethod: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'FORBIDDEN', 'API calls are POST requests.');
    const given = req.headers[TOKEN_HEADER];
    const headerToken = Array.isArray(given) ? given[0] : given;
    const byCookie = headerToken === undefined && cookieToken(req) !== undefined;
    if (foreignOrigin(req, res, byCookie)) return;
    if (!sameToken(byCookie ? cookieToken(req) : headerToken, token)) {
      return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong token: open the address printed by `npm run start:web`, including its #token part.');
    }
    const method = decodePath(encodedMethod);
    if (method === null) return refuse(res, 400, 'INVALID_INPUT', 'The method name in the address has a malformed % escape.');
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
    send(res, 200, await dispatch(options.handlers, method, args, log));
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (!staticRoot) return refuse(res, 404, 'NOT_FOUND', 'No user interface is served here (build it with `npm run build`).');
    const decoded = decodePath(pathname);
    if (decoded === null) return refuse(res, 400, 'INVALID_INPUT', 'The address has a malformed % escape.');
    const relative = pathname === '/' ? 'index.html' : normalize(decoded).replace(/^[/\\]+/, '');
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
  ownHost = `127.0.0.1:${port}`;
  localHost = `localhost:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    address: () => server.address() as AddressInfo,
    close: async () => {
      // stop taking connections, let the answers under way finish, then drop whatever is left open
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      const deadline = Date.now() + CLOSE_GRACE_MS;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...inFlight]), delay(deadline - Date.now())]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
