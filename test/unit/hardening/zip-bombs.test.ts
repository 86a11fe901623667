// Zip bombs against every place that reads a zip (bundle import, package verify): refused with a
// sentence while inflating, under 300 MB peak memory, whatever the headers claim. The bombs are
// built by the test; a child process measures its own peak RSS (VmHWM).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { walkZip, ZipLimitExceeded } from '../../../electron/core/archive/zip-stream';
import { zipBomb } from '../../helpers/zip-bomb';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const PEAK_RSS_LIMIT_MIB = 300;

const EXPECTED: Record<string, RegExp> = {
  'bundle-entries': /^This bundle cannot be imported: its entries inflate to more than 100 times the size of the file \(a zip bomb\) \(entry "evidence\/0+\d"\)\. Nothing was imported\.$/,
  'bundle-one-entry': /^This bundle cannot be imported: an entry inflates more than 100 times its compressed size \(a zip bomb\) \(entry "bundle\.json"\)\. Nothing was imported\.$/,
  'package-manifest': /^The evidence package .*package\.zip was refused: its manifest\.json is larger than 32 MiB \(entry "manifest\.json"\)\. It was not extracted/,
  'package-manifest-lying': /was refused: an entry holds more bytes than its header says \(a crafted or damaged zip\) \(entry "manifest\.json"\)/,
  'package-entry': /was refused: an entry inflates more than 200 times its compressed size \(a zip bomb\) \(entry "evidence\/log\.txt"\)/,
  'package-many-entries': /was refused: its entries inflate to more than 200 times the size of the file \(a zip bomb\)/,
};

describe('zip bombs', () => {
  it('are refused with a sentence, the database unchanged, under 300 MB peak RSS', async () => {
    const scenarios = Object.keys(EXPECTED);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/helpers/zip-bomb-child.ts', ...scenarios], { cwd: repo, maxBuffer: 1024 * 1024 });
    const outcomes = stdout.trim().split('\n').map((l) => JSON.parse(l) as { scenario: string; refused: string | null; unchanged?: boolean; peakRssMiB: number });
    expect(outcomes.map((o) => o.scenario)).toEqual(scenarios);
    for (const o of outcomes) {
      expect(o.refused, o.scenario).toMatch(EXPECTED[o.scenario]!);
      if (o.scenario.startsWith('bundle')) expect(o.unchanged, o.scenario).toBe(true);
      expect(o.peakRssMiB, `${o.scenario}: peak RSS in MiB`).toBeLessThan(PEAK_RSS_LIMIT_MIB);
    }
  }, 240_000);

  it('are refused by entry count before any entry is read', async () => {
    const zip = zipBomb(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    const visited: string[] = [];
    const limits = { maxEntries: 4, maxEntryBytes: 1024, maxTotalBytes: 1024, maxRatio: 100 };
    await expect(walkZip(zip, limits, (e) => (visited.push(e.fileName), null))).rejects.toEqual(new ZipLimitExceeded('it holds 5 entries, more than the 4 allowed'));
    expect(visited).toEqual([]);
  });

  it('count the bytes really inflated, not the sizes in the headers', async () => {
    const zip = zipBomb([{ name: 'a', data: Buffer.alloc(600) }, { name: 'b', data: Buffer.alloc(600) }]);
    const limits = { maxEntries: 10, maxEntryBytes: 1024, maxTotalBytes: 1000, maxRatio: 100 };
    const sink = () => ({ data: () => {}, end: () => {} });
    await expect(walkZip(zip, limits, sink)).rejects.toMatchObject({ problem: 'its entries inflate to more than 1000 bytes in all', entry: 'b' });
  });
});
