// npm start where Electron's binary cannot be fetched: one clear sentence pointing to browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const binaryPresent = existsSync('node_modules/electron/path.txt');

describe('npm start without an Electron binary', () => {
  it.skipIf(binaryPresent)('says the desktop shell is unavailable and how to use browser mode', () => {
    const result = spawnSync(process.execPath, ['scripts/start-desktop.mjs', '--check'], {
      encoding: 'utf8',
      // an unreachable mirror makes the download fail the same way on every machine
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'The desktop shell is unavailable on this machine (Electron 41.7.1 could not be downloaded); run `npm run start:web` and open the printed address to use Compliance Workbench in your browser.',
    );
  });
});
