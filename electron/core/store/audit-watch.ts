// Verify walks a project's whole history after every change: on a long assessment (200,000
// events) that is the second or so a user waits for each report and each press of Verify. A walk
// may go on from where the last one stopped only if no event it already read can have changed
// since. This watch says whether that holds, per connection:
//
// - another connection's commit (this process or another: the cwb command line, a sqlite3 shell)
//   moves PRAGMA data_version;
// - this connection rewriting an event of its chain (audit_events) it may have read is counted by
//   TEMP triggers set when the connection opens: every UPDATE or DELETE of an audit event, and
//   every INSERT that lands at or behind the end of its project's chain (an append lands after
//   it, and is read by the walk going on). A REPLACE of the last event fires no delete trigger,
//   but changes the hash the walk stopped at, which the walk compares before going on.
//
// TEMP objects live only in this connection and are never written to the database file.
import type Database from 'better-sqlite3';

/**
 * The little of a connection the stamp reads, so any connection fits, the read-only view of
 * store/access.ts included (which this file cannot import: access.ts leads back to database.ts).
 */
type StampedDb = { readonly inTransaction: boolean; prepare(source: string): { pluck(): { get(): unknown } } };

/** Sets the watch on a freshly opened connection (after its migrations). Quietly absent where SQLite refuses it. */
export function watchAuditRewrites(db: Database.Database): void {
  try {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS audit_rewrites (n INTEGER NOT NULL)');
    db.exec('INSERT INTO temp.audit_rewrites (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.audit_rewrites)');
    const count = 'BEGIN UPDATE temp.audit_rewrites SET n = n + 1; END';
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS audit_events_rewritten AFTER UPDATE ON main.audit_events ${count}`);
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS audit_events_deleted AFTER DELETE ON main.audit_events ${count}`);
    db.exec(
      `CREATE TEMP TRIGGER IF NOT EXISTS audit_events_inserted_behind AFTER INSERT ON main.audit_events
         WHEN NEW.seq <= (SELECT max(seq) FROM main.audit_events WHERE project_id = NEW.project_id AND rowid <> NEW.rowid) ${count}`,
    );
  } catch {
    // a connection without the watch has no stamp: every walk reads the whole history
  }
}

/**
 * What must be unchanged for a walk over audit events to go on from where it stopped: null when
 * that cannot be known (no watch on this connection, or inside a transaction, whose rows may yet
 * be rolled back).
 */
export function auditRowsStamp(db: StampedDb): string | null {
  if (db.inTransaction) return null;
  try {
    const rewrites = db.prepare('SELECT n FROM temp.audit_rewrites').pluck().get() as number | undefined;
    if (rewrites === undefined) return null;
    return `${db.prepare('PRAGMA data_version').pluck().get() as number}:${rewrites}`;
  } catch {
    return null;
  }
}
