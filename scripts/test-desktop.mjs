#!/usr/bin/env node
// `npm run test:desktop`: the desktop app itself, driven by Playwright's Electron support
// (test/desktop/). It needs Electron's binary, which `npm install` here does not fetch: where it
// is missing this says so in one sentence and fails, rather than pass having tested nothing.
// Not part of `npm test` (CI machines have no binary); run it on a laptop after `npm start` once.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron executable, if it is installed (electron's own index.js names it). */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
// the SQLite module built for Electron's ABI by `npm start` (scripts/start-desktop.mjs)
const nativeBinding = join(root, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');

if (!electronBinary()) {
  console.error('test:desktop: the Electron binary is not installed on this machine, so the desktop app cannot be tested here; run `npm start` once where it can be downloaded (browser mode is tested by `npm run test:e2e`).');
  process.exit(1);
}
if (!existsSync(nativeBinding)) {
  console.error('test:desktop: better-sqlite3 has not been built for Electron here yet; run `npm start` once, then this again.');
  process.exit(1);
}
const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const run = spawnSync('npx', ['--no-install', 'playwright', 'test', '--config', 'test/desktop/playwright.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CWB_NATIVE_BINDING: nativeBinding },
});
process.exit(run.status ?? 1);
