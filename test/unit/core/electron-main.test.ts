// Main's wiring with the electron module replaced by plain fakes: what the window guards do and
// what IPC accepts. Nothing here loads Electron.
import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { guardWebContents, hardenSession, installGlobalGuards, isTrustedSender, WEB_PREFERENCES } from '../../../electron/main/security';
import { registerIpc } from '../../../electron/main/ipc';
import { APP_ORIGIN } from '../../../electron/main/app-protocol';
import { contract, IPC_PREFIX, METHOD_NAMES } from '../../../shared/api';
import { testWorkbench } from '../../helpers/workbench';
import { fingerprint } from '../../helpers/db-fingerprint';
import { listProjects } from '../../../electron/core/projects/projects';

vi.mock('electron', () => {
  throw new Error('core and main wiring tests must not load electron');
});

function fakeContents() {
  const emitter = new EventEmitter() as EventEmitter & { setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => void; openHandler?: (d: { url: string }) => { action: string } };
  emitter.setWindowOpenHandler = (h) => { emitter.openHandler = h; };
  return emitter;
}

function navigate(contents: EventEmitter, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => { prevented = true; } }, url);
  return prevented;
}

describe('window hardening', () => {
  it('uses isolated, sandboxed renderers without Node', () => {
    expect(WEB_PREFERENCES).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, webviewTag: false });
    expect(WEB_PREFERENCES).toMatchObject({ nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, allowRunningInsecureContent: false, disableBlinkFeatures: 'Auxclick' });
  });

  it('guards every webContents created later too (devtools, a window opened behind our back), and refuses webviews', () => {
    const app = new EventEmitter();
    const shell = { openExternal: vi.fn(async () => undefined) };
    installGlobalGuards(app as never, shell, APP_ORIGIN);
    const late = fakeContents();
    app.emit('web-contents-created', {}, late);
    expect(navigate(late, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(late, 'will-navigate', 'data:text/html,<script>1</script>')).toBe(true);
    expect(navigate(late, 'will-attach-webview', 'https://evil.example/')).toBe(true);
    expect(late.openHandler?.({ url: 'app://workbench/index.html' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies navigation away from the app and every new window; external links go to the system browser', () => {
    const contents = fakeContents();
    const shell = { openExternal: vi.fn(async () => undefined) };
    guardWebContents(contents as never, shell, APP_ORIGIN);
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://workbench/index.html')).toBe(false);
    expect(navigate(contents, 'will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://docs.aws.amazon.com/kms/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.aws.amazon.com/kms/');
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies every permission request and sets the CSP on responses', () => {
    let requestHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    let headers: ((d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | undefined;
    hardenSession({
      setPermissionRequestHandler: (h: typeof requestHandler) => { requestHandler = h; },
      setPermissionCheckHandler: (h: typeof checkHandler) => { checkHandler = h; },
      webRequest: { onHeadersReceived: (h: typeof headers) => { headers = h; } },
    } as never);
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) requestHandler?.({}, p, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    expect(checkHandler?.()).toBe(false);
    let out: Record<string, string[]> = {};
    headers?.({ responseHeaders: {} }, (r) => { out = r.responseHeaders; });
    expect(out['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
  });
});

describe('IPC wiring', () => {
  async function wired(trusted: boolean) {
    const wb = await testWorkbench();
    const handlers = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
    registerIpc({ handle: (channel: string, fn: (event: never, args: unknown) => Promise<unknown>) => { handlers.set(channel, fn as never); } } as never, wb.handlers, () => trusted, () => undefined);
    return { wb, handlers };
  }

  it('registers exactly one prefixed channel per contract method', async () => {
    const { handlers } = await wired(true);
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `${IPC_PREFIX}${m}`).sort());
  });

  it('refuses calls from an untrusted frame, changing nothing', async () => {
    const { wb, handlers } = await wired(false);
    const reply = await handlers.get(`${IPC_PREFIX}createProject`)?.({}, { name: 'x', frameworks: ['pci'] });
    expect(reply).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'This frame may not call the workbench.' } });
    expect(listProjects(wb.ctx)).toEqual([]);
  });

  it('rejects arguments that fail the schema of every method, as a typed envelope', async () => {
    const { handlers } = await wired(true);
    const garbage = [null, 42, 'text', [], { projectId: 42, controlId: [], frameworks: 'all', name: 7, kind: 'x', includeArchived: 'yes' }];
    let checked = 0;
    for (const method of METHOD_NAMES) {
      for (const args of garbage) {
        if (contract[method].args.safeParse(args ?? {}).success) continue; // e.g. {} for methods without arguments
        const reply = (await handlers.get(`${IPC_PREFIX}${method}`)?.({}, args)) as { ok: boolean; error?: { code: string; message: string } };
        expect(reply.ok, method).toBe(false);
        expect(reply.error?.code, method).toBe('INVALID_INPUT');
        expect(reply.error?.message, method).toContain(`Invalid arguments for ${method}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(METHOD_NAMES.length * 3);
  });

  it('only trusts the top frame of a window we opened, showing our page', () => {
    const trusted = new Set([7]);
    const frame = (url: string, parent: unknown = null) => ({ url, parent });
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://workbench/index.html') } as never, trusted, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: frame('app://workbench/index.html') } as never, trusted, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://workbench/index.html', {}) } as never, trusted, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('https://evil.example/') } as never, trusted, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('http://localhost:5173/') } as never, trusted, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: null } as never, trusted, APP_ORIGIN)).toBe(false);
  });

  it('answers nothing to a subframe, another window or a foreign page, for every method, and changes nothing', async () => {
    const wb = await testWorkbench();
    const handlers = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
    const trusted = new Set([7]);
    registerIpc({ handle: (channel: string, fn: (event: never, args: unknown) => Promise<unknown>) => { handlers.set(channel, fn as never); } } as never, wb.handlers, (event) => isTrustedSender(event, trusted, APP_ORIGIN), () => undefined);
    const before = fingerprint(wb.ctx.db);
    const senders = [
      { sender: { id: 7 }, senderFrame: { url: 'app://workbench/index.html', parent: { url: 'app://workbench/index.html' } } },
      { sender: { id: 9 }, senderFrame: { url: 'app://workbench/index.html', parent: null } },
      { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: 7 }, senderFrame: null },
    ];
    for (const method of METHOD_NAMES) {
      for (const event of senders) {
        expect(await handlers.get(`${IPC_PREFIX}${method}`)?.(event, { name: 'x', frameworks: ['pci'] }), method).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'This frame may not call the workbench.' } });
      }
    }
    expect(fingerprint(wb.ctx.db)).toBe(before);
  });

  it('answers INVALID_INPUT to random arguments that fail a method\'s schema, and writes nothing (property)', async () => {
    const { wb, handlers } = await wired(true);
    const before = fingerprint(wb.ctx.db);
    const keys = ['projectId', 'controlId', 'name', 'frameworks', 'status', 'kind', 'contentBase64', 'fileName', 'evidenceId', 'format', 'controlIds', 'attach', 'sessionId', 'role', 'memberKey', 'passphrase'];
    const args = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...keys), fc.anything(), { maxKeys: 6 }));
    for (const method of METHOD_NAMES) {
      const schema = contract[method].args;
      await fc.assert(
        fc.asyncProperty(args.filter((a) => a !== undefined && a !== null && !schema.safeParse(a).success), async (a) => {
          const reply = (await handlers.get(`${IPC_PREFIX}${method}`)?.({}, a)) as { ok: boolean; error?: { code: string } };
          return reply.ok === false && reply.error?.code === 'INVALID_INPUT';
        }),
        { numRuns: 25, seed: 20261128 },
      );
    }
    expect(fingerprint(wb.ctx.db)).toBe(before);
  });
});
