import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/database';
import { applyMigrations, defaultMigrationsDir, readApplied, readMigrations } from '../../../electron/core/store/migrations';
import { listBackups } from '../../../electron/core/store/backup';
import { tempDir } from '../../helpers/workbench';

const now = () => new Date('2026-11-28T10:00:00Z');

function migrationsUpTo(n: number): string {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  for (const f of readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql')).sort().slice(0, n)) {
    copyFileSync(join(defaultMigrationsDir(), f), join(dir, f));
  }
  return dir;
}

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]);
}

describe('migrations', () => {
  const all = readMigrations(defaultMigrationsDir());

  it('are numbered from 0001 without gaps and named NNNN_name.sql', () => {
    expect(all.length).toBeGreaterThan(0);
    all.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it.each(all.map((m) => [m.version, m.name] as const))('migration %i (%s) applies on its own on top of the ones before it', (version) => {
    const file = join(tempDir(), 'step.sqlite');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    applyMigrations(db, all.filter((m) => m.version < version), now);
    const before = tables(db);
    applyMigrations(db, all.filter((m) => m.version === version), now);
    expect(readApplied(db).map((a) => a.version)).toEqual(all.filter((m) => m.version <= version).map((m) => m.version));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    if (version === 1) expect(tables(db)).toEqual(expect.arrayContaining(['projects', 'project_frameworks', 'control_assessments', 'evidence', 'blobs', 'audit_events', 'settings']));
    else expect(tables(db).length).toBeGreaterThanOrEqual(before.length);
    db.close();
  });

  it('the whole chain runs from an empty file and records each sha256', async () => {
    const file = join(tempDir(), 'chain.sqlite');
    const db = await openDatabase(file, { create: true, now });
    const applied = readApplied(db);
    expect(applied.map((a) => [a.version, a.sha256])).toEqual(all.map((m) => [m.version, m.sha256]));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('refuses a database whose applied migration file was edited, and writes nothing', async () => {
    const dir = migrationsUpTo(all.length);
    const file = join(tempDir(), 'edited.sqlite');
    (await openDatabase(file, { create: true, migrationsDir: dir, now })).close();
    appendFileSync(join(dir, '0001_initial.sql'), '\n-- edited later\n');
    const bytes = readFileSync(file);
    await expect(openDatabase(file, { migrationsDir: dir })).rejects.toMatchObject({ code: 'MIGRATION_CHANGED', message: expect.stringContaining('0001_initial was changed after it was applied') });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a database from a newer version, and writes nothing', async () => {
    const file = join(tempDir(), 'newer.sqlite');
    const db = await openDatabase(file, { create: true, now });
    db.prepare("INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (999, 'future', 'x', 'y')").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_NEWER', message: expect.stringContaining('newer version of Compliance Workbench (schema 999') });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a file that is not a database, and leaves it untouched', async () => {
    const file = join(tempDir(), 'notes.sqlite');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(100));
    const bytes = readFileSync(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_CORRUPT', message: expect.stringContaining('is not a Compliance Workbench database') });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a missing file unless asked to create it', async () => {
    const file = join(tempDir(), 'missing.sqlite');
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_MISSING' });
    expect(existsSync(file)).toBe(false);
  });

  it('backs up an existing database with the online backup API before migrating it', async () => {
    const dir = migrationsUpTo(1);
    const file = join(tempDir(), 'old.sqlite');
    const old = await openDatabase(file, { create: true, migrationsDir: dir, now });
    old.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'before-upgrade')").run();
    old.close();
    writeFileSync(join(dir, '0002_test_addition.sql'), 'CREATE TABLE test_addition (id INTEGER PRIMARY KEY) STRICT;\n');
    const upgraded = await openDatabase(file, { migrationsDir: dir, now });
    expect(tables(upgraded)).toContain('test_addition');
    upgraded.close();
    const backups = listBackups(join(file, '..', 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]!.reason).toBe('pre-migration');
    const copy = new Database(backups[0]!.file, { readonly: true });
    expect(tables(copy)).not.toContain('test_addition');
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'marker'").pluck().get()).toBe('before-upgrade');
    copy.close();
  });
});
