import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it, afterEach } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api';
import { fingerprint } from '../../helpers/db-fingerprint';
import { startHost, TOKEN_HEADER, type RunningHost } from '../../../electron/host/server';
import { testWorkbench } from '../../helpers/workbench';
import { listProjects } from '../../../electron/core/projects/projects';

const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function host() {
  const wb = await testWorkbench();
  const h = await startHost({ handlers: wb.handlers, token: 'test-token-123' });
  hosts.push(h);
  return { wb, h };
}

type Reply = { status: number; body: unknown };

function post(h: RunningHost, path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.origin}${path}`, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

const create = { name: 'Fraud', frameworks: ['pci'] };

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token in the fragment', async () => {
    const { h } = await host();
    expect(h.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.url).toBe(`${h.origin}/#token=test-token-123`);
  });

  it('answers a valid call with the same envelope as IPC', async () => {
    const { h } = await host();
    const reply = await post(h, '/api/createProject', create, { [TOKEN_HEADER]: 'test-token-123', origin: h.origin });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: true, value: { name: 'Fraud', frameworks: ['pci'] } });
  });

  it('refuses requests without the token, with a wrong token, or from a foreign origin, changing nothing', async () => {
    const { h, wb } = await host();
    expect(await post(h, '/api/createProject', create)).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHORIZED' } } });
    expect(await post(h, '/api/createProject', create, { [TOKEN_HEADER]: 'test-token-124' })).toMatchObject({ status: 401 });
    expect(await post(h, '/api/createProject', create, { [TOKEN_HEADER]: 'test-token-123', origin: 'http://evil.example' })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await post(h, '/api/createProject', create, { [TOKEN_HEADER]: 'test-token-123', host: 'evil.example' })).toMatchObject({ status: 403 });
    expect(listProjects(wb.ctx)).toEqual([]);
  });

  it('parses arguments with the method schema and names what is wrong', async () => {
    const { h } = await host();
    const headers = { [TOKEN_HEADER]: 'test-token-123' };
    expect((await post(h, '/api/createProject', { name: 'x', frameworks: ['Sox!'] }, headers)).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('frameworks.0') } });
    expect((await post(h, '/api/createProject', { name: 'x', frameworks: ['sox'] }, headers)).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('"sox" is not a framework of this workbench') } });
    expect((await post(h, '/api/noSuchMethod', {}, headers)).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await post(h, '/api/createProject', '{not json', headers)).status).toBe(400);
    expect((await post(h, '/api/getOverview', { projectId: 'prj-zzzzzzzzzz' }, headers)).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'No project with id "prj-zzzzzzzzzz". List projects with `cwb project list`.' } });
  });

  it('has its socket bound to 127.0.0.1 alone: other addresses of this machine get no answer', async () => {
    const { h } = await host();
    expect(h.address()).toEqual({ address: '127.0.0.1', family: 'IPv4', port: h.port });
    const outside = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4').map((i) => i!.address);
    for (const address of outside) {
      const refused = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: h.port }, () => { socket.destroy(); resolve('connected'); });
        socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(refused, address).toBe('ECONNREFUSED');
    }
  });

  it('refuses every contract method without the token, and with a foreign or opaque Origin, changing nothing', async () => {
    const { h, wb } = await host();
    const before = fingerprint(wb.ctx.db);
    for (const method of METHOD_NAMES) {
      expect(await post(h, `/api/${method}`, {}), method).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHORIZED' } } });
      for (const origin of ['http://evil.example', 'null', `http://localhost:${h.port + 1}`, 'http://127.0.0.1']) {
        expect(await post(h, `/api/${method}`, {}, { [TOKEN_HEADER]: 'test-token-123', origin }), `${method} from ${origin}`).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN' } } });
      }
    }
    // the token only counts in its header, and the API only answers POST
    expect(await post(h, '/api/createProject?token=test-token-123', create)).toMatchObject({ status: 401 });
    expect(await post(h, '/api/createProject', create, { authorization: 'Bearer test-token-123' })).toMatchObject({ status: 401 });
    expect(await post(h, '/api/listProjects', undefined, { [TOKEN_HEADER]: 'test-token-123' }, 'GET')).toMatchObject({ status: 405 });
    expect(fingerprint(wb.ctx.db)).toBe(before);
  });
  it('closing lets an answer under way finish before it returns, and takes no new connection', async () => {
    const wb = await testWorkbench();
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    let started!: () => void;
    const running = new Promise<void>((ok) => (started = ok));
    const handlers = { ...wb.handlers, listProjects: async (args: unknown) => {
      started();
      await gate;
      return wb.handlers.listProjects(args as never);
    } };
    const h = await startHost({ handlers, token: 'test-token-123' });
    const answer = post(h, '/api/listProjects', {}, { [TOKEN_HEADER]: 'test-token-123', origin: h.origin });
    await running;
    let closed = false;
    const closing = h.close().then(() => (closed = true));
    await new Promise((ok) => setImmediate(ok));
    expect(closed).toBe(false);
    await expect(post(h, '/api/listProjects', {}, { [TOKEN_HEADER]: 'test-token-123', origin: h.origin })).rejects.toThrow(/ECONNREFUSED/);
    release();
    expect(await answer).toMatchObject({ status: 200, body: { ok: true, value: [] } });
    await closing;
    expect(closed).toBe(true);
  });
});
