// Counts what the matcher finds per column and entity, and keeps up to three masked samples.
// Counting is an array increment; a sample costs a string, so only the first few hits pay it.
import type { PiiFinding } from '../../../shared/dataprotection';
import { PII_ENTITIES } from '../../../shared/pii-entities';
import { ENTITY_COUNT, type MatchSink } from './matcher';
import { maskSample } from './samples';

const MAX_SAMPLES = 3;
/** Hits looked at per column and entity while hunting for distinct samples. */
const SAMPLE_TRIES = 50;

/** What one part of a file scanned in parallel found: counts per slot, and the masked value of each slot's first hits in order. */
export type TallyPart = { counts: Float64Array; firstHits: Array<[number, string[]]> };

export class FindingTally implements MatchSink {
  private counts = new Float64Array(ENTITY_COUNT * 16);
  private tries = new Int32Array(ENTITY_COUNT * 16);
  private readonly samples = new Map<number, string[]>();
  /** Column whose field is being inspected: set by the parser before each inspect call. */
  base = 0;
  /**
   * Set when this tally counts one part of a file: it then keeps each slot's first hits as they
   * come (not only distinct samples), so `mergeParts` can pick the samples a whole-file scan would.
   */
  private firstHits: Map<number, string[]> | null = null;

  recordFirstHits(): void {
    this.firstHits = new Map();
  }

  /** Makes room for `columns` columns; called when a parser learns of a new column. */
  ensureColumns(columns: number): void {
    const need = columns * ENTITY_COUNT;
    if (need <= this.counts.length) return;
    const size = Math.max(need, this.counts.length * 2);
    const counts = new Float64Array(size);
    counts.set(this.counts);
    this.counts = counts;
    const tries = new Int32Array(size);
    tries.set(this.tries);
    this.tries = tries;
  }

  setColumn(col: number): void {
    this.base = col * ENTITY_COUNT;
  }

  hit(entity: number, buf: Uint8Array, start: number, end: number): void {
    const slot = this.base + entity;
    this.counts[slot]! += 1;
    if (this.firstHits) {
      this.recordHit(slot, entity, buf, start, end);
      return;
    }
    if (this.tries[slot]! >= SAMPLE_TRIES) return;
    this.tries[slot]! += 1;
    let list = this.samples.get(slot);
    if (!list) {
      list = [];
      this.samples.set(slot, list);
    }
    if (list.length >= MAX_SAMPLES) {
      this.tries[slot] = SAMPLE_TRIES;
      return;
    }
    const raw = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
    const masked = maskSample(PII_ENTITIES[entity]!, raw);
    if (!list.includes(masked)) list.push(masked);
  }

  private recordHit(slot: number, entity: number, buf: Uint8Array, start: number, end: number): void {
    // `tries` counts the hits kept per slot here: once full, a hit costs one array read, not a Map lookup.
    if (this.tries[slot]! >= SAMPLE_TRIES) return;
    this.tries[slot]! += 1;
    let list = this.firstHits!.get(slot);
    if (!list) {
      list = [];
      this.firstHits!.set(slot, list);
    }
    list.push(maskSample(PII_ENTITIES[entity]!, Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8')));
  }

  /** The part this tally counted (see `recordFirstHits`). */
  part(): TallyPart {
    return { counts: this.counts, firstHits: [...(this.firstHits ?? new Map<number, string[]>())] };
  }

  /** A part's tally with its columns renumbered: column c becomes `to[c]` (JSON parts meet key paths in their own order). */
  static renumberPart(part: TallyPart, to: readonly number[]): TallyPart {
    const width = (Math.max(-1, ...to) + 1) * ENTITY_COUNT;
    const counts = new Float64Array(width);
    const slotOf = (slot: number): number => to[Math.floor(slot / ENTITY_COUNT)]! * ENTITY_COUNT + (slot % ENTITY_COUNT);
    part.counts.forEach((n, slot) => {
      if (n > 0) counts[slotOf(slot)]! += n;
    });
    return { counts, firstHits: part.firstHits.map(([slot, values]) => [slotOf(slot), values]) };
  }

  /**
   * The tally of a whole file from its parts in file order: counts add up, and each slot's first
   * hits are replayed through the sampling rule of `hit`, so the samples are those a single pass keeps.
   */
  static mergeParts(parts: readonly TallyPart[]): FindingTally {
    const whole = new FindingTally();
    whole.ensureColumns(Math.ceil(Math.max(0, ...parts.map((p) => p.counts.length)) / ENTITY_COUNT));
    for (const part of parts) {
      part.counts.forEach((n, slot) => {
        whole.counts[slot]! += n;
      });
      for (const [slot, values] of part.firstHits) {
        for (const masked of values) {
          if (whole.tries[slot]! >= SAMPLE_TRIES) break;
          whole.tries[slot]! += 1;
          let list = whole.samples.get(slot);
          if (!list) {
            list = [];
            whole.samples.set(slot, list);
          }
          if (list.length >= MAX_SAMPLES) {
            whole.tries[slot] = SAMPLE_TRIES;
            break;
          }
          if (!list.includes(masked)) list.push(masked);
        }
      }
    }
    return whole;
  }

  findings(columnNames: readonly string[]): PiiFinding[] {
    const out: PiiFinding[] = [];
    columnNames.forEach((column, col) => {
      for (let entity = 0; entity < ENTITY_COUNT; entity++) {
        const slot = col * ENTITY_COUNT + entity;
        const count = this.counts[slot] ?? 0;
        if (count > 0) {
          out.push({ entity: PII_ENTITIES[entity]!, column, count, samples: this.samples.get(slot) ?? [] });
        }
      }
    });
    return out;
  }
}
