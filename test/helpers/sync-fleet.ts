// A fleet of laptops syncing through one server, for the sync tests and the bench: the owner's
// laptop creates the project and adds every other laptop's key; then every laptop, each its own
// process on its own SQLite file, makes its changes and syncs concurrently; at the end each syncs
// in turn until a whole round moves nothing, and every copy is read back for comparison.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, type Workbench } from '../../electron/core/workbench';
import { createProject } from '../../electron/core/projects/projects';
import { addMember } from '../../electron/core/members/members';
import { syncProject } from '../../electron/core/sync/client';
import { verifyProject } from '../../electron/core/audit/verify';
import { signerFor } from '../../electron/core/identity/signers';
import { admitKey } from '../../electron/core/sync/server-reads';
import { migrateSyncStore, openSyncStore } from '../../electron/core/sync/server-store';
import { miniCatalog } from '../fixtures/mini-catalog';
import { projectState, withoutConflictedValues, type ProjectState } from '../unit/team/state';
import type { Child, startChild as StartChild } from './child';
import type { TestPostgres } from './postgres';

export type FleetCopy = { actor: string; state: ProjectState; events: string[]; problems: string[]; actionItems: number };
export type Fleet = {
  copies: FleetCopy[];
  written: Set<string>;
  /** Per laptop, from its own stdout: how many "wrote" lines arrived, and whether it said "done". */
  said: Array<{ actor: string; wrote: number; done: boolean }>;
  interrupted: boolean;
  /** Milliseconds: the concurrent phase, and the final rounds until nothing moved. */
  timings: { concurrent: number; settle: number; rounds: number };
  serverPid: number;
};

