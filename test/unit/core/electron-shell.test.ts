// The desktop shell with the electron module replaced by plain fakes: the app:// scheme and its
// confinement to the renderer folder, which origin is trusted, the environment a packaged app
// ignores, the flush before a window closes, and the preload's guard against stray file drops.
import { EventEmitter } from 'node:events';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, appUrlToRelativePath, registerAppScheme, resolveAppFile, serveAppRequest, serveRenderer } from '../../../electron/main/app-protocol';
import { guardWebContents, isAppUrl, isTrustedSender } from '../../../electron/main/security';
import { devServerUrl, nativeBindingPath } from '../../../electron/main/environment';
import { flushBeforeClose, FLUSH_WAIT_MS } from '../../../electron/main/close-flush';
import { registerIpc } from '../../../electron/main/ipc';
import { guardFileDrops, type DragEventLike } from '../../../electron/preload/drop-guard';
import { FLUSH_DONE_CHANNEL, FLUSH_REQUEST_CHANNEL } from '../../../electron/preload/shell-channels';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { tempDir } from '../../helpers/workbench';

vi.mock('electron', () => {
  throw new Error('shell tests must not load electron');
});

function rendererFolder(): { dir: string; outside: string } {
  const root = tempDir();
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Compliance Workbench</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  const outside = join(root, 'secret.txt');
  writeFileSync(outside, 'not for the renderer');
  symlinkSync(outside, join(dir, 'assets', 'escape.txt'));
  symlinkSync(root, join(dir, 'up'));
  return { dir, outside };
}

describe('the app:// scheme', () => {
  it('is registered as a standard, secure scheme before the app is ready', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true } },
    ]);
    expect(APP_ENTRY_URL).toBe('app://workbench/index.html');
  });

  it('maps app://workbench/ paths into the renderer folder and refuses traversal however it is written', () => {
    expect(appUrlToRelativePath('app://workbench/')).toBe('index.html');
    expect(appUrlToRelativePath('app://workbench/assets/index-abc.js?v=1#x')).toBe('assets/index-abc.js');
    // the URL parser folds plain and %2e dot segments itself, so they stay inside the folder
    expect(appUrlToRelativePath('app://workbench/../../etc/passwd')).toBe('etc/passwd');
    expect(appUrlToRelativePath('app://workbench/%2e%2e/%2e%2e/etc/passwd')).toBe('etc/passwd');
    // what only decoding reveals is refused
    for (const url of [
      'app://workbench/..%2f..%2fetc%2fpasswd',
      'app://workbench/assets%2f..%2f..%2fsecret.txt',
      'app://workbench/..%5c..%5csecret.txt',
      'app://workbench/index.html%00.js',
      'app://workbench/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'http://workbench/index.html',
      'not a url',
    ]) expect(appUrlToRelativePath(url), url).toBeNull();
  });

  it('serves files of the renderer folder with the CSP, and 404 for anything outside, missing or behind a symlink out', async () => {
    const { dir } = rendererFolder();
    const get = (url: string, method = 'GET') => serveAppRequest(dir, { url, method });
    const index = await get(APP_ENTRY_URL);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('Compliance Workbench');
    const script = await get('app://workbench/assets/index-abc.js');
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);

    for (const url of [
      'app://workbench/assets/escape.txt',
      'app://workbench/up/secret.txt',
      'app://workbench/..%2fsecret.txt',
      'app://workbench/assets',
      'app://workbench/missing.js',
      'app://elsewhere/index.html',
    ]) {
      const reply = await get(url);
      expect(reply.status, url).toBe(404);
      expect(await reply.text(), url).not.toContain('not for the renderer');
    }
    expect(await resolveAppFile(dir, 'app://workbench/up/secret.txt')).toBeNull();
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
  });

  it('hands protocol.handle the same server', async () => {
    const { dir } = rendererFolder();
    let handler: ((request: Request) => Promise<Response>) | undefined;
    serveRenderer({ handle: (scheme: string, h: typeof handler) => { expect(scheme).toBe('app'); handler = h; } } as never, dir);
    expect((await handler?.(new Request('app://workbench/index.html')))?.status).toBe(200);
  });
});

