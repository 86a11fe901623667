// Opens a workbench: the database, the built-in catalog, the context every operation uses, and
// the contract handlers. Electron main, the HTTP host and the CLI all start here.
import type { Catalog } from '../../shared/catalog';
import { loadBuiltinCatalog } from './catalog/load';
import type { CoreContext } from './context';
import { createHandlers, type HandlerEnv, type Handlers } from './handlers';
import { readProfile } from './profile';
import { upgradeAllProjects } from './projects/catalog-upgrade';
import { openDatabase, type OpenOptions } from './store/database';

export type Workbench = { ctx: CoreContext; handlers: Handlers; close: () => void };

export type WorkbenchOptions = OpenOptions & {
  transport?: HandlerEnv['transport'];
  catalog?: Catalog;
  now?: () => Date;
  actor?: string;
};

export async function openWorkbench(dbPath: string, options: WorkbenchOptions = {}): Promise<Workbench> {
  const db = await openDatabase(dbPath, options);
  const ctx: CoreContext = {
    db,
    catalog: options.catalog ?? loadBuiltinCatalog(),
    actor: () => options.actor ?? readProfile(db).name,
    now: options.now ?? (() => new Date()),
  };
  if (!options.readonly) upgradeAllProjects(ctx);
  return {
    ctx,
    handlers: createHandlers(ctx, { transport: options.transport ?? 'http', databasePath: dbPath }),
    close: () => db.close(),
  };
}
