// `npm run bench -- sync`: the team sync server on a throwaway PostgreSQL.
//  1. (run second) Twenty laptops × 500 changes, each its own process and SQLite file, syncing concurrently
//     through one server process; then the same with the server SIGKILLed and PostgreSQL restarted
//     once a quarter of the changes are written. Each run must end converged (identical copies,
//     every verify clean, 20 × 500 changes in every copy) or the bench fails.
//  2. (run first) One laptop pushing a big project and a fresh laptop pulling it (events/s each way), with the
//     owner's own local writing of those events as the same-run baseline.
// CWB_BENCH_SYNC_CHANGES and CWB_BENCH_SYNC_EVENTS scale it down (defaults 500 and 200,000);
// CWB_BENCH_SYNC_PARTS picks parts (default "big,plain,kill").
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleChild, startChild } from '../helpers/child';
import { convergenceProblems, runFleet, type Fleet } from '../helpers/sync-fleet';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { openWorkbench } from '../../electron/core/workbench';
import { createProject } from '../../electron/core/projects/projects';
import { addMember } from '../../electron/core/members/members';
import { addActionItem } from '../../electron/core/sessions/action-items';
import { inTransaction } from '../../electron/core/store/database';
import { syncProject } from '../../electron/core/sync/client';
import { verifyProject } from '../../electron/core/audit/verify';
import { signerFor } from '../../electron/core/identity/signers';
import { admitKey } from '../../electron/core/sync/server-reads';
import { migrateSyncStore, openSyncStore } from '../../electron/core/sync/server-store';
import { startSyncServer } from '../../electron/host/sync-server';
import { miniCatalog } from '../fixtures/mini-catalog';

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

