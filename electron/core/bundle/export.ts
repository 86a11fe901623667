// Exporting a project bundle: every row of the project, its evidence files, the audit chain of
// this copy and the events of other copies merged into it, with a manifest of SHA-256s; wrapped
// in passphrase encryption when asked.
import type { CoreContext } from '../context';
import { invalidInput } from '../errors';
import { getProject } from '../projects/projects';
import { requireRole } from '../members/permissions';
import { currentPerson } from '../members/identity';
import { APP_VERSION } from '../version';
import { encryptBundle } from './crypto';
import { namesOf, recordsOf } from './fields';
import { BUNDLE_FORMAT, BUNDLE_JSON, MANIFEST_JSON, TABLE_NAMES, schemasFor, type BundleData, type EventRecord, type Manifest } from './format';
import { writeZip } from './zip';
import { fileSlug } from '../file-names';
import { checkStoredBytes, sha256Hex } from '../evidence/evidence';
import { ident, idents } from '../store/sql';
import { readHead } from '../audit/head';
import { signerFor } from '../identity/signers';
import { memberKey } from '../members/identity';
import { WorkbenchError } from '../errors';
import { MANIFEST_SIG, signManifest } from './signing';

const EVENT_COLUMNS = 'seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash, key_id, signature';
export const MIN_PASSPHRASE = 8;

/** The project's rows in bundle form; also what the tests compare between two copies. */
export function collectBundleData(ctx: CoreContext, projectId: string): BundleData {
  const project = getProject(ctx, projectId);
  const row = ctx.db.prepare('SELECT * FROM projects WHERE id = ?').get(projectId) as Omit<BundleData['project'], 'frameworks'>;
  const registry = recordsOf(ctx);
  const { rows } = schemasFor(registry);
  const tables = Object.fromEntries(
    TABLE_NAMES.map((t) => {
      // the column list comes from our own schema, never from input
      const columns = Object.keys(rows[t].shape);
      return [t, ctx.db.prepare(`SELECT ${idents(columns, namesOf(registry))} FROM ${ident(t)} WHERE project_id = ? ORDER BY rowid`).all(projectId)];
    }),
  ) as BundleData['tables'];
  const person = currentPerson(ctx);
  return {
    format: BUNDLE_FORMAT,
    appVersion: APP_VERSION,
    exportedAt: ctx.now().toISOString(),
    exportedBy: { name: person.name, email: person.email },
    catalogVersion: ctx.catalog.version,
    project: { ...row, frameworks: project.frameworks },
    tables,
    audit: {
      chain: ctx.db.prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events WHERE project_id = ? ORDER BY seq`).all(projectId) as EventRecord[],
      imported: ctx.db.prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events_imported WHERE project_id = ? ORDER BY seq, hash`).all(projectId) as EventRecord[],
      head: headRecord(ctx, projectId),
    },
  };
}

function headRecord(ctx: CoreContext, projectId: string): BundleData['audit']['head'] {
  const head = readHead(ctx.db, projectId);
  return head ? { seq: head.seq, hash: head.hash, key_id: head.keyId, signature: head.signature } : null;
}

export function bundleFileName(name: string, at: Date): string {
  const slug = fileSlug(name) || 'project';
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${slug}-${stamp}.cwbundle`;
}

export type ExportedBundle = { fileName: string; bytes: Buffer; sha256: string; encrypted: boolean };

export async function exportBundle(ctx: CoreContext, projectId: string, options: { passphrase?: string } = {}): Promise<ExportedBundle> {
  requireRole(ctx, projectId, 'bundle.export');
  const signer = signerFor(ctx.db);
  if (!signer) throw new WorkbenchError('FORBIDDEN', 'This workbench has no signing key (it was opened read-only), so it cannot sign a bundle. Open it for writing and export again.');
  if (options.passphrase !== undefined && options.passphrase.length < MIN_PASSPHRASE) {
    throw invalidInput(`A bundle passphrase needs at least ${MIN_PASSPHRASE} characters.`);
  }
  // one read transaction: the rows, the files and the chain describe the same moment
  const { data, blobs } = ctx.db.transaction(() => {
    const data = collectBundleData(ctx, projectId);
    const shas = [...new Set(data.tables.evidence.filter((e) => e.kind === 'file').map((e) => e.sha256))].sort();
    const get = ctx.db.prepare('SELECT content FROM blobs WHERE sha256 = ?').pluck();
    const nameOf = new Map(data.tables.evidence.map((e) => [e.sha256, e.name]));
    return { data, blobs: shas.map((sha) => ({ name: `evidence/${sha}`, data: checkStoredBytes(get.get(sha) as Buffer | undefined, sha, nameOf.get(sha) ?? sha) })) };
  })();
  const entries = [{ name: BUNDLE_JSON, data: Buffer.from(JSON.stringify(data), 'utf8') }, ...blobs];
  const manifest: Manifest = { format: BUNDLE_FORMAT, entries: entries.map((e) => ({ name: e.name, sha256: sha256Hex(e.data), size: e.data.length })) };
  const at = ctx.now();
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  const signature = signManifest(signer, memberKey(currentPerson(ctx)), manifestBytes);
  const zip = await writeZip([...entries, { name: MANIFEST_JSON, data: manifestBytes }, { name: MANIFEST_SIG, data: signature }], at);
  const bytes = options.passphrase ? await encryptBundle(zip, options.passphrase) : zip;
  return { fileName: bundleFileName(data.project.name, at), bytes, sha256: sha256Hex(bytes), encrypted: Boolean(options.passphrase) };
}
