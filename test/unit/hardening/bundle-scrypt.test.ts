// An encrypted bundle's scrypt settings come from its unauthenticated header. A crafted header
// must be refused before any key derivation, and derivation must run off the event loop so the
// browser-mode host keeps answering while a legitimate bundle is decrypted.
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import { startHost, TOKEN_HEADER, type RunningHost } from '../../../electron/host/server';
import { fingerprint } from '../../helpers/db-fingerprint';
import { testWorkbench } from '../../helpers/workbench';
import { teamProject } from '../team/helpers';

// Counts every derivation; a synchronous one or one above the safe range fails the test instead of
// running (on code without the checks it would take gigabytes). An asynchronous one can be held.
const kdf = vi.hoisted(() => ({ asyncCalls: 0, hold: null as Promise<void> | null, entered: (): void => {} }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const tooCostly = (o: { N?: number; r?: number; p?: number } | undefined) => (o?.N ?? 0) > 2 ** 17 || (o?.r ?? 0) > 8 || (o?.p ?? 0) > 2;
  const scryptSync = (...args: Parameters<typeof real.scryptSync>) => {
    throw new Error(`scryptSync called (N=${args[3]?.N}): it blocks the host for the whole derivation`);
  };
  const scrypt = (...args: unknown[]) => {
    const options = args[3] as { N?: number; r?: number; p?: number };
    const done = args[4] as (err: Error | null, key: Buffer) => void;
    kdf.asyncCalls++;
    if (tooCostly(options)) return done(new Error(`scrypt called with N=${options.N} r=${options.r} p=${options.p}`), Buffer.alloc(0));
    kdf.entered();
    const run = () => (real.scrypt as (...a: unknown[]) => void)(...args);
    if (kdf.hold) void kdf.hold.then(run);
    else run();
  };
  return { ...real, default: { ...real, scrypt, scryptSync }, scrypt, scryptSync };
});

const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  kdf.hold = null;
  kdf.asyncCalls = 0;
});

function withHeader(sealed: Buffer, log2N: number, r: number, p: number): Buffer {
  const out = Buffer.from(sealed);
  out[10] = log2N; // after "CWB-ENC\0", the format and the KDF id
  out[11] = r;
  out[12] = p;
  return out;
}

describe('scrypt settings from a bundle header', () => {
  it.each([
    [20, 32, 16, 'N=2^20'],
    [20, 8, 1, 'N=2^20'],
    [18, 8, 1, 'N=2^18'],
    [15, 32, 1, 'r=32'],
    [15, 8, 16, 'p=16'],
    [15, 0, 1, 'r=0'],
  ])('refuses N=2^%i r=%i p=%i before deriving any key, changing nothing', async (log2N, r, p, named) => {
    const { wb, projectId } = await teamProject();
    const sealed = (await exportBundle(wb.ctx, projectId, { passphrase: 'correct horse battery' })).bytes;
    const other = await testWorkbench();
    const before = fingerprint(other.ctx.db);
    kdf.asyncCalls = 0;
    await expect(importBundle(other.ctx, withHeader(sealed, log2N, r, p), { passphrase: 'correct horse battery' })).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
      message: expect.stringContaining(`its encryption header asks for scrypt ${named}, outside the range this version accepts`),
    });
    expect(kdf.asyncCalls).toBe(0);
    expect(fingerprint(other.ctx.db)).toBe(before);
  });

  it('derives the key asynchronously: the HTTP host answers another request while a derivation runs', async () => {
    const { wb, projectId } = await teamProject();
    const sealed = (await exportBundle(wb.ctx, projectId, { passphrase: 'correct horse battery' })).bytes;
    const other = await testWorkbench();
    const h = await startHost({ handlers: other.handlers, token: 'tok-scrypt' });
    hosts.push(h);
    let release = (): void => {};
    kdf.hold = new Promise<void>((ok) => (release = ok));
    const entered = new Promise<void>((ok) => (kdf.entered = ok));

    let imported = false;
    const importing = call(h, 'importBundle', { contentBase64: sealed.toString('base64'), passphrase: 'correct horse battery' }).then((r) => {
      imported = true;
      return r;
    });
    await entered; // the derivation has started and is being held
    const listed = await call(h, 'listProjects', {});
    expect(listed).toEqual({ ok: true, value: [] });
    expect(imported).toBe(false);
    release();
    expect(await importing).toMatchObject({ ok: true, value: { outcome: 'created', projectId } });
  });
});

function call(h: RunningHost, method: string, args: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: h.token } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}
