// Opens a bundle and checks all of it before anything is written: encryption, zip entry names,
// the manifest against every entry, the format version, the data's shape, evidence bytes
// against their SHA-256, and every audit event's hash and links.
import { GENESIS_HASH, receivedEventHash } from '../audit/chain';
import { describeZodError } from '../errors';
import { decryptBundle, isEncryptedBundle } from './crypto';
import { bundleInvalid } from './errors';
import { BUNDLE_FORMAT, BUNDLE_JSON, schemasFor, EVIDENCE_ENTRY, MANIFEST_JSON, ManifestSchema, NONE_HELD, type BundleData, type EventRecord, type HeldEvents, type VerifiedBundle } from './format';
import { History } from './history';
import { checkFieldValue } from './fields';
import { writesOf } from './writes';
import { readZip } from './zip';
import { replayDifferences } from '../audit/replay';
import { RECORDS, type Registry } from '../../../shared/records';
import { sha256Hex } from '../evidence/evidence';
import { checkBundleSignatures, checkManifestSignature, MANIFEST_SIG } from './signing';


function parseJsonEntry(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw bundleInvalid('it is not valid JSON', name);
  }
}

function newer(format: number, what: string): Error {
  return bundleInvalid(`it was written by a newer version of Compliance Workbench (${what} format ${format}, this version reads up to ${BUNDLE_FORMAT}); update the app to import it`);
}

function checkManifest(entries: Map<string, Buffer>): void {
  const raw = entries.get(MANIFEST_JSON);
  if (!raw) throw bundleInvalid('its manifest is missing', MANIFEST_JSON);
  const json = parseJsonEntry(raw, MANIFEST_JSON) as { format?: unknown };
  if (typeof json?.format === 'number' && json.format > BUNDLE_FORMAT) throw newer(json.format, 'manifest');
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw bundleInvalid(`its manifest is malformed: ${describeZodError(parsed.error)}`, MANIFEST_JSON);
  const listed = new Map(parsed.data.entries.map((e) => [e.name, e]));
  for (const [name, bytes] of entries) {
    if (name === MANIFEST_JSON || name === MANIFEST_SIG) continue;
    const m = listed.get(name);
    if (!m) throw bundleInvalid('an entry is not listed in the manifest', name);
    if (m.size !== bytes.length || m.sha256 !== sha256Hex(bytes)) throw bundleInvalid('an entry does not match the SHA-256 and size in the manifest (it was changed or damaged)', name);
  }
  for (const name of listed.keys()) if (!entries.has(name)) throw bundleInvalid('an entry listed in the manifest is missing', name);
}

/** Checks the sender's chain and the other copies' events it carries; every hash must recompute. */
function checkHistory(data: BundleData, registry: Registry, held: HeldEvents): void {
  const projectId = data.project.id;
  const hashOf = (e: EventRecord): string | null => (held.has(e.hash) ? e.hash : receivedEventHash(projectId, e));

  let prev = GENESIS_HASH;
  data.audit.chain.forEach((e, i) => {
    if (e.seq !== i + 1) throw bundleInvalid(`its audit chain skips from event ${i} to event ${e.seq}`, BUNDLE_JSON);
    if (e.prev_hash !== prev) throw bundleInvalid(`its audit chain is broken at event ${e.seq}: it does not link to the event before it`, BUNDLE_JSON);
    if (hashOf(e) !== e.hash) throw bundleInvalid(`its audit chain is broken at event ${e.seq}: its content does not match its hash`, BUNDLE_JSON);
    prev = e.hash;
  });
  const first = data.audit.chain[0]!;
  if (first.action !== 'project.create' || first.entity_id !== projectId) throw bundleInvalid('its audit chain does not start with the creation of its project', BUNDLE_JSON);
  const seqOf = new Map<string, number>(data.audit.chain.map((e) => [e.hash, e.seq]));
  for (const e of data.audit.imported) seqOf.set(e.hash, e.seq);
  for (const e of data.audit.imported) {
    if (hashOf(e) !== e.hash) throw bundleInvalid(`an event of another copy (seq ${e.seq}, ${e.hash.slice(0, 12)}) does not match its hash`, BUNDLE_JSON);
    const parentSeq = e.prev_hash === GENESIS_HASH ? 0 : seqOf.get(e.prev_hash);
    if (parentSeq !== undefined && parentSeq !== e.seq - 1) throw bundleInvalid(`an event of another copy (seq ${e.seq}) does not follow the event it links to`, BUNDLE_JSON);
  }
  const missing = History.missingLinks([...data.audit.chain, ...data.audit.imported]);
  if (missing.length) throw bundleInvalid(`its audit history is incomplete: ${missing[0]}`, BUNDLE_JSON);
  for (const e of [...data.audit.chain, ...data.audit.imported]) {
    if (held.has(e.hash)) continue;
    for (const w of writesOf(e, registry)) {
      const problem = checkFieldValue(w.entity, w.field, w.value, registry);
      if (problem) throw bundleInvalid(`audit event ${e.seq} sets ${problem}`, BUNDLE_JSON);
    }
  }
}