export type FleetOptions = {
  cluster: TestPostgres;
  script: string;
  startChild: typeof StartChild;
  laptops: number;
  changes: number;
  syncEvery: number;
  interrupt?: { afterWrites: number };
  /** Called with the running server's process id while the laptops work (the bench samples its RSS). */
  onServer?: (pid: number) => void;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let fleets = 0;

/**
 * What keeps a fleet from having converged, in words (empty when it converged): every copy's rows
 * and events equal to the first's, every verify clean, every change written in every copy, and the
 * expected number of action items (every fifth change is a control note). The test asserts it
 * piece by piece; the bench throws when it is not empty.
 */
export function convergenceProblems(fleet: Fleet, laptops: number, changes: number): string[] {
  const out: string[] = [];
  const [first, ...rest] = fleet.copies;
  if (!first) return ['no copies were read back'];
  for (const copy of rest) {
    if (JSON.stringify(copy.state) !== JSON.stringify(first.state)) out.push(`${copy.actor}'s rows differ from ${first.actor}'s`);
    if (copy.events.length !== first.events.length || copy.events.some((h, i) => h !== first.events[i])) {
      out.push(`${copy.actor} holds ${copy.events.length} events, ${first.actor} ${first.events.length}, not the same ones`);
    }
  }
  for (const copy of fleet.copies) if (copy.problems.length) out.push(`${copy.actor}'s verify: ${copy.problems.slice(0, 3).join('; ')}`);
  if (fleet.written.size !== laptops * changes) {
    const short = fleet.said.filter((s) => s.wrote !== changes || !s.done).map((s) => `${s.actor} said "wrote" ${s.wrote} times${s.done ? '' : ' and never "done"'}`);
    out.push(`${fleet.written.size} distinct changes were written, not ${laptops * changes}${short.length ? ` (${short.join('; ')})` : ': every laptop said it wrote its changes, so some hashes repeat'}`);
  }
  for (const copy of fleet.copies) {
    const held = new Set(copy.events);
    const lost = [...fleet.written].filter((h) => !held.has(h)).length;
    if (lost) out.push(`${copy.actor}'s copy lacks ${lost} of the changes written`);
  }
  const items = laptops * (changes - Math.floor(changes / 5));
  for (const copy of fleet.copies) if (copy.actionItems !== items) out.push(`${copy.actor}'s copy has ${copy.actionItems} action items, not ${items}`);
  return out;
}

export async function runFleet(o: FleetOptions): Promise<Fleet> {
  const dir = mkdtempSync(join(tmpdir(), 'cwb-fleet-'));
  const postgres = await o.cluster.createDatabase(`fleet_${process.pid}_${++fleets}`);
  const store = await openSyncStore(postgres);
  let server: Child | null = null;
  try {
    await migrateSyncStore(store);
    const port = await freePort();
    const startServer = async () => {
      const s = o.startChild(o.script, ['server', postgres, String(port)]);
      await s.waitFor((l) => l.startsWith('listening '));
      o.onServer?.(s.proc.pid!);
      return s;
    };
    server = await startServer();
    const url = `http://127.0.0.1:${port}`;
    const actors = Array.from({ length: o.laptops }, (_, i) => `Laptop ${String(i + 1).padStart(2, '0')}`);
    const files = actors.map((_, i) => join(dir, `laptop-${i + 1}.sqlite`));
    const open = (i: number) => openWorkbench(files[i]!, { create: true, catalog: miniCatalog(), actor: actors[i], now: () => new Date('2026-11-28T09:00:00.000Z'), dailyBackup: false });

    const keys: string[] = [];
    for (let i = 1; i < o.laptops; i++) {
      const wb = await open(i);
      keys[i] = signerFor(wb.ctx.db)!.publicKeyPem;
      wb.close();
    }
    const owner = await open(0);
    await admitKey(store, signerFor(owner.ctx.db)!.publicKeyPem);
    const projectId = createProject(owner.ctx, { name: 'Fleet project', frameworks: ['hipaa', 'gdpr', 'pci'] }).id;
    for (let i = 1; i < o.laptops; i++) addMember(owner.ctx, projectId, { name: actors[i]!, role: 'contributor', publicKey: keys[i] });
    await syncProject(owner.ctx, projectId, url);
    owner.close();

    const written = new Set<string>();
    let interrupted = false;
    let restarting: Promise<void> | null = null;
    const started = Date.now();
    const said = actors.map((actor) => ({ actor, wrote: 0, done: false }));
    const children = actors.map((actor, i) => {
      const c = o.startChild(o.script, ['laptop', files[i]!, actor, projectId, url, String(o.changes), String(o.syncEvery)]);
      c.proc.stdout.on('data', () => {
        for (const line of c.lines.splice(0)) {
          if (line.startsWith('wrote ')) {
            written.add(line.slice(6));
            said[i]!.wrote++;
          } else if (line === 'done') said[i]!.done = true;
        }
        if (o.interrupt && !interrupted && written.size >= o.interrupt.afterWrites) {
          interrupted = true;
          restarting = (async () => {
            const dying = server!;
            dying.proc.kill('SIGKILL');
            await dying.exited;
            o.cluster.restart();
            server = await startServer();
          })();
        }
      });
      return c;
    });
    const results = await Promise.all(children.map((c) => c.exited));
    if (restarting) await restarting;
    const failed = results.findIndex((r) => r.code !== 0);
    if (failed >= 0) throw new Error(`${actors[failed]} failed (${results[failed]!.code ?? results[failed]!.signal}): ${results[failed]!.stderr}`);
    const concurrent = Date.now() - started;

    // settle: each laptop syncs in turn until a whole round moves nothing
    const settleStart = Date.now();
    let rounds = 0;
    for (let moved = true; moved && rounds < 6; rounds++) {
      moved = false;
      for (let i = 0; i < o.laptops; i++) {
        const wb: Workbench = await open(i);
        try {
          const r = await syncProject(wb.ctx, projectId, url);
          moved ||= r.pushed > 0 || r.pulled > 0 || r.copiesMerged > 0;
        } finally {
          wb.close();
        }
      }
    }
    const settle = Date.now() - settleStart;

    const copies: FleetCopy[] = [];
    for (let i = 0; i < o.laptops; i++) {
      const wb = await open(i);
      try {
        const ctx = wb.ctx;
        copies.push({
          actor: actors[i]!,
          state: withoutConflictedValues(projectState(ctx, projectId)),
          events: ctx.db.prepare('SELECT hash FROM audit_events WHERE project_id = ? UNION SELECT hash FROM audit_events_imported WHERE project_id = ? ORDER BY 1').pluck().all(projectId, projectId) as string[],
          problems: verifyProject(ctx, projectId).problems.map((p) => p.sentence),
          actionItems: ctx.db.prepare('SELECT count(*) FROM action_items WHERE project_id = ?').pluck().get(projectId) as number,
        });
      } finally {
        wb.close();
      }
    }
    return { copies, written, said, interrupted, timings: { concurrent, settle, rounds }, serverPid: (server as Child | null)?.proc.pid ?? 0 };
  } finally {
    const s = server as Child | null;
    if (s && s.proc.exitCode === null) {
      s.proc.kill('SIGTERM');
      await s.exited;
    }
    await store.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
