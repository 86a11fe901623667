// Restores while two other programs write, at the size the issue measured (about 10,000 writes):
// one keeps its connection (the app), one opens the database for every write (a cwb command),
// both as the member who created the project. After each restore the writes in its safety backup
// are collected; at the end every write a writer reported saved must be in the database or one of
// those. Figures: the writes lost (must
// be 0), refusals by kind, and how long a restore takes while the writers keep it busy.
// Run: npx tsx test/bench/restore.ts [writes]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { dispatch } from '../../electron/core/dispatch';
import { openWorkbench } from '../../electron/core/workbench';
import { restoreFromBackup } from '../../electron/core/handlers/backup';
import { miniCatalog } from '../fixtures/mini-catalog';
import { bundleChild, startChild, type Child } from '../helpers/child';
import { roundMs } from './measure';

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

const TARGET_WRITES = 10_000;
const WRITES_BETWEEN_RESTORES = 400;

function notesIn(file: string, into: Set<string>): void {
  const db = new Database(file, { readonly: true });
  try {
    for (const note of db.prepare("SELECT json_extract(after_json, '$.note') FROM audit_events WHERE action = 'control.update'").pluck().all() as string[]) into.add(note);
  } finally {
    db.close();
  }
}

const savedCount = (child: Child) => child.lines.filter((l) => l.startsWith('saved ')).length;

async function untilSaved(children: Child[], total: number): Promise<void> {
  while (children.reduce((n, c) => n + savedCount(c), 0) < total) {
    // a writer refused for any reason but a busy database would never get there
    const stuck = children.flatMap((c) => c.lines).find((l) => l.startsWith('refused ') && !/^refused (DB_BUSY|SQLITE_BUSY) /.test(l));
    if (stuck) throw new Error(`a writer was refused: ${stuck}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

export async function run(targetWrites = TARGET_WRITES): Promise<Result[]> {
  const { script, cleanup } = await bundleChild();
  const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-restore-'));
  try {
    const file = join(dir, 'workbench.sqlite');
    const wb = Object.assign(await openWorkbench(file, { create: true, catalog: miniCatalog(), actor: 'Ada Tester', dailyBackup: false }), { file });
    const made = await dispatch(wb.handlers, 'createProject', { name: 'Claims', frameworks: ['hipaa', 'gdpr', 'pci'] });
    if (!made.ok) throw new Error(made.error.message);
    const projectId = (made.value as { id: string }).id;
    // kept outside backups/, where the safety backups would rotate it out after ten restores
    const backupFile = join(dir, 'before-the-writes.sqlite');
    await wb.ctx.db.backup(backupFile);

    const children = [startChild(script, ['saver', wb.file, projectId, 'DS-01', 'app', '0']), startChild(script, ['saver', wb.file, projectId, 'AC-01', 'cli', '1'])];
    await Promise.all(children.map((c) => c.waitFor((l) => l === 'ready')));
    const found = new Set<string>();
    const restoreMs: number[] = [];
    const restoresRefused: string[] = [];
    for (let total = WRITES_BETWEEN_RESTORES; total <= targetWrites; total += WRITES_BETWEEN_RESTORES) {
      await untilSaved(children, total);
      process.stderr.write(`bench restore: ${total} writes saved, restoring\n`);
      const t = performance.now();
      try {
        // the restore the restoreBackup method and `cwb backup restore` carry, on the running workbench
        const done = await restoreFromBackup(file, backupFile, { dailyBackup: false }, wb.ctx);
        restoreMs.push(performance.now() - t);
        // read it now: only the newest ten backups are kept
        if (done.safetyBackup) notesIn(done.safetyBackup.file, found);
      } catch (err) {
        restoresRefused.push((err as { code?: string }).code ?? String(err));
      }
    }
    for (const c of children) c.proc.kill();
    await Promise.all(children.map((c) => c.exited));
    notesIn(wb.file, found);
    wb.close();

    const lines = children.flatMap((c) => c.lines);
    const saved = lines.filter((l) => l.startsWith('saved ')).map((l) => l.slice('saved '.length));
    const lost = saved.filter((note) => !found.has(note));
    const refusals = lines.filter((l) => l.startsWith('refused '));
    const corrupt = refusals.filter((l) => l.startsWith('refused DB_CORRUPT')).length;
    restoreMs.sort((a, b) => a - b);
    if (lost.length > 0) process.stderr.write(`bench restore: lost writes: ${lost.slice(0, 10).join(', ')}\n`);
    return [
      { name: 'restore under load: writes reported saved', value: saved.length, unit: 'writes', note: `${restoreMs.length + restoresRefused.length} restores, one every ${WRITES_BETWEEN_RESTORES} writes` },
      { name: 'restore under load: saved writes lost (must be 0)', value: lost.length, unit: 'writes' },
      { name: 'restore under load: writes told DB_CORRUPT (must be 0)', value: corrupt, unit: 'writes' },
      { name: 'restore under load: writes refused with DB_BUSY', value: refusals.length - corrupt, unit: 'writes' },
      { name: 'restore under load: restores refused', value: restoresRefused.length, unit: 'restores', note: [...new Set(restoresRefused)].join(', ') || 'none' },
      { name: 'restore under load: restore time, median', value: roundMs(restoreMs[Math.floor(restoreMs.length / 2)] ?? NaN), unit: 'ms' },
    ];
  } finally {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run(Number(process.argv[2] ?? TARGET_WRITES))) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
