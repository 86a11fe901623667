// Opens a workbench: the database, the built-in catalog, the context every operation uses, and
// the contract handlers. Electron main, the HTTP host and the CLI all start here.
import type { Catalog } from '../../shared/catalog';
import { loadBuiltinCatalog } from './catalog/builtin';
import { workbenchCatalog } from './frameworks/workbench-catalog';
import type { CoreContext } from './context';
import { createHandlers, type HandlerEnv, type Handlers } from './handlers';
import { readProfile } from './profile';
import { upgradeAllProjects } from './projects/catalog-upgrade';
import { openDatabase, type OpenOptions } from './store/database';
import { legacyKeyId, migrateLegacyKey, openKeyring, type KeyWrapping } from './identity/key-file';
import { legacyKeyOwner, setKeyring } from './identity/signers';
import { backupIfDue, backupStem, DAILY_BACKUP_CHECK_MS, defaultBackupDir } from './store/backup';

export type Workbench = { ctx: CoreContext; handlers: Handlers; close: () => void; databasePath: string; backupDir: string };

export type WorkbenchOptions = OpenOptions & {
  transport?: HandlerEnv['transport'];
  catalog?: Catalog;
  now?: () => Date;
  actor?: string;
  /** How the profile's private key is protected at rest (Electron safeStorage, a passphrase); none by default. */
  keyWrapping?: KeyWrapping;
};

export async function openWorkbench(dbPath: string, options: WorkbenchOptions = {}): Promise<Workbench> {
  const db = await openDatabase(dbPath, options);
  // ctx.db, not db: a restore swaps the connection
  const acting = () => options.actor ?? readProfile(ctx.db).name;
  const actingAtOpen = options.actor ?? readProfile(db).name;
  // each profile's own key: every audit event written through this database is signed with the key of its actor
  const legacyId = legacyKeyId(dbPath);
  const legacyOwner = legacyId ? legacyKeyOwner(db, legacyId, actingAtOpen) : undefined;
  if (legacyOwner !== undefined && !options.readonly) migrateLegacyKey(dbPath, legacyOwner);
  const keyring = openKeyring(dbPath, { wrapping: options.keyWrapping, create: !options.readonly, legacyOwner });
  // a profile's key is made when it first signs (or shows its key), not when the database opens
  setKeyring(db, keyring, acting);
  const base = options.catalog ?? loadBuiltinCatalog();
  const ctx: CoreContext = {
    db,
    // the built-in catalog with the imported frameworks and their mappings (rebuilt when those change)
    get catalog() { return workbenchCatalog(ctx.db, base); },
    actor: acting,
    now: options.now ?? (() => new Date()),
  };
  if (!options.readonly) upgradeAllProjects(ctx);
  const { transport, catalog: _catalog, actor: _actor, keyWrapping: _keyWrapping, ...openOptions } = options;
  return {
    ctx,
    handlers: createHandlers(ctx, { transport: transport ?? 'http', databasePath: dbPath, openOptions }),
    close: () => ctx.db.close(),
    databasePath: dbPath,
    backupDir: options.backupDir ?? defaultBackupDir(dbPath),
  };
}

/**
 * For processes that stay up for days (the desktop app, browser mode): looks every hour whether
 * the daily backup is due and takes it. Returns the function that stops it. The timer never keeps
 * the process alive on its own.
 */
export function keepDailyBackups(wb: Workbench, log: (err: unknown) => void, everyMs = DAILY_BACKUP_CHECK_MS): () => void {
  let running = false;
  const tick = async () => {
    if (running || !wb.ctx.db.open) return;
    running = true;
    try {
      await backupIfDue(wb.ctx.db, wb.backupDir, wb.ctx.now(), backupStem(wb.databasePath));
    } catch (err) {
      log(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
