// Copies of the database made with SQLite's online backup API: before every migration of an
// existing database, once a day while it is in use, before a restore, and on request. A bounded
// number are kept per database, newest first. Names carry the database's file name, so two
// databases in one folder never mix their backups.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type Database from 'better-sqlite3';

export const BACKUPS_KEPT = 10;
/** A database in use gets a new backup when its newest one is older than this. */
export const DAILY_BACKUP_AGE_MS = 24 * 60 * 60 * 1000;
/** How often a long-running process (the desktop app, browser mode) looks whether one is due. */
export const DAILY_BACKUP_CHECK_MS = 60 * 60 * 1000;

export type BackupInfo = { file: string; name: string; reason: string; createdAt: string; size: number };

const NAME_PATTERN = /^(.+)-(\d{8}T\d{6}Z)-([a-z-]+)\.sqlite$/;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** The part of a backup's name that says which database it is a copy of: the file name without extension. */
export function backupStem(dbPath: string): string {
  const stem = basename(dbPath, extname(dbPath)).replace(/[^A-Za-z0-9._-]+/g, '_');
  return stem || 'workbench';
}

export function defaultBackupDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

function freeName(dir: string, stem: string, reason: string, now: Date): string {
  const taken = new Set(listBackups(dir).map((b) => b.name));
  for (let n = 0; ; n++) {
    const name = `${stem}-${stamp(new Date(now.getTime() + n * 1000))}-${reason}.sqlite`;
    if (!taken.has(name)) return name;
  }
}

function info(dir: string, name: string): BackupInfo | undefined {
  const match = NAME_PATTERN.exec(name);
  if (!match?.[2]) return undefined;
  const s = match[2];
  const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
  const file = join(dir, name);
  return { file, name, reason: match[3] ?? '', createdAt, size: statSync(file).size };
}

/**
 * Online backup: other connections keep reading and writing while it runs. It copies
 * `pagesPerStep` pages at a time and lets other work run in between (better-sqlite3's default,
 * 100 pages, when not given).
 */
export async function backupDatabase(db: Database.Database, dir: string, reason: string, now: Date, stem = 'workbench', pagesPerStep?: number): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  const name = freeName(dir, stem, reason, now);
  const file = join(dir, name);
  await db.backup(file, pagesPerStep === undefined ? undefined : { progress: () => pagesPerStep });
  pruneBackups(dir, BACKUPS_KEPT, stem);
  return info(dir, name) as BackupInfo;
}

/** The same, synchronously (VACUUM INTO): for a restore, which must not let other work in between. */
export function backupDatabaseSync(db: Database.Database, dir: string, reason: string, now: Date, stem = 'workbench'): BackupInfo {
  mkdirSync(dir, { recursive: true });
  const name = freeName(dir, stem, reason, now);
  db.prepare('VACUUM INTO ?').run(join(dir, name));
  pruneBackups(dir, BACKUPS_KEPT, stem);
  return info(dir, name) as BackupInfo;
}

/** A byte copy, for a database too damaged to open: its WAL goes along so nothing committed is lost. */
export function copyDatabaseFile(dbPath: string, dir: string, reason: string, now: Date, stem = backupStem(dbPath)): BackupInfo {
  mkdirSync(dir, { recursive: true });
  const name = freeName(dir, stem, reason, now);
  const file = join(dir, name);
  copyFileSync(dbPath, file);
  if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${file}-wal`);
  pruneBackups(dir, BACKUPS_KEPT, stem);
  return info(dir, name) as BackupInfo;
}

/**
 * The copy taken before migrating, while the database is being opened and nothing else of this
 * process uses it yet: in steps of 64 MiB (of 4 KiB pages) rather than 400 KiB, without waiting
 * for the event loop 250 times on a 100 MB database.
 */
export function backupBeforeMigration(db: Database.Database, dir: string, now: Date, stem = 'workbench'): Promise<BackupInfo> {
  return backupDatabase(db, dir, 'pre-migration', now, stem, 16_384);
}

/** Takes the daily backup when the newest backup of this database is older than a day (or there is none). */
export async function backupIfDue(db: Database.Database, dir: string, now: Date, stem = 'workbench', maxAgeMs = DAILY_BACKUP_AGE_MS): Promise<BackupInfo | null> {
  const newest = listBackups(dir, stem)[0];
  if (newest && now.getTime() - Date.parse(newest.createdAt) < maxAgeMs) return null;
  return backupDatabase(db, dir, 'daily', now, stem);
}

/** Newest first. With a stem, only the backups of that database. */
export function listBackups(dir: string, stem?: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => stem === undefined || NAME_PATTERN.exec(name)?.[1] === stem)
    .map((name) => info(dir, name))
    .filter((b): b is BackupInfo => b !== undefined)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

function pruneBackups(dir: string, keep: number, stem: string): void {
  for (const old of listBackups(dir, stem).slice(keep)) {
    rmSync(old.file, { force: true });
    rmSync(`${old.file}-wal`, { force: true });
  }
}
