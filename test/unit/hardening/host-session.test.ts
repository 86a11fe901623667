// Browser-mode host hardening: a malformed % escape is a 400 with a sentence (not a 500 with a
// stack in the log), localhost is sent to 127.0.0.1 where the cookie lives, and the token is
// exchanged once for an HttpOnly SameSite=Strict cookie that other tabs use, with the Origin
// check kept for every call the cookie alone carries.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { keptBrowserToken } from '../../../electron/core/browser-token';
import { listProjects } from '../../../electron/core/projects/projects';
import { SESSION_PATH, startHost, TOKEN_COOKIE, TOKEN_HEADER, type RunningHost } from '../../../electron/host/server';
import { fingerprint } from '../../helpers/db-fingerprint';
import { testWorkbench } from '../../helpers/workbench';

const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

const TOKEN = 'session-token-0123456789';

async function host() {
  const wb = await testWorkbench();
  const logged: unknown[] = [];
  const h = await startHost({ handlers: wb.handlers, token: TOKEN, log: (e) => logged.push(e) });
  hosts.push(h);
  return { wb, h, logged };
}

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: unknown };

function send(h: RunningHost, path: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.origin}${path}`, { method: opts.method ?? 'POST', headers: { 'content-type': 'application/json', ...opts.headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end(opts.body === undefined ? undefined : JSON.stringify(opts.body));
  });
}

const create = { name: 'Fraud', frameworks: ['pci'] };

describe('malformed addresses', () => {
  it('answers a malformed % escape with 400 and a sentence, logging no error', async () => {
    const { h, logged } = await host();
    expect(await send(h, '/api/%E0%A4%A', { headers: { [TOKEN_HEADER]: TOKEN }, body: {} })).toMatchObject({
      status: 400, body: { ok: false, error: { code: 'INVALID_INPUT', message: 'The method name in the address has a malformed % escape.' } },
    });
    expect(await send(h, '/assets/%zz.js', { method: 'GET' })).toMatchObject({ status: 404 }); // no UI served: still no 500
    const withUi = await startHost({ handlers: (await testWorkbench()).handlers, token: TOKEN, staticDir: '.', log: (e) => logged.push(e) });
    hosts.push(withUi);
    expect(await send(withUi, '/assets/%E0%A4%A.js', { method: 'GET' })).toMatchObject({ status: 400, body: { error: { message: 'The address has a malformed % escape.' } } });
    expect(logged).toEqual([]);
  });
});

describe('localhost and 127.0.0.1', () => {
  it('sends a page opened on localhost to 127.0.0.1, and refuses API calls there with a sentence', async () => {
    const { h, wb } = await host();
    const page = await send(h, '/some/page?x=1', { method: 'GET', headers: { host: `localhost:${h.port}` } });
    expect(page.status).toBe(307);
    expect(page.headers.location).toBe(`${h.origin}/some/page?x=1`);
    const before = fingerprint(wb.ctx.db);
    expect(await send(h, '/api/createProject', { headers: { host: `localhost:${h.port}`, [TOKEN_HEADER]: TOKEN }, body: create })).toMatchObject({
      status: 403, body: { error: { message: `Browser mode answers on ${h.origin} only; open that address instead of localhost.` } },
    });
    expect(await send(h, '/api/createProject', { headers: { origin: `http://localhost:${h.port}`, [TOKEN_HEADER]: TOKEN }, body: create })).toMatchObject({
      status: 403, body: { error: { message: `Requests from http://localhost:${h.port} are not allowed; browser mode answers its own page at ${h.origin}.` } },
    });
    expect(fingerprint(wb.ctx.db)).toBe(before);
  });
});

describe('the token cookie', () => {
  async function cookieOf(h: RunningHost): Promise<string> {
    const opened = await send(h, SESSION_PATH, { headers: { [TOKEN_HEADER]: TOKEN, origin: h.origin } });
    expect(opened.status).toBe(204);
    const setCookie = opened.headers['set-cookie'] as string[];
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toBe(`${TOKEN_COOKIE}=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`); // no Domain: 127.0.0.1 only
    return setCookie[0]!.split(';')[0]!;
  }

  it('is given only for the right token from our own page', async () => {
    const { h } = await host();
    const refused = [
      [await send(h, SESSION_PATH, { headers: { [TOKEN_HEADER]: 'wrong' } }), 401],
      [await send(h, SESSION_PATH, { headers: {} }), 401],
      [await send(h, SESSION_PATH, { headers: { [TOKEN_HEADER]: TOKEN, origin: 'http://evil.example' } }), 403],
    ] as const;
    for (const [reply, status] of refused) {
      expect(reply.status).toBe(status);
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
    expect((await send(h, SESSION_PATH, { method: 'GET', headers: { [TOKEN_HEADER]: TOKEN } }))).toMatchObject({ status: 405 });
    await cookieOf(h);
  });

  it('carries calls from another tab that has no token, from our own Origin only', async () => {
    const { h, wb } = await host();
    const cookie = await cookieOf(h);
    expect(await send(h, '/api/createProject', { headers: { cookie, origin: h.origin }, body: create })).toMatchObject({ status: 200, body: { ok: true } });
    expect(listProjects(wb.ctx)).toHaveLength(1);
    const before = fingerprint(wb.ctx.db);
    // a cookie alone is not enough without our Origin (CSRF), nor with a foreign one, nor a wrong value
    expect(await send(h, '/api/createProject', { headers: { cookie }, body: create })).toMatchObject({
      status: 403, body: { error: { code: 'FORBIDDEN', message: "A call carried by the browser-mode cookie must come from the app's own page (no Origin header was sent)." } },
    });
    expect(await send(h, '/api/createProject', { headers: { cookie, origin: 'http://evil.example' }, body: create })).toMatchObject({ status: 403 });
    expect(await send(h, '/api/createProject', { headers: { cookie: `${TOKEN_COOKIE}=guess`, origin: h.origin }, body: create })).toMatchObject({ status: 401 });
    expect(fingerprint(wb.ctx.db)).toBe(before);
  });
});

describe('--keep-token', () => {
  it('keeps one token with the database across restarts of the host', async () => {
    const wb = await testWorkbench();
    const first = keptBrowserToken(wb.ctx.db);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    wb.close();
    const again = await testWorkbench({ file: wb.file });
    expect(keptBrowserToken(again.ctx.db)).toBe(first);
    const other = await testWorkbench();
    expect(keptBrowserToken(other.ctx.db)).not.toBe(first);
  });
});
