// `npm run start:web`: serves the built renderer and the API on 127.0.0.1 and prints the address
// to open. This is how the app runs where Electron cannot.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { keepDailyBackups, openWorkbench } from '../core/workbench';
import { passphraseWrapping } from '../core/identity/key-file';
import { defaultDatabasePath } from '../core/paths';
import { WorkbenchError } from '../core/errors';
import { startHost } from './server';
import { keptBrowserToken } from '../core/browser-token';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      // keep one token with the database, so bookmarks survive a restart of the host
      'keep-token': { type: 'boolean', default: false },
      'static-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const dbPath = values.db ?? defaultDatabasePath();
  const staticDir = values['static-dir'] ?? join(repoRoot, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new WorkbenchError('INTERNAL', `No built user interface in ${staticDir}. Run \`npm run build\` first.`);
  }
  const workbench = await openWorkbench(dbPath, {
    create: true,
    transport: 'http',
    keyWrapping: process.env.CWB_KEY_PASSPHRASE ? passphraseWrapping(process.env.CWB_KEY_PASSPHRASE) : undefined,
  });
  const stopBackups = keepDailyBackups(workbench, (err) => process.stderr.write(`cwb web: daily backup failed: ${err instanceof Error ? err.message : String(err)}\n`));
  const token = values.token ?? (values['keep-token'] ? keptBrowserToken(workbench.ctx.db) : undefined);
  const host = await startHost({ handlers: workbench.handlers, staticDir, port: Number(values.port), token });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, origin: host.origin, token: host.token, database: dbPath })}\n`);
  } else {
    process.stdout.write(`Compliance Workbench (browser mode)\n  database: ${dbPath}\n  open:     ${host.url}\nPress Ctrl+C to stop.\n`);
  }
  const stop = () => {
    stopBackups();
    void host.close().then(() => {
      workbench.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`cwb web: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
