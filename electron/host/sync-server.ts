// `cwb server start`: the team sync server over HTTP. Every body is parsed by its schema in
// shared/sync.ts before core sees it; every project route needs a token won by challenge–response
// with a member's key. TLS is a reverse proxy's job: binding anywhere but loopback needs
// --i-have-tls. A read-only dashboard is served at /.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { WorkbenchError, describeZodError } from '../core/errors';
import { ChallengeRequest, MissingRequest, PushRequest, TokenRequest } from '../../shared/sync';
import { syncAuth, type SyncAuth } from '../core/sync/server-auth';
import { acceptPush } from '../core/sync/server-accept';
import { dashboardSummary, missingOnServer, pullPage, readBlob } from '../core/sync/server-reads';
import type { SyncStore } from '../core/sync/server-store';
import { renderDashboard } from './sync-dashboard';

export const MAX_SYNC_BODY_BYTES = 256 * 1024 * 1024;

export type SyncServerOptions = {
  store: SyncStore;
  port: number;
  host?: string;
  iHaveTls?: boolean;
  /** The catalog's word on which frameworks a control serves, for the dashboard's readiness. */
  controlFrameworks?: (controlId: string) => readonly string[];
  /** The catalog's name of a framework, for the dashboard (the id where unknown). */
  frameworkName?: (frameworkId: string) => string;
  log?: (err: unknown) => void;
};

export type RunningSyncServer = { url: string; port: number; address: () => AddressInfo; close: () => Promise<void> };

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Refuses a bind that would send keys' tokens and evidence in clear over a network. */
export function checkBindAddress(host: string, iHaveTls: boolean): void {
  if (!LOOPBACK.has(host) && !iHaveTls) {
    throw new WorkbenchError(
      'INVALID_INPUT',
      `Refusing to listen on ${host}: the sync server speaks plain HTTP. Put it behind a TLS reverse proxy (see the README) and pass --i-have-tls, or listen on 127.0.0.1.`,
    );
  }
}

const STATUS: Record<string, number> = { INVALID_INPUT: 400, NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409 };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_SYNC_BODY_BYTES) throw new WorkbenchError('INVALID_INPUT', `The request body is larger than ${MAX_SYNC_BODY_BYTES} bytes; push in smaller batches.`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new WorkbenchError('INVALID_INPUT', 'The request body is not valid JSON.');
  }
}

async function parsed<T extends z.ZodType>(req: IncomingMessage, schema: T, what: string): Promise<z.infer<T>> {
  const r = schema.safeParse(await readBody(req));
  if (!r.success) throw new WorkbenchError('INVALID_INPUT', `Invalid ${what}: ${describeZodError(r.error)}.`);
  return r.data;
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

const PROJECT_ROUTE = /^\/v1\/projects\/([A-Za-z0-9_-]{1,100})\/(missing|push|pull|blobs\/([0-9a-f]{64}))$/;

async function route(req: IncomingMessage, res: ServerResponse, options: SyncServerOptions, auth: SyncAuth): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://server');
  const { store } = options;
  if (req.method === 'GET' && url.pathname === '/') {
    const projects = await dashboardSummary(store, options.controlFrameworks ?? (() => []));
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'x-frame-options': 'DENY',
    });
    res.end(renderDashboard(projects, options.frameworkName));
    return;
  }
  if (req.method === 'GET' && url.pathname === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'POST' && url.pathname === '/v1/auth/challenge') {
    const body = await parsed(req, ChallengeRequest, 'challenge request');
    send(res, 200, auth.challenge(body.publicKey));
    return;
  }
  if (req.method === 'POST' && url.pathname === '/v1/auth/token') {
    const body = await parsed(req, TokenRequest, 'token request');
    send(res, 200, auth.token(body.publicKey, body.challenge, body.signature));
    return;
  }
  const m = PROJECT_ROUTE.exec(url.pathname);
  if (!m) throw new WorkbenchError('NOT_FOUND', `No route ${req.method} ${url.pathname} on this sync server.`);
  const projectId = m[1]!;
  const key = auth.keyOf(bearer(req));
  if (req.method === 'POST' && m[2] === 'missing') {
    const body = await parsed(req, MissingRequest, 'missing request');
    send(res, 200, await missingOnServer(store, projectId, key.keyId, body.hashes, body.blobs));
  } else if (req.method === 'POST' && m[2] === 'push') {
    const body = await parsed(req, PushRequest, 'push');
    send(res, 200, await acceptPush(store, projectId, key, body));
  } else if (req.method === 'GET' && m[2] === 'pull') {
    const position = (name: string): number => {
      const value = Number(url.searchParams.get(name) ?? '0');
      if (!Number.isSafeInteger(value) || value < 0) throw new WorkbenchError('INVALID_INPUT', `${name} must be a whole number of at least 0.`);
      return value;
    };
    send(res, 200, await pullPage(store, projectId, key.keyId, position('after'), undefined, position('copiesAfter')));
  } else if (req.method === 'GET' && m[3]) {
    const content = await readBlob(store, projectId, key.keyId, m[3]);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'content-length': content.length });
    res.end(content);
  } else {
    throw new WorkbenchError('NOT_FOUND', `No route ${req.method} ${url.pathname} on this sync server.`);
  }
}

export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  const host = options.host ?? '127.0.0.1';
  checkBindAddress(host, options.iHaveTls ?? false);
  const auth = syncAuth();
  const log = options.log ?? console.error;
  const server = createServer((req, res) => {
    route(req, res, options, auth).catch((err: unknown) => {
      if (err instanceof WorkbenchError) {
        send(res, STATUS[err.code] ?? 400, { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } });
      } else {
        log(err);
        // PostgreSQL away (restarting): the laptop retries
        send(res, 503, { error: { code: 'INTERNAL', message: 'The sync server could not complete the request (its database may be restarting); nothing was stored. Try again.' } });
      }
    });
  });
  server.requestTimeout = 10 * 60 * 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = () => server.address() as AddressInfo;
  const port = address().port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    address,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
