// Evidence attached to a control assessment: files (bytes copied into the store, addressed by
// SHA-256, stored once), links and notes. Removing evidence hides it but keeps it for the record.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { today } from '../context';
import { inTransaction } from '../store/database';
import { invalidInput, notFound, WorkbenchError } from '../errors';
import { IsoDate } from '../../../shared/domain';
import type { Evidence } from '../../../shared/domain';
import { requireRole } from '../members/permissions';
import type { ReadContext } from '../store/access';
import { WebLinkUrl } from './web-link';
import { appendChange, applyChange } from '../audit/changes';

export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

export const NewEvidence = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    name: z.string().trim().min(1, 'a file needs a name').max(255),
    content: z.instanceof(Uint8Array),
    mediaType: z.string().max(200).nullable().optional(),
  }),
  z.object({
    kind: z.literal('link'),
    name: z.string().trim().max(255).optional(),
    url: WebLinkUrl,
  }),
  z.object({
    kind: z.literal('note'),
    name: z.string().trim().max(255).optional(),
    text: z.string().trim().min(1, 'a note cannot be empty').max(100_000),
  }),
]);
export type NewEvidence = z.input<typeof NewEvidence>;

export const EvidenceDates = z.object({
  collectedOn: IsoDate.optional(),
  expiresOn: IsoDate.nullable().optional(),
  source: z.string().max(100).optional(),
});

type EvidenceRow = {
  id: string; project_id: string; control_id: string; kind: 'file' | 'link' | 'note'; name: string;
  sha256: string; size: number; media_type: string | null; url: string | null; text: string | null;
  collected_on: string; expires_on: string | null; attached_by: string; attached_at: string; source: string;
};

const MEDIA_TYPES: Record<string, string> = {
  json: 'application/json', csv: 'text/csv', txt: 'text/plain', md: 'text/markdown', pdf: 'application/pdf',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', tsv: 'text/tab-separated-values', yaml: 'application/yaml',
  yml: 'application/yaml', zip: 'application/zip', html: 'text/html', xml: 'application/xml',
};

