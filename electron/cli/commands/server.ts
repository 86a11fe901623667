// cwb server start | admit: the team sync server on PostgreSQL (electron/host/sync-server.ts).
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { UsageError, type CliIo } from '../runtime';
import { migrateSyncStore, openSyncStore, redact } from '../../core/sync/server-store';
import { admitKey } from '../../core/sync/server-reads';
import { startSyncServer } from '../../host/sync-server';
import { loadBuiltinCatalog } from '../../core/catalog/builtin';

const POSTGRES_HELP = 'PostgreSQL connection string, postgres://user@host/db (default: $CWB_POSTGRES_URL, which keeps a password out of the process list)';

function postgresUrl(opts: { postgres?: string }): string {
  const url = opts.postgres ?? process.env.CWB_POSTGRES_URL;
  if (!url) throw new UsageError('name the PostgreSQL database with --postgres postgres://… or $CWB_POSTGRES_URL');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--postgres "${redact(url)}" is not a postgres:// connection string`);
  return url;
}

function portOf(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${text}" is not a port number (0–65535)`);
  return port;
}

export function serverCommand(io: CliIo): Command {
  const server = new Command('server').description("the team sync server: laptops' signed events meet in PostgreSQL");

  server
    .command('start')
    .description('migrate the PostgreSQL database and serve sync on --host:--port until stopped')
    .option('--postgres <url>', POSTGRES_HELP)
    .requiredOption('--port <port>', 'TCP port to listen on')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--i-have-tls', 'allow a non-loopback address: a TLS reverse proxy stands in front (see the README)')
    .action(async (opts: { postgres?: string; port: string; host: string; iHaveTls?: boolean }) => {
      const store = await openSyncStore(postgresUrl(opts));
      try {
        const applied = await migrateSyncStore(store);
        const catalog = loadBuiltinCatalog();
        const frameworksOf = new Map(catalog.controls.map((c) => [c.id, c.mappings.map((m) => m.framework)]));
        const names = new Map(catalog.frameworks.map((f) => [f.id as string, f.name]));
        const running = await startSyncServer({
          store, port: portOf(opts.port), host: opts.host, iHaveTls: opts.iHaveTls ?? false,
          controlFrameworks: (id) => frameworksOf.get(id) ?? [],
          frameworkName: (id) => names.get(id) ?? id,
          log: (err) => io.err(`cwb server: ${err instanceof Error ? err.message : String(err)}\n`),
        });
        io.out(`Sync server on ${running.url} (PostgreSQL ${applied ? `migrated, ${applied} migration${applied === 1 ? '' : 's'} applied` : 'up to date'}). Dashboard: ${running.url}/\n`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
        await running.close();
      } finally {
        await store.end();
      }
    });

  server
    .command('admit')
    .description('let a key create projects on this server')
    .option('--postgres <url>', POSTGRES_HELP)
    .requiredOption('--key <file>', 'the public key, written by `cwb profile key --out FILE.pub`')
    .action(async (opts: { postgres?: string; key: string }) => {
      const url = postgresUrl(opts);
      let pem: string;
      try {
        pem = readFileSync(opts.key, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read --key ${opts.key}: ${(err as Error).message}`);
      }
      const store = await openSyncStore(url);
      try {
        await migrateSyncStore(store);
        const admitted = await admitKey(store, pem);
        io.out(`Admitted key ${admitted.fingerprint}: it may create projects on this server.\n`);
      } finally {
        await store.end();
      }
    });
  return server;
}
