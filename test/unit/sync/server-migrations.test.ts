// The sync server's PostgreSQL migrations live apart from the laptops' SQLite ones: SQLite reads
// only the top level of migrations/, the server only migrations/postgres/. Plus the server's bind
// refusal and the command line's usage errors, which need no database.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir, readMigrations } from '../../../electron/core/store/migrations';
import { postgresMigrations, postgresMigrationsDir } from '../../../electron/core/sync/server-store';
import { checkBindAddress } from '../../../electron/host/sync-server';
import { cwb } from '../../helpers/cli';

describe('sync server migrations and start-up checks', () => {
  it('keeps PostgreSQL migrations out of the SQLite chain, numbered on their own', () => {
    const sqlite = readMigrations(defaultMigrationsDir());
    const postgres = postgresMigrations();
    expect(postgresMigrationsDir()).toBe(join(defaultMigrationsDir(), 'postgres'));
    expect(postgres.map((m) => m.version)).toEqual(postgres.map((_, i) => i + 1));
    expect(readdirSync(postgresMigrationsDir()).length).toBeGreaterThan(0);
    // no SQLite migration is a PostgreSQL one, and the SQLite chain has no gap the folder could fill
    for (const m of postgres) expect(sqlite.some((s) => s.sha256 === m.sha256)).toBe(false);
    expect(sqlite.some((s) => /CREATE TABLE admitted_keys/.test(s.sql))).toBe(false);
  });

  it('refuses a non-loopback address without --i-have-tls', () => {
    expect(() => checkBindAddress('0.0.0.0', false)).toThrow(/Refusing to listen on 0\.0\.0\.0.*--i-have-tls/);
    expect(() => checkBindAddress('192.168.1.20', false)).toThrow(/TLS reverse proxy/);
    expect(() => checkBindAddress('0.0.0.0', true)).not.toThrow();
    expect(() => checkBindAddress('127.0.0.1', false)).not.toThrow();
    expect(() => checkBindAddress('::1', false)).not.toThrow();
  });

  it('cwb server says what is wrong with its options', async () => {
    const saved = process.env.CWB_POSTGRES_URL;
    delete process.env.CWB_POSTGRES_URL;
    try {
      const none = await cwb('server', 'start', '--port', '8443');
      expect(none.code).toBe(2);
      expect(none.err).toMatch(/name the PostgreSQL database with --postgres/);
      const wrong = await cwb('server', 'admit', '--postgres', 'mysql://x:secret@db/x', '--key', 'missing.pub');
      expect(wrong.code).toBe(2);
      expect(wrong.err).toMatch(/--postgres "mysql:\/\/x:\*\*\*@db\/x" is not a postgres:\/\/ connection string/);
      expect(wrong.err).not.toMatch(/secret/);
    } finally {
      if (saved !== undefined) process.env.CWB_POSTGRES_URL = saved;
    }
  });
});
