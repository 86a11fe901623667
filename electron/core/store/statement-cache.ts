// Prepared statements kept per connection: core prepares the same SQL text on every call (the
// checklist, each control of a bulk change, each audit event), and preparing costs more than
// running the small queries it prepares. openDatabase installs this on every connection it returns.
import type Database from 'better-sqlite3';

/** A connection's distinct SQL texts are few; a cap keeps a text built per call from growing it without end. */
const MAX_CACHED = 1000;

/**
 * Makes `db.prepare` give back the statement it prepared before for the same text, reset to
 * plain row objects (a caller may have switched it to pluck or raw). A statement still running
 * (an open iterate) is never handed out twice: that call gets a fresh, uncached one.
 */
export function cacheStatements(db: Database.Database): void {
  const prepareFresh = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      if (cached.reader) cached.pluck(false).expand(false).raw(false);
      return cached;
    }
    const statement = prepareFresh(source);
    if (!cached) {
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  };
  db.prepare = prepare as Database.Database['prepare'];
}