describe('which pages the shell trusts', () => {
  it('trusts app://workbench and nothing on the disk, whatever the folder', () => {
    expect(isAppUrl('app://workbench/index.html', APP_ORIGIN)).toBe(true);
    expect(isAppUrl('app://workbench/#/p/1/reports', APP_ORIGIN)).toBe(true);
    for (const url of ['file:///etc/passwd', 'file:///home/me/Downloads/evil.html', 'file:///opt/Compliance%20Workbench/resources/app.asar/out/renderer/index.html', 'app://evil/index.html', 'app://workbench.evil/', 'http://workbench/', 'https://evil.example/', 'data:text/html,x']) {
      expect(isAppUrl(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('gives no API to a local page, even in our own window', () => {
    const trusted = new Set([7]);
    const sender = (url: string) => ({ sender: { id: 7 }, senderFrame: { url, parent: null } }) as never;
    expect(isTrustedSender(sender('app://workbench/index.html'), trusted, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender(sender('file:///home/me/Downloads/evil.html'), trusted, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(sender('file:///etc/passwd'), trusted, APP_ORIGIN)).toBe(false);
  });

  it('refuses navigation to a local file, the way a file dropped on the window asks for it', () => {
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler: () => void };
    contents.setWindowOpenHandler = () => undefined;
    guardWebContents(contents as never, { openExternal: vi.fn() }, APP_ORIGIN);
    const prevented = (url: string) => {
      let yes = false;
      contents.emit('will-navigate', { preventDefault: () => { yes = true; } }, url);
      return yes;
    };
    expect(prevented('file:///etc/passwd')).toBe(true);
    expect(prevented('file:///home/me/Downloads/report.pdf')).toBe(true);
    expect(prevented('app://workbench/index.html')).toBe(false);
  });
});

describe('what a packaged app takes from the environment', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173', CWB_NATIVE_BINDING: '/tmp/evil.node' };
  it('ignores ELECTRON_RENDERER_URL and CWB_NATIVE_BINDING when packaged', () => {
    expect(devServerUrl(true, env)).toBeNull();
    const exists = () => true;
    expect(nativeBindingPath(true, env, '/opt/cwb/resources', exists)).toBe('/opt/cwb/resources/native/better_sqlite3.node');
    expect(nativeBindingPath(true, env, undefined, exists)).toBeUndefined();
  });

  it('in development takes them, the dev server only on this machine', () => {
    expect(devServerUrl(false, env)).toBe('http://localhost:5173');
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' })).toBe('http://127.0.0.1:5173/');
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeNull();
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'file:///home/me/evil.html' })).toBeNull();
    expect(devServerUrl(false, {})).toBeNull();
    expect(nativeBindingPath(false, env, undefined, (p) => p === '/tmp/evil.node')).toBe('/tmp/evil.node');
  });
});

describe('flushing pending saves before a window closes', () => {
  afterEach(() => vi.useRealTimers());

  function fakeWindow() {
    const win = new EventEmitter() as EventEmitter & { close: () => void; isDestroyed: () => boolean; webContents: { id: number; send: ReturnType<typeof vi.fn<(channel: string) => void>> } };
    let closed = false;
    win.webContents = { id: 7, send: vi.fn<(channel: string) => void>() };
    win.isDestroyed = () => closed;
    // like BrowserWindow: close emits 'close', and closes unless a listener prevented it
    win.close = () => {
      let prevented = false;
      win.emit('close', { preventDefault: () => { prevented = true; } });
      if (!prevented) closed = true;
    };
    return win;
  }

  it('holds the close, asks the page to flush, waits for its answer and the calls still running, then closes', async () => {
    const win = fakeWindow();
    const ipcMain = new EventEmitter();
    let finishSave: () => void = () => undefined;
    const saving = new Promise<void>((ok) => { finishSave = ok; });
    const afterFlush = vi.fn();
    flushBeforeClose(win, ipcMain as never, { idle: () => saving, afterFlush });
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.webContents.send).toHaveBeenCalledWith(FLUSH_REQUEST_CHANNEL);
    win.close(); // a second click while flushing neither closes nor asks again
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
    ipcMain.emit(FLUSH_DONE_CHANNEL, { sender: { id: 99 } }); // another window's answer is not ours
    ipcMain.emit(FLUSH_DONE_CHANNEL, { sender: { id: 7 } });
    await new Promise((ok) => setImmediate(ok));
    expect(win.isDestroyed()).toBe(false); // a save is still running
    finishSave();
    await vi.waitFor(() => expect(win.isDestroyed()).toBe(true));
    expect(afterFlush).toHaveBeenCalledTimes(1);
    expect(ipcMain.listenerCount(FLUSH_DONE_CHANNEL)).toBe(0);
  });

  it('closes anyway after a bounded wait when the page never answers', async () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    const ipcMain = new EventEmitter();
    flushBeforeClose(win, ipcMain as never, { idle: async () => undefined });
    win.close();
    await vi.advanceTimersByTimeAsync(FLUSH_WAIT_MS - 1);
    expect(win.isDestroyed()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(win.isDestroyed()).toBe(true);
    expect(ipcMain.listenerCount(FLUSH_DONE_CHANNEL)).toBe(0);
  });

  it('knows when no contract call is running any more', async () => {
    const channels = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
    let release: () => void = () => undefined;
    const slow = new Promise<unknown[]>((ok) => { release = () => ok([]); });
    const idle = registerIpc({ handle: (c: string, fn: never) => { channels.set(c, fn); } } as never, { listProjects: () => slow } as never, () => true, () => undefined);
    const call = channels.get('workbench:listProjects')?.({}, {});
    let settled = false;
    const waiting = idle().then(() => { settled = true; });
    await new Promise((ok) => setImmediate(ok));
    expect(settled).toBe(false);
    release();
    await waiting;
    expect(await call).toEqual({ ok: true, value: [] });
  });
});

describe('file drops outside a drop zone (preload)', () => {
  function drag(claimed: boolean): DragEventLike & { prevented: boolean; dataTransfer: { dropEffect: string } } {
    const e = { defaultPrevented: claimed, prevented: false, dataTransfer: { dropEffect: 'copy' }, preventDefault: () => { e.prevented = true; e.defaultPrevented = true; } };
    return e;
  }

  it('refuses a drag or drop nobody claimed, and leaves a drop zone\'s alone', () => {
    const target = new EventEmitter();
    guardFileDrops({ addEventListener: (type, listener) => target.on(type, listener) });
    for (const type of ['dragover', 'drop']) {
      const stray = drag(false);
      target.emit(type, stray);
      expect(stray.prevented, type).toBe(true);
      expect(stray.dataTransfer.dropEffect, type).toBe('none');
      const claimed = drag(true);
      target.emit(type, claimed);
      expect(claimed.prevented, type).toBe(false);
      expect(claimed.dataTransfer.dropEffect, type).toBe('copy');
    }
  });
});
