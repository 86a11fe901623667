// `npm run bench -- sync`: the team sync server on a throwaway PostgreSQL. Twenty laptops × 500
// changes through one server (time to settle, events/s, the server's peak RSS), then one laptop
// pushing a big project and a fresh laptop pulling it (events/s each way, time for the pull).
// CWB_BENCH_SYNC_CHANGES and CWB_BENCH_SYNC_EVENTS scale it down (defaults 500 and 200,000).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleChild, startChild } from '../helpers/child';
import { runFleet } from '../helpers/sync-fleet';
import { startTestPostgres } from '../helpers/postgres';
import { openWorkbench } from '../../electron/core/workbench';
import { createProject } from '../../electron/core/projects/projects';
import { addMember } from '../../electron/core/members/members';
import { addActionItem } from '../../electron/core/sessions/action-items';
import { inTransaction } from '../../electron/core/store/database';
import { syncProject } from '../../electron/core/sync/client';
import { signerFor } from '../../electron/core/identity/signers';
import { admitKey } from '../../electron/core/sync/server-reads';
import { migrateSyncStore, openSyncStore } from '../../electron/core/sync/server-store';
import { startSyncServer } from '../../electron/host/sync-server';
import { miniCatalog } from '../fixtures/mini-catalog';

type Result = { name: string; value: number; unit: string; note?: string };

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

export async function run(): Promise<Result[]> {
  const changes = Number(process.env.CWB_BENCH_SYNC_CHANGES ?? 500);
  const bigEvents = Number(process.env.CWB_BENCH_SYNC_EVENTS ?? 200_000);
  const child = await bundleChild('sync-child');
  const cluster = startTestPostgres();
  const results: Result[] = [];
  try {
    let peak = 0;
    let timer: NodeJS.Timeout | null = null;
    const fleet = await runFleet({
      cluster, script: child.script, startChild, laptops: 20, changes, syncEvery: 50,
      onServer: (pid) => {
        if (timer) clearInterval(timer);
        timer = setInterval(() => { peak = Math.max(peak, rssMb(pid)); }, 250);
      },
    });
    if (timer) clearInterval(timer);
    const total = fleet.written.size;
    results.push({ name: `20 laptops × ${changes} changes: concurrent phase`, value: Math.round(fleet.timings.concurrent), unit: 'ms', note: `${total} changes` });
    results.push({ name: '20 laptops: sequential rounds until nothing moves', value: Math.round(fleet.timings.settle), unit: 'ms', note: `${fleet.timings.rounds} rounds` });
    results.push({ name: 'sync server peak RSS during the fleet', value: peak, unit: 'MB' });

    // one big project: pushed by its owner, pulled by a fresh laptop
    const postgres = await cluster.createDatabase('bench_big');
    const store = await openSyncStore(postgres);
    await migrateSyncStore(store);
    const server = await startSyncServer({ store, port: 0, log: () => undefined });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-sync-'));
      const owner = await openWorkbench(join(dir, 'owner.sqlite'), { create: true, catalog: miniCatalog(), actor: 'Ada', dailyBackup: false });
      const fresh = await openWorkbench(join(dir, 'fresh.sqlite'), { create: true, catalog: miniCatalog(), actor: 'Linus', dailyBackup: false });
      await admitKey(store, signerFor(owner.ctx.db)!.publicKeyPem);
      const projectId = createProject(owner.ctx, { name: 'Big project', frameworks: ['pci'] }).id;
      addMember(owner.ctx, projectId, { name: 'Linus', role: 'contributor', publicKey: signerFor(fresh.ctx.db)!.publicKeyPem });
      inTransaction(owner.ctx.db, () => {
        for (let i = 0; i < bigEvents; i++) addActionItem(owner.ctx, projectId, { controlId: 'AC-01', text: `action ${i}` });
      });
      const events = owner.ctx.db.prepare('SELECT count(*) FROM audit_events WHERE project_id = ?').pluck().get(projectId) as number;
      let t = performance.now();
      await syncProject(owner.ctx, projectId, server.url);
      const pushMs = performance.now() - t;
      t = performance.now();
      await syncProject(fresh.ctx, projectId, server.url);
      const pullMs = performance.now() - t;
      results.push({ name: `push of a ${events}-event project`, value: Math.round(events / (pushMs / 1000)), unit: 'events/s', note: `${Math.round(pushMs)} ms` });
      results.push({ name: `fresh laptop pulls the ${events}-event project`, value: Math.round(pullMs), unit: 'ms', note: `${Math.round(events / (pullMs / 1000))} events/s` });
      results.push({ name: 'this process RSS after the big pull (server in-process)', value: Math.round(process.memoryUsage().rss / 1024 / 1024), unit: 'MB' });
      owner.close();
      fresh.close();
      rmSync(dir, { recursive: true, force: true });
    } finally {
      await server.close();
      await store.end();
    }
  } finally {
    child.cleanup();
    cluster.stop();
  }
  return results;
}
