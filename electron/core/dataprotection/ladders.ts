// Generalization ladders for k-anonymity: for each quasi-identifier, the steps from the exact
// value to the column dropped. A step's values are interned to small integer ids, so trying a
// combination of steps is integer arithmetic over the distinct classes, not string work.
import type { Generalization, MaskRule } from '../../../shared/dataprotection';
import { generalizeValue, parseNumber, parseYearMonth } from './generalize';

export interface LadderLevel {
  /** The masking rule that produces this step (null: the column as it is). */
  rule: MaskRule | null;
  /** Generalized id of each distinct class's value. */
  ids: Int32Array;
  cardinality: number;
}

export interface Ladder {
  kind: 'number' | 'date' | 'postcode' | 'category';
  levels: LadderLevel[];
}

const POSTCODE_NAME = /zip|post(al)?[\s_-]?code|postcode|plz/i;

function intern(generalized: string[]): { ids: Int32Array; cardinality: number } {
  const index = new Map<string, number>();
  const ids = new Int32Array(generalized.length);
  generalized.forEach((v, i) => {
    let id = index.get(v);
    if (id === undefined) {
      id = index.size;
      index.set(v, id);
    }
    ids[i] = id;
  });
  return { ids, cardinality: index.size };
}

/** Same transformation as maskCsv: empty cells stay empty, unreadable ones become "*". */
function level(column: string, values: string[], to: Generalization): LadderLevel {
  const out = values.map((v) => (v === '' ? '' : (generalizeValue(v, to) ?? '*')));
  return { rule: { column, method: 'generalize', to }, ...intern(out) };
}

function numberWidths(nums: number[]): number[] {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (const v of nums) {
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) integral = false;
  }
  const range = max - min;
  if (!(range > 0)) return [];
  const widths: number[] = [];
  const first = integral ? 0 : Math.floor(Math.log10(range)) - 3;
  for (let e = first; widths.length < 16; e++) {
    for (const m of [1, 2, 5]) {
      const w = Number((m * 10 ** e).toPrecision(12));
      if (integral && w < 2) continue;
      widths.push(w);
      if (w >= range) return widths;
    }
  }
  return widths;
}

/** Picks the ladder from the column name and its values, exact value first, column dropped last. */
export function buildLadder(column: string, values: string[]): Ladder {
  const exact: LadderLevel = { rule: null, ...intern(values) };
  const dropped: LadderLevel = { rule: { column, method: 'suppress' }, ids: new Int32Array(values.length), cardinality: 1 };
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return { kind: 'category', levels: [exact, dropped] };

  if (POSTCODE_NAME.test(column)) {
    const longest = Math.min(10, Math.max(...present.map((v) => Array.from(v.trim()).filter((c) => /[\p{L}\p{N}]/u.test(c)).length)));
    const levels: LadderLevel[] = [exact];
    for (let keep = longest - 1; keep >= 1; keep--) levels.push(level(column, values, { kind: 'postcode', keep }));
    levels.push(dropped);
    return { kind: 'postcode', levels };
  }
  const nums = present.map(parseNumber);
  if (nums.every((n) => n !== null)) {
    const levels: LadderLevel[] = [exact];
    for (const width of numberWidths(nums as number[])) levels.push(level(column, values, { kind: 'numberRange', width }));
    levels.push(dropped);
    return { kind: 'number', levels };
  }
  if (present.every((v) => parseYearMonth(v) !== null)) {
    return {
      kind: 'date',
      levels: [
        exact,
        level(column, values, { kind: 'date', precision: 'month' }),
        level(column, values, { kind: 'date', precision: 'year' }),
        dropped,
      ],
    };
  }
  return { kind: 'category', levels: [exact, dropped] };
}
