// Importing a bundle. The whole bundle is checked first (read.ts); then, in one transaction,
// either the project is created here as the sender has it, or the sender's copy is merged into
// this one: their events are kept beside the local chain, rows are combined, fields merged, and
// a merge event on the local chain covers the sender's head hash.
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { verifyAuditChain } from '../audit/chain';
import { requireRole } from '../members/permissions';
import { appendChange } from '../audit/changes';
import { upgradeProjectToCatalog } from '../projects/catalog-upgrade';
import type { BundleImportResult } from '../../../shared/team';
import { bundleInvalid } from './errors';
import { invalidInput } from '../errors';
import { isBuiltinFramework } from '../../../shared/domain';
import { TABLE_NAMES, type BundleData, type EventRecord, type VerifiedBundle } from './format';
import { History, MERGE_ACTION } from './history';
import { insertBlobs, insertRow, mergeRows } from './merge-rows';
import { mergeFields } from './merge-fields';
import { readBundle } from './read';
import { idents, placeholders } from '../store/sql';
import { recordsOf } from './fields';
import { bindMemberKeys, trustForCreate, trustForMerge, type SignerTrust } from './trust';

const EVENT_COLUMNS = ['seq', 'at', 'actor', 'session_id', 'entity', 'entity_id', 'action', 'before_json', 'after_json', 'prev_hash', 'hash', 'key_id', 'signature'] as const;
/** Events that change nothing by themselves: receiving only these needs no merge event. */
const NO_EFFECT = new Set([MERGE_ACTION, 'bundle.import']);

function eventValues(e: EventRecord): Array<string | number | null> {
  return EVENT_COLUMNS.map((c) => e[c]);
}

function storeImported(ctx: CoreContext, projectId: string, events: EventRecord[], at: string): void {
  const put = ctx.db.prepare(
    `INSERT OR IGNORE INTO audit_events_imported (project_id, ${idents(EVENT_COLUMNS)}, imported_at) VALUES (?, ${placeholders(EVENT_COLUMNS.length)}, ?)`,
  );
  for (const e of events) put.run(projectId, ...eventValues(e), at);
}

export function localEvents(ctx: CoreContext, projectId: string): { chain: EventRecord[]; imported: EventRecord[] } {
  return {
    chain: ctx.db.prepare(`SELECT ${idents(EVENT_COLUMNS)} FROM audit_events WHERE project_id = ? ORDER BY seq`).all(projectId) as EventRecord[],
    imported: ctx.db.prepare(`SELECT ${idents(EVENT_COLUMNS)} FROM audit_events_imported WHERE project_id = ?`).all(projectId) as EventRecord[],
  };
}

function summary(data: BundleData, trust: SignerTrust, outcome: BundleImportResult['outcome'], counts: Partial<BundleImportResult> = {}): BundleImportResult {
  return {
    signedBy: { fingerprint: trust.fingerprint, memberKey: trust.memberKey, firstUse: trust.firstUse },
    projectId: data.project.id, projectName: data.project.name, outcome, eventsReceived: 0, fieldsChanged: 0, rowsAdded: 0, conflicts: [],
    exportedBy: data.exportedBy.email ? `${data.exportedBy.name} <${data.exportedBy.email}>` : data.exportedBy.name,
    exportedAt: data.exportedAt, ...counts,
  };
}

