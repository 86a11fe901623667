// What the build and packaging steps do for the desktop shell, without Electron: the afterPack
// hook flips exactly the five fuses (on a fake Electron binary, with the real @electron/fuses),
// the renderer's index.html carries the CSP of shared/csp.ts as a <meta>, and `npm run
// test:desktop` says in one sentence that it cannot run where the Electron binary is missing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getCurrentFuseWire } from '@electron/fuses';
import afterPack, { electronBinaryPath, FUSE_SETTINGS } from '../../../scripts/electron-fuses.mjs';
import { cspMetaPlugin, metaContentSecurityPolicy } from '../../../scripts/csp-meta-plugin';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { tempDir } from '../../helpers/workbench';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const [OFF, ON] = [0x30, 0x31];
/** Electron 41's wire as shipped: RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocolPrivileges. */
const SHIPPED = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];

function fakeElectron(file: string, fuses: number[] = SHIPPED): Buffer {
  mkdirSync(join(file, '..'), { recursive: true });
  const bytes = Buffer.concat([Buffer.from('ELF machine code '), Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, fuses.length, ...fuses]), Buffer.from(' more code')]);
  writeFileSync(file, bytes);
  return bytes;
}

async function wire(file: string): Promise<number[]> {
  const current = (await getCurrentFuseWire(file)) as unknown as Record<string, number>;
  return SHIPPED.map((_, i) => current[i] as number);
}

describe('Electron fuses (electron-builder afterPack)', () => {
  it('is the afterPack hook of electron-builder.json', () => {
    const config = JSON.parse(readFileSync(join(repo, 'electron-builder.json'), 'utf8')) as { afterPack?: string };
    expect(config.afterPack).toBe('scripts/electron-fuses.mjs');
  });

  it('turns off RunAsNode, NODE_OPTIONS and --inspect, turns on asar-only and asar integrity, and touches no other fuse', async () => {
    const appOutDir = join(tempDir(), 'linux-unpacked');
    const context = { appOutDir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'Compliance Workbench' }, executableName: 'compliance-workbench' } };
    const binary = join(appOutDir, 'compliance-workbench');
    expect(electronBinaryPath(context)).toBe(binary);
    fakeElectron(binary);
    await afterPack(context);
    expect(await wire(binary)).toEqual([OFF, OFF, OFF, OFF, ON, ON, OFF, ON]);
    // exactly five, named
    expect(Object.keys(FUSE_SETTINGS).map(Number).sort()).toEqual([0, 2, 3, 4, 5]);
    // and nothing else in the file changed
    expect(readFileSync(binary).equals(fakeElectron(join(tempDir(), 'expected'), [OFF, OFF, OFF, OFF, ON, ON, OFF, ON]))).toBe(true);
  });

  it('finds the binary on Windows and macOS', () => {
    const packager = { appInfo: { productFilename: 'Compliance Workbench' }, executableName: 'compliance-workbench' };
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(join('/o', 'Compliance Workbench.exe'));
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(join('/o', 'Compliance Workbench.app'));
  });
});

describe('the CSP as a <meta> in the renderer', () => {
  it('is the shared policy less the directives a <meta> cannot carry', () => {
    const meta = metaContentSecurityPolicy();
    expect(meta).toBe(CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '));
    expect(meta).toContain("script-src 'self'");
    expect(meta).toContain("object-src 'none'");
    expect(metaContentSecurityPolicy("default-src 'self'; sandbox; report-uri /x")).toBe("default-src 'self'");
  });

  it('is put first in <head> of the built index.html, at build time only', () => {
    const plugin = cspMetaPlugin();
    expect(plugin.apply).toBe('build');
    const hook = plugin.transformIndexHtml as { order: string; handler: () => unknown };
    expect(hook.order).toBe('pre');
    expect(hook.handler()).toEqual([{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() }, injectTo: 'head-prepend' }]);
    expect(readFileSync(join(repo, 'electron.vite.config.ts'), 'utf8')).toContain('plugins: [react(), cspMetaPlugin()]');
  });
});

describe('npm run test:desktop', () => {
  it('is its own script, not part of npm test', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['test:desktop']).toBe('node scripts/test-desktop.mjs');
    expect(pkg.scripts.test).not.toContain('test:desktop');
  });

  it('says in one sentence that the Electron binary is missing, and fails', () => {
    // an empty folder as Electron's dist: the binary is missing here whatever this machine has
    const run = spawnSync(process.execPath, [join(repo, 'scripts', 'test-desktop.mjs')], { cwd: repo, encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tempDir() } });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('test:desktop: the Electron binary is not installed on this machine, so the desktop app cannot be tested here; run `npm start` once where it can be downloaded (browser mode is tested by `npm run test:e2e`).\n');
  });
});
