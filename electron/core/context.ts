// What every core operation needs: the database, the catalog, who acts and what time it is.
// Transports build one per process (or per request, for the actor) and never reach past it.
import type { Catalog } from '../../shared/catalog';
import type { Db } from './store/database';
import type { Registry } from '../../shared/records';

export type CoreContext = {
  db: Db;
  /** The catalog operations see: built-in frameworks and imported ones (frameworks/workbench-catalog.ts). */
  catalog: Catalog;
  /** The person making changes: the local profile's display name. */
  actor: () => string;
  now: () => Date;
  /** The audit session changes are tied to, if one is running. */
  sessionId?: () => string | null;
  /** The registry of audited records; shared/records.ts RECORDS unless a test brings its own. */
  records?: Registry;
};

export function today(ctx: Pick<CoreContext, 'now'>): string {
  return ctx.now().toISOString().slice(0, 10);
}
