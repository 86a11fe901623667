// Restores while other programs keep writing: every write a program was told is saved is found
// afterwards, in the database or in the safety backup the restore took, and no writer is told the
// database is damaged. One writer keeps its connection (the app), one opens the database for
// every write (a cwb command). The full-size run is `npm run bench -- restore`.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { testWorkbench } from '../../helpers/workbench';
import { bundleChild, startChild, type Child } from '../../helpers/child';

let script = '';
let cleanup = () => {};
beforeAll(async () => {
  ({ script, cleanup } = await bundleChild());
}, 60_000);
afterAll(() => cleanup());

function notesIn(file: string): Set<string> {
  const db = new Database(file, { readonly: true });
  try {
    return new Set(db.prepare("SELECT json_extract(after_json, '$.note') FROM audit_events WHERE action = 'control.update'").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

const saved = (child: Child) => child.lines.filter((l) => l.startsWith('saved ')).map((l) => l.slice('saved '.length));

/** Resolves once the child has reported `more` further saved writes. */
function moreSaved(child: Child, more: number): Promise<string> {
  const target = saved(child).length + more;
  let count = saved(child).length;
  return child.waitFor((l) => l.startsWith('saved ') && ++count >= target);
}

describe('restore while another program writes', () => {
  it('loses no write that was reported saved, and tells no writer the database is damaged', async () => {
    const wb = await testWorkbench();
    const made = await dispatch(wb.handlers, 'createProject', { name: 'Claims', frameworks: ['hipaa', 'gdpr', 'pci'] });
    if (!made.ok) throw new Error(made.error.message);
    const projectId = (made.value as { id: string }).id;
    const backup = await dispatch(wb.handlers, 'createBackup', {});
    if (!backup.ok) throw new Error(backup.error.message);
    const backupName = (backup.value as { name: string }).name;

    const app = startChild(script, ['saver', wb.file, projectId, 'DS-01', 'app', '0']);
    const cli = startChild(script, ['saver', wb.file, projectId, 'AC-01', 'cli', '1']);
    await Promise.all([app.waitFor((l) => l === 'ready'), cli.waitFor((l) => l === 'ready')]);

    const safetyBackups: string[] = [];
    for (let round = 0; round < 5; round++) {
      // both writers are busy when each restore starts
      await Promise.all([moreSaved(app, 5), moreSaved(cli, 2)]);
      const reply = await dispatch(wb.handlers, 'restoreBackup', { name: backupName });
      expect(reply).toMatchObject({ ok: true, value: { restored: backupName, safetyBackup: expect.any(String) } });
      safetyBackups.push((reply as { value: { safetyBackup: string } }).value.safetyBackup);
    }
    // and they go on writing into the restored database
    await Promise.all([moreSaved(app, 5), moreSaved(cli, 2)]);
    app.proc.kill();
    cli.proc.kill();
    await Promise.all([app.exited, cli.exited]);

    const found = new Set<string>(notesIn(wb.file));
    for (const name of safetyBackups) for (const note of notesIn(join(wb.backupDir, name))) found.add(note);
    const reported = [...saved(app), ...saved(cli)];
    expect(reported.length).toBeGreaterThan(30);
    expect(reported.filter((note) => !found.has(note))).toEqual([]);

    // a writer may have waited or been told the database was busy, never that it is damaged
    const refusals = [...app.lines, ...cli.lines].filter((l) => l.startsWith('refused '));
    expect(refusals.filter((l) => !/^refused (DB_BUSY|SQLITE_BUSY) /.test(l))).toEqual([]);
    expect(wb.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(wb.ctx.db, projectId)).toMatchObject({ ok: true });
  }, 60_000);
});