/** The rows must be what the bundle's own events produce: rows edited after export (manifest recomputed) are refused. */
function checkReplay(data: BundleData, registry: Registry): void {
  const differences = replayDifferences({ project: data.project, tables: data.tables }, [...data.audit.chain, ...data.audit.imported], registry);
  if (differences.length === 0) return;
  const more = differences.length > 1 ? ` (and ${differences.length - 1} more difference${differences.length === 2 ? '' : 's'})` : '';
  throw bundleInvalid(`its rows are not what its own audit events produce: ${differences[0]!.sentence}${more}`, BUNDLE_JSON);
}

function checkRows(data: BundleData, blobs: Map<string, Buffer>): void {
  const controls = new Set(data.tables.control_assessments.map((r) => r.control_id));
  for (const ev of data.tables.evidence) {
    if (!controls.has(ev.control_id)) throw bundleInvalid(`evidence ${ev.id} belongs to control ${ev.control_id}, which the bundle does not hold`, BUNDLE_JSON);
    if (ev.kind === 'file' && !blobs.has(ev.sha256)) throw bundleInvalid(`the file of evidence "${ev.name}" is missing`, `evidence/${ev.sha256}`);
  }
  const unique = (what: string, ids: string[]) => {
    if (new Set(ids).size !== ids.length) throw bundleInvalid(`it lists the same ${what} twice`, BUNDLE_JSON);
  };
  unique('control', [...controls]);
  unique('member', data.tables.project_members.map((r) => r.member_key));
  for (const t of ['evidence', 'audit_sessions', 'action_items', 'reviews', 'baselines', 'merge_conflicts'] as const) {
    unique(`${t.replace(/_/g, ' ')} row`, data.tables[t].map((r) => r.id));
  }
}

export async function readBundle(bytes: Buffer, passphrase?: string, registry: Registry = RECORDS): Promise<VerifiedBundle> {
  const zipBytes = isEncryptedBundle(bytes) ? await decryptBundle(bytes, passphrase) : bytes;
  const entries = await readZip(zipBytes);
  checkManifest(entries);
  const signer = checkManifestSignature(entries);
  const raw = entries.get(BUNDLE_JSON);
  if (!raw) throw bundleInvalid('its project data is missing', BUNDLE_JSON);
  const json = parseJsonEntry(raw, BUNDLE_JSON) as { format?: unknown };
  if (typeof json?.format !== 'number') throw bundleInvalid('it does not say which format it is', BUNDLE_JSON);
  if (json.format > BUNDLE_FORMAT) throw newer(json.format, 'bundle');
  const parsed = schemasFor(registry).bundle.safeParse(json);
  if (!parsed.success) throw bundleInvalid(`its project data is malformed: ${describeZodError(parsed.error)}`, BUNDLE_JSON);
  const blobs = new Map<string, Buffer>();
  for (const [name, content] of entries) {
    const m = EVIDENCE_ENTRY.exec(name);
    if (!m) continue;
    if (sha256Hex(content) !== m[1]) throw bundleInvalid('an evidence file does not match the SHA-256 in its name', name);
    blobs.set(m[1]!, content);
  }
  return checkBundleContent(parsed.data, blobs, signer, registry);
}

/**
 * The checks of a bundle's content once its container is trusted to be what the signer sent:
 * rows, history, signatures and replay. A copy pulled from a sync server goes through these too,
 * naming the events this database holds already (`held`).
 */
export function checkBundleContent(data: BundleData, blobs: Map<string, Buffer>, signer: VerifiedBundle['signer'], registry: Registry = RECORDS, held: HeldEvents = NONE_HELD): VerifiedBundle {
  checkRows(data, blobs);
  checkHistory(data, registry, held);
  checkBundleSignatures(data, signer, held);
  checkReplay(data, registry);
  return { data, blobs, signer };
}
