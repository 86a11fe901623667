// A child process that meets one zip bomb and reports what happened and its own peak memory
// (VmHWM from /proc/self/status), so the test measures only this refusal, not the test runner.
// Scenarios run one after another; each line carries the peak so far, so the last one bounds all.
//   node --import tsx test/helpers/zip-bomb-child.ts <scenario>...
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBundle } from '../../electron/core/bundle/import';
import { verifyEvidencePackage } from '../../electron/core/reports/package-verify';
import { openWorkbench } from '../../electron/core/workbench';
import { miniCatalog } from '../fixtures/mini-catalog';
import { fingerprint } from './db-fingerprint';
import { zipBomb } from './zip-bomb';

const hex = (i: number): string => i.toString(16).padStart(64, '0');

export const SCENARIOS = ['bundle-entries', 'bundle-one-entry', 'package-manifest', 'package-manifest-lying', 'package-entry', 'package-many-entries'] as const;

function peakRssMiB(): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

async function run(scenario: string, dir: string): Promise<{ refused: string | null; unchanged?: boolean }> {
  switch (scenario) {
    case 'bundle-entries':
    case 'bundle-one-entry': {
      // each entry is small enough to pass every per-entry check; together they are 600 MB
      const bomb = scenario === 'bundle-entries'
        ? zipBomb(Array.from({ length: 40 }, (_, i) => ({ name: `evidence/${hex(i)}`, mib: 15 })))
        : zipBomb([{ name: 'bundle.json', mib: 500 }]);
      const wb = await openWorkbench(join(dir, 'wb.sqlite'), { create: true, catalog: miniCatalog(), actor: 'Ada', now: () => new Date('2026-11-28T10:00:00Z'), dailyBackup: false });
      const before = fingerprint(wb.ctx.db);
      try {
        await importBundle(wb.ctx, bomb);
        return { refused: null };
      } catch (e) {
        return { refused: (e as Error).message, unchanged: fingerprint(wb.ctx.db) === before };
      } finally {
        wb.close();
      }
    }
    default: {
      const file = join(dir, 'package.zip');
      const manifest = { name: 'manifest.json', data: Buffer.from('{"files":[]}') };
      const entries =
        scenario === 'package-manifest' ? [{ name: 'manifest.json', mib: 600 }]
          : scenario === 'package-manifest-lying' ? [{ name: 'manifest.json', mib: 600, claimedBytes: 1000 }]
            : scenario === 'package-entry' ? [manifest, { name: 'evidence/log.txt', mib: 600 }]
              : [manifest, ...Array.from({ length: 40 }, (_, i) => ({ name: `evidence/${i}.txt`, mib: 15 }))];
      writeFileSync(file, zipBomb(entries));
      try {
        const result = await verifyEvidencePackage(file);
        return { refused: null, ...{ result: JSON.stringify(result).slice(0, 200) } };
      } catch (e) {
        return { refused: (e as Error).message };
      }
    }
  }
}

async function main(): Promise<void> {
  for (const scenario of process.argv.slice(2)) {
    const dir = mkdtempSync(join(tmpdir(), 'cwb-bomb-'));
    try {
      const outcome = await run(scenario, dir);
      process.stdout.write(`${JSON.stringify({ scenario, ...outcome, peakRssMiB: peakRssMiB() })}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
void main();