export function guessMediaType(name: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return MEDIA_TYPES[ext] ?? 'application/octet-stream';
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function toEvidence(row: EvidenceRow, todayIso: string): Evidence {
  return {
    id: row.id, projectId: row.project_id, controlId: row.control_id, kind: row.kind, name: row.name,
    sha256: row.sha256, size: row.size, mediaType: row.media_type, url: row.url, text: row.text,
    collectedOn: row.collected_on, expiresOn: row.expires_on, attachedBy: row.attached_by,
    attachedAt: row.attached_at, source: row.source,
    expired: row.expires_on !== null && row.expires_on < todayIso,
  };
}

export function addEvidence(
  ctx: CoreContext,
  projectId: string,
  controlId: string,
  item: NewEvidence,
  dates: z.input<typeof EvidenceDates> = {},
): Evidence {
  requireRole(ctx, projectId, 'evidence.attach');
  if (item.kind === 'file' && item.content instanceof Uint8Array && item.content.byteLength > MAX_EVIDENCE_BYTES) {
    throw new WorkbenchError(
      'TOO_LARGE',
      `"${item.name}" is ${(item.content.byteLength / 1048576).toFixed(1)} MiB; evidence files can be at most ${MAX_EVIDENCE_BYTES / 1048576} MiB. Attach an excerpt or a link instead.`,
    );
  }
  const parsed = NewEvidence.parse(item);
  const { collectedOn, expiresOn, source } = EvidenceDates.parse(dates);
  const collected = collectedOn ?? today(ctx);
  if (expiresOn && expiresOn < collected) throw invalidInput(`The expiry date ${expiresOn} is before the collection date ${collected}.`);

  let name: string;
  let bytes: Uint8Array;
  let mediaType: string | null = null;
  let url: string | null = null;
  let text: string | null = null;
  if (parsed.kind === 'file') {
    name = parsed.name;
    bytes = parsed.content;
    mediaType = parsed.mediaType ?? guessMediaType(parsed.name);
  } else if (parsed.kind === 'link') {
    url = parsed.url;
    name = parsed.name || parsed.url;
    bytes = Buffer.from(parsed.url, 'utf8');
  } else {
    text = parsed.text;
    name = parsed.name || parsed.text.split('\n')[0]!.slice(0, 80);
    bytes = Buffer.from(parsed.text, 'utf8');
  }
  const sha256 = sha256Hex(bytes);
  const id = `ev-${randomBytes(8).toString('hex')}`;
  const at = ctx.now().toISOString();
  const actor = ctx.actor();

  return inTransaction(ctx.db, () => {
    const assessment = ctx.db
      .prepare('SELECT archived_at FROM control_assessments WHERE project_id = ? AND control_id = ?')
      .get(projectId, controlId) as { archived_at: string | null } | undefined;
    if (!assessment || assessment.archived_at !== null) throw notFound('control in this project', controlId);
    if (parsed.kind === 'file') {
      ctx.db.prepare('INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (?, ?, ?)').run(sha256, bytes.byteLength, Buffer.from(bytes));
    }
    ctx.db
      .prepare(
        `INSERT INTO evidence (id, project_id, control_id, kind, name, sha256, size, media_type, url, text, collected_on, expires_on, attached_by, attached_at, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, projectId, controlId, parsed.kind, name, sha256, bytes.byteLength, mediaType, url, text, collected, expiresOn ?? null, actor, at, source ?? 'manual');
    ctx.db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(at, projectId);
    appendChange(ctx, {
      projectId, at, entity: 'control', entityId: controlId, action: 'evidence.add', before: null,
      after: { evidenceId: id, kind: parsed.kind, name, sha256, size: bytes.byteLength, collectedOn: collected, expiresOn: expiresOn ?? null },
    });
    return getEvidence(ctx, projectId, id);
  });
}

export function getEvidence(ctx: ReadContext, projectId: string, evidenceId: string): Evidence {
  const row = ctx.db
    .prepare('SELECT * FROM evidence WHERE project_id = ? AND id = ? AND removed_at IS NULL')
    .get(projectId, evidenceId) as EvidenceRow | undefined;
  if (!row) throw notFound('evidence', evidenceId);
  return toEvidence(row, today(ctx));
}

/** Evidence on the project (or one control); `includeRemoved` also returns what was removed since, for baselines. */
export function listEvidence(ctx: ReadContext, projectId: string, controlId?: string, opts: { includeRemoved?: boolean } = {}): Evidence[] {
  const rows = ctx.db
    .prepare(
      `SELECT * FROM evidence WHERE project_id = ? AND (? = 1 OR removed_at IS NULL) AND (? IS NULL OR control_id = ?)
       ORDER BY control_id, attached_at, rowid`,
    )
    .all(projectId, opts.includeRemoved ? 1 : 0, controlId ?? null, controlId ?? null) as EvidenceRow[];
  const t = today(ctx);
  return rows.map((r) => toEvidence(r, t));
}

/**
 * Bytes read out of the store are hashed again before they leave it: a file changed on disk (or
 * a damaged page) must not reach an auditor under its recorded SHA-256.
 */
export function checkStoredBytes(content: Buffer | undefined, sha256: string, name: string): Buffer {
  if (!content) throw new WorkbenchError('INTERNAL', `The stored bytes of "${name}" are missing.`);
  if (sha256Hex(content) !== sha256) {
    throw new WorkbenchError(
      'DB_CORRUPT',
      `The stored bytes of "${name}" no longer match their recorded SHA-256 (${sha256.slice(0, 12)}…), so they were not handed out. Restore the database from a backup (cwb backup list).`,
    );
  }
  return content;
}

export function readEvidenceContent(ctx: ReadContext, projectId: string, evidenceId: string): { evidence: Evidence; content: Buffer } {
  const evidence = getEvidence(ctx, projectId, evidenceId);
  if (evidence.kind !== 'file') return { evidence, content: Buffer.from(evidence.url ?? evidence.text ?? '', 'utf8') };
  const blob = ctx.db.prepare('SELECT content FROM blobs WHERE sha256 = ?').get(evidence.sha256) as { content: Buffer } | undefined;
  return { evidence, content: checkStoredBytes(blob?.content, evidence.sha256, evidence.name) };
}

export function removeEvidence(ctx: CoreContext, projectId: string, evidenceId: string): void {
  requireRole(ctx, projectId, 'evidence.attach');
  inTransaction(ctx.db, () => {
    const evidence = getEvidence(ctx, projectId, evidenceId);
    const at = ctx.now().toISOString();
    ctx.db.prepare('UPDATE evidence SET removed_at = ? WHERE id = ?').run(at, evidenceId);
    appendChange(ctx, {
      projectId, at, entity: 'control', entityId: evidence.controlId, action: 'evidence.remove',
      before: { evidenceId, name: evidence.name, sha256: evidence.sha256 }, after: null,
    });
  });
}

/**
 * Sets or clears the expiry of evidence already attached (a certificate renewed, a date corrected),
 * through the one write path: the role is checked and one audited event records before and after.
 */
export function setEvidenceExpiry(ctx: CoreContext, projectId: string, evidenceId: string, expiresOn: string | null): Evidence {
  const date = IsoDate.nullable().safeParse(expiresOn);
  if (!date.success) throw invalidInput(`expiresOn: ${date.error.issues[0]?.message ?? 'not a date'} (use YYYY-MM-DD, or null for no expiry). Nothing was changed.`);
  return inTransaction(ctx.db, () => {
    const evidence = getEvidence(ctx, projectId, evidenceId);
    if (date.data !== null && date.data < evidence.collectedOn) {
      throw invalidInput(`The expiry date ${date.data} is before the collection date ${evidence.collectedOn} of "${evidence.name}". Nothing was changed.`);
    }
    applyChange(ctx, { projectId, record: 'evidence', id: evidenceId, patch: { expiresOn: date.data }, action: 'evidence.expiry' });
    return getEvidence(ctx, projectId, evidenceId);
  });
}
