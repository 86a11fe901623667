// The processes of the sync tests and bench, bundled by test/helpers/child.ts so each starts as
// plain node. Modes:
//   server <postgres url> <port>                       the sync server; says "listening <url>"
//   laptop <db> <actor> <project> <server> <n> <every> n changes (action items, every fifth a
//          control note), syncing after every <every> of them and once at the end; says
//          "wrote <hash>" for each change's event and "done" at the end
import { openWorkbench } from '../../electron/core/workbench';
import { addActionItem } from '../../electron/core/sessions/action-items';
import { updateControl } from '../../electron/core/assessments/update';
import { syncProject } from '../../electron/core/sync/client';
import { SyncConnection } from '../../electron/core/sync/connection';
import { openSyncStore } from '../../electron/core/sync/server-store';
import { startSyncServer } from '../../electron/host/sync-server';
import { miniCatalog } from '../fixtures/mini-catalog';
import type { Signer } from '../../electron/core/identity/key-file';

const [mode, ...args] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);
const CONTROLS = ['DS-01', 'DS-02', 'AC-01', 'NS-01', 'LM-01'];

async function server(postgres: string, port: number): Promise<void> {
  const store = await openSyncStore(postgres);
  const running = await startSyncServer({ store, port, log: (err) => process.stderr.write(`server: ${err instanceof Error ? err.stack : String(err)}\n`) });
  say(`listening ${running.url}`);
  // a graceful stop on SIGTERM, so that a profiled server (test/bench/sync-profile.ts) writes its profile
  process.once('SIGTERM', () => void running.close().finally(() => process.exit(0)));
}

async function laptop(db: string, actor: string, projectId: string, url: string, changes: number, every: number): Promise<void> {
  let t = Date.parse('2026-11-28T10:00:00.000Z');
  const wb = await openWorkbench(db, { catalog: miniCatalog(), actor, now: () => new Date((t += 1000)), dailyBackup: false });
  // a server that restarts mid-sync is waited for, up to half a minute; a try that gets nothing
  // for a minute is sent again
  const connect = (signer: Signer) => new SyncConnection(url, signer, { attempts: 120, delayMs: 250, idleMs: 60_000 });
  const sync = () => syncProject(wb.ctx, projectId, url, connect);
  try {
    await sync();
    for (let i = 1; i <= changes; i++) {
      if (i % 5 === 0) {
        updateControl(wb.ctx, projectId, CONTROLS[i % CONTROLS.length]!, { note: `${actor} note ${i}` });
      } else {
        addActionItem(wb.ctx, projectId, { controlId: CONTROLS[i % CONTROLS.length]!, text: `${actor} action ${i}` });
      }
      const hash = wb.ctx.db.prepare('SELECT hash FROM audit_events WHERE project_id = ? ORDER BY seq DESC LIMIT 1').pluck().get(projectId) as string;
      say(`wrote ${hash}`);
      if (i % every === 0 && i < changes) await sync();
    }
    await sync();
    say('done');
  } finally {
    wb.close();
  }
}

// A laptop whose work waits on something that can no longer come would otherwise end with code 0
// and say nothing (one CI run and one local run in twenty under load: a laptop that wrote none of
// its changes): fail it, so the fleet names it and why.
let finished = false;
process.once('beforeExit', () => {
  if (finished) return;
  process.stderr.write('the event loop emptied while the laptop was still working: a step waited on something that never came\n');
  process.exitCode = 3;
});

async function main(): Promise<void> {
  if (mode === 'server') {
    finished = true; // it runs until it is stopped
    return server(args[0]!, Number(args[1]));
  }
  if (mode === 'laptop') {
    await laptop(args[0]!, args[1]!, args[2]!, args[3]!, Number(args[4]), Number(args[5]));
    finished = true;
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
