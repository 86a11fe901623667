// Rolling backups (daily while in use, before migrations and restores, 10 kept per database) and
// restoring one, through the contract (as the app does) and through `cwb backup`.
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch';
import { keepDailyBackups } from '../../../electron/core/workbench';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { BACKUPS_KEPT, listBackups } from '../../../electron/core/store/backup';
import { restoreBackup } from '../../../electron/core/store/restore';
import { defaultMigrationsDir } from '../../../electron/core/store/migrations';
import { openDatabase } from '../../../electron/core/store/database';
import { fixedClock, tempDir, testWorkbench } from '../../helpers/workbench';
import { cwb } from '../../helpers/cli';
import { fingerprint } from '../../helpers/db-fingerprint';

const HOUR = 3_600_000;
type Wb = Awaited<ReturnType<typeof testWorkbench>>;

async function call<T = unknown>(wb: Wb, method: string, args: unknown): Promise<T> {
  const reply = await dispatch(wb.handlers, method, args);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value as T;
}

async function withProject(options: Parameters<typeof testWorkbench>[0] = {}): Promise<{ wb: Wb; projectId: string }> {
  const wb = await testWorkbench(options);
  const project = await call<{ id: string }>(wb, 'createProject', { name: 'Claims triage', frameworks: ['hipaa', 'pci'] });
  return { wb, projectId: project.id };
}

function statusOf(wb: Wb, projectId: string, controlId: string): unknown {
  return wb.ctx.db.prepare('SELECT status FROM control_assessments WHERE project_id = ? AND control_id = ?').pluck().get(projectId, controlId);
}

describe('daily backups', () => {
  it('are taken on open when the newest backup is more than a day old, and not otherwise', async () => {
    const clock = fixedClock('2026-11-28T10:00:00.000Z');
    const { wb } = await withProject({ now: clock.now });
    wb.close();
    const reopen = async () => (await testWorkbench({ file: wb.file, now: clock.now })).close();
    expect(listBackups(wb.backupDir)).toEqual([]); // a new database has nothing worth a copy yet
    clock.advance(HOUR);
    await reopen();
    clock.advance(5 * HOUR);
    await reopen();
    clock.advance(19 * HOUR); // 24 h after the first daily backup
    await reopen();
    expect(listBackups(wb.backupDir).map((b) => b.name)).toEqual([
      'workbench-20261129T110000Z-daily.sqlite',
      'workbench-20261128T110000Z-daily.sqlite',
    ]);
  });

  it(`keep the newest ${BACKUPS_KEPT} of each database, and never mix two databases in one folder`, async () => {
    const clock = fixedClock('2026-12-01T08:00:00.000Z');
    const dir = tempDir();
    const main = await testWorkbench({ file: join(dir, 'workbench.sqlite'), now: clock.now });
    const other = await testWorkbench({ file: join(dir, 'other.sqlite'), now: clock.now });
    main.close();
    other.close();
    for (let day = 1; day <= 12; day++) {
      clock.advance(25 * HOUR);
      (await testWorkbench({ file: main.file, now: clock.now })).close();
    }
    (await testWorkbench({ file: other.file, now: clock.now })).close();
    const kept = listBackups(join(dir, 'backups'), 'workbench');
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]?.name).toBe('workbench-20261213T200000Z-daily.sqlite');
    expect(kept.at(-1)?.name).toBe('workbench-20261204T110000Z-daily.sqlite');
    expect(listBackups(join(dir, 'backups'), 'other').map((b) => b.name)).toEqual(['other-20261213T200000Z-daily.sqlite']);
    // a backup is a whole database on its own
    const copy = new Database(kept[0]!.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(0);
    copy.close();
  });

  it('are taken by the timer of a long-running process once the day has turned', async () => {
    const clock = fixedClock('2026-11-28T10:00:00.000Z');
    const { wb } = await withProject({ now: clock.now });
    const errors: unknown[] = [];
    const stop = keepDailyBackups(wb, (err) => errors.push(err), 10);
    try {
      clock.advance(25 * HOUR);
      for (let i = 0; i < 500 && listBackups(wb.backupDir).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    } finally {
      stop();
    }
    expect(errors).toEqual([]);
    expect(listBackups(wb.backupDir).map((b) => b.name)).toEqual(['workbench-20261129T110000Z-daily.sqlite']);
  });
});

