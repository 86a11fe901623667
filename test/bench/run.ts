// `npm run bench`: every benchmark module in this folder, one after the other, in one table, and
// the figures as JSON in bench-results/<date>.json. A figure with a baseline measured in the same
// run also gets the ratio value / baseline (for ms lower is better, for MB/s higher is better).
// A module that is missing or fails is listed with the reason and the others still run.
//   npm run bench                 all of them
//   npm run bench -- store pii    only these
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };
type Row = Result & { module: string; ratio?: number };

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..', '..');
/** In order: the cheap ones first, the browser last. */
const MODULES = ['cli', 'store', 'restore', 'reports', 'pdf-engines', 'analyzers', 'frameworks', 'pii', 'csv', 'team', 'checklist-ui', 'sync'];

async function runModule(name: string): Promise<{ rows: Row[]; skipped?: string }> {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) return { rows: [], skipped: `test/bench/${name}.ts is not there (yet)` };
  if (name === 'checklist-ui' && !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    // the browser benchmark needs the built renderer
    const built = spawnSync('npx', ['--no-install', 'electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
    if (built.status !== 0) return { rows: [], skipped: 'the renderer could not be built (npx electron-vite build)' };
  }
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(file).href)) as { run?: () => Promise<Result[]> };
    if (typeof mod.run !== 'function') return { rows: [], skipped: `test/bench/${name}.ts exports no run()` };
    const results = await mod.run();
    process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    return {
      rows: results.map((r) => ({
        ...r,
        module: name,
        ...(r.baseline && r.baseline.value !== 0 ? { ratio: Math.round((r.value / r.baseline.value) * 100) / 100 } : {}),
      })),
    };
  } catch (err) {
    return { rows: [], skipped: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

function print(rows: Row[], skipped: Array<{ module: string; why: string }>): void {
  const cells = rows.map((r) => [
    r.module,
    r.name,
    `${r.value} ${r.unit}`,
    r.baseline ? `${r.baseline.value} ${r.unit}` : '',
    r.ratio !== undefined ? `${r.ratio.toFixed(2)}x` : '',
    r.baseline ? r.baseline.name : (r.note ?? ''),
  ]);
  const head = ['module', 'figure', 'value', 'baseline', 'ratio', 'baseline is / note'];
  const widths = head.map((h, i) => Math.min(i === 1 ? 70 : i === 5 ? 80 : 30, Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length))));
  const line = (c: string[]) => c.map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
  for (const s of skipped) console.log(`(skipped ${s.module}: ${s.why})`);
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const modules = wanted.length ? MODULES.filter((m) => wanted.includes(m)) : MODULES;
const rows: Row[] = [];
const skipped: Array<{ module: string; why: string }> = [];
for (const name of modules) {
  const outcome = await runModule(name);
  rows.push(...outcome.rows);
  if (outcome.skipped) skipped.push({ module: name, why: outcome.skipped });
}
print(rows, skipped);

const when = new Date();
const dir = join(root, 'bench-results');
mkdirSync(dir, { recursive: true });
const out = join(dir, `${when.toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
writeFileSync(out, `${JSON.stringify({
  at: when.toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', arch: arch(), memoryGiB: Math.round(totalmem() / 1073741824), node: process.version },
  results: rows,
  skipped,
}, null, 2)}\n`);
console.log(`\nWrote ${out}`);
