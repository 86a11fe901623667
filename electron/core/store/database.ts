// Opens (or creates) the workbench database: refuses what it must not touch before writing a byte,
// backs up an existing database before migrating it, sets the pragmas every connection needs, and
// takes the daily backup when the newest one is more than a day old.
import { existsSync, mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { WorkbenchError } from '../errors';
import { applyMigrations, defaultMigrationsDir, pendingMigrations, readApplied, readMigrations } from './migrations';
import { cacheStatements } from './statement-cache';
import { backupBeforeMigration, backupIfDue, backupStem, defaultBackupDir } from './backup';
import { watchAuditRewrites } from './audit-watch';

export { defaultBackupDir } from './backup';

export type Db = Database.Database;

export type OpenOptions = {
  /** Create the file when it is missing (writing commands); reading commands refuse instead. */
  create?: boolean;
  migrationsDir?: string;
  /** Path of a better-sqlite3 `.node` built for the running ABI (Electron keeps its own). */
  nativeBinding?: string;
  /** Folder for automatic backups; defaults to `<db folder>/backups`. */
  backupDir?: string;
  readonly?: boolean;
  now?: () => Date;
  /** How long a write waits for another program's transaction before failing with DB_BUSY. */
  busyTimeoutMs?: number;
  /** Take the daily backup on open when it is due (default true; never for read-only opens). */
  dailyBackup?: boolean;
  /** Where a problem that does not stop the open (a daily backup that failed) is reported. */
  warn?: (message: string) => void;
  /** Called when a write has to wait for another program's transaction (before it waits). */
  onWait?: () => void;
};

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

const SQLITE_HEADER = 'SQLite format 3\0';

function looksLikeSqlite(file: string): boolean {
  if (statSync(file).size === 0) return true; // an empty file is a new database
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    return buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

function corrupt(file: string, cause?: unknown): WorkbenchError {
  const why = cause instanceof Error ? ` (${cause.message})` : '';
  return new WorkbenchError(
    'DB_CORRUPT',
    `${file} is not a Compliance Workbench database or is damaged${why}. Check the path, or restore it from a backup; nothing was changed.`,
  );
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Db> {
  const now = options.now ?? (() => new Date());
  const migrations = readMigrations(options.migrationsDir ?? defaultMigrationsDir());
  const driver = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const exists = existsSync(file);

  if (!exists && !options.create) {
    throw new WorkbenchError(
      'DB_MISSING',
      `No database at ${file}. Create a project first (cwb project create …), or point --db / CWB_DB at an existing database.`,
    );
  }

  let pending = migrations;
  if (exists) {
    if (!looksLikeSqlite(file)) throw corrupt(file);
    // Look before writing anything: a read-only connection decides whether we may open it.
    let probe: Db | undefined;
    try {
      probe = new Database(file, { readonly: true, fileMustExist: true, ...driver });
      pending = pendingMigrations(readApplied(probe), migrations, file);
    } catch (err) {
      if (err instanceof WorkbenchError) throw err;
      throw corrupt(file, err);
    } finally {
      probe?.close();
    }
    if (options.readonly && pending.length > 0) {
      throw new WorkbenchError('DB_NEWER', `The database ${file} needs an upgrade that a read-only open cannot do.`);
    }
  } else {
    mkdirSync(dirname(file), { recursive: true });
  }

  const backupDir = options.backupDir ?? defaultBackupDir(file);
  const db = new Database(file, { readonly: options.readonly ?? false, ...driver });
  try {
    const busyMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    if (!Number.isInteger(busyMs) || busyMs < 0) throw new WorkbenchError('INTERNAL', `busyTimeoutMs must be a whole number of milliseconds, not ${busyMs}.`);
    db.pragma(`busy_timeout = ${busyMs}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (pending.length > 0) {
      const hadSchema = readApplied(db).length > 0;
      if (hadSchema) await backupBeforeMigration(db, backupDir, now(), backupStem(file));
      applyMigrations(db, pending, now);
    }
  } catch (err) {
    db.close();
    if (err instanceof WorkbenchError) throw err;
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new WorkbenchError('DB_BUSY', `${file} is being upgraded or written by another program (the app or the cwb command line). Try again in a moment; nothing was changed.`);
    }
    throw corrupt(file, err);
  }
  watchAuditRewrites(db);
  cacheStatements(db);
  if (options.onWait) waitNotices.set(db, options.onWait);
  if (exists && !options.readonly && options.dailyBackup !== false) {
    try {
      await backupIfDue(db, backupDir, now(), backupStem(file));
    } catch (err) {
      // the database itself is fine: say so and go on, the next open or the timer tries again
      (options.warn ?? console.warn)(`The daily backup of ${file} into ${backupDir} failed (${err instanceof Error ? err.message : String(err)}); your data is unchanged.`);
    }
  }
  return db;
}

const waitNotices = new WeakMap<Db, () => void>();

/** Runs `work` in one IMMEDIATE transaction: every change is there whole or not at all. */
export function inTransaction<T>(db: Db, work: () => T): T {
  const transaction = db.transaction(work);
  const notice = waitNotices.get(db);
  if (!notice || db.inTransaction) return transaction.immediate();
  // Try once without waiting, so the person can be told before the busy timeout starts; a
  // refused BEGIN IMMEDIATE has run nothing, so trying again is safe.
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return transaction.immediate();
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  notice();
  return transaction.immediate();
}