describe('restoring a backup in the app (contract methods listBackups / restoreBackup)', () => {
  it('puts the backup in place, keeps the database as it was as a safety backup, and carries on', async () => {
    const clock = fixedClock('2026-11-28T10:00:00.000Z');
    const { wb: first, projectId } = await withProject({ now: clock.now });
    await call(first, 'updateControl', { projectId, controlId: 'DS-01', status: 'partial' });
    first.close();
    clock.advance(25 * HOUR);
    const wb = await testWorkbench({ file: first.file, now: clock.now }); // takes the daily backup
    await call(wb, 'updateControl', { projectId, controlId: 'DS-01', status: 'compliant' });
    await call(wb, 'addEvidence', { projectId, controlId: 'DS-01', kind: 'note', text: 'added after the backup' });

    const backups = await call<Array<{ name: string; reason: string }>>(wb, 'listBackups', {});
    expect(backups).toEqual([{ name: 'workbench-20261129T110000Z-daily.sqlite', reason: 'daily', createdAt: '2026-11-29T11:00:00Z', size: expect.any(Number) }]);
    clock.advance(HOUR);
    expect(await call(wb, 'restoreBackup', { name: backups[0]!.name })).toEqual({
      restored: 'workbench-20261129T110000Z-daily.sqlite',
      safetyBackup: 'workbench-20261129T120000Z-pre-restore.sqlite',
    });
    // the same handlers now see the restored data
    expect(statusOf(wb, projectId, 'DS-01')).toBe('partial');
    expect((await call<unknown[]>(wb, 'getChecklist', { projectId })).length).toBe(4);
    expect(wb.ctx.db.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(0);
    expect(verifyAuditChain(wb.ctx.db, projectId)).toMatchObject({ ok: true });
    expect(wb.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(wb.ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await call(wb, 'updateControl', { projectId, controlId: 'AC-01', status: 'compliant' });

    // the safety backup holds what was there before the restore: restoring it undoes the restore
    const safety = new Database(join(wb.backupDir, 'workbench-20261129T120000Z-pre-restore.sqlite'), { readonly: true });
    expect(safety.prepare("SELECT status FROM control_assessments WHERE control_id = 'DS-01'").pluck().get()).toBe('compliant');
    expect(safety.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(1);
    safety.close();
    await call(wb, 'restoreBackup', { name: 'workbench-20261129T120000Z-pre-restore.sqlite' });
    expect(statusOf(wb, projectId, 'DS-01')).toBe('compliant');
    expect(wb.ctx.db.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(1);
  });

  it('restores a backup from before a migration and migrates it again on the way', async () => {
    const dir = tempDir();
    const oldMigrations = join(dir, 'migrations');
    mkdirSync(oldMigrations);
    const all = readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql')).sort();
    for (const f of all.slice(0, -1)) copyFileSync(join(defaultMigrationsDir(), f), join(oldMigrations, f));
    const file = join(dir, 'workbench.sqlite');
    // an older version of the app made this database; opening it now backs it up and migrates it
    (await openDatabase(file, { create: true, migrationsDir: oldMigrations, dailyBackup: false })).close();
    const wb = await testWorkbench({ file });
    const [preMigration] = await call<Array<{ name: string; reason: string }>>(wb, 'listBackups', {});
    expect(preMigration?.reason).toBe('pre-migration');
    await call(wb, 'restoreBackup', { name: preMigration!.name });
    const versions = wb.ctx.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(all.map((_, i) => i + 1));
  });

  it('refuses a damaged backup, a backup from a newer version and an unknown name, changing nothing', async () => {
    const { wb, projectId } = await withProject();
    await call(wb, 'updateControl', { projectId, controlId: 'DS-01', status: 'partial' });
    const backups = join(wb.backupDir);
    mkdirSync(backups, { recursive: true });

    // a copy whose pages were overwritten in the middle
    const damaged = join(backups, 'workbench-20260101T000000Z-daily.sqlite');
    await wb.ctx.db.backup(damaged);
    const size = readFileSync(damaged).length;
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    // a copy from a future version
    const newer = join(backups, 'workbench-20260102T000000Z-daily.sqlite');
    await wb.ctx.db.backup(newer);
    const future = new Database(newer);
    future.prepare("INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (999, 'future', 'x', 'y')").run();
    future.close();
    // and a file that is not a database at all
    writeFileSync(join(backups, 'workbench-20260103T000000Z-daily.sqlite'), 'not a database\n'.repeat(100));

    const before = fingerprint(wb.ctx.db);
    const connection = wb.ctx.db;
    const refused = async (name: string) => {
      const reply = await dispatch(wb.handlers, 'restoreBackup', { name });
      expect(reply.ok).toBe(false);
      return (reply as { error: { code: string; message: string } }).error;
    };
    expect(await refused('workbench-20260101T000000Z-daily.sqlite')).toMatchObject({
      code: 'DB_CORRUPT',
      message: expect.stringMatching(/^The backup workbench-20260101T000000Z-daily\.sqlite cannot be restored: .+\. Choose another backup \(cwb backup list\); nothing was changed\.$/),
    });
    expect(await refused('workbench-20260102T000000Z-daily.sqlite')).toMatchObject({ code: 'DB_NEWER', message: expect.stringContaining('workbench-20260102T000000Z-daily.sqlite was written by a newer version') });
    expect(await refused('workbench-20260103T000000Z-daily.sqlite')).toEqual({
      code: 'DB_CORRUPT',
      message: 'The backup workbench-20260103T000000Z-daily.sqlite cannot be restored: it is not a SQLite database. Choose another backup (cwb backup list); nothing was changed.',
    });
    expect(await refused('../workbench.sqlite')).toMatchObject({ code: 'NOT_FOUND', message: 'No backup with id "../workbench.sqlite". List the backups of this database with listBackups (or `cwb backup list`).' });
    expect(await refused('')).toMatchObject({ code: 'INVALID_INPUT' });

    expect(statusOf(wb, projectId, 'DS-01')).toBe('partial');
    expect(fingerprint(wb.ctx.db)).toBe(before);
    // refused before the running workbench's connection was touched
    expect(wb.ctx.db).toBe(connection);
    expect(listBackups(wb.backupDir).map((b) => b.reason)).toEqual(['daily', 'daily', 'daily']);
    expect(readdirSync(join(wb.file, '..')).filter((f) => f.includes('.restore-'))).toEqual([]);
  });

  it('restores a database that is too damaged to open, keeping its bytes as the safety backup', async () => {
    const { wb, projectId } = await withProject();
    const good = join(wb.backupDir, 'workbench-20260101T000000Z-manual.sqlite');
    mkdirSync(wb.backupDir, { recursive: true });
    await wb.ctx.db.backup(good);
    wb.close();
    writeFileSync(wb.file, 'garbage that replaced the database\n'.repeat(200));
    const done = await restoreBackup(wb.file, good, { now: () => new Date('2026-02-01T00:00:00Z') });
    expect(done.safetyBackup?.name).toBe('workbench-20260201T000000Z-pre-restore.sqlite');
    expect(readFileSync(done.safetyBackup!.file, 'utf8')).toContain('garbage that replaced the database');
    const reopened = await testWorkbench({ file: wb.file });
    expect((await call<Array<{ project: { id: string } }>>(reopened, 'listProjects', {})).map((p) => p.project.id)).toEqual([projectId]);
  });
});

describe('cwb backup', () => {
  it('lists, creates and restores backups of --db', async () => {
    const db = join(tempDir(), 'cli.sqlite');
    const backupDir = join(db, '..', 'backups');
    const created = await cwb('--db', db, 'project', 'create', '--name', 'Claims triage', '--frameworks', 'hipaa,pci', '--json');
    expect(created.code).toBe(0);
    const projectId = (JSON.parse(created.out) as { id: string }).id;
    expect(await cwb('--db', db, 'backup', 'list')).toEqual({ code: 0, out: `No backups of ${db} yet (they are kept in ${backupDir}).\n`, err: '' });

    const made = await cwb('--db', db, 'backup', 'create', '--json');
    expect(made.code).toBe(0);
    const backup = JSON.parse(made.out) as { name: string; reason: string };
    expect(backup).toMatchObject({ reason: 'manual', name: expect.stringMatching(/^cli-\d{8}T\d{6}Z-manual\.sqlite$/) });

    expect((await cwb('--db', db, 'control', 'set', '--project', projectId, '--control', 'DS-01', '--status', 'compliant')).code).toBe(0);
    const listed = await cwb('--db', db, 'backup', 'list');
    expect(listed.out).toContain(backup.name);
    expect(listed.out.split('\n')[0]).toMatch(/^NAME\s+REASON\s+CREATED\s+SIZE$/);

    const restored = await cwb('--db', db, 'backup', 'restore', backup.name);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    const safety = listBackups(backupDir).find((b) => b.reason === 'pre-restore');
    expect(restored.out).toBe(`Restored ${backup.name} into ${db}.\nThe database as it was is kept as ${safety?.name}; \`cwb backup restore ${safety?.name}\` puts it back.\n`);
    const rows = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', projectId, '--json')).out) as Array<{ id: string; status: string }>;
    expect(rows.find((r) => r.id === 'DS-01')?.status).toBe('not_assessed');

    // by path, and a name that is neither listed nor a file
    expect((await cwb('--db', db, 'backup', 'restore', safety!.file)).code).toBe(0);
    const rows2 = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', projectId, '--json')).out) as Array<{ id: string; status: string }>;
    expect(rows2.find((r) => r.id === 'DS-01')?.status).toBe('compliant');
    expect(await cwb('--db', db, 'backup', 'restore', 'workbench-nope.sqlite')).toEqual({
      code: 1,
      out: '',
      err: `cwb: No backup named "workbench-nope.sqlite" for ${db}, and no such file. List the backups with \`cwb backup list\`.\n`,
    });
    expect(existsSync(db)).toBe(true);
  });
});
