// Bundles and merging on a busy project: two copies each with 5,000 answers made apart.
// Baseline: the naive all-pairs comparison of writes took ~4 s for this merge before the
// tree-order pass (history.latest). Run: npx tsx test/bench/team.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openWorkbench, type Workbench } from '../../electron/core/workbench';
import { createProject } from '../../electron/core/projects/projects';
import { addMember } from '../../electron/core/members/members';
import { updateControl } from '../../electron/core/assessments/update';
import { exportBundle } from '../../electron/core/bundle/export';
import { importBundle } from '../../electron/core/bundle/import';
import { verifyHistory } from '../../electron/core/bundle/verify-history';
import { verifyProject } from '../../electron/core/audit/verify';
import { miniCatalog } from '../fixtures/mini-catalog';

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

const EDITS = 5000;

async function time<T>(f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { ms: Math.round(performance.now() - t), value };
}

export async function run(): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-team-'));
  const open: Workbench[] = [];
  try {
    const wb = async (name: string, actor: string) => {
      const w = await openWorkbench(join(dir, `${name}.sqlite`), { create: true, catalog: miniCatalog(), actor });
      open.push(w);
      return w;
    };
    const a = await wb('a', 'Ada');
    const p = createProject(a.ctx, { name: 'Bench', frameworks: ['pci'] });
    addMember(a.ctx, p.id, { name: 'Linus', role: 'contributor' });
    const b = await wb('b', 'Linus');
    await importBundle(b.ctx, (await exportBundle(a.ctx, p.id)).bytes);
    const ids = ['DS-01', 'AC-01', 'NS-01', 'LM-01'];
    const statuses = ['compliant', 'partial', 'non_compliant'] as const;
    for (let i = 0; i < EDITS; i++) updateControl(a.ctx, p.id, ids[i % 4]!, { status: statuses[i % 3]!, note: `a${i}` });
    for (let i = 0; i < EDITS; i++) updateControl(b.ctx, p.id, ids[i % 4]!, { status: statuses[(i + 1) % 3]!, note: `b${i}` });
    const exported = await time(() => exportBundle(b.ctx, p.id));
    const encrypted = await time(() => exportBundle(b.ctx, p.id, { passphrase: 'bench passphrase' }));
    const merged = await time(() => importBundle(a.ctx, exported.value.bytes));
    // audit verify: every event is signed (~70 µs each to check); a signature found good is
    // remembered for the process, so the verify after one more answer checks that one alone
    const coldVerify = await time(() => verifyProject(a.ctx, p.id));
    updateControl(a.ctx, p.id, 'DS-01', { status: 'partial', note: 'one more answer' });
    const warmVerify = await time(() => verifyProject(a.ctx, p.id));
    const verified = await time(() => verifyHistory(a.ctx.db, p.id));
    const note = `${EDITS} events per copy, ${Math.round(exported.value.bytes.length / 1024)} KiB bundle`;
    return [
      { name: 'team: export bundle', value: exported.ms, unit: 'ms', note },
      { name: 'team: export encrypted bundle (scrypt N=2^15)', value: encrypted.ms, unit: 'ms', note },
      { name: 'team: merge bundle', value: merged.ms, unit: 'ms', baseline: { name: 'all-pairs comparison', value: 3950 }, note: `${note}; ${merged.value.conflicts.length} conflicts` },
      { name: 'team: audit verify of the merged copy, every signature checked', value: coldVerify.ms, unit: 'ms', note: `${coldVerify.value.identity.signed} signed events; ok: ${coldVerify.value.ok}` },
      { name: 'team: audit verify after one more answer', value: warmVerify.ms, unit: 'ms', baseline: { name: 'the same verify with every signature checked', value: coldVerify.ms }, note: `signatures found good before are not checked again in this process; ok: ${warmVerify.value.ok}` },
      { name: 'team: verify chain and merged copy', value: verified.ms, unit: 'ms', note: `${verified.value.chain.events} + ${verified.value.branches[0]?.events ?? 0} events; signatures remembered from the verify above` },
    ];
  } finally {
    for (const w of open) w.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await run();
  console.table(results.map((r) => ({ name: r.name, value: r.value, unit: r.unit, baseline: r.baseline?.value ?? '', note: r.note ?? '' })));
}
