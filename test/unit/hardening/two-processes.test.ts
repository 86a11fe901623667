// The app and the cwb command line on one database at the same time: writers wait for each other
// (IMMEDIATE transactions and a busy timeout), no update is lost, the audit chain stays one
// chain, a writer kept waiting too long gets DB_BUSY with a sentence a person understands, and a
// restore takes its turn under the same locking.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { listBackups } from '../../../electron/core/store/backup';
import { testWorkbench } from '../../helpers/workbench';
import { bundleChild, startChild } from '../../helpers/child';
import { cwb } from '../../helpers/cli';
import { WAIT_NOTICE } from '../../../electron/cli/runtime';
import { fingerprint } from '../../helpers/db-fingerprint';
import Database from 'better-sqlite3';
import { join } from 'node:path';

const BUSY = 'The database is busy with another program (the app or the cwb command line). Try again in a moment; nothing was changed.';

let script = '';
let cleanup = () => {};
beforeAll(async () => {
  ({ script, cleanup } = await bundleChild());
}, 60_000);
afterAll(() => cleanup());

async function projectIn(wb: Awaited<ReturnType<typeof testWorkbench>>): Promise<string> {
  const made = await dispatch(wb.handlers, 'createProject', { name: 'Claims', frameworks: ['hipaa', 'gdpr', 'pci'] });
  if (!made.ok) throw new Error(made.error.message);
  return (made.value as { id: string }).id;
}

function notes(wb: Awaited<ReturnType<typeof testWorkbench>>, projectId: string, controlId: string): string[] {
  return (wb.ctx.db
    .prepare("SELECT json_extract(after_json, '$.note') FROM audit_events WHERE project_id = ? AND entity_id = ? AND action = 'control.update' ORDER BY seq")
    .pluck()
    .all(projectId, controlId) as string[]);
}

