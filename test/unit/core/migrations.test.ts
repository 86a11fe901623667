import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/database';
import { applyMigrations, defaultMigrationsDir, readApplied, readMigrations } from '../../../electron/core/store/migrations';
import { listBackups } from '../../../electron/core/store/backup';
import { tempDir } from '../../helpers/workbench';
import { CHECKLIST_SQL, checklistParams } from '../../../electron/core/assessments/checklist';

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
    // no table is dropped or renamed (a migration that means to must say so here); its data is checked below
    else expect(tables(db)).toEqual(expect.arrayContaining(before));
    db.close();
  });

  it('carry the data written before each of them through, and migrate it where they say they do', () => {
    const db = new Database(join(tempDir(), 'carried.sqlite'));
    db.pragma('foreign_keys = ON');
    const T = '2026-01-02T03:04:05.000Z';
    /** Rows written with the schema as it stands just before migration N runs. */
    const seeds: Record<number, Array<[string, unknown[]]>> = {
      2: [
        ['INSERT INTO settings (key, value) VALUES (?, ?)', ['profile.name', 'Zoë Müller']],
        ['INSERT INTO projects (id, name, description, catalog_version, created_at, created_by, updated_at, walkthrough_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', ['prj-1', 'Łódź claims', 'ML on SageMaker', '2026.1', T, 'Ann Lee', T, 'DS-01']],
        ['INSERT INTO project_frameworks (project_id, framework_id) VALUES (?, ?), (?, ?)', ['prj-1', 'hipaa', 'prj-1', 'pci']],
        ['INSERT INTO control_assessments (project_id, control_id, status, owner, note, due_date, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', ['prj-1', 'DS-01', 'partial', 'Ann', 'KMS key "cmk-1"', '2026-02-01', T, 'Ann Lee']],
        ['INSERT INTO blobs (sha256, size, content) VALUES (?, ?, ?)', ['ab'.repeat(32), 3, Buffer.from([0, 255, 10])]],
        ['INSERT INTO evidence (id, project_id, control_id, kind, name, sha256, size, media_type, collected_on, attached_by, attached_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', ['ev-1', 'prj-1', 'DS-01', 'file', 'kms.json', 'ab'.repeat(32), 3, 'application/json', '2026-01-02', 'Ann Lee', T]],
        ['INSERT INTO audit_events (project_id, seq, at, actor, entity, entity_id, action, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', ['prj-1', 1, T, 'Ann Lee', 'control', 'DS-01', 'control.update', '{"status":"not_assessed"}', '{"status":"partial"}', '0'.repeat(64), '1'.repeat(64)]],
      ],
      3: [
        ['INSERT INTO audit_sessions (id, project_id, title, facilitator, attendees_json, scope_json, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)', ['ses-1', 'prj-1', 'Kick-off', 'Ann Lee', '[]', '{"domains":[],"frameworks":[]}', T]],
        ['INSERT INTO action_items (id, project_id, control_id, session_id, text, owner, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', ['ai-1', 'prj-1', 'DS-01', 'ses-1', 'Rotate the key', 'Bob', T, 'Ann Lee']],
      ],
      // 0006 indexes evidence for the checklist: rows removed, expiring and not, carried through it
      6: [
        ['INSERT INTO evidence (id, project_id, control_id, kind, name, sha256, size, text, collected_on, expires_on, attached_by, attached_at, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          'ev-2', 'prj-1', 'DS-01', 'note', 'Rotation', 'ab'.repeat(32), 3, 'Keys rotate yearly', '2026-01-02', '2026-06-30', 'Ann Lee', T, null,
          'ev-3', 'prj-1', 'DS-01', 'note', 'Old policy', 'ab'.repeat(32), 3, 'Superseded', '2025-01-02', null, 'Ann Lee', T, T,
        ]],
      ],
    };
    for (const m of all) {
      for (const [sql, params] of seeds[m.version] ?? []) db.prepare(sql).run(...params);
      const before = new Map(tables(db).map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Array<Record<string, unknown>>]));
      applyMigrations(db, [m], now);
      for (const [table, rows] of before) {
        if (table === 'schema_migrations') continue;
        const after = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Array<Record<string, unknown>>;
        // every row and every value that was there is there still (a migration may add columns)
        expect(after.map((r) => Object.fromEntries(Object.keys(rows[0] ?? {}).map((k) => [k, r[k]]))), `${table} through migration ${m.version}`).toEqual(rows);
      }
      expect(db.prepare('PRAGMA foreign_key_check').all(), `foreign keys after migration ${m.version}`).toEqual([]);
    }
    // what 0002 says it does to older data: the creator of an existing project becomes its owner
    expect(db.prepare('SELECT project_id, member_key, role, added_at FROM project_members').all()).toEqual([{ project_id: 'prj-1', member_key: 'Ann Lee', role: 'owner', added_at: T }]);
    // and the seeded rows are all there at the end
    expect(db.prepare("SELECT name FROM projects WHERE id = 'prj-1'").pluck().get()).toBe('Łódź claims');
    expect((db.prepare('SELECT content FROM blobs').pluck().get() as Buffer).equals(Buffer.from([0, 255, 10]))).toBe(true);
    expect(db.prepare("SELECT status FROM action_items WHERE id = 'ai-1'").pluck().get()).toBe('open');
    expect(Object.keys(seeds).map(Number).every((v) => v <= all.length)).toBe(true);
    db.close();
  });

  it('0006 lets the checklist count evidence from its covering index alone, per control', async () => {
    const db = await openDatabase(join(tempDir(), 'plan.sqlite'), { create: true, now });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${CHECKLIST_SQL}`).all(...checklistParams('2026-11-28', 'prj-1', null)) as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.filter((d) => /\bevidence\b|\be\b/.test(d) && d.startsWith('SEARCH'))).toEqual([
      expect.stringContaining('USING COVERING INDEX evidence_checklist (project_id=? AND control_id=? AND removed_at=?)'),
      expect.stringContaining('USING COVERING INDEX evidence_checklist (project_id=? AND control_id=? AND removed_at=? AND expires_on<?)'),
    ]);
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
