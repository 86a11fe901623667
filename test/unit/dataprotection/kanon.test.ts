import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KAnonymityReport, type MaskRule } from '../../../shared/dataprotection';
import { kAnonymity } from '../../../electron/core/dataprotection/kanon';
import { maskCsv } from '../../../electron/core/dataprotection/mask';
import { tempDir, writeFile } from './helpers';

// Classes over (age, zip): {34,94107} x3, {52,10001} x3, {36,94110} x2, {57,10003} x1, {23,60601} x1.
const SMALL = [
  'name,age,zip,diagnosis',
  'Ann,34,94107,flu',
  'Bob,34,94107,cold',
  'Cid,34,94107,flu',
  'Dee,52,10001,asthma',
  'Eve,52,10001,flu',
  'Fay,52,10001,cold',
  'Gil,36,94110,flu',
  'Hal,36,94110,cold',
  'Ivy,57,10003,asthma',
  'Jon,23,60601,cold',
].join('\n');

/** Applies a suggestion with maskCsv and measures the result: the proof that it reaches k. */
async function applySuggestion(input: string, report: KAnonymityReport): Promise<KAnonymityReport> {
  const s = report.suggestion!;
  const rules = s.columns.map((c) => c.rule).filter((r): r is MaskRule => r !== null);
  const dir = join(tempDir(), 'release');
  mkdirSync(dir);
  const out = join(dir, 'release.csv');
  if (rules.length > 0) await maskCsv(input, { rules }, out);
  const kept = s.columns.filter((c) => c.rule?.method !== 'suppress').map((c) => c.column);
  return kAnonymity(rules.length > 0 ? out : input, kept, report.targetK);
}

describe('kAnonymity', () => {
  it('computes k, the class size distribution and the rows below the target exactly', async () => {
    const file = writeFile(tempDir(), 'small.csv', SMALL);
    const r = await kAnonymity(file, ['age', 'zip'], 2);
    expect(KAnonymityReport.parse(r)).toEqual(r);
    expect(r).toMatchObject({ rows: 10, k: 1, classes: 5, rowsBelowTarget: 2, classesBelowTarget: 2, targetK: 2 });
    expect(r.distribution).toEqual([
      { size: 1, classes: 2, rows: 2 },
      { size: 2, classes: 1, rows: 2 },
      { size: 3, classes: 2, rows: 6 },
    ]);
    const r3 = await kAnonymity(file, ['age', 'zip'], 3);
    expect(r3).toMatchObject({ k: 1, rowsBelowTarget: 4, classesBelowTarget: 3 });
  });

  it('makes no suggestion when the target is already met', async () => {
    const file = writeFile(tempDir(), 'small.csv', SMALL);
    // flu x4, cold x4, asthma x2
    const r = await kAnonymity(file, ['diagnosis'], 2);
    expect(r.k).toBe(2);
    expect(r.distribution).toEqual([
      { size: 2, classes: 1, rows: 2 },
      { size: 4, classes: 2, rows: 8 },
    ]);
    expect(r.suggestion).toBeNull();
    expect(r.note).toContain('Already 2-anonymous');
  });

  it('suggests the least generalization, and applying it really reaches the target', async () => {
    const file = writeFile(tempDir(), 'small.csv', SMALL);
    for (const target of [2, 3]) {
      const r = await kAnonymity(file, ['age', 'zip'], target, { maxSuppressedPercent: 20 });
      const s = r.suggestion!;
      expect(s).not.toBeNull();
      expect(s.suppressedRows).toBeLessThanOrEqual(2);
      const after = await applySuggestion(file, r);
      expect(after.classes).toBe(s.classes);
      expect(after.k).toBe(s.kBeforeSuppression);
      expect(after.rowsBelowTarget).toBe(s.suppressedRows);
      // Dropping the rows the suggestion counts as suppressed leaves only classes of size >= target.
      expect(after.distribution.filter((b) => b.size < target).reduce((n, b) => n + b.rows, 0)).toBe(s.suppressedRows);
    }
  });

  it('with no suppression allowed, generalizes until every class reaches k', async () => {
    const file = writeFile(tempDir(), 'small.csv', SMALL);
    const r = await kAnonymity(file, ['age', 'zip'], 2, { maxSuppressedPercent: 0 });
    expect(r.suggestion).toMatchObject({ suppressedRows: 0 });
    const after = await applySuggestion(file, r);
    expect(after.k).toBeGreaterThanOrEqual(2);
    expect(after.rowsBelowTarget).toBe(0);
  });

  it('reaches k=5 on a generated table of ages, postcodes and birth dates', async () => {
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const lines = ['id,age,zip,dob'];
    for (let i = 0; i < 600; i++) {
      const age = 18 + rnd(60);
      lines.push(`${i},${age},${941 + rnd(4)}${String(rnd(100)).padStart(2, '0')},${2024 - age}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`);
    }
    const file = writeFile(tempDir(), 'gen.csv', lines.join('\n'));
    const r = await kAnonymity(file, ['age', 'zip', 'dob'], 5);
    expect(r.k).toBe(1);
    const s = r.suggestion!;
    expect(s.suppressedPercent).toBeLessThanOrEqual(5);
    const after = await applySuggestion(file, r);
    expect(after.rowsBelowTarget).toBe(s.suppressedRows);
    expect(after.rows - after.rowsBelowTarget).toBeGreaterThanOrEqual(570);
  });

  it('refuses a quasi-identifier the header lacks, and an invalid target', async () => {
    const file = writeFile(tempDir(), 'small.csv', SMALL);
    await expect(kAnonymity(file, ['age', 'postcode'], 2)).rejects.toMatchObject({ code: 'MISSING_COLUMN', line: 1 });
    await expect(kAnonymity(file, [], 2)).rejects.toMatchObject({ code: 'RULES_INVALID' });
    await expect(kAnonymity(file, ['age'], 0)).rejects.toMatchObject({ code: 'RULES_INVALID' });
  });
});
