// Reading and storing one field of an audited record, for the write path, merges and conflict
// resolutions alike. Tables, columns and schemas come from the registry (shared/records.ts),
// never from a bundle or a request.
import type { CoreContext } from '../context';
import type { ReadContext } from '../store/access';
import { orderFrameworks, type FrameworkRef as Fw } from '../../../shared/domain';
import { FIELD_RECORDS, RECORDS, type FieldRecord, type FieldSpec, type Registry, type RecordSpec } from '../../../shared/records';
import { setProjectFrameworks } from '../projects/sync-scope';
import { controlsInScope } from '../projects/scope';
import { ident } from '../store/sql';

export function recordsOf(ctx: Pick<CoreContext, 'records'>): Registry {
  return ctx.records ?? RECORDS;
}

const declaredNames = new WeakMap<Registry, ReadonlySet<string>>();
/** The tables and columns a registry declares, for ident(): a field added there is a name SQL may use. */
export function namesOf(registry: Registry): ReadonlySet<string> {
  let names = declaredNames.get(registry);
  if (!names) {
    names = new Set(Object.values(registry).flatMap((spec) => [spec.table, ...Object.values(spec.fields).map((f) => f.column).filter((c): c is string => c !== null)]));
    declaredNames.set(registry, names);
  }
  return names;
}

/** The records whose fields are written one by one, as `entity` of a write. */
export type WriteEntity = FieldRecord;
export const isWriteEntity = (entity: string): entity is WriteEntity => (FIELD_RECORDS as readonly string[]).includes(entity);

export function fieldSpec(registry: Registry, entity: string, field: string): FieldSpec | undefined {
  const spec = registry[entity];
  return spec && isWriteEntity(entity) && Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
}

export function checkFieldValue(entity: string, field: string, value: unknown, registry: Registry = RECORDS): string | null {
  const spec = fieldSpec(registry, entity, field);
  if (!spec) return `${entity} has no field "${field}"`;
  const r = spec.schema.safeParse(value);
  return r.success ? null : `${entity} ${field} has an invalid value`;
}

/** The WHERE clause that picks one row of a record in a project (projects are keyed by their own id). */
/** The column that holds a row's project (a project row is its own project). */
export function projectColumn(spec: RecordSpec): string {
  return spec.table === 'projects' ? 'id' : 'project_id';
}
/** The column that names a row within its project. */
export function keyColumn(spec: RecordSpec): string {
  return spec.table === 'projects' ? 'id' : spec.key;
}
/** Parameters for `WHERE ${projectColumn} = ? AND ${keyColumn} = ?`. */
export function rowParams(spec: RecordSpec, projectId: string, id: string): string[] {
  return spec.table === 'projects' ? [projectId, projectId] : [projectId, id];
}

/** Makes sure a control has its assessment row; one outside the project's scope is kept archived. */
export function ensureControlRow(ctx: CoreContext, projectId: string, controlId: string): void {
  const exists = ctx.db.prepare('SELECT 1 FROM control_assessments WHERE project_id = ? AND control_id = ?').get(projectId, controlId);
  if (exists) return;
  const frameworks = ctx.db.prepare('SELECT framework_id FROM project_frameworks WHERE project_id = ?').pluck().all(projectId) as Fw[];
  const inScope = controlsInScope(ctx.catalog, frameworks).some((c) => c.id === controlId);
  ctx.db
    .prepare('INSERT INTO control_assessments (project_id, control_id, archived_at) VALUES (?, ?, ?)')
    .run(projectId, controlId, inScope ? null : ctx.now().toISOString());
}

function frameworksOf(ctx: ReadContext, projectId: string): Fw[] {
  return orderFrameworks(ctx.db.prepare('SELECT framework_id FROM project_frameworks WHERE project_id = ?').pluck().all(projectId) as string[]);
}

/** The value a field has in this copy now (null when the row is missing). */
export function readField(ctx: ReadContext, projectId: string, entity: WriteEntity, entityId: string, field: string): unknown {
  const registry = recordsOf(ctx);
  const spec = registry[entity]!;
  const f = fieldSpec(registry, entity, field);
  if (!f) return null;
  if (f.column === null) return frameworksOf(ctx, projectId);
  // table and column names come from the registry, never from input
  const row = ctx.db.prepare(`SELECT ${ident(f.column, namesOf(registry))} AS value FROM ${ident(spec.table)} WHERE ${ident(projectColumn(spec))} = ? AND ${ident(keyColumn(spec))} = ?`).get(...rowParams(spec, projectId, entityId)) as { value: unknown } | undefined;
  return row?.value ?? null;
}

/**
 * Stores a field's value; `by` is the write it comes from (who, when); `known.rowExists` skips
 * making the control's row when the caller has just read it. Returns what the store did
 * besides (a change of scope moves control rows), for the audit event to record.
 */
export function writeField(
  ctx: CoreContext, projectId: string, entity: WriteEntity, entityId: string, field: string, value: unknown, by: { actor: string; at: string },
  known: { rowExists?: boolean } = {},
): Record<string, unknown> | undefined {
  const registry = recordsOf(ctx);
  const spec = registry[entity]!;
  const f = fieldSpec(registry, entity, field);
  if (!f) throw new Error(`${entity} has no field "${field}"`);
  if (f.column === null) {
    return { scopeChange: setProjectFrameworks(ctx, projectId, value as string[]).scopeChange };
  }
  if (entity === 'control' && !known.rowExists) ensureControlRow(ctx, projectId, entityId);
  const where = rowParams(spec, projectId, entityId);
  if (spec.stamp) {
    ctx.db
      .prepare(`UPDATE ${ident(spec.table)} SET ${ident(f.column, namesOf(registry))} = ?, ${ident(spec.stamp.at)} = ?, ${ident(spec.stamp.by)} = ? WHERE ${ident(projectColumn(spec))} = ? AND ${ident(keyColumn(spec))} = ?`)
      .run(value as string | null, by.at, by.actor, ...where);
  } else {
    ctx.db
      .prepare(`UPDATE ${ident(spec.table)} SET ${ident(f.column, namesOf(registry))} = ? WHERE ${ident(projectColumn(spec))} = ? AND ${ident(keyColumn(spec))} = ?`)
      .run(value as string | null, ...where);
  }
  return undefined;
}
