// The contract's backup methods: backups of this database (daily, pre-migration, pre-restore),
// newest first; restore by name.
import { z } from 'zod';
import { method } from './contract-common';

export const BackupEntry = z.object({ name: z.string(), reason: z.string(), createdAt: z.string(), size: z.number().int() });
export type BackupEntry = z.infer<typeof BackupEntry>;

export const backupsContract = {
  listBackups: method(() => z.object({}), () => z.array(BackupEntry)),
  createBackup: method(() => z.object({}), () => BackupEntry),
  restoreBackup: method(
    () => z.object({ name: z.string().min(1, 'name the backup to restore').max(300) }),
    () => z.object({ restored: z.string(), safetyBackup: z.string().nullable() }),
  ),
} as const;