function createFromBundle(ctx: CoreContext, { data, blobs, signer }: VerifiedBundle): BundleImportResult {
  const p = data.project;
  const trust = trustForCreate(data, signer);
  const at = ctx.now().toISOString();
  return inTransaction(ctx.db, () => {
    ctx.db
      .prepare('INSERT INTO projects (id, name, description, catalog_version, created_at, created_by, updated_at, archived_at, walkthrough_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(p.id, p.name, p.description, p.catalog_version, p.created_at, p.created_by, p.updated_at, p.archived_at, p.walkthrough_at);
    const addFramework = ctx.db.prepare('INSERT INTO project_frameworks (project_id, framework_id, framework_version) VALUES (?, ?, ?)');
    const known = new Map(ctx.catalog.frameworks.map((f) => [f.id, f.version]));
    for (const f of p.frameworks) {
      if (!known.has(f)) throw invalidInput(`The bundle's project has framework "${f}" in scope, which this workbench has not imported: import that framework first (\`cwb framework import\`). Nothing was changed.`);
      addFramework.run(p.id, f, isBuiltinFramework(f) ? null : (known.get(f) ?? null));
    }
    insertBlobs(ctx, blobs);
    let rows = 0;
    for (const table of TABLE_NAMES) {
      for (const row of data.tables[table]) {
        insertRow(ctx, p.id, table, row as never);
        rows++;
      }
    }
    // the sender's chain becomes this copy's chain, byte for byte, so it verifies here too
    const put = ctx.db.prepare(`INSERT INTO audit_events (project_id, ${idents(EVENT_COLUMNS)}) VALUES (?, ${placeholders(EVENT_COLUMNS.length)})`);
    for (const e of data.audit.chain) put.run(p.id, ...eventValues(e));
    storeImported(ctx, p.id, data.audit.imported, at);
    bindMemberKeys(ctx, p.id, data, signer, trust);
    const received = data.audit.chain.length + data.audit.imported.length;
    appendChange(ctx, {
      projectId: p.id, at, sessionId: null, entity: 'project', entityId: p.id, action: 'bundle.import', before: null,
      after: { remoteHead: data.audit.chain.at(-1)!.hash, exportedBy: data.exportedBy, exportedAt: data.exportedAt, events: received },
    });
    if (p.catalog_version !== ctx.catalog.version) upgradeProjectToCatalog(ctx, p.id);
    return summary(data, trust, 'created', { eventsReceived: received, rowsAdded: rows });
  });
}

/** A merge adds to this copy's chain: it must verify first. */
export function requireIntactChain(ctx: CoreContext, projectId: string): void {
  const check = verifyAuditChain(ctx.db, projectId);
  if (!check.ok) {
    throw bundleInvalid(`this copy's own audit chain is broken at event ${check.firstBroken?.seq} (${check.firstBroken?.problem}); restore the database from a backup before merging`);
  }
}

export type MergeOptions = {
  /**
   * The caller verified this copy's chain inside the same transaction (a sync pull merges many
   * copies in one transaction and checks the chain once, before the first).
   */
  localChainChecked?: boolean;
};

function mergeBundle(ctx: CoreContext, { data, blobs, signer }: VerifiedBundle, options: MergeOptions): BundleImportResult {
  const projectId = data.project.id;
  const at = ctx.now().toISOString();
  return inTransaction(ctx.db, () => {
    const local = localEvents(ctx, projectId);
    if (local.chain[0]?.hash !== data.audit.chain[0]!.hash) {
      throw bundleInvalid(`it holds a different project that has the same id ${projectId} as one here (their first audit events differ)`);
    }
    if (!options.localChainChecked) requireIntactChain(ctx, projectId);
    const trust = trustForMerge(ctx, projectId, signer);
    const known = new Set([...local.chain, ...local.imported].map((e) => e.hash));
    const received = [...data.audit.chain, ...data.audit.imported].filter((e) => !known.has(e.hash) && (known.add(e.hash), true));
    if (received.length === 0) return summary(data, trust, 'up_to_date');

    storeImported(ctx, projectId, received, at);
    const all = [...local.chain, ...local.imported, ...received];
    const missing = History.missingLinks(all);
    if (missing.length) throw bundleInvalid(`its audit history does not connect to this copy's: ${missing[0]}`);
    const rowsAdded = mergeRows(ctx, projectId, data, blobs);
    bindMemberKeys(ctx, projectId, data, signer, trust);
    const fields = mergeFields(ctx, projectId, new History(all), received);
    const changed = received.some((e) => !NO_EFFECT.has(e.action));
    if (changed) {
      ctx.db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(at, projectId);
      const head = data.audit.chain.at(-1)!;
      appendChange(ctx, {
        projectId, at, sessionId: null, entity: 'project', entityId: projectId, action: MERGE_ACTION, before: null,
        after: {
          remoteHead: head.hash, remoteSeq: head.seq, exportedBy: data.exportedBy, exportedAt: data.exportedAt,
          eventsReceived: received.length, fieldsChanged: fields.fieldsChanged, rowsAdded, conflicts: fields.conflicts,
        },
      });
    }
    // only other copies' merge records came: kept, but there was nothing to merge
    return summary(data, trust, changed ? 'merged' : 'up_to_date', { eventsReceived: received.length, fieldsChanged: fields.fieldsChanged, rowsAdded, conflicts: fields.conflicts });
  });
}

/** Checks the whole bundle, then creates or merges the project in one transaction. */
export async function importBundle(ctx: CoreContext, bytes: Buffer, options: { passphrase?: string } = {}): Promise<BundleImportResult> {
  return importVerifiedBundle(ctx, await readBundle(bytes, options.passphrase, recordsOf(ctx)));
}

/** Creates or merges a project from a bundle that passed every check (read.ts checkBundleContent). */
export function importVerifiedBundle(ctx: CoreContext, bundle: VerifiedBundle, options: MergeOptions = {}): BundleImportResult {
  const exists = ctx.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(bundle.data.project.id);
  if (!exists) return createFromBundle(ctx, bundle);
  requireRole(ctx, bundle.data.project.id, 'bundle.merge');
  return mergeBundle(ctx, bundle, options);
}
