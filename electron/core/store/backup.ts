// Copies of the database made with SQLite's online backup API: before every migration of an
// existing database, and on request. A bounded number are kept, newest first.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

export const BACKUPS_KEPT = 10;

export type BackupInfo = { file: string; name: string; reason: string; createdAt: string; size: number };

const NAME_PATTERN = /^workbench-(\d{8}T\d{6}Z)-([a-z-]+)\.sqlite$/;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export async function backupDatabase(db: Database.Database, dir: string, reason: string, now: Date): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  let name = `workbench-${stamp(now)}-${reason}.sqlite`;
  for (let n = 2; listBackups(dir).some((b) => b.name === name); n++) {
    name = `workbench-${stamp(new Date(now.getTime() + n * 1000))}-${reason}.sqlite`;
  }
  const file = join(dir, name);
  await db.backup(file);
  pruneBackups(dir, BACKUPS_KEPT);
  return { file, name, reason, createdAt: now.toISOString(), size: statSync(file).size };
}

export function backupBeforeMigration(db: Database.Database, dir: string, now: Date): Promise<BackupInfo> {
  return backupDatabase(db, dir, 'pre-migration', now);
}

export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => {
      const match = NAME_PATTERN.exec(name);
      if (!match?.[1]) return undefined;
      const s = match[1];
      const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
      const file = join(dir, name);
      return { file, name, reason: match[2] ?? '', createdAt, size: statSync(file).size };
    })
    .filter((b): b is BackupInfo => b !== undefined)
    .sort((a, b) => b.name.localeCompare(a.name));
}

function pruneBackups(dir: string, keep: number): void {
  for (const old of listBackups(dir).slice(keep)) rmSync(old.file, { force: true });
}
