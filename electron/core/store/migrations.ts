// Reads migrations/NNNN_name.sql and applies the pending ones, each once, inside a transaction,
// recording its sha256. An edited migration or a schema newer than this code is refused.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { WorkbenchError } from '../errors';

export type Migration = { version: number; name: string; sql: string; sha256: string };
export type AppliedMigration = { version: number; name: string; sha256: string; applied_at: string };

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Finds the repo's (or the packaged app's) migrations folder by walking up from this module. */
export function defaultMigrationsDir(): string {
  if (process.env.CWB_MIGRATIONS_DIR) return process.env.CWB_MIGRATIONS_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, '0001_initial.sql'))) return candidate;
    dir = dirname(dir);
  }
  throw new WorkbenchError('INTERNAL', 'The migrations folder was not found next to the application.');
}

export function readMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) {
        throw new WorkbenchError('INTERNAL', `Migration file "${file}" is not named NNNN_name.sql.`);
      }
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2] ?? '',
        sql,
        sha256: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new WorkbenchError('INTERNAL', `Migrations must be numbered 0001, 0002, … without gaps; found ${m.version} at position ${i + 1}.`);
    }
  });
  return migrations;
}

export function readApplied(db: Database.Database): AppliedMigration[] {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return [];
  return db
    .prepare('SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version')
    .all() as AppliedMigration[];
}

/** Compares what the database has applied with what this code ships; throws when they disagree. */
export function pendingMigrations(applied: AppliedMigration[], known: Migration[], file: string): Migration[] {
  const newest = known.at(-1)?.version ?? 0;
  for (const a of applied) {
    const m = known.find((k) => k.version === a.version);
    if (!m) {
      throw new WorkbenchError(
        'DB_NEWER',
        `The database ${file} was written by a newer version of Compliance Workbench (schema ${applied.at(-1)?.version}, this version knows up to ${newest}). Update the app to open it; nothing was changed.`,
      );
    }
    if (m.sha256 !== a.sha256) {
      throw new WorkbenchError(
        'MIGRATION_CHANGED',
        `Migration ${String(a.version).padStart(4, '0')}_${a.name} was changed after it was applied to ${file}. Applied migrations are append-only: restore the original file and add a new migration instead; nothing was changed.`,
      );
    }
  }
  return known.filter((m) => !applied.some((a) => a.version === m.version));
}

export function applyMigrations(db: Database.Database, pending: Migration[], now: () => Date): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  for (const m of pending) {
    // IMMEDIATE, and looked at again inside: when two programs open an old database at once, the
    // second waits for the first and then finds the migration already applied.
    db.transaction(() => {
      if (applied.get(m.version) !== undefined) return;
      // eslint-disable-next-line local/sql-text -- a migration file from migrations/, checked against its recorded hash
      db.exec(m.sql);
      record.run(m.version, m.name, m.sha256, now().toISOString());
    }).immediate();
  }
}
