// A digest of everything a database holds (every row of every table, in a fixed order), to prove
// that a refused operation changed nothing. Independent of WAL checkpoints and page layout.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export function fingerprint(db: Database.Database): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    hash.update(`\n#${table}\n`);
    const quoted = `"${table.replace(/"/g, '""')}"`;
    for (const row of db.prepare(`SELECT * FROM ${quoted} ORDER BY 1, 2`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? `blob:${createHash('sha256').update(v).digest('hex')}` : typeof v === 'bigint' ? `${v}n` : v)));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

/** Row counts per table, for messages that say what moved. */
export function rowCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number]));
}
