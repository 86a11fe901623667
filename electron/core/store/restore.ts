// Putting a backup back in place of the database. The backup is checked first (a copy of it, so
// what is checked is what is installed), the database as it is gets a backup of its own, and the
// file is replaced by a rename: at every moment there is either the old database or the new one.
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { WorkbenchError } from '../errors';
import { backupDatabaseSync, backupStem, copyDatabaseFile, defaultBackupDir, type BackupInfo } from './backup';
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

/**
 * Takes a safety backup of the current database and proves no other program has it open: leaving
 * WAL mode needs every other connection gone. A database too damaged to open is copied byte for byte.
 */
function setCurrentAside(dbPath: string, backupDir: string, now: Date, options: RestoreOptions): BackupInfo | null {
  if (!existsSync(dbPath)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 2000}`);
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    db?.close();
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new WorkbenchError(
        'DB_BUSY',
        `${dbPath} is open in another program (the desktop app, browser mode or a cwb command). Close it, then restore again; nothing was changed.`,
      );
    }
    // unreadable: keep its bytes as they are
    return copyDatabaseFile(dbPath, backupDir, 'pre-restore', now, backupStem(dbPath));
  }
  try {
    return backupDatabaseSync(db, backupDir, 'pre-restore', now, backupStem(dbPath));
  } catch {
    db.close();
    db = undefined;
    return copyDatabaseFile(dbPath, backupDir, 'pre-restore', now, backupStem(dbPath));
  } finally {
    db?.close();
  }
}

export type PreparedRestore = {
  /** The verified copy of the backup, beside the database, waiting to be renamed into place. */
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
 * Second half: every connection this process has to the database must be closed first; another
 * program holding it open makes this fail with DB_BUSY, and then nothing is changed.
 */
export function completeRestore(dbPath: string, prepared: PreparedRestore, options: RestoreOptions = {}): RestoreResult {
  const now = (options.now ?? (() => new Date()))();
  try {
    const safetyBackup = setCurrentAside(dbPath, options.backupDir ?? defaultBackupDir(dbPath), now, options);
    removeSidecars(dbPath);
    renameSync(prepared.temp, dbPath);
    return { restored: { file: prepared.backupFile, name: basename(prepared.backupFile), schemaVersion: prepared.schemaVersion }, safetyBackup };
  } finally {
    prepared.discard();
  }
}

/** Replaces the database at `dbPath` with `backupFile`: both halves, for a process without a connection open. */
export function restoreBackup(dbPath: string, backupFile: string, options: RestoreOptions = {}): RestoreResult {
  return completeRestore(dbPath, prepareRestore(dbPath, backupFile, options), options);
}
