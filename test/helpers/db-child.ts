// A second program on the same database, run as a child process by the hardening tests (bundled
// first by test/helpers/child.ts, so it starts in a fraction of a second). Modes:
//   hold   <db> <ms>                          open the database and sit idle (a second app)
//   lock   <db> <project> <control> <ms>      hold a write transaction that changes <control>
//   writer <db> <project> <control> <n> <tag> n separate updates of the control's note
//   crash  <db> <project>                     write in a loop until killed
//   saver  <db> <project> <control> <tag> <reopen>  update the control's note in a loop until
//          killed, saying "saved <note>" after each commit and "refused <code>" after each
//          failure; reopen=1 opens the database for every write (like a cwb command)
// It prints one line per milestone ("open", "locked", "committed N", "done") on stdout.
import { randomBytes } from 'node:crypto';
import { openDatabase, inTransaction } from '../../electron/core/store/database';
import { bulkUpdateControls, updateControl } from '../../electron/core/assessments/update';
import { addEvidence } from '../../electron/core/evidence/evidence';
import type { CoreContext } from '../../electron/core/context';
import { miniCatalog } from '../fixtures/mini-catalog';

const [mode, dbPath, ...rest] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function context(): Promise<CoreContext> {
  const db = await openDatabase(dbPath ?? '', { dailyBackup: false });
  return { db, catalog: miniCatalog(), actor: () => process.env.CHILD_ACTOR ?? 'Ada Tester', now: () => new Date() };
}

async function main(): Promise<void> {
  if (mode === 'hold') {
    const ctx = await context();
    ctx.db.prepare('SELECT count(*) FROM projects').get();
    say('open');
    setTimeout(() => ctx.db.close(), Number(rest[0]));
    return;
  }
  if (mode === 'lock') {
    const [projectId = '', controlId = '', ms = '0'] = rest;
    const ctx = await context();
    inTransaction(ctx.db, () => {
      updateControl(ctx, projectId, controlId, { status: 'compliant', note: `locked by ${process.pid}` });
      say('locked');
      sleepSync(Number(ms));
    });
    say('committed');
    ctx.db.close();
    return;
  }
  if (mode === 'writer') {
    const [projectId = '', controlId = '', n = '0', tag = 'w'] = rest;
    const ctx = await context();
    say('open');
    for (let i = 1; i <= Number(n); i++) updateControl(ctx, projectId, controlId, { note: `${tag}-${i}` });
    say('done');
    ctx.db.close();
    return;
  }
  if (mode === 'crash') {
    const [projectId = ''] = rest;
    const ctx = await context();
    const controls = (ctx.db.prepare('SELECT control_id FROM control_assessments WHERE project_id = ? ORDER BY control_id').pluck().all(projectId) as string[]);
    // one iteration number per run of the loop, never reused: evidence i is added before bulk i
    let i = (ctx.db.prepare('SELECT count(*) FROM evidence').pluck().get() as number) + 1;
    say('ready');
    for (;;) {
      updateControl(ctx, projectId, 'DS-01', { note: `note-${i}` });
      addEvidence(ctx, projectId, 'AC-01', { kind: 'file', name: `e-${i}.bin`, content: randomBytes(1 + Math.floor(Math.random() * 48 * 1024)) });
      bulkUpdateControls(ctx, projectId, controls, { owner: `owner-${i}` });
      say(`committed ${i}`);
      i++;
    }
  }
  if (mode === 'saver') {
    const [projectId = '', controlId = '', tag = 's', reopen = '0'] = rest;
    const kept = reopen === '1' ? undefined : await context();
    say('ready');
    for (let i = 1; ; i++) {
      try {
        const ctx = kept ?? (await context());
        try {
          updateControl(ctx, projectId, controlId, { note: `${tag}-${i}` });
        } finally {
          if (!kept) ctx.db.close();
        }
        say(`saved ${tag}-${i}`);
      } catch (err) {
        say(`refused ${(err as { code?: string }).code ?? 'none'} ${(err as Error).message}`);
      }
      // let the parent's kill and the pipe through now and then
      if (i % 20 === 0) await new Promise((ok) => setImmediate(ok));
    }
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : String(err)}\n`);
  process.exit(1);
});
