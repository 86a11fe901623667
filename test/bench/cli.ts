// The `cwb` binary as a person or a CI job meets it: whole-process wall time and peak RSS of
// `cwb --version` and `cwb control list --json`, against `node -e 0` measured in the same run.
// Runs the compiled CLI (bin/cwb.mjs → out/main/cwb.js); builds it first if it is not there.
// Peak RSS comes from GNU time (/usr/bin/time -f %M); without it only wall time is reported.
// Run: npx tsx test/bench/cli.ts
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const cwbBin = join(root, 'bin', 'cwb.mjs');
const GNU_TIME = '/usr/bin/time';
const RUNS = 7;

type Sample = { ms: number; peakMiB?: number; stdout: string };

function once(args: string[], env: NodeJS.ProcessEnv): Sample {
  const timed = existsSync(GNU_TIME);
  const t = performance.now();
  const run = timed
    ? spawnSync(GNU_TIME, ['-f', 'cwb-bench-rss %M', process.execPath, ...args], { encoding: 'utf8', env })
    : spawnSync(process.execPath, args, { encoding: 'utf8', env });
  const ms = performance.now() - t;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
  const kb = /cwb-bench-rss (\d+)/.exec(run.stderr ?? '')?.[1];
  return { ms, peakMiB: kb ? Number(kb) / 1024 : undefined, stdout: run.stdout };
}

/** Median wall time and median peak RSS of `runs` runs (after one warm-up for the file cache). */
function measure(args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; peakMiB?: number; stdout: string } {
  once(args, env);
  const samples = Array.from({ length: RUNS }, () => once(args, env));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const peaks = samples.flatMap((s) => (s.peakMiB === undefined ? [] : [s.peakMiB]));
  return {
    ms: Math.round(median(samples.map((s) => s.ms)) * 10) / 10,
    peakMiB: peaks.length ? Math.round(median(peaks) * 10) / 10 : undefined,
    stdout: samples[0]!.stdout,
  };
}

export async function run(): Promise<Result[]> {
  if (!existsSync(join(root, 'out', 'main', 'cwb.js'))) {
    const built = spawnSync('npx', ['--no-install', 'electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
    if (built.status !== 0) throw new Error('the CLI could not be built (npx electron-vite build)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-cli-'));
  try {
    const env = { ...process.env, CWB_DB: join(dir, 'workbench.sqlite') };
    const created = spawnSync(process.execPath, [cwbBin, 'project', 'create', '--name', 'Bench', '--frameworks', 'hipaa,gdpr,pci', '--json'], { encoding: 'utf8', env });
    if (created.status !== 0) throw new Error(`cwb project create failed: ${created.stderr}`);
    const projectId = (JSON.parse(created.stdout) as { id: string }).id;

    const node = measure(['-e', '0']);
    const version = measure([cwbBin, '--version'], env);
    const list = measure([cwbBin, 'control', 'list', '--project', projectId, '--json'], env);
    const controls = (JSON.parse(list.stdout) as unknown[]).length;
    const results: Result[] = [
      { name: 'cli: cwb --version, wall', value: version.ms, unit: 'ms', baseline: { name: 'node -e 0, wall (goal ≤ 2x)', value: node.ms }, note: `median of ${RUNS} processes` },
      { name: `cli: cwb control list --json (${controls} controls), wall`, value: list.ms, unit: 'ms', baseline: { name: 'node -e 0, wall (goal ≤ 250 ms)', value: node.ms }, note: `median of ${RUNS} processes` },
    ];
    if (node.peakMiB !== undefined && version.peakMiB !== undefined && list.peakMiB !== undefined) {
      results.push(
        { name: 'cli: cwb --version, peak RSS', value: version.peakMiB, unit: 'MiB', baseline: { name: 'node -e 0, peak RSS', value: node.peakMiB } },
        { name: `cli: cwb control list --json (${controls} controls), peak RSS`, value: list.peakMiB, unit: 'MiB', baseline: { name: 'node -e 0, peak RSS (goal ≤ 80 MB)', value: node.peakMiB } },
      );
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  console.table(results.map((r) => ({ name: r.name, value: `${r.value} ${r.unit}`, baseline: r.baseline ? `${r.baseline.value} ${r.unit}` : '', ratio: r.baseline ? `${(r.value / r.baseline.value).toFixed(2)}x` : '', note: r.note ?? '' })));
}
