// A throwaway PostgreSQL cluster for tests: initdb in a temp folder, the server listening only on
// a Unix socket inside it, removed afterwards. initdb refuses to run as root, so as root the
// cluster belongs to the unprivileged `postgres` user (Debian's package creates it) and every
// command runs through runuser. No mock: the tests talk to a real PostgreSQL.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type TestPostgres = {
  /** A connection string for a database of this cluster (created by createDatabase). */
  url: (database: string) => string;
  createDatabase: (name: string) => Promise<string>;
  /** Stops the server at once (as a crash would) and starts it again on the same socket. */
  restart: () => void;
  stop: () => void;
  dir: string;
};

/** initdb, pg_ctl and postgres live in /usr/lib/postgresql/<version>/bin, not on PATH. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

const isRoot = () => process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd as string, argv as string[], { stdio: 'pipe', timeout: 60_000 });
}

export function startTestPostgres(): TestPostgres {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); .ci/run installs Debian\'s postgresql package.');
  const dir = mkdtempSync(join(tmpdir(), 'cwb-pg-'));
  if (isRoot()) {
    chmodSync(dir, 0o755);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const data = join(dir, 'data');
  const port = 20000 + Math.floor(Math.random() * 20000);
  run(join(bin, 'initdb'), ['-D', data, '-U', 'cwb', '--auth=trust', '-E', 'UTF8', '--no-instructions', '--no-sync']);
  const options = `-k ${dir} -p ${port} -c listen_addresses= -c fsync=off -c max_connections=200 -c shared_buffers=32MB`;
  const start = () => run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-w', '-t', '60', '-l', join(dir, 'log'), 'start']);
  const stopNow = () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
  start();
  const url = (database: string) => `postgres://cwb@localhost/${database}?host=${encodeURIComponent(dir)}&port=${port}`;
  let stopped = false;
  return {
    dir,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name.replace(/[^a-z0-9_]/g, '')}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    restart() {
      stopNow();
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        stopNow();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
