// Reads and writes typed apart: a read path (checklist, overview, report model) takes a ReadDb,
// which can prepare and read statements but has no run/exec/transaction/pragma, so it cannot
// change the database by accident. Write paths keep the full connection (WriteDb).
import type Database from 'better-sqlite3';
import type { CoreContext } from '../context';

export type WriteDb = Database.Database;

/** A prepared statement a read path may use: everything but `run`. */
export type ReadStatement<Params extends unknown[] = unknown[], Row = unknown> = Omit<Database.Statement<Params, Row>, 'run'>;

export type ReadDb = {
  prepare(source: string): ReadStatement;
  readonly open: boolean;
  readonly inTransaction: boolean;
};

/** What a read operation needs: the context with the database narrowed to reads. */
export type ReadContext = Omit<CoreContext, 'db'> & { db: ReadDb };

type Param = string | number | bigint | null | Buffer;

/**
 * The row a query returns, if any. `Row` is the caller's word for the columns its SQL selects:
 * SQLite does not check it, so the one unchecked step lives here rather than at every call.
 */
export function readOne<Row>(db: ReadDb, sql: string, ...params: Param[]): Row | undefined {
  // eslint-disable-next-line local/sql-text -- the rule checks `sql` where readOne is called
  return db.prepare(sql).get(...params) as Row | undefined;
}

/** Every row a query returns (see readOne on `Row`). */
export function readAll<Row>(db: ReadDb, sql: string, ...params: Param[]): Row[] {
  // eslint-disable-next-line local/sql-text -- the rule checks `sql` where readAll is called
  return db.prepare(sql).all(...params) as Row[];
}
