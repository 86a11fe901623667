// A laptop's requests to the sync server when an answer is cut off on the way (the server stopped
// while sending it) or never comes: the request is sent again, as a refused one is, not failed or
// left hanging.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncConnection } from '../../../electron/core/sync/connection';
import type { Signer } from '../../../electron/core/identity/key-file';

const signer = { keyId: 'k', publicKeyPem: '', sign: () => '' } as unknown as Signer;
let server: Server | null = null;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server whose first `cut` answers stop after a few bytes of the body, then answer whole. */
async function cuttingServer(cut: number, whole: Buffer, type: string): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  server = createServer((req, res) => {
    req.resume();
    requests++;
    if (requests <= cut) {
      res.writeHead(200, { 'content-type': type, 'content-length': whole.length });
      res.write(whole.subarray(0, 5), () => res.socket?.destroy());
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': whole.length }).end(whole);
  });
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, requests: () => requests };
}

describe('sync connection', () => {
  it('asks again for a JSON answer cut off on the way', async () => {
    const srv = await cuttingServer(2, Buffer.from(JSON.stringify({ accepted: 3, note: 'a longer answer than five bytes' })), 'application/json');
    const conn = new SyncConnection(srv.url, signer, { attempts: 5, delayMs: 1 });
    await expect(conn.post('/v1/anything', { a: 1 })).resolves.toEqual({ accepted: 3, note: 'a longer answer than five bytes' });
    expect(srv.requests()).toBe(3);
  });

  it('asks again for a JSON answer that arrived whole by its length but does not parse (a cut no error reported)', async () => {
    let requests = 0;
    server = createServer((req, res) => {
      req.resume();
      const body = ++requests === 1 ? '{"accepted": 3, "no' : '{"accepted":3}';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
    await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as { port: number };
    const conn = new SyncConnection(`http://127.0.0.1:${port}`, signer, { attempts: 3, delayMs: 1 });
    await expect(conn.post('/v1/anything', {})).resolves.toEqual({ accepted: 3 });
    expect(requests).toBe(2);
  });

  it('asks again for a file cut off on the way, and says so when it never arrives whole', async () => {
    const bytes = Buffer.from('evidence file content, longer than five bytes');
    const srv = await cuttingServer(1, bytes, 'application/octet-stream');
    const conn = new SyncConnection(srv.url, signer, { attempts: 3, delayMs: 1 });
    expect((await conn.getBytes('/v1/blob')).equals(bytes)).toBe(true);
    expect(srv.requests()).toBe(2);

    await new Promise<void>((done) => server!.close(() => done()));
    const never = await cuttingServer(99, bytes, 'application/octet-stream');
    const tries = new SyncConnection(never.url, signer, { attempts: 3, delayMs: 1 });
    await expect(tries.getBytes('/v1/blob')).rejects.toThrow(/cannot be reached \(its answer was cut off/);
    expect(never.requests()).toBe(3);
  });

  it('abandons a try whose answer stops coming and sends the request again', async () => {
    let requests = 0;
    const held: Array<import('node:http').ServerResponse> = [];
    server = createServer((req, res) => {
      req.resume();
      requests++;
      // the first answer stops after its headers and never goes on; the second comes whole
      if (requests === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 });
        res.write('{"acc');
        held.push(res);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":1}');
    });
    await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as { port: number };
    const conn = new SyncConnection(`http://127.0.0.1:${port}`, signer, { attempts: 3, delayMs: 1, idleMs: 200 });
    await expect(conn.post('/v1/anything', {})).resolves.toEqual({ accepted: 1 });
    expect(requests).toBe(2);
    for (const res of held) res.socket?.destroy();

    const silent = new SyncConnection(`http://127.0.0.1:${port}`, signer, { attempts: 1, delayMs: 1, idleMs: 200 });
    requests = 0;
    await expect(silent.post('/v1/anything', {})).rejects.toThrow(/cannot be reached \(its answer was cut off \(nothing arrived for 0.2 s\)\)/);
    for (const res of held) res.socket?.destroy();
  });

  it('waits for an answer that keeps coming, however long it takes in all', async () => {
    // a large evidence file on a slow link: 40 pieces 50 ms apart, two seconds in all, with the
    // idle time at one second. Only the pause between two pieces counts.
    const whole = Buffer.alloc(40 * 1024, 7);
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': whole.length });
      let k = 0;
      const next = () => {
        res.write(whole.subarray(k * 1024, (k + 1) * 1024));
        if (++k < 40) setTimeout(next, 50);
        else res.end();
      };
      next();
    });
    await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as { port: number };
    const conn = new SyncConnection(`http://127.0.0.1:${port}`, signer, { attempts: 1, delayMs: 1, idleMs: 1000 });
    expect((await conn.getBytes('/v1/blob')).equals(whole)).toBe(true);
  });
});
