// The one write path. Every change a person makes is read–diff–check role–update–append one
// audit event, inside the caller's transaction; `applyChange` does all of it for a record's
// fields (the registry in shared/records.ts says which), `appendChange` is its last step alone,
// for changes that add a whole row (evidence, a session, a review...) and for merges.
import type { CoreContext } from '../context';
import { appendAuditEvents } from './chain';
import { canonicalJson } from './canonical';
import { invalidInput, notFound } from '../errors';
import { activeSessionId } from '../sessions/active';
import { requireRole, type TeamAction } from '../members/permissions';
import { fieldSpec, readField, recordsOf, keyColumn, projectColumn, rowParams, writeField, type WriteEntity } from '../bundle/fields';
import { ident } from '../store/sql';
import { openConflictFields, settleConflicts } from '../bundle/settle';
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
  return appendChanges(ctx, [e])[0]!;
}

/** appendChange for several events of one project, in order, as one batch (chain.ts appendAuditEvents). */
function appendChanges(ctx: CoreContext, events: readonly ChangeEvent[]): Array<{ seq: number; hash: string }> {
  const actor = ctx.actor();
  return appendAuditEvents(ctx.db, events.map((e) => ({
    projectId: e.projectId,
    at: e.at ?? ctx.now().toISOString(),
    actor,
    sessionId: e.sessionId === undefined ? sessionFor(ctx, e.projectId) : e.sessionId,
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    before: e.before,
    after: e.after,
  })));
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
function resolutionOf(change: Change, moved: Record<string, unknown>, current: (field: string) => unknown): { before: Record<string, unknown>; after: { conflictId: string; field: string; value: unknown } } {
  const fields = Object.keys(change.patch).filter((f) => change.patch[f] !== undefined);
  if (fields.length !== 1) throw new Error('a conflict is resolved one field at a time');
  const field = fields[0]!;
  const stood = field in moved ? moved[field] : current(field);
  return { before: { [field]: stood }, after: { conflictId: change.resolves!, field, value: change.patch[field] } };
}

/**
 * Sets fields of one record: checks the acting person's role for the record, reads the row,
 * keeps only the fields whose value moves, stores them, touches the project, appends one event
 * (before/after of the moved fields) and closes open merge conflicts of those fields. A patch
 * that moves nothing writes nothing. Call inside a transaction.
 */
export function applyChange(ctx: CoreContext, change: Change): AppliedChange {
  return applyChanges(ctx, [change])[0]!;
}

/** Checks each field of a patch against the registry's schema; throws the first refusal. */
function checkPatch(registry: ReturnType<typeof recordsOf>, change: Change): void {
  for (const [field, value] of Object.entries(change.patch)) {
    if (value === undefined) continue;
    const f = fieldSpec(registry, change.record, field);
    if (!f) throw invalidInput(`${change.record} has no field "${field}". Nothing was changed.`);
    const r = f.schema.safeParse(value);
    if (!r.success) throw invalidInput(`${change.record} ${field}: ${r.error.issues[0]?.message ?? 'invalid value'}. Nothing was changed.`);
  }
}

/**
 * applyChange for many rows of one record in one project (a bulk answer of 1,000 controls), with
 * the same outcome as applying them one by one in order: the same refusals, rows, events, hashes,
 * signatures and head. The work that does not depend on the row is done once: one role check,
 * one schema check per distinct patch, one read of all the rows, one look for open conflicts,
 * one project touch and one batch of events. Call inside a transaction; a refusal of any change
 * throws before anything is written.
 */
export function applyChanges(ctx: CoreContext, changes: readonly Change[]): AppliedChange[] {
  if (changes.length === 0) return [];
  const { projectId, record } = changes[0]!;
  if (changes.some((c) => c.projectId !== projectId || c.record !== record)) throw new Error('a batch of changes is one record of one project');
  const registry = recordsOf(ctx);
  const spec = registry[record];
  if (!spec) throw new Error(`no record "${record}" in the registry`);
  requireRole(ctx, projectId, spec.permission as TeamAction);

  // every row of the batch in one read, by its key (a project row is keyed by its own id)
  const keyOf = (id: string) => rowParams(spec, projectId, id)[1]!;
  const keys = [...new Set(changes.map((c) => keyOf(c.id)))];
  const rows = new Map<string, Record<string, unknown>>();
  const read = ctx.db.prepare(
    `SELECT * FROM ${ident(spec.table)} WHERE ${ident(projectColumn(spec))} = ? AND ${ident(keyColumn(spec))} IN (SELECT value FROM json_each(?))`,
  );
  for (const row of read.all(projectId, JSON.stringify(keys)) as Array<Record<string, unknown>>) rows.set(String(row[keyColumn(spec)]), row);

  // refusals first, in the order one-by-one would meet them: nothing is written when one fails
  const checked = new Set<Readonly<Record<string, unknown>>>();
  for (const change of changes) {
    if (!checked.has(change.patch)) {
      checkPatch(registry, change);
      checked.add(change.patch);
    }
    if (!rows.has(keyOf(change.id))) throw notFound(`${change.record.replace('_', ' ')} in this project`, change.id);
  }

  const valueOf = (change: Change, field: string): unknown => {
    const f = fieldSpec(registry, record, field);
    if (!f) return null;
    if (f.column === null) return readField(ctx, projectId, record, change.id, field);
    return rows.get(keyOf(change.id))?.[f.column] ?? null;
  };
  const open = openConflictFields(ctx, projectId, spec.entity);
  const sessionId = sessionFor(ctx, projectId);
  const results: AppliedChange[] = [];
  const events: ChangeEvent[] = [];
  const withEvent: AppliedChange[] = [];
  const settles: Array<{ id: string; values: Record<string, unknown>; at: string }> = [];
  let touched: string | null = null;
  for (const change of changes) {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [field, next] of Object.entries(change.patch)) {
      if (next === undefined) continue;
      const current = valueOf(change, field);
      if (canonicalJson(current) === canonicalJson(next)) continue;
      before[field] = current;
      after[field] = next;
    }
    const resolution = change.resolves === undefined ? null : resolutionOf(change, before, (field) => valueOf(change, field));
    if (Object.keys(after).length === 0 && !resolution) {
      results.push({ changed: false, before, after, event: null });
      continue;
    }
    const at = change.at ?? ctx.now().toISOString();
    const by = { actor: ctx.actor(), at };
    const noted: Record<string, unknown> = {};
    const row = rows.get(keyOf(change.id))!;
    for (const [field, value] of Object.entries(after)) {
      Object.assign(noted, writeField(ctx, projectId, record, change.id, field, value, by, { rowExists: true }));
      // a later change of the same row in this batch sees this one, as it would one by one
      const column = fieldSpec(registry, record, field)?.column;
      if (column) row[column] = value;
    }
    touched = at;
    events.push({
      projectId, entity: spec.entity, entityId: change.id, action: change.action, at, sessionId,
      ...(resolution ?? { before, after: { ...after, ...noted } }),
    });
    const settled = resolution ? { [resolution.after.field]: resolution.after.value } : after;
    if (Object.keys(settled).some((field) => open.has(`${change.id}\u0000${field}`))) settles.push({ id: change.id, values: settled, at });
    const applied: AppliedChange = { changed: Object.keys(after).length > 0, before, after, event: null };
    results.push(applied);
    withEvent.push(applied);
  }
  if (touched === null) return results;
  ctx.db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(touched, projectId);
  const appended = appendChanges(ctx, events);
  withEvent.forEach((applied, i) => { applied.event = appended[i] ?? null; });
  for (const s of settles) settleConflicts(ctx, projectId, spec.entity, s.id, s.values, s.at);
  return results;
}
