// Sync tests: a real PostgreSQL cluster, the sync server on a random loopback port, and laptops
// that are test workbenches on their own SQLite files, each with its own profile key.
import type { CoreContext } from '../../../electron/core/context';
import { openSyncStore, migrateSyncStore, type SyncStore } from '../../../electron/core/sync/server-store';
import { admitKey } from '../../../electron/core/sync/server-reads';
import { startSyncServer, type RunningSyncServer } from '../../../electron/host/sync-server';
import { signerFor } from '../../../electron/core/identity/signers';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres';

let cluster: TestPostgres | null = null;
let databases = 0;

/** One cluster per test file (initdb costs a second or two); each server gets its own database. */
export function sharedCluster(): TestPostgres {
  cluster ??= startTestPostgres();
  return cluster;
}

export function stopSharedCluster(): void {
  cluster?.stop();
  cluster = null;
}

export type TestServer = { store: SyncStore; server: RunningSyncServer; url: string; postgresUrl: string; close: () => Promise<void> };

/** A sync server on its own database of the shared cluster; controlFrameworks feeds the dashboard's readiness. */
export async function testSyncServer(options: { controlFrameworks?: (controlId: string) => readonly string[]; frameworkName?: (frameworkId: string) => string } = {}): Promise<TestServer> {
  const postgresUrl = await sharedCluster().createDatabase(`sync_${process.pid}_${++databases}`);
  const store = await openSyncStore(postgresUrl);
  await migrateSyncStore(store);
  const server = await startSyncServer({ store, port: 0, log: () => undefined, ...options });
  return {
    store, server, url: server.url, postgresUrl,
    close: async () => {
      await server.close();
      await store.end();
    },
  };
}

export function publicKeyOf(ctx: CoreContext): string {
  const signer = signerFor(ctx.db);
  if (!signer) throw new Error('the test workbench has no signer');
  return signer.publicKeyPem;
}

export async function admit(store: SyncStore, ctx: CoreContext): Promise<void> {
  await admitKey(store, publicKeyOf(ctx));
}

/** Every table of the server's database, row by row in a fixed order: equal before and after means unchanged. */
export async function serverTables(store: SyncStore): Promise<string> {
  const tables = (await store.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => r.tablename);
  const out: string[] = [];
  for (const t of tables) {
    const rows = (await store.query(`SELECT * FROM ${t.replace(/[^a-z_]/g, '')}`)).rows.map((r) => JSON.stringify(r)).sort();
    out.push(`${t}: ${rows.length}\n${rows.join('\n')}`);
  }
  return out.join('\n');
}
