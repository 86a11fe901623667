// The project's history as a graph. Each audit event links to the one before it in its own copy
// (prev_hash), so all events known here form a tree rooted at the project's first event; a merge
// event also links to the head of the copy it merged. "x happened before y" is then: x is a tree
// ancestor of y, or of one of the merge heads y can reach. Tree ancestry is answered in O(1) from
// entry/exit times of one depth-first walk; merges are few, so the per-event sets of reachable
// merge heads stay small.
import { GENESIS_HASH } from '../audit/chain';
import type { EventRecord } from './format';

export const MERGE_ACTION = 'bundle.merge';

export type HistoryEvent = EventRecord;

function mergeTarget(e: HistoryEvent): string | null {
  if (e.action !== MERGE_ACTION || e.after_json === null) return null;
  const after = JSON.parse(e.after_json) as { remoteHead?: unknown };
  return typeof after.remoteHead === 'string' ? after.remoteHead : null;
}

export class History {
  readonly events = new Map<string, HistoryEvent>();
  private readonly tin = new Map<string, number>();
  private readonly tout = new Map<string, number>();
  private readonly heads = new Map<string, readonly string[]>();

  constructor(events: Iterable<HistoryEvent>) {
    for (const e of events) if (!this.events.has(e.hash)) this.events.set(e.hash, e);
    if (this.walkLine()) return;
    this.walkTree();
    this.collectMergeHeads();
  }

  /**
   * The usual history: one copy, no merges, every event following the one before it. The walk
   * below would then give event i (in seq order) entry time i + 1 and exit time 2n - i, and no
   * event any merge head; those are set directly, without the per-node child lists and stack
   * frames (a project has hundreds of thousands of events). False, setting nothing, otherwise.
   */
  private walkLine(): boolean {
    const line = [...this.events.values()];
    for (let i = 1; i < line.length; i++) {
      if (line[i]!.seq < line[i - 1]!.seq) {
        line.sort((a, b) => a.seq - b.seq);
        break;
      }
    }
    let prev = GENESIS_HASH;
    for (const e of line) {
      if (e.prev_hash !== prev || e.action === MERGE_ACTION) return false;
      prev = e.hash;
    }
    const n = line.length;
    this.tin.set(GENESIS_HASH, 0);
    this.tout.set(GENESIS_HASH, 2 * n + 1);
    line.forEach((e, i) => {
      this.tin.set(e.hash, i + 1);
      this.tout.set(e.hash, 2 * n - i);
    });
    return true;
  }

  /** Problems that make the graph unusable: an event whose parent or merge head is unknown. */
  static missingLinks(events: Iterable<HistoryEvent>): string[] {
    const all = new Map<string, HistoryEvent>();
    for (const e of events) all.set(e.hash, e);
    const problems: string[] = [];
    for (const e of all.values()) {
      if (e.prev_hash !== GENESIS_HASH && !all.has(e.prev_hash)) problems.push(`event ${e.seq} (${e.hash.slice(0, 12)}) follows an event that is not in the history`);
      const t = mergeTarget(e);
      if (t !== null && !all.has(t)) problems.push(`merge event ${e.seq} (${e.hash.slice(0, 12)}) names a merged head that is not in the history`);
    }
    return problems;
  }

  private walkTree(): void {
    const children = new Map<string, string[]>();
    for (const e of this.events.values()) {
      const list = children.get(e.prev_hash) ?? [];
      list.push(e.hash);
      children.set(e.prev_hash, list);
    }
    let clock = 0;
    const stack: Array<{ hash: string; next: number }> = [{ hash: GENESIS_HASH, next: 0 }];
    this.tin.set(GENESIS_HASH, clock++);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const kids = children.get(top.hash) ?? [];
      if (top.next < kids.length) {
        const child = kids[top.next++]!;
        this.tin.set(child, clock++);
        stack.push({ hash: child, next: 0 });
      } else {
        this.tout.set(top.hash, clock++);
        stack.pop();
      }
    }
  }

  /** For every event, the merge heads reachable from it, computed parents-first (no recursion: chains are long). */
  private collectMergeHeads(): void {
    const pending = new Map<string, HistoryEvent[]>();
    const ready: HistoryEvent[] = [];
    const done = (hash: string) => hash === GENESIS_HASH || this.heads.has(hash);
    const visit = (e: HistoryEvent): void => {
      if (this.heads.has(e.hash)) return;
      const target = mergeTarget(e);
      const known = target !== null && this.events.has(target) ? target : null;
      const wait = [e.prev_hash, ...(known ? [known] : [])].find((h) => !done(h));
      if (wait !== undefined) {
        pending.set(wait, [...(pending.get(wait) ?? []), e]);
        return;
      }
      const fromParent = this.heads.get(e.prev_hash) ?? [];
      this.heads.set(e.hash, known ? [...new Set([...fromParent, known, ...(this.heads.get(known) ?? [])])] : fromParent);
      ready.push(...(pending.get(e.hash) ?? []));
      pending.delete(e.hash);
    };
    // seq order puts parents first within each copy; an event waiting for a merge head is
    // picked up again once that head is done
    const order = [...this.events.values()].filter((e) => this.tin.has(e.hash)).sort((a, b) => a.seq - b.seq);
    for (const e of order) {
      visit(e);
      while (ready.length) visit(ready.pop()!);
    }
  }

  private treeAncestor(x: string, y: string): boolean {
    const a = this.tin.get(x);
    const b = this.tin.get(y);
    const c = this.tout.get(y);
    const d = this.tout.get(x);
    return a !== undefined && b !== undefined && c !== undefined && d !== undefined && a < b && c <= d;
  }

  /**
   * The events of a set that no other event of the set came after. Events on one line of the tree
   * are ordered by their entry time, so a first pass keeps only the last of each line (n log n);
   * the few that remain are compared pairwise, merges included.
   */
  latest(hashes: string[]): string[] {
    const sorted = [...new Set(hashes)].sort((a, b) => (this.tin.get(a) ?? 0) - (this.tin.get(b) ?? 0));
    const tips = sorted.filter((h, i) => {
      const next = sorted[i + 1];
      return next === undefined || (this.tin.get(next) ?? 0) > (this.tout.get(h) ?? 0);
    });
    return tips.filter((h) => !tips.some((o) => o !== h && this.before(h, o)));
  }

  /** True when x happened before y (x ≠ y). */
  before(x: string, y: string): boolean {
    if (x === y) return false;
    if (this.treeAncestor(x, y)) return true;
    return (this.heads.get(y) ?? []).some((t) => t === x || this.treeAncestor(x, t));
  }
}
