// A profiling aid, not a benchmark (run.ts lists it nowhere): a small sync fleet whose laptop and
// server processes run under node --cpu-prof, to find where a sync's time goes.
//   npx tsx test/bench/sync-profile.ts [laptops] [changes] [syncEvery] [profile folder]
// The laptops' and the server's .cpuprofile files land in <folder>/laptop and <folder>/server
// (written when each exits; the server stops gracefully on SIGTERM). --cpu-prof is not allowed in NODE_OPTIONS, hence the
// spawn wrapper that adds it to the children's own arguments.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { loadavg } from 'node:os';
import { bundleChild, startChild } from '../helpers/child';
import { runFleet } from '../helpers/sync-fleet';
import { startTestPostgres } from '../helpers/postgres';

const [laptops = '6', changes = '100', syncEvery = '25', folder = 'bench-results/sync-profile'] = process.argv.slice(2);
const spawn = childProcess.spawn;
const profiled = (command: string, args: readonly string[], options: childProcess.SpawnOptions) => {
  const mode = args[1];
  const extra = command === process.execPath && (mode === 'laptop' || mode === 'server') ? ['--cpu-prof', `--cpu-prof-dir=${folder}/${mode}`] : [];
  return spawn(command, [...extra, ...args], options);
};
(childProcess as { spawn: unknown }).spawn = profiled;
syncBuiltinESMExports();

async function main(): Promise<void> {
  const child = await bundleChild('sync-child');
  const cluster = startTestPostgres();
  try {
    const fleet = await runFleet({ cluster, script: child.script, startChild, laptops: Number(laptops), changes: Number(changes), syncEvery: Number(syncEvery) });
    process.stderr.write(`sync-profile: ${laptops}×${changes}, concurrent ${fleet.timings.concurrent} ms, settle ${fleet.timings.settle} ms, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; profiles in ${folder}/laptop\n`);
  } finally {
    child.cleanup();
    cluster.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
