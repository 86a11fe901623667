// Rows that are created once and then only move forward (evidence, sessions, reviews, baselines,
// action items, members, conflicts) merge by id: a row one copy lacks is added, and where both
// have it the rule is fixed and symmetric, so merging A into B or B into A ends the same.
import type { CoreContext } from '../context';
import { ensureControlRow, namesOf, recordsOf } from './fields';
import { schemasFor, type BundleData, type TableName, type TableRow } from './format';
import { ident, idents, placeholders } from '../store/sql';

export function insertRow<T extends TableName>(ctx: CoreContext, projectId: string, table: T, row: TableRow<T>): void {
  // column names come from our own schema, never from the bundle
  const registry = recordsOf(ctx);
  const columns = Object.keys(schemasFor(registry).rows[table].shape);
  const values = columns.map((c) => (row as Record<string, unknown>)[c] ?? null);
  ctx.db
    .prepare(`INSERT INTO ${ident(table)} (project_id, ${idents(columns, namesOf(registry))}) VALUES (?, ${placeholders(columns.length)})`)
    .run(projectId, ...(values as Array<string | number | null>));
}

/** The earlier of two optional times (null = not happened), so either order of merging agrees. */
const earlier = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

export function insertBlobs(ctx: CoreContext, blobs: Map<string, Buffer>): void {
  const put = ctx.db.prepare('INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (?, ?, ?)');
  for (const [sha, content] of blobs) put.run(sha, content.length, content);
}

/** Adds the rows this copy lacks and settles the ones both have; returns how many rows were added. */
export function mergeRows(ctx: CoreContext, projectId: string, data: BundleData, blobs: Map<string, Buffer>): number {
  const db = ctx.db;
  let added = 0;
  const has = (table: TableName, keyColumn: string, key: string) =>
    db.prepare(`SELECT * FROM ${ident(table)} WHERE project_id = ? AND ${ident(keyColumn)} = ?`).get(projectId, key) as Record<string, unknown> | undefined;
  const add = <T extends TableName>(table: T, row: TableRow<T>) => {
    insertRow(ctx, projectId, table, row);
    added++;
  };

  for (const m of data.tables.project_members) if (!has('project_members', 'member_key', m.member_key)) add('project_members', m);

  insertBlobs(ctx, blobs);
  for (const e of data.tables.evidence) {
    const local = has('evidence', 'id', e.id);
    if (!local) {
      ensureControlRow(ctx, projectId, e.control_id);
      add('evidence', e);
    } else {
      const removed = earlier(local.removed_at as string | null, e.removed_at);
      if (removed !== local.removed_at) db.prepare('UPDATE evidence SET removed_at = ? WHERE id = ?').run(removed, e.id);
    }
  }

  for (const s of data.tables.audit_sessions) {
    const local = has('audit_sessions', 'id', s.id);
    if (!local) {
      add('audit_sessions', s);
    } else if (s.ended_at !== null && (local.ended_at === null || s.ended_at < (local.ended_at as string) || (s.ended_at === local.ended_at && (s.ended_by ?? '') < String(local.ended_by ?? '')))) {
      // a session ends once: the earliest recorded end wins
      db.prepare('UPDATE audit_sessions SET ended_at = ?, ended_by = ?, minutes_md = ? WHERE id = ?').run(s.ended_at, s.ended_by, s.minutes_md, s.id);
    }
  }

  for (const a of data.tables.action_items) if (!has('action_items', 'id', a.id)) add('action_items', a);
  for (const r of data.tables.reviews) if (!has('reviews', 'id', r.id)) add('reviews', r);
  for (const b of data.tables.baselines) if (!has('baselines', 'id', b.id)) add('baselines', b);

  for (const c of data.tables.merge_conflicts) {
    const local = has('merge_conflicts', 'id', c.id);
    if (!local) {
      add('merge_conflicts', c);
    } else if (c.resolved_at !== null && (local.resolved_at === null || c.resolved_at < (local.resolved_at as string))) {
      db.prepare('UPDATE merge_conflicts SET resolved_at = ?, resolved_by = ?, resolution_json = ? WHERE project_id = ? AND id = ?')
        .run(c.resolved_at, c.resolved_by, c.resolution_json, projectId, c.id);
    }
  }
  return added;
}
