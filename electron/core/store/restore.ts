// Putting a backup back in place of the database. The backup is checked first (a copy of it, so
// what is checked is what is installed), then written into the live database under SQLite's own
// locking, after a safety backup taken under the same lock: no write another program reported
// saved can fall between the two.
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { WorkbenchError } from '../errors';
import { backupDatabaseSync, backupStem, copyDatabaseFile, defaultBackupDir, type BackupInfo } from './backup';
import { DEFAULT_BUSY_TIMEOUT_MS } from './database';
import { defaultMigrationsDir, pendingMigrations, readApplied, readMigrations } from './migrations';

export type RestoreOptions = {
  migrationsDir?: string;
  backupDir?: string;
  nativeBinding?: string;
  now?: () => Date;
  /** How long to wait for another program to finish a write before giving up. */
  busyTimeoutMs?: number;
};

export type RestoreResult = {
  /** The backup that is now the database. */
  restored: { file: string; name: string; schemaVersion: number };
  /** The database as it was just before, kept as a backup (null when there was none). */
  safetyBackup: BackupInfo | null;
};

function removeSidecars(file: string): void {
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  rmSync(`${file}-journal`, { force: true });
}

function isSqliteFile(file: string): boolean {
  if (statSync(file).size < 100) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Checks the copy about to be installed; leaves it as one self-contained file (no WAL). */
function verifyCopy(copy: string, shownName: string, options: RestoreOptions): number {
  const damaged = (why: string) =>
    new WorkbenchError('DB_CORRUPT', `The backup ${shownName} cannot be restored: ${why}. Choose another backup (cwb backup list); nothing was changed.`);
  if (!isSqliteFile(copy)) throw damaged('it is not a SQLite database');
  let db: Database.Database | undefined;
  try {
    db = new Database(copy, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    const problems = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const first = problems[0]?.integrity_check;
    if (first !== 'ok') throw damaged(`the integrity check reports "${first ?? 'nothing'}"${problems.length > 1 ? ` and ${problems.length - 1} more problem(s)` : ''}`);
    const applied = readApplied(db);
    if (applied.length === 0) throw damaged('it is not a Compliance Workbench database (it has no schema)');
    // a backup from a newer version, or one whose applied migrations differ from ours, is refused
    pendingMigrations(applied, readMigrations(options.migrationsDir ?? defaultMigrationsDir()), shownName);
    db.pragma('journal_mode = DELETE');
    return applied.at(-1)?.version ?? 0;
  } catch (err) {
    if (err instanceof WorkbenchError) throw err;
    throw damaged((err as Error).message);
  } finally {
    db?.close();
  }
}

/** A database too damaged to open has no other program writing to it: its bytes are kept and the file replaced. */
function replaceDamaged(dbPath: string, prepared: PreparedRestore, backupDir: string, now: Date): BackupInfo {
  const safetyBackup = copyDatabaseFile(dbPath, backupDir, 'pre-restore', now, backupStem(dbPath));
  removeSidecars(dbPath);
  renameSync(prepared.temp, dbPath);
  return safetyBackup;
}

const busyRestore = (dbPath: string) =>
  new WorkbenchError(
    'DB_BUSY',
    `${dbPath} is being written by another program (the desktop app, browser mode or a cwb command) and did not finish in time. Try the restore again in a moment; nothing was changed.`,
  );

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/**
 * Writes the verified copy into the live database through SQLite's online backup API, so other
 * programs keep their connections and SQLite's locking orders every write against the restore:
 * the backup holds the database's write lock from its first step to its commit, and the safety
 * backup is read under that lock. A write committed before the lock is in the safety backup; a
 * write that comes later waits (or gets DB_BUSY) and lands in the restored database.
 */
async function writeIntoLiveDatabase(live: Database.Database, dbPath: string, prepared: PreparedRestore, backupDir: string, now: Date, options: RestoreOptions): Promise<BackupInfo> {
  const source = new Database(prepared.temp, { readonly: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  const deadline = Date.now() + (options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  try {
    for (;;) {
      let safetyBackup: BackupInfo | undefined;
      const progress = await source.backup(dbPath, {
        progress: () => {
          // the first step (0 pages) has taken the write lock and written nothing: read the
          // database as it is now, with no other writer able to commit in between
          safetyBackup = backupDatabaseSync(live, backupDir, 'pre-restore', now, backupStem(dbPath));
          return 0x7fffffff;
        },
      });
      if (safetyBackup) return safetyBackup;
      // no page counted means the first step found the database locked by a writer: nothing was
      // written, so wait a little and start again, up to the busy timeout
      if (progress.totalPages === 0 && Date.now() < deadline) {
        await sleep(10);
        continue;
      }
      if (progress.totalPages === 0) throw busyRestore(dbPath);
      throw new WorkbenchError('INTERNAL', `The restore into ${dbPath} finished without taking a safety backup; the database may hold the restored data.`);
    }
  } finally {
    source.close();
  }
}

/** Opens the live database for the restore, or says why it cannot be (null: too damaged to open). */
function openLive(dbPath: string, options: RestoreOptions): Database.Database | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    // WAL lets the safety backup read while the restore holds the write lock; the app's
    // databases are always in WAL already
    db.pragma('journal_mode = WAL');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    db?.close();
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw busyRestore(dbPath);
    return null;
  }
}

/** The backup API copies pages: a WAL database takes only pages of its own size. */
function matchPageSize(prepared: PreparedRestore, pageSize: number, options: RestoreOptions): void {
  const db = new Database(prepared.temp, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    if (db.pragma('page_size', { simple: true }) === pageSize) return;
    db.pragma(`page_size = ${pageSize}`);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

export type PreparedRestore = {
  /** The verified copy of the backup, beside the database, waiting to be written into it. */
  temp: string;
  backupFile: string;
  schemaVersion: number;
  discard: () => void;
};

/**
 * First half of a restore, safe while the database is in use: copies the backup beside the
 * database and checks the copy. Nothing of the database is touched.
 */
export function prepareRestore(dbPath: string, backupFile: string, options: RestoreOptions = {}): PreparedRestore {
  if (!existsSync(backupFile)) {
    throw new WorkbenchError('NOT_FOUND', `No backup at ${backupFile}. List the backups with \`cwb backup list\`.`);
  }
  mkdirSync(dirname(dbPath), { recursive: true });
  const temp = join(dirname(dbPath), `.${basename(dbPath)}.restore-${process.pid}-${randomBytes(4).toString('hex')}`);
  const discard = () => {
    rmSync(temp, { force: true });
    removeSidecars(temp);
  };
  try {
    copyFileSync(backupFile, temp);
    if (existsSync(`${backupFile}-wal`)) copyFileSync(`${backupFile}-wal`, `${temp}-wal`);
    const schemaVersion = verifyCopy(temp, basename(backupFile), options);
    removeSidecars(temp);
    syncFile(temp);
    return { temp, backupFile, schemaVersion, discard };
  } catch (err) {
    discard();
    throw err;
  }
}

/**
 * Second half: puts the verified copy in place of the database, after a safety backup of the
 * database as it is. Other programs (and this one) may keep the database open: they wait for the
 * restore, or get DB_BUSY, and then see the restored data.
 */
export async function completeRestore(dbPath: string, prepared: PreparedRestore, options: RestoreOptions = {}): Promise<RestoreResult> {
  const now = (options.now ?? (() => new Date()))();
  const backupDir = options.backupDir ?? defaultBackupDir(dbPath);
  const restored = { file: prepared.backupFile, name: basename(prepared.backupFile), schemaVersion: prepared.schemaVersion };
  try {
    if (!existsSync(dbPath)) {
      renameSync(prepared.temp, dbPath);
      return { restored, safetyBackup: null };
    }
    const live = openLive(dbPath, options);
    if (!live) return { restored, safetyBackup: replaceDamaged(dbPath, prepared, backupDir, now) };
    try {
      matchPageSize(prepared, live.pragma('page_size', { simple: true }) as number, options);
      return { restored, safetyBackup: await writeIntoLiveDatabase(live, dbPath, prepared, backupDir, now, options) };
    } finally {
      live.close();
    }
  } finally {
    prepared.discard();
  }
}

/** Replaces the contents of the database at `dbPath` with `backupFile`: both halves. */
export async function restoreBackup(dbPath: string, backupFile: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  return completeRestore(dbPath, prepareRestore(dbPath, backupFile, options), options);
}
