#!/usr/bin/env node
// `npm start`: the desktop app. `npm install` skips Electron's binary download (it fails where
// the network is closed), so this fetches it on first use, builds better-sqlite3 for Electron's
// ABI into .native/ (never over node_modules, which the Node tests use), then runs electron-vite.
// Where any of that cannot be had, it says so in one sentence and points to browser mode.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const nativeDir = join(root, '.native', `electron-${electronVersion}`);
const nativeBinding = join(nativeDir, 'better_sqlite3.node');
const checkOnly = process.argv.includes('--check');

const UNAVAILABLE =
  'The desktop shell is unavailable on this machine (%s); run `npm run start:web` and open the printed address to use Compliance Workbench in your browser.';

function unavailable(reason) {
  console.error(UNAVAILABLE.replace('%s', reason));
  process.exit(1);
}

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { stdio: process.env.CWB_VERBOSE ? 'inherit' : 'pipe', ...options });
}

function electronBinaryPresent() {
  return existsSync(join(electronDir, 'path.txt')) && existsSync(join(electronDir, 'dist'));
}

function ensureElectronBinary() {
  if (electronBinaryPresent()) return;
  console.log(`Fetching Electron ${electronVersion} (first start only)…`);
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = run(process.execPath, [join(electronDir, 'install.js')], { env, cwd: electronDir, timeout: 300_000 });
  if (result.status !== 0 || !electronBinaryPresent()) unavailable(`Electron ${electronVersion} could not be downloaded`);
}

function ensureNativeModule() {
  if (existsSync(nativeBinding)) return;
  console.log(`Building the SQLite module for Electron ${electronVersion} (first start only)…`);
  const work = join(root, '.native', 'build');
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
  const prebuilt = run(process.execPath, [join(root, 'node_modules', 'prebuild-install', 'bin.js'), '--runtime', 'electron', '--target', electronVersion], { cwd: work, timeout: 300_000 });
  if (prebuilt.status !== 0) {
    const gyp = run('npx', ['--no-install', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work, timeout: 600_000 });
    if (gyp.status !== 0) unavailable(`better-sqlite3 could not be built for Electron ${electronVersion}`);
  }
  mkdirSync(nativeDir, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), nativeBinding);
  rmSync(work, { recursive: true, force: true });
}

ensureElectronBinary();
ensureNativeModule();
if (checkOnly) {
  console.log(`Electron ${electronVersion} and its SQLite module are ready.`);
  process.exit(0);
}
const mode = process.argv.includes('--preview') ? 'preview' : 'dev';
const child = spawnSync('npx', ['--no-install', 'electron-vite', mode], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, CWB_NATIVE_BINDING: nativeBinding },
});
process.exit(child.status ?? 1);