describe('two programs on one database', () => {
  it('a write waits for the other program\'s transaction, then both changes are there in order', async () => {
    const wb = await testWorkbench();
    const projectId = await projectIn(wb);
    const child = startChild(script, ['lock', wb.file, projectId, 'DS-01', '400']);
    await child.waitFor((l) => l === 'locked');
    // blocks in SQLite's busy handler until the child commits
    const reply = await dispatch(wb.handlers, 'updateControl', { projectId, controlId: 'DS-02', owner: 'Parent' });
    expect(reply).toMatchObject({ ok: true, value: { id: 'DS-02', owner: 'Parent' } });
    expect((await child.exited).code).toBe(0);

    const rows = wb.ctx.db.prepare('SELECT control_id, status, owner FROM control_assessments WHERE project_id = ? AND control_id IN (?, ?) ORDER BY control_id').all(projectId, 'DS-01', 'DS-02');
    expect(rows).toEqual([
      { control_id: 'DS-01', status: 'compliant', owner: '' },
      { control_id: 'DS-02', status: 'not_assessed', owner: 'Parent' },
    ]);
    const events = wb.ctx.db.prepare("SELECT seq, entity_id FROM audit_events WHERE project_id = ? AND action = 'control.update' ORDER BY seq").all(projectId);
    expect(events).toEqual([{ seq: 2, entity_id: 'DS-01' }, { seq: 3, entity_id: 'DS-02' }]);
    expect(verifyAuditChain(wb.ctx.db, projectId)).toEqual({ ok: true, events: 3, firstBroken: null });
  });

  it('three writers at once lose no update and keep one unbroken audit chain', async () => {
    const wb = await testWorkbench();
    const projectId = await projectIn(wb);
    const a = startChild(script, ['writer', wb.file, projectId, 'DS-01', '40', 'a']);
    const b = startChild(script, ['writer', wb.file, projectId, 'AC-01', '40', 'b']);
    await Promise.all([a.waitFor((l) => l === 'open'), b.waitFor((l) => l === 'open')]);
    for (let i = 1; i <= 40; i++) {
      const reply = await dispatch(wb.handlers, 'updateControl', { projectId, controlId: 'NS-01', note: `p-${i}` });
      expect(reply.ok).toBe(true);
    }
    expect((await a.exited).code).toBe(0);
    expect((await b.exited).code).toBe(0);

    const numbered = (tag: string) => Array.from({ length: 40 }, (_, i) => `${tag}-${i + 1}`);
    expect(notes(wb, projectId, 'DS-01')).toEqual(numbered('a'));
    expect(notes(wb, projectId, 'AC-01')).toEqual(numbered('b'));
    expect(notes(wb, projectId, 'NS-01')).toEqual(numbered('p'));
    const finals = wb.ctx.db.prepare('SELECT control_id, note FROM control_assessments WHERE project_id = ? AND control_id IN (?, ?, ?) ORDER BY control_id').all(projectId, 'AC-01', 'DS-01', 'NS-01');
    expect(finals).toEqual([{ control_id: 'AC-01', note: 'b-40' }, { control_id: 'DS-01', note: 'a-40' }, { control_id: 'NS-01', note: 'p-40' }]);
    // 1 project.create + 120 updates, numbered 1..121 without a gap or a fork
    const seqs = wb.ctx.db.prepare('SELECT seq FROM audit_events WHERE project_id = ? ORDER BY seq').pluck().all(projectId);
    expect(seqs).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
    expect(verifyAuditChain(wb.ctx.db, projectId)).toEqual({ ok: true, events: 121, firstBroken: null });
  });

  it('cwb says that it waits for the other program, then does its work', async () => {
    const wb = await testWorkbench();
    const projectId = await projectIn(wb);
    const child = startChild(script, ['lock', wb.file, projectId, 'DS-01', '1500']);
    await child.waitFor((l) => l === 'locked');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.CWB_ACTOR = 'Ada Tester';
    let run;
    let said: unknown[] = [];
    try {
      run = await cwb('--db', wb.file, 'control', 'set', '--project', projectId, '--control', 'AC-01', '--status', 'partial');
    } finally {
      said = stderr.mock.calls.map((c) => c[0]);
      delete process.env.CWB_ACTOR;
      stderr.mockRestore();
    }
    expect(run).toEqual({ code: 0, out: 'AC-01 is now Partial.\n', err: '' });
    expect(said).toEqual([WAIT_NOTICE]);
    expect((await child.exited).code).toBe(0);
    expect(wb.ctx.db.prepare("SELECT entity_id FROM audit_events WHERE project_id = ? AND action = 'control.update' ORDER BY seq").pluck().all(projectId)).toEqual(['DS-01', 'AC-01']);
  });

  it('a write kept waiting beyond the busy timeout fails with DB_BUSY and changes nothing', async () => {
    const file = (await testWorkbench()).file;
    const wb = await testWorkbench({ file, busyTimeoutMs: 50 });
    const projectId = await projectIn(wb);
    const child = startChild(script, ['lock', file, projectId, 'DS-01', '1500']);
    await child.waitFor((l) => l === 'locked');
    const reply = await dispatch(wb.handlers, 'updateControl', { projectId, controlId: 'DS-02', owner: 'Parent' });
    expect(reply).toEqual({ ok: false, error: { code: 'DB_BUSY', message: BUSY } });
    const bulk = await dispatch(wb.handlers, 'bulkUpdateControls', { projectId, controlIds: ['DS-02', 'NS-01'], status: 'partial' });
    expect(bulk).toEqual({ ok: false, error: { code: 'DB_BUSY', message: BUSY } });
    expect((await child.exited).code).toBe(0);

    expect(wb.ctx.db.prepare('SELECT owner FROM control_assessments WHERE project_id = ? AND control_id = ?').pluck().get(projectId, 'DS-02')).toBe('');
    expect(wb.ctx.db.prepare("SELECT count(*) FROM control_assessments WHERE project_id = ? AND status = 'partial'").pluck().get(projectId)).toBe(0);
    expect(wb.ctx.db.prepare("SELECT entity_id FROM audit_events WHERE project_id = ? AND action = 'control.update'").pluck().all(projectId)).toEqual(['DS-01']);
    // once the other program is done, the same call goes through
    expect(await dispatch(wb.handlers, 'updateControl', { projectId, controlId: 'DS-02', owner: 'Parent' })).toMatchObject({ ok: true });
    expect(verifyAuditChain(wb.ctx.db, projectId).ok).toBe(true);
  });

  it('a restore goes through while another program has the database open', async () => {
    const wb = await testWorkbench();
    const projectId = await projectIn(wb);
    wb.close();
    // a backup to restore: reopening the next day takes the daily one
    const later = await testWorkbench({ file: wb.file, now: () => new Date(Date.now() + 2 * 86_400_000) });
    const [daily] = listBackups(later.backupDir);
    expect(daily?.reason).toBe('daily');
    expect(await dispatch(later.handlers, 'updateControl', { projectId, controlId: 'DS-01', owner: 'After the backup' })).toMatchObject({ ok: true });
    const holder = startChild(script, ['hold', wb.file, '3000']);
    await holder.waitFor((l) => l === 'open');
    const reply = await dispatch(later.handlers, 'restoreBackup', { name: daily!.name });
    expect(reply).toMatchObject({ ok: true, value: { restored: daily!.name } });
    expect(listBackups(later.backupDir).map((b) => b.reason)).toEqual(['pre-restore', 'daily']);
    expect(later.ctx.db.prepare('SELECT owner FROM control_assessments WHERE project_id = ? AND control_id = ?').pluck().get(projectId, 'DS-01')).toBe('');
    holder.proc.kill();
    await holder.exited;
  });

  it('a restore waits for another program\'s write, and past the busy timeout fails with DB_BUSY, changing nothing', async () => {
    const file = (await testWorkbench()).file;
    const first = await testWorkbench({ file });
    const projectId = await projectIn(first);
    const backup = await dispatch(first.handlers, 'createBackup', {});
    if (!backup.ok) throw new Error(backup.error.message);
    const name = (backup.value as { name: string }).name;
    first.close();
    const wb = await testWorkbench({ file, busyTimeoutMs: 50 });
    const child = startChild(script, ['lock', file, projectId, 'DS-01', '1500']);
    await child.waitFor((l) => l === 'locked');
    const before = fingerprint(wb.ctx.db);
    const backupsBefore = listBackups(wb.backupDir).map((b) => b.name);
    const reply = await dispatch(wb.handlers, 'restoreBackup', { name });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'DB_BUSY', message: `${file} is being written by another program (the desktop app, browser mode or a cwb command) and did not finish in time. Try the restore again in a moment; nothing was changed.` },
    });
    expect(fingerprint(wb.ctx.db)).toBe(before);
    expect(listBackups(wb.backupDir).map((b) => b.name)).toEqual(backupsBefore);
    expect((await child.exited).code).toBe(0);
    // the other program's write is there; a restore now goes through and takes it into its safety backup
    const done = await dispatch(wb.handlers, 'restoreBackup', { name });
    expect(done).toMatchObject({ ok: true });
    const safety = new Database(join(wb.backupDir, (done as { value: { safetyBackup: string } }).value.safetyBackup), { readonly: true });
    expect(safety.prepare('SELECT status FROM control_assessments WHERE project_id = ? AND control_id = ?').pluck().get(projectId, 'DS-01')).toBe('compliant');
    safety.close();
    expect(wb.ctx.db.prepare('SELECT status FROM control_assessments WHERE project_id = ? AND control_id = ?').pluck().get(projectId, 'DS-01')).toBe('not_assessed');
  });
});
