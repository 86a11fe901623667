// The contract's backup methods: list this database's backups and put one back in its place. The
// one restore (restoreFromBackup) is also what `cwb backup restore` carries: it writes the backup
// into the live database, opens it again (migrating an older backup on the way) and hands the
// running workbench the new connection, so every transport keeps working with the restored data.
import type { CoreContext } from '../context';
import type { Handlers } from '../../../shared/handlers';
import type { HandlerEnv } from './env';
import { notFound, WorkbenchError } from '../errors';
import { loadBuiltinCatalog } from '../catalog/builtin';
import { workbenchCatalog } from '../frameworks/workbench-catalog';
import { readProfile } from '../profile';
import { backupDatabase, backupStem, defaultBackupDir, listBackups, type BackupInfo } from '../store/backup';
import { openDatabase, type OpenOptions } from '../store/database';
import { restoreBackup as restoreDatabase, type RestoreResult } from '../store/restore';
import { upgradeAllProjects } from '../projects/catalog-upgrade';

export type BackupMethod = 'listBackups' | 'createBackup' | 'restoreBackup';

export function backupsOf(databasePath: string, backupDir?: string): BackupInfo[] {
  return listBackups(backupDir ?? defaultBackupDir(databasePath), backupStem(databasePath));
}

/**
 * Restores `backupFile` into the database at `databasePath`. With `running`, the workbench that
 * has the database open gets the restored (and migrated) connection; without, the database is
 * opened once to migrate it and closed (the command line, which may start from a database too
 * damaged to open). A refused backup changes nothing, and `running` keeps its connection.
 */
export async function restoreFromBackup(databasePath: string, backupFile: string, options: OpenOptions, running?: CoreContext): Promise<RestoreResult> {
  if (options.readonly) throw new WorkbenchError('FORBIDDEN', 'This workbench was opened read-only; a backup cannot be restored from it.');
  const now = running?.now ?? options.now;
  const done = await restoreDatabase(databasePath, backupFile, { ...options, ...(now ? { now } : {}) });
  const db = await openDatabase(databasePath, { ...options, create: false, dailyBackup: false });
  if (running) {
    const previous = running.db;
    running.db = db;
    previous.close();
    upgradeAllProjects(running);
    return done;
  }
  try {
    const base = loadBuiltinCatalog();
    upgradeAllProjects({ db, get catalog() { return workbenchCatalog(db, base); }, actor: () => readProfile(db).name, now: now ?? (() => new Date()) });
  } finally {
    db.close();
  }
  return done;
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
      const done = await restoreFromBackup(env.databasePath, backup.file, options, ctx);
      return { restored: done.restored.name, safetyBackup: done.safetyBackup?.name ?? null };
    },
  };
}
