// The bundle: one zip holding a project's rows, its evidence files and its whole audit history,
// so a teammate on an air-gapped machine can import or merge it.
//   bundle.json      the project, its rows per table, and the audit events (chain + imported)
//   evidence/<sha>   each evidence file's bytes, named by their SHA-256
//   manifest.json    SHA-256 and size of every other entry
//   manifest.sig     the exporter's public key and Ed25519 signature of manifest.json (signing.ts)
// Rows keep the database's column names, without project_id (the bundle is one project).
import { z } from 'zod';
import { FrameworkRef, ProjectId } from '../../../shared/domain';
import { Role } from '../../../shared/team';
import { WebLinkUrl } from '../evidence/web-link';
import { FIELD_RECORDS, RECORDS, type Registry } from '../../../shared/records';

export const BUNDLE_FORMAT = 1;
export const BUNDLE_JSON = 'bundle.json';
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_SIG = 'manifest.sig';
export const EVIDENCE_DIR = 'evidence/';

const str = z.string();
const text = (max: number) => z.string().max(max);
const nstr = z.string().nullable();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

export const ManifestSchema = z.object({
  format: z.number().int(),
  entries: z.array(z.object({ name: str, sha256: hex64, size: z.number().int().nonnegative() })),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const EventRecord = z.object({
  seq: z.number().int().positive(),
  at: str,
  actor: text(200),
  session_id: nstr,
  entity: text(100),
  entity_id: text(300),
  action: text(100),
  before_json: nstr,
  after_json: nstr,
  prev_hash: hex64,
  hash: hex64,
  /** The author's key id and signature (audit/signatures.ts); null on events from before identities. */
  key_id: hex64.nullable().default(null),
  signature: z.string().max(200).nullable().default(null),
});
export type EventRecord = z.infer<typeof EventRecord>;

/** A record's field columns with their schemas, as the registry gives them. */
function fieldColumns(registry: Registry, record: string): Record<string, z.ZodType> {
  const fields = Object.values(registry[record]?.fields ?? {});
  return Object.fromEntries(fields.filter((f) => f.column !== null).map((f) => [f.column!, f.schema]));
}

/** The tables a bundle carries, each with its columns' schema; the same list drives export and import. */
function tableRows(registry: Registry) {
  return {
    project_members: z.object({ member_key: text(300), name: text(100), email: text(254), ...fieldColumns(registry, 'member'), added_at: str, added_by: str,
      public_key: text(1000).nullable().default(null),
    }),
    control_assessments: z.object({ control_id: text(50), ...fieldColumns(registry, 'control'), updated_at: nstr, updated_by: nstr, archived_at: nstr }),
    evidence: z.object({
      id: text(100), control_id: text(50), kind: z.enum(['file', 'link', 'note']), name: text(10_000), sha256: hex64,
      size: z.number().int().nonnegative(), media_type: nstr, url: WebLinkUrl.nullable(), text: nstr, collected_on: str, expires_on: nstr,
      attached_by: str, attached_at: str, source: text(100), removed_at: nstr,
    }),
    audit_sessions: z.object({
      id: text(100), title: text(200), facilitator: str, attendees_json: str, scope_json: str,
      started_at: str, ended_at: nstr, ended_by: nstr, minutes_md: nstr,
    }),
    action_items: z.object({ id: text(100), control_id: text(50), session_id: nstr, ...fieldColumns(registry, 'action_item'), created_at: str, created_by: str }),
    reviews: z.object({
      id: text(100), control_id: text(50), decision: z.enum(['approved', 'rejected']), comment: text(5000), reviewer: str, at: str,
      session_id: nstr, answer_json: str, for_event_hash: nstr, for_event_seq: z.number().int().nullable(),
    }),
    baselines: z.object({
      id: text(100), signed_by: str, signed_role: Role, signed_at: str, note: text(5000), snapshot_json: str,
      snapshot_sha256: hex64, audit_seq: z.number().int(), audit_hash: hex64,
    }),
    merge_conflicts: z.object({
      id: text(100), entity: z.enum(FIELD_RECORDS), entity_id: text(300), field: text(50),
      candidates_json: str, detected_at: str, detected_by: str, resolved_at: nstr, resolved_by: nstr, resolution_json: nstr,
    }),
  } as const;
}

export const TABLE_ROWS = tableRows(RECORDS);

export type TableName = keyof typeof TABLE_ROWS;
export const TABLE_NAMES = Object.keys(TABLE_ROWS) as TableName[];
export type TableRow<T extends TableName> = z.infer<(typeof TABLE_ROWS)[T]>;

function bundleSchema(registry: Registry) {
  const rows = tableRows(registry);
  return z.object({
    format: z.number().int(),
    appVersion: str,
    exportedAt: str,
    exportedBy: z.object({ name: str, email: str }),
    catalogVersion: str,
    project: z.object({
      id: ProjectId, name: text(200), description: text(5000), catalog_version: str, created_at: str, created_by: str,
      updated_at: str, archived_at: nstr, walkthrough_at: nstr, frameworks: z.array(FrameworkRef).min(1),
    }),
    tables: z.object(Object.fromEntries(TABLE_NAMES.map((t) => [t, z.array(rows[t])])) as { [T in TableName]: z.ZodArray<(typeof TABLE_ROWS)[T]> }),
    audit: z.object({
      chain: z.array(EventRecord).min(1),
      imported: z.array(EventRecord),
      /** The sender's anchored head (audit/head.ts): a chain cut short of it is refused. */
      head: z.object({ seq: z.number().int().positive(), hash: hex64, key_id: hex64.nullable(), signature: z.string().max(200).nullable() }).nullable().default(null),
    }),
  });
}

export const BundleSchema = bundleSchema(RECORDS);

type Schemas = {
  rows: typeof TABLE_ROWS;
  bundle: typeof BundleSchema;
  /** bundle.json without its audit events: a synced copy's rows (its events travel one by one, each parsed on arrival). */
  copyRows: ReturnType<typeof BundleSchema.omit<{ audit: true }>>;
};
const withCopyRows = (rows: typeof TABLE_ROWS, bundle: typeof BundleSchema): Schemas => {
  let copyRows: Schemas['copyRows'] | undefined;
  return { rows, bundle, get copyRows() { return (copyRows ??= bundle.omit({ audit: true })); } };
};
const builtinSchemas = withCopyRows(TABLE_ROWS, BundleSchema);
const forRegistry = new WeakMap<Registry, Schemas>();
/** The table schemas and the bundle schema for a registry (a test's own registry brings its own columns). */
export function schemasFor(registry: Registry): Schemas {
  if (registry === RECORDS) return builtinSchemas;
  let found = forRegistry.get(registry);
  if (!found) {
    found = withCopyRows(tableRows(registry) as typeof TABLE_ROWS, bundleSchema(registry) as unknown as typeof BundleSchema);
    forRegistry.set(registry, found);
  }
  return found;
}

export type BundleData = z.infer<typeof BundleSchema>;

/**
 * Events this database already holds, each checked when it arrived (or written here), with the
 * content this database has for it: a copy pulled from a sync server reaches back through
 * thousands of them, and they are not hashed, parsed or signature-checked again. Links, order,
 * actor keys and the replay still take in every event.
 */
export type HeldEvents = ReadonlySet<string>;
export const NONE_HELD: HeldEvents = new Set();

/** Who signed a bundle's manifest: checked against the bundle itself on reading, against this copy's members on import. */
export type BundleSigner = { keyId: string; publicKeyPem: string; memberKey: string };

/** A bundle that passed every check: its data, the evidence bytes by SHA-256, and its signer. */
export type VerifiedBundle = { data: BundleData; blobs: Map<string, Buffer>; signer: BundleSigner };

export const EVIDENCE_ENTRY = /^evidence\/([0-9a-f]{64})$/;
