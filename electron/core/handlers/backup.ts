// The contract's backup methods: list this database's backups and put one back in its place. A
// restore closes the workbench's connection, replaces the file and opens it again (migrating an
// older backup on the way), so every transport keeps working with the restored data.
import type { CoreContext } from '../context';
import type { Handlers } from '../../../shared/handlers';
import type { HandlerEnv } from './env';
import { notFound, WorkbenchError } from '../errors';
import { backupDatabase, backupStem, defaultBackupDir, listBackups, type BackupInfo } from '../store/backup';
import { openDatabase } from '../store/database';
import { completeRestore, prepareRestore } from '../store/restore';
import { upgradeAllProjects } from '../projects/catalog-upgrade';

export type BackupMethod = 'listBackups' | 'createBackup' | 'restoreBackup';

export function backupsOf(databasePath: string, backupDir?: string): BackupInfo[] {
  return listBackups(backupDir ?? defaultBackupDir(databasePath), backupStem(databasePath));
}

export function backupHandlers(ctx: CoreContext, env: HandlerEnv): Pick<Handlers, BackupMethod> {
  const options = env.openOptions ?? {};
  return {
    listBackups: () =>
      backupsOf(env.databasePath, options.backupDir).map(({ name, reason, createdAt, size }) => ({ name, reason, createdAt, size })),
    createBackup: async () => {
      const b = await backupDatabase(ctx.db, options.backupDir ?? defaultBackupDir(env.databasePath), 'manual', ctx.now(), backupStem(env.databasePath));
      return { name: b.name, reason: b.reason, createdAt: b.createdAt, size: b.size };
    },
    restoreBackup: async ({ name }) => {
      if (options.readonly) throw new WorkbenchError('FORBIDDEN', 'This workbench was opened read-only; a backup cannot be restored from it.');
      // only a backup of this database, by name: a caller cannot point the restore at any file
      const backup = backupsOf(env.databasePath, options.backupDir).find((b) => b.name === name);
      if (!backup) throw notFound('backup', name, 'List the backups of this database with listBackups (or `cwb backup list`).');
      const restoreOptions = { ...options, now: ctx.now };
      // a damaged or too new backup is refused here, while the database stays open and untouched
      const prepared = prepareRestore(env.databasePath, backup.file, restoreOptions);
      ctx.db.close();
      try {
        const done = completeRestore(env.databasePath, prepared, restoreOptions);
        return { restored: done.restored.name, safetyBackup: done.safetyBackup?.name ?? null };
      } finally {
        // the restored database, or the untouched one when the restore was refused
        ctx.db = await openDatabase(env.databasePath, { ...options, create: false, dailyBackup: false });
        upgradeAllProjects(ctx);
      }
    },
  };
}
