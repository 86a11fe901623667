// Walks over a project's chain (the hash check, the signatures, who signed as whom) that go on
// from the event where the last one stopped, instead of reading the whole history again after
// every change. A walk may go on only when no event it read can have changed since: the
// connection's audit watch (store/audit-watch.ts) has not moved, and the event it stopped at
// still carries the hash it had. Kept per connection and project, in memory only: a new process
// (the cwb command line) or another connection walks the whole history once.
import type { ReadDb } from '../store/access';
import { auditRowsStamp } from '../store/audit-watch';

/** The stored hash of the project's event `seq`, if there is one: the check every walk that goes on makes first. */
export function storedHashAt(db: ReadDb, projectId: string, seq: number): string | undefined {
  return db.prepare('SELECT hash FROM audit_events WHERE project_id = ? AND seq = ?').pluck().get(projectId, seq) as string | undefined;
}

/** Where the project's chain ends now (null: no event yet): a walk reads up to it and stops there. */
export function chainEnd(db: ReadDb, projectId: string): { seq: number; hash: string } | null {
  return (db.prepare('SELECT seq, hash FROM audit_events WHERE project_id = ? ORDER BY seq DESC LIMIT 1').get(projectId) as { seq: number; hash: string } | undefined) ?? null;
}

export type StopPoint<State> = { seq: number; hash: string; state: State };
type Kept = { stamp: string | null; point: StopPoint<unknown> };

const kept = new WeakMap<ReadDb, Map<string, Kept>>();

/**
 * The walk `walk` over the project's chain, begun now: `from` is where it may go on (null: from the
 * first event), `stop` keeps where it stopped for the next walk. `last` is where the last walk
 * stopped even when the watch cannot vouch for the events before it (another connection wrote, or
 * this one has no watch): a walk that can check those events another way may still go on from it.
 * A walk whose state does not carry what it found calls `stop` only when it found nothing wrong,
 * so that it starts again from the first event next time.
 */
export function beginWalk<State>(db: ReadDb, walk: string, projectId: string): { from: StopPoint<State> | null; last: StopPoint<State> | null; stop: (point: StopPoint<State>) => void } {
  const stamp = auditRowsStamp(db);
  const key = `${walk}\n${projectId}`;
  let byKey = kept.get(db);
  if (!byKey) kept.set(db, (byKey = new Map()));
  const last = byKey.get(key);
  byKey.delete(key);
  let from: StopPoint<State> | null = null;
  if (stamp !== null && last && last.stamp === stamp && storedHashAt(db, projectId, last.point.seq) === last.point.hash) {
    from = last.point as StopPoint<State>;
  }
  return {
    from,
    last: (last?.point ?? null) as StopPoint<State> | null,
    stop: (point) => {
      byKey.set(key, { stamp, point });
    },
  };
}
