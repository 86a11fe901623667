// Benchmark: importing the SP 800-53 rev5 OSCAL catalog (about 3 MB, 1,189 controls), the LOW
// baseline profile resolved against it, and the SP 800-66 rev2 CISO Assistant library, each
// against JSON.parse / reading the same file alone (the floor any importer pays).
// Run directly: npx tsx test/bench/frameworks.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importFrameworkFile } from '../../electron/core/frameworks/import';
import { importFramework } from '../../electron/core/frameworks/store';
import { openWorkbench } from '../../electron/core/workbench';
import { medianMs, roundMs } from './measure';

const REF = '/work/shared/reference/frameworks';
const CATALOG = join(REF, 'NIST_SP-800-53_rev5_catalog.json');
const PROFILE = join(REF, 'NIST_SP-800-53_rev5_LOW-baseline_profile.json');
const CISO = join(REF, 'nist-sp-800-66-rev2.yaml');
const RUNS = 5;

export async function run(): Promise<Array<{ name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string }>> {
  const parse = await medianMs(RUNS, () => JSON.parse(readFileSync(CATALOG, 'utf8')));
  const catalog = await medianMs(RUNS, () => importFrameworkFile(CATALOG));
  // the same import, stored: into a fresh workbench each run (the workbench's opening is not timed)
  const text = { name: 'NIST_SP-800-53_rev5_catalog.json', text: readFileSync(CATALOG, 'utf8') };
  const stored: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-fw-'));
    const wb = await openWorkbench(join(dir, 'w.sqlite'), { create: true, actor: 'Bench', now: () => new Date('2026-11-28T10:00:00Z') });
    try {
      const t0 = performance.now();
      importFramework(wb.ctx, text);
      stored.push(performance.now() - t0);
    } finally {
      wb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const store = roundMs(stored.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0);
  const profile = await medianMs(RUNS, () => importFrameworkFile(PROFILE, { catalogFile: CATALOG }));
  const read = await medianMs(RUNS, () => readFileSync(CISO, 'utf8'));
  const ciso = await medianMs(RUNS, () => importFrameworkFile(CISO));
  return [
    { name: 'import SP 800-53 rev5 OSCAL catalog (1,189 controls)', value: catalog, unit: 'ms', baseline: { name: 'JSON.parse of the same file', value: parse } },
    { name: 'import and store SP 800-53 rev5 (1,007 requirements) in the workbench', value: store, unit: 'ms', baseline: { name: 'import alone', value: catalog } },
    { name: 'import SP 800-53 LOW profile, resolved against the catalog', value: profile, unit: 'ms' },
    { name: 'import SP 800-66 rev2 CISO Assistant library (179 nodes)', value: ciso, unit: 'ms', baseline: { name: 'reading the same file', value: read } },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name}: ${r.value} ${r.unit}${r.baseline ? ` (${r.baseline.name}: ${r.baseline.value} ${r.unit})` : ''}`);
}
