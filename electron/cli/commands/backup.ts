// cwb backup list | create | restore
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { backupsOf, restoreFromBackup } from '../../core/handlers/backup';
import { WorkbenchError } from '../../core/errors';
import { backupDatabase, backupStem, defaultBackupDir } from '../../core/store/backup';
import { openDatabase } from '../../core/store/database';
import { databasePath, printJson, printTable, type CliIo } from '../runtime';

function kib(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} KiB`;
}

export function backupCommand(io: CliIo): Command {
  const backup = new Command('backup').description('backups of the database: list them, take one, restore one');

  backup
    .command('list')
    .description('the backups of the database, newest first (kept: the last 10)')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const db = databasePath(cmd);
      const backups = backupsOf(db);
      if (opts.json) return printJson(io, backups);
      if (backups.length === 0) {
        io.out(`No backups of ${db} yet (they are kept in ${defaultBackupDir(db)}).\n`);
        return;
      }
      printTable(io, ['NAME', 'REASON', 'CREATED', 'SIZE'], backups.map((b) => [b.name, b.reason, b.createdAt, kib(b.size)]));
    });

  backup
    .command('create')
    .description('take a backup now')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const file = databasePath(cmd);
      const db = await openDatabase(file, { dailyBackup: false });
      try {
        const made = await backupDatabase(db, defaultBackupDir(file), 'manual', new Date(), backupStem(file));
        if (opts.json) printJson(io, made);
        else io.out(`Backed up ${file} to ${made.file} (${kib(made.size)}).\n`);
      } finally {
        db.close();
      }
    });

  backup
    .command('restore')
    .description('put a backup in place of the database; the database as it was is kept as a backup first')
    .argument('<backup>', 'a name from `cwb backup list`, or the path of a backup file')
    .option('--json', 'print JSON')
    .action(async (which: string, opts: { json?: boolean }, cmd: Command) => {
      const db = databasePath(cmd);
      const listed = backupsOf(db).find((b) => b.name === which);
      const file = listed?.file ?? (existsSync(which) ? resolve(which) : undefined);
      if (!file) throw new WorkbenchError('NOT_FOUND', `No backup named "${which}" for ${db}, and no such file. List the backups with \`cwb backup list\`.`);
      // the same restore the app's restoreBackup method runs; it migrates an older backup right here
      const done = await restoreFromBackup(db, file, { dailyBackup: false });
      if (opts.json) return printJson(io, { restored: done.restored.name, database: db, safetyBackup: done.safetyBackup?.name ?? null });
      io.out(`Restored ${done.restored.name} into ${db}.\n`);
      if (done.safetyBackup) {
        io.out(`The database as it was is kept as ${done.safetyBackup.name}; \`cwb backup restore ${done.safetyBackup.name}\` puts it back.\n`);
      }
    });

  return backup;
}
