// k-anonymity of a CSV/TSV release over chosen quasi-identifiers: the smallest equivalence class,
// the class size distribution, the rows that would single someone out, and the least
// generalization (numbers into ranges, dates to month/year, postcodes truncated, a column
// dropped) that reaches a target k when at most a few percent of rows are suppressed.
import type { ClassSizeBucket, KAnonymityReport, KAnonymitySuggestion, MaskRule } from '../../../shared/dataprotection';
import { CsvReader, delimiterFor } from './csv';
import { DataFileError } from './errors';
import { readThrough } from './reader';
import { buildLadder, type Ladder } from './ladders';

export interface KAnonymityOptions {
  format?: 'csv' | 'tsv';
  /** Rows a suggestion may suppress, in percent of all rows (default 5). */
  maxSuppressedPercent?: number;
  /** Generalization combinations evaluated at most (default 2000). */
  maxCandidates?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Values of one row's quasi-identifiers are joined with NUL, a byte a text file cannot hold. */
const SEP = '\u0000';

export async function kAnonymity(
  path: string,
  qi: string[],
  targetK: number,
  opts: KAnonymityOptions = {},
): Promise<KAnonymityReport> {
  if (qi.length === 0) throw new DataFileError('RULES_INVALID', path, undefined, 'name at least one quasi-identifier column');
  if (new Set(qi).size !== qi.length) throw new DataFileError('RULES_INVALID', path, undefined, 'a quasi-identifier is named twice');
  if (!Number.isInteger(targetK) || targetK < 1) {
    throw new DataFileError('RULES_INVALID', path, undefined, `the target k must be a whole number of at least 1 (got ${targetK})`);
  }
  const classes = new Map<string, number>();
  let indices: number[] = [];
  const parser = new CsvReader(path, delimiterFor(path, opts.format), {
    header(names) {
      indices = qi.map((name) => {
        const at = names.indexOf(name);
        if (at < 0) {
          throw new DataFileError('MISSING_COLUMN', path, 1, `no column "${name}" in the header (columns: ${names.join(', ')})`);
        }
        if (names.indexOf(name, at + 1) >= 0) {
          throw new DataFileError('DUPLICATE_COLUMN', path, 1, `the header has more than one column "${name}"`);
        }
        return at;
      });
    },
    row(fields) {
      let key = fields[indices[0]!]!;
      for (let q = 1; q < indices.length; q++) key += SEP + fields[indices[q]!]!;
      classes.set(key, (classes.get(key) ?? 0) + 1);
    },
  });
  await readThrough(path, parser, {
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (!parser.sawHeader) throw new DataFileError('FILE_EMPTY', path, undefined, 'the file is empty: a header row is expected');

  const rows = parser.rows;
  const counts = Array.from(classes.values());
  const stats = classStats(counts, targetK);
  const report: KAnonymityReport = {
    file: path,
    rows,
    quasiIdentifiers: qi,
    targetK,
    k: stats.k,
    classes: counts.length,
    distribution: distribution(counts),
    rowsBelowTarget: stats.rowsBelow,
    classesBelowTarget: stats.classesBelow,
    suggestion: null,
    note: '',
  };
  if (rows === 0) {
    report.note = 'The file has no data rows.';
    return report;
  }
  if (stats.k >= targetK) {
    report.note = `Already ${targetK}-anonymous: the smallest class has ${stats.k} rows.`;
    return report;
  }
  const maxSuppressedPercent = opts.maxSuppressedPercent ?? 5;
  const found = suggest(qi, Array.from(classes.keys()), counts, rows, targetK, maxSuppressedPercent, opts.maxCandidates ?? 2000);
  report.suggestion = found.suggestion;
  report.note = found.note;
  return report;
}

function classStats(counts: Iterable<number>, targetK: number): { k: number; rowsBelow: number; classesBelow: number } {
  let k = Infinity;
  let rowsBelow = 0;
  let classesBelow = 0;
  for (const c of counts) {
    if (c < k) k = c;
    if (c < targetK) {
      rowsBelow += c;
      classesBelow++;
    }
  }
  return { k: k === Infinity ? 0 : k, rowsBelow, classesBelow };
}

function distribution(counts: number[]): ClassSizeBucket[] {
  const bySize = new Map<number, number>();
  for (const c of counts) bySize.set(c, (bySize.get(c) ?? 0) + 1);
  return Array.from(bySize, ([size, n]) => ({ size, classes: n, rows: size * n })).sort((a, b) => a.size - b.size);
}

interface Candidate {
  levels: number[];
  loss: number;
}

/**
 * Best-first search over the generalization lattice, in order of information loss (each column's
 * step divided by its ladder length, summed): the first combination whose small classes fit the
 * suppression budget is the least generalization that reaches k. Every step only merges classes,
 * so loss and feasibility both grow along the lattice and the first hit is optimal.
 */
function suggest(
  qi: string[],
  keys: string[],
  counts: number[],
  rows: number,
  targetK: number,
  maxSuppressedPercent: number,
  maxCandidates: number,
): { suggestion: KAnonymitySuggestion | null; note: string } {
  const q = qi.length;
  const values: string[][] = qi.map(() => new Array<string>(keys.length));
  keys.forEach((key, c) => key.split(SEP).forEach((v, i) => (values[i]![c] = v)));
  const ladders: Ladder[] = qi.map((name, i) => buildLadder(name, values[i]!));
  const budget = Math.floor((rows * maxSuppressedPercent) / 100);

  const evaluate = (levels: number[]): { k: number; suppressed: number; classes: number } => {
    const merged = new Map<number | string, number>();
    let radixOk = true;
    let product = 1;
    for (let i = 0; i < q; i++) {
      product *= ladders[i]!.levels[levels[i]!]!.cardinality;
      if (product > Number.MAX_SAFE_INTEGER) radixOk = false;
    }
    const ids = ladders.map((l, i) => l.levels[levels[i]!]!.ids);
    const cards = ladders.map((l, i) => l.levels[levels[i]!]!.cardinality);
    for (let c = 0; c < counts.length; c++) {
      let key: number | string;
      if (radixOk) {
        let n = 0;
        for (let i = 0; i < q; i++) n = n * cards[i]! + ids[i]![c]!;
        key = n;
      } else {
        key = ids.map((a) => a[c]).join(',');
      }
      merged.set(key, (merged.get(key) ?? 0) + counts[c]!);
    }
    const s = classStats(merged.values(), targetK);
    return { k: s.k, suppressed: s.rowsBelow, classes: merged.size };
  };

  const lossOf = (levels: number[]): number =>
    levels.reduce((sum, level, i) => sum + level / (ladders[i]!.levels.length - 1 || 1), 0);
  const seen = new Set<string>();
  const frontier: Candidate[] = [];
  const push = (levels: number[]): void => {
    const id = levels.join(',');
    if (seen.has(id)) return;
    seen.add(id);
    frontier.push({ levels, loss: lossOf(levels) });
  };
  push(new Array<number>(q).fill(0));
  let evaluated = 0;
  let best: { levels: number[]; loss: number; k: number; suppressed: number; classes: number } | null = null;
  while (frontier.length > 0 && evaluated < maxCandidates) {
    frontier.sort((a, b) => a.loss - b.loss);
    const next = frontier.shift()!;
    if (best && next.loss > best.loss + 1e-9) break;
    evaluated++;
    const r = evaluate(next.levels);
    if (r.suppressed <= budget) {
      // Equal loss: keep the combination that suppresses fewer rows.
      if (!best || r.suppressed < best.suppressed) best = { ...r, levels: next.levels, loss: next.loss };
      continue;
    }
    for (let i = 0; i < q; i++) {
      if (next.levels[i]! + 1 < ladders[i]!.levels.length) {
        const up = next.levels.slice();
        up[i]!++;
        push(up);
      }
    }
  }
  if (!best) {
    return {
      suggestion: null,
      note:
        evaluated >= maxCandidates
          ? `No generalization reaching k=${targetK} found within ${maxCandidates} combinations tried; choose fewer quasi-identifiers.`
          : `Even dropping every quasi-identifier cannot reach k=${targetK} with at most ${maxSuppressedPercent}% of rows suppressed.`,
    };
  }
  const chosen = best;
  const columns = qi.map((column, i) => ({ column, rule: ladders[i]!.levels[chosen.levels[i]!]!.rule as MaskRule | null }));
  return {
    suggestion: {
      columns,
      kBeforeSuppression: chosen.k,
      suppressedRows: chosen.suppressed,
      suppressedPercent: Math.round((chosen.suppressed / rows) * 10000) / 100,
      classes: chosen.classes,
      height: chosen.levels.reduce((a, b) => a + b, 0),
    },
    note: `Least generalization found after ${evaluated} combination${evaluated === 1 ? '' : 's'}; at most ${maxSuppressedPercent}% of rows may be suppressed (rows in classes smaller than ${targetK} are dropped).`,
  };
}
