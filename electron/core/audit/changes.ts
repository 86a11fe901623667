// The one write path. Every change a person makes is read–diff–check role–update–append one
// audit event, inside the caller's transaction; `applyChange` does all of it for a record's
// fields (the registry in shared/records.ts says which), `appendChange` is its last step alone,
// for changes that add a whole row (evidence, a session, a review...) and for merges.
import type { CoreContext } from '../context';
import { appendAuditEvent } from './chain';
import { canonicalJson } from './canonical';
import { invalidInput, notFound } from '../errors';
import { activeSessionId } from '../sessions/active';
import { requireRole, type TeamAction } from '../members/permissions';
import { fieldSpec, readField, recordsOf, keyColumn, projectColumn, rowParams, writeField, type WriteEntity } from '../bundle/fields';
import { ident } from '../store/sql';
import { settleConflicts } from '../bundle/settle';
import type { AuditAction } from '../../../shared/records';

/** The audit session a change belongs to: the transport's, else the one running on the project. */
export function sessionFor(ctx: CoreContext, projectId: string): string | null {
  return ctx.sessionId?.() ?? activeSessionId(ctx.db, projectId);
}

export type ChangeEvent = {
  projectId: string;
  /** The audit event's entity: the record's (shared/records.ts), or the record an added row belongs to. */
  entity: string;
  entityId: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
  /** Defaults to now. */
  at?: string;
  /** Defaults to the running session (sessionFor); null ties the change to none. */
  sessionId?: string | null;
};

/** Appends the event of a change made by the acting person; call inside the change's transaction. */
export function appendChange(ctx: CoreContext, e: ChangeEvent): { seq: number; hash: string } {
  return appendAuditEvent(ctx.db, {
    projectId: e.projectId,
    at: e.at ?? ctx.now().toISOString(),
    actor: ctx.actor(),
    sessionId: e.sessionId === undefined ? sessionFor(ctx, e.projectId) : e.sessionId,
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    before: e.before,
    after: e.after,
  });
}

export type Change = {
  projectId: string;
  record: WriteEntity;
  /** The row's key within the project (a control id, a member key, an action item id; a project's own id). */
  id: string;
  /** New values by field name; fields left out (or undefined) stay as they are. */
  patch: Readonly<Record<string, unknown>>;
  action: AuditAction;
  /** Defaults to now. */
  at?: string;
  /**
   * The merge conflict this change resolves (a one-field patch). Its event records the resolution,
   * `{ conflictId, field, value }`, even when the chosen value is the one already stored.
   */
  resolves?: string;
};

export type AppliedChange = { changed: boolean; before: Record<string, unknown>; after: Record<string, unknown>; event: { seq: number; hash: string } | null };

/** A resolution's event: the field as it stood, and which conflict was settled with which value. */
function resolutionOf(ctx: CoreContext, change: Change, moved: Record<string, unknown>): { before: Record<string, unknown>; after: { conflictId: string; field: string; value: unknown } } {
  const fields = Object.keys(change.patch).filter((f) => change.patch[f] !== undefined);
  if (fields.length !== 1) throw new Error('a conflict is resolved one field at a time');
  const field = fields[0]!;
  const current = field in moved ? moved[field] : readField(ctx, change.projectId, change.record, change.id, field);
  return { before: { [field]: current }, after: { conflictId: change.resolves!, field, value: change.patch[field] } };
}

/**
 * Sets fields of one record: checks the acting person's role for the record, reads the row,
 * keeps only the fields whose value moves, stores them, touches the project, appends one event
 * (before/after of the moved fields) and closes open merge conflicts of those fields. A patch
 * that moves nothing writes nothing. Call inside a transaction.
 */
export function applyChange(ctx: CoreContext, change: Change): AppliedChange {
  const registry = recordsOf(ctx);
  const spec = registry[change.record];
  if (!spec) throw new Error(`no record "${change.record}" in the registry`);
  requireRole(ctx, change.projectId, spec.permission as TeamAction);
  for (const [field, value] of Object.entries(change.patch)) {
    if (value === undefined) continue;
    const f = fieldSpec(registry, change.record, field);
    if (!f) throw invalidInput(`${change.record} has no field "${field}". Nothing was changed.`);
    const r = f.schema.safeParse(value);
    if (!r.success) throw invalidInput(`${change.record} ${field}: ${r.error.issues[0]?.message ?? 'invalid value'}. Nothing was changed.`);
  }
  const exists = ctx.db.prepare(`SELECT 1 FROM ${ident(spec.table)} WHERE ${ident(projectColumn(spec))} = ? AND ${ident(keyColumn(spec))} = ?`).get(...rowParams(spec, change.projectId, change.id));
  if (!exists) throw notFound(`${change.record.replace('_', ' ')} in this project`, change.id);

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, next] of Object.entries(change.patch)) {
    if (next === undefined) continue;
    const current = readField(ctx, change.projectId, change.record, change.id, field);
    if (canonicalJson(current) === canonicalJson(next)) continue;
    before[field] = current;
    after[field] = next;
  }
  const resolution = change.resolves === undefined ? null : resolutionOf(ctx, change, before);
  if (Object.keys(after).length === 0 && !resolution) return { changed: false, before, after, event: null };

  const at = change.at ?? ctx.now().toISOString();
  const by = { actor: ctx.actor(), at };
  const noted: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(after)) Object.assign(noted, writeField(ctx, change.projectId, change.record, change.id, field, value, by));
  ctx.db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(at, change.projectId);
  const event = appendChange(ctx, {
    projectId: change.projectId, entity: spec.entity, entityId: change.id, action: change.action, at,
    ...(resolution ?? { before, after: { ...after, ...noted } }),
  });
  settleConflicts(ctx, change.projectId, spec.entity, change.id, resolution ? { [resolution.after.field]: resolution.after.value } : after, at);
  return { changed: Object.keys(after).length > 0, before, after, event };
}
