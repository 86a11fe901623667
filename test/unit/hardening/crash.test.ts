// Crash safety: a second process writing through core (control answers, evidence files, bulk
// changes) is killed with SIGKILL at random moments, 60 times, on one database. After each kill
// the database is intact and every transaction is there whole or not at all.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { openDatabase } from '../../../electron/core/store/database';
import { createProject } from '../../../electron/core/projects/projects';
import { testWorkbench } from '../../helpers/workbench';
import { bundleChild, startChild } from '../../helpers/child';

const KILLS = 60;

let script = '';
let cleanup = () => {};
beforeAll(async () => {
  ({ script, cleanup } = await bundleChild());
}, 300_000);
afterAll(() => cleanup());

type Check = { iterations: number; controls: number };

/** Everything that must hold after any crash; returns what the database holds, for the totals. */
function checkInvariants(file: string, projectId: string, lastReported: number): Check {
  // a plain connection, as any program opening the file after the crash (it replays the WAL)
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(verifyAuditChain(db, projectId)).toMatchObject({ ok: true, firstBroken: null });

    const controls = db.prepare('SELECT count(*) FROM control_assessments WHERE project_id = ?').pluck().get(projectId) as number;
    // a bulk change writes one row and one audit event per control: all of them or none
    const perOwner = db
      .prepare(
        `SELECT json_extract(after_json, '$.owner') AS owner, count(*) AS events FROM audit_events
         WHERE project_id = ? AND action = 'control.update' AND json_extract(after_json, '$.owner') IS NOT NULL
         GROUP BY owner`,
      )
      .all(projectId) as Array<{ owner: string; events: number }>;
    for (const o of perOwner) expect(o, `bulk change to ${o.owner}`).toEqual({ owner: o.owner, events: controls });
    const owners = db.prepare('SELECT DISTINCT owner FROM control_assessments WHERE project_id = ?').pluck().all(projectId);
    const lastOwner = db
      .prepare("SELECT json_extract(after_json, '$.owner') FROM audit_events WHERE project_id = ? AND action = 'control.update' AND json_extract(after_json, '$.owner') IS NOT NULL ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get(projectId) as string | undefined;
    expect(owners).toEqual([lastOwner ?? '']);

    // a control answer and its audit event travel together
    const note = db.prepare("SELECT note FROM control_assessments WHERE project_id = ? AND control_id = 'DS-01'").pluck().get(projectId);
    const lastNote = db
      .prepare("SELECT json_extract(after_json, '$.note') FROM audit_events WHERE project_id = ? AND entity_id = 'DS-01' AND json_extract(after_json, '$.note') IS NOT NULL ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get(projectId) as string | undefined;
    expect(note).toBe(lastNote ?? '');

    // evidence: one row, one blob with the right bytes, one audit event
    const evidence = db.prepare('SELECT count(*) FROM evidence WHERE project_id = ?').pluck().get(projectId) as number;
    expect(db.prepare("SELECT count(*) FROM audit_events WHERE project_id = ? AND action = 'evidence.add'").pluck().get(projectId)).toBe(evidence);
    expect(db.prepare('SELECT count(*) FROM evidence e LEFT JOIN blobs b ON b.sha256 = e.sha256 WHERE b.sha256 IS NULL OR b.size != e.size').pluck().get()).toBe(0);
    const newest = db.prepare('SELECT b.sha256, b.content FROM evidence e JOIN blobs b ON b.sha256 = e.sha256 ORDER BY e.rowid DESC LIMIT 3').all() as Array<{ sha256: string; content: Buffer }>;
    for (const blob of newest) expect(createHash('sha256').update(blob.content).digest('hex')).toBe(blob.sha256);

    // the project's last change time moves in the same transactions as the events
    const lastAt = db.prepare('SELECT at FROM audit_events WHERE project_id = ? ORDER BY seq DESC LIMIT 1').pluck().get(projectId);
    expect(db.prepare('SELECT updated_at FROM projects WHERE id = ?').pluck().get(projectId)).toBe(lastAt);

    // durable: what the child reported committed before it died is there
    if (lastReported > 0) expect(db.prepare('SELECT count(*) FROM evidence WHERE name = ?').pluck().get(`e-${lastReported}.bin`)).toBe(1);
    return { iterations: perOwner.length, controls };
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments with every transaction whole or absent`, async () => {
    const wb = await testWorkbench();
    const project = createProject(wb.ctx, { name: 'Crash', frameworks: ['hipaa', 'gdpr', 'pci'] });
    wb.close();
    const file = wb.file;
    // a fixed seed (CRASH_SEED picks another): a failure prints it to run it again
    const seed = Number(process.env.CRASH_SEED ?? 281_126);
    const delays = fc.sample(fc.record({ fromStart: fc.boolean(), ms: fc.integer({ min: 0, max: 60 }) }), { seed, numRuns: KILLS });
    let killedWhileWriting = 0;
    let totals: Check = { iterations: 0, controls: 0 };

    for (const [k, delay] of delays.entries()) {
      const child = startChild(script, ['crash', file, project.id]);
      // one kill in five may land during start-up (opening, WAL recovery); the rest mid-writing
      if (delay.fromStart && k % 5 === 0) await new Promise((r) => setTimeout(r, delay.ms * 4));
      else await child.waitFor((l) => l === 'ready').catch(() => undefined);
      // every tenth run first lets a whole iteration commit, so the loop is known to do real work
      // between kills however loaded the machine is (the others kill at any moment)
      if (k % 10 === 1) await child.waitFor((l) => l.startsWith('committed ')).catch(() => undefined);
      if (!(delay.fromStart && k % 5 === 0)) await new Promise((r) => setTimeout(r, 1 + delay.ms));
      if (child.lines.includes('ready')) killedWhileWriting++;
      child.proc.kill('SIGKILL');
      const end = await child.exited;
      expect(end.signal, `run ${k} (seed ${seed}): ${end.stderr}`).toBe('SIGKILL');
      const reported = Math.max(0, ...child.lines.filter((l) => l.startsWith('committed ')).map((l) => Number(l.slice(10))));
      totals = checkInvariants(file, project.id, reported);
      // now and then the app opens it the normal way, as after a real crash
      if (k % 10 === 9) (await openDatabase(file, { dailyBackup: false })).close();
    }
    expect(killedWhileWriting).toBeGreaterThanOrEqual(KILLS * 0.75);
    // the loop did real work between kills: whole bulk changes of all controls (the runs that
    // waited for a commit guarantee some). How many fit between kills depends on the machine's
    // load, so only that some did is asserted here; throughput is measured by `npm run bench`.
    expect(totals.controls).toBe(5);
    expect(totals.iterations).toBeGreaterThan(0);
  }, 600_000); // generous: a loaded 2-core machine runs the 60 kills slowly, and speed is not what this tests
});
