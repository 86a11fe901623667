// Reads over a whole history (audit verify, readiness over time) take seconds on a large project
// and are asked again with nothing changed in between: a report exported in three formats, the
// Verify button pressed twice. This keeps such a result until the database changes: through this
// connection (total_changes() moves with every row written, even in a transaction rolled back) or
// through any other connection, in this process or another (PRAGMA data_version moves on every
// commit made elsewhere). The same test keeps the workbench catalog (frameworks/workbench-catalog.ts).
import type { ReadDb } from './access';

type Entry = { stamp: string; catalog: unknown; value: unknown };

const memos = new WeakMap<ReadDb, Map<string, Entry>>();

/** What identifies the database's state as this connection sees it. */
function stateStamp(db: ReadDb): string {
  const dataVersion = db.prepare('PRAGMA data_version').pluck().get() as number;
  const ownChanges = db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${dataVersion}:${ownChanges}`;
}

/**
 * `compute()`'s result for `key`, computed again only when the database changed since, or when
 * `catalog` is another object (an imported framework moved the catalog). The value is shared by
 * every caller: treat it as read-only.
 */
export function memoUntilChanged<T>(db: ReadDb, key: string, catalog: unknown, compute: () => T): T {
  // inside a transaction this connection may be looking at its own uncommitted rows: never kept
  if (db.inTransaction) return compute();
  let byKey = memos.get(db);
  if (!byKey) {
    byKey = new Map();
    memos.set(db, byKey);
  }
  const stamp = stateStamp(db);
  const hit = byKey.get(key);
  if (hit && hit.stamp === stamp && hit.catalog === catalog) return hit.value as T;
  const value = compute();
  byKey.set(key, { stamp, catalog, value });
  return value;
}