const LAPTOPS = 20;

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Each figure also goes to stderr as soon as it is known: a long run interrupted still leaves them. */
function report(figures: Result[], into?: Result[]): void {
  for (const r of figures) process.stderr.write(`bench: sync: ${r.name}: ${r.value} ${r.unit}${r.baseline ? ` (baseline ${r.baseline.value}: ${r.baseline.name})` : ''}${r.note ? ` [${r.note}]` : ''}\n`);
  into?.push(...figures);
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function fleetRun(cluster: TestPostgres, script: string, changes: number, interrupt: boolean): Promise<Result[]> {
  let peak = 0;
  let timer: NodeJS.Timeout | null = null;
  const loadBefore = load();
  let fleet: Fleet;
  try {
    fleet = await runFleet({
      cluster, script, startChild, laptops: LAPTOPS, changes, syncEvery: 50,
      ...(interrupt ? { interrupt: { afterWrites: (LAPTOPS * changes) / 4 } } : {}),
      onServer: (pid) => {
        if (timer) clearInterval(timer);
        timer = setInterval(() => { peak = Math.max(peak, rssMb(pid)); }, 250);
      },
    });
  } finally {
    if (timer) clearInterval(timer);
  }
  const variant = interrupt ? 'server SIGKILLed + PostgreSQL restarted' : 'plain';
  const problems = convergenceProblems(fleet, LAPTOPS, changes);
  if (interrupt && !fleet.interrupted) problems.push('the server was never interrupted');
  if (problems.length) throw new Error(`${LAPTOPS} laptops × ${changes} changes (${variant}) did not converge: ${problems.slice(0, 5).join('; ')}`);
  const events = fleet.copies[0]!.events.length;
  const seconds = (fleet.timings.concurrent + fleet.timings.settle) / 1000;
  const note = `load ${loadBefore} → ${load()}`;
  process.stderr.write(`bench: sync fleet (${variant}) converged: ${LAPTOPS}×${changes} changes, ${events} events in every copy, ${Math.round(seconds)} s\n`);
  return [
    { name: `${LAPTOPS}×${changes} (${variant}): converged, ${fleet.written.size} changes and ${events} events in every copy, verify clean`, value: fleet.copies.length, unit: 'copies', note },
    { name: `${LAPTOPS}×${changes} (${variant}): concurrent phase`, value: Math.round(fleet.timings.concurrent), unit: 'ms' },
    { name: `${LAPTOPS}×${changes} (${variant}): sequential rounds until nothing moves`, value: Math.round(fleet.timings.settle), unit: 'ms', note: `${fleet.timings.rounds} rounds` },
    { name: `${LAPTOPS}×${changes} (${variant}): changes synced per second, end to end`, value: Math.round(fleet.written.size / seconds), unit: 'changes/s' },
    { name: `${LAPTOPS}×${changes} (${variant}): sync server peak RSS`, value: peak, unit: 'MB' },
  ];
}

export async function run(): Promise<Result[]> {
  const changes = Number(process.env.CWB_BENCH_SYNC_CHANGES ?? 500);
  const bigEvents = Number(process.env.CWB_BENCH_SYNC_EVENTS ?? 200_000);
  const parts = new Set((process.env.CWB_BENCH_SYNC_PARTS ?? 'big,plain,kill').split(','));
  const child = await bundleChild('sync-child');
  const cluster = startTestPostgres();
  const results: Result[] = [];
  try {
    // one big project: written by its owner (the baseline), pushed, then pulled by a fresh laptop
    if (parts.has('big')) {
      const postgres = await cluster.createDatabase('bench_big');
      const store = await openSyncStore(postgres);
      await migrateSyncStore(store);
      const server = await startSyncServer({ store, port: 0, log: () => undefined });
      const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-sync-'));
      try {
        const owner = await openWorkbench(join(dir, 'owner.sqlite'), { create: true, catalog: miniCatalog(), actor: 'Ada', dailyBackup: false });
        const fresh = await openWorkbench(join(dir, 'fresh.sqlite'), { create: true, catalog: miniCatalog(), actor: 'Linus', dailyBackup: false });
        await admitKey(store, signerFor(owner.ctx.db)!.publicKeyPem);
        const projectId = createProject(owner.ctx, { name: 'Big project', frameworks: ['pci'] }).id;
        addMember(owner.ctx, projectId, { name: 'Linus', role: 'contributor', publicKey: signerFor(fresh.ctx.db)!.publicKeyPem });
        const rssBefore = process.memoryUsage().rss;
        let t = performance.now();
        inTransaction(owner.ctx.db, () => {
          for (let i = 0; i < bigEvents; i++) addActionItem(owner.ctx, projectId, { controlId: 'AC-01', text: `action ${i}` });
        });
        const writeMs = performance.now() - t;
        const events = owner.ctx.db.prepare('SELECT count(*) FROM audit_events WHERE project_id = ?').pluck().get(projectId) as number;
        const local = { name: `the owner writing the ${events} events locally (SQLite, signed)`, value: Math.round(events / (writeMs / 1000)) };
        t = performance.now();
        await syncProject(owner.ctx, projectId, server.url);
        const pushMs = performance.now() - t;
        t = performance.now();
        const pulled = await syncProject(fresh.ctx, projectId, server.url);
        const pullMs = performance.now() - t;
        const freshEvents = fresh.ctx.db.prepare('SELECT count(*) FROM audit_events_imported WHERE project_id = ?').pluck().get(projectId) as number
          + (fresh.ctx.db.prepare('SELECT count(*) FROM audit_events WHERE project_id = ?').pluck().get(projectId) as number);
        const verify = verifyProject(fresh.ctx, projectId).problems;
        if (freshEvents < events || verify.length) throw new Error(`the fresh laptop holds ${freshEvents} of ${events} events after its pull; verify: ${verify.slice(0, 3).map((p) => p.sentence).join('; ')}`);
        results.push({ name: `push of a ${events}-event project`, value: Math.round(events / (pushMs / 1000)), unit: 'events/s', baseline: local, note: `${Math.round(pushMs)} ms` });
        results.push({ name: `pull of the ${events}-event project by a fresh laptop`, value: Math.round(events / (pullMs / 1000)), unit: 'events/s', baseline: local });
        results.push({ name: `fresh laptop pulls the ${events}-event project (verify clean after)`, value: Math.round(pullMs), unit: 'ms', baseline: { name: 'the owner writing them locally', value: Math.round(writeMs) }, note: `${pulled.pulled} pulled` });
        results.push({ name: 'this process RSS growth through write, push and pull (server in-process)', value: Math.round((process.memoryUsage().rss - rssBefore) / 1024 / 1024), unit: 'MB', note: `load ${load()}` });
        owner.close();
        fresh.close();
        report(results);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await server.close();
        await store.end();
      }
    }
    // the fleet, plain then interrupted
    if (parts.has('plain')) report(await fleetRun(cluster, child.script, changes, false), results);
    if (parts.has('kill')) report(await fleetRun(cluster, child.script, changes, true), results);
  } finally {
    child.cleanup();
    cluster.stop();
  }
  return results;
}
