// SQL identifiers cannot be bound as `?` parameters, so the few statements that name a table or
// column from a variable take the name through here: it is used only if it is one of the schema's
// own names (the lint rule local/sql-text refuses any other way of building SQL text).
// The list must name only what the migrations create; a unit test checks it against the schema.

const SCHEMA: Readonly<Record<string, readonly string[]>> = {
  action_items: ['id', 'project_id', 'control_id', 'session_id', 'text', 'owner', 'due_date', 'status', 'created_at', 'created_by'],
  analyses: ['id', 'project_id', 'file', 'kind', 'sha256', 'result_json', 'analyzed_at', 'analyzed_by'],
  audit_events: ['id', 'project_id', 'seq', 'at', 'actor', 'session_id', 'entity', 'entity_id', 'action', 'before_json', 'after_json', 'prev_hash', 'hash', 'key_id', 'signature'],
  audit_heads: ['project_id', 'seq', 'hash', 'key_id', 'signature'],
  audit_events_imported: ['project_id', 'hash', 'seq', 'at', 'actor', 'session_id', 'entity', 'entity_id', 'action', 'before_json', 'after_json', 'prev_hash', 'imported_at', 'key_id', 'signature'],
  audit_sessions: ['id', 'project_id', 'title', 'facilitator', 'attendees_json', 'scope_json', 'started_at', 'ended_at', 'ended_by', 'minutes_md'],
  baselines: ['id', 'project_id', 'signed_by', 'signed_role', 'signed_at', 'note', 'snapshot_json', 'snapshot_sha256', 'audit_seq', 'audit_hash'],
  blobs: ['sha256', 'size', 'content'],
  control_assessments: ['project_id', 'control_id', 'status', 'owner', 'note', 'due_date', 'updated_at', 'updated_by', 'archived_at'],
  evidence: ['id', 'project_id', 'control_id', 'kind', 'name', 'sha256', 'size', 'media_type', 'url', 'text', 'collected_on', 'expires_on', 'attached_by', 'attached_at', 'source', 'removed_at'],
  merge_conflicts: ['id', 'project_id', 'entity', 'entity_id', 'field', 'candidates_json', 'detected_at', 'detected_by', 'resolved_at', 'resolved_by', 'resolution_json'],
  framework_mappings: ['framework_id', 'version', 'requirement_id', 'control_id', 'coverage', 'mapped_at', 'mapped_by'],
  imported_frameworks: ['id', 'version', 'name', 'source', 'origin', 'file_name', 'sha256', 'imported_at', 'imported_by'],
  imported_requirements: ['framework_id', 'version', 'position', 'requirement_id', 'label', 'title', 'parent_id', 'assessable'],
  project_frameworks: ['project_id', 'framework_id', 'framework_version'],
  project_members: ['project_id', 'member_key', 'name', 'email', 'role', 'added_at', 'added_by', 'public_key'],
  projects: ['id', 'name', 'description', 'catalog_version', 'created_at', 'created_by', 'updated_at', 'archived_at', 'walkthrough_at'],
  reviews: ['id', 'project_id', 'control_id', 'decision', 'comment', 'reviewer', 'at', 'session_id', 'answer_json', 'for_event_hash', 'for_event_seq'],
  schema_migrations: ['version', 'name', 'sha256', 'applied_at'],
  settings: ['key', 'value'],
};

/** Every table and column name the code may place in SQL text; what the schema test compares. */
export const KNOWN_IDENTIFIERS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(SCHEMA));
const NAMES = new Set<string>([...Object.keys(SCHEMA), ...Object.values(SCHEMA).flat()]);

const SQL_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * A table or column name, checked against the schema; anything else is a bug and throws. `declared`
 * admits further names that code itself declares (a record registry's tables and columns, which a
 * migration adds), never names from input.
 */
export function ident(name: string | undefined, declared?: ReadonlySet<string>): string {
  if (name === undefined || !(NAMES.has(name) || (declared?.has(name) === true && SQL_NAME.test(name)))) {
    throw new Error(`"${String(name)}" is not a table or column of the workbench schema; SQL names come only from the schema (electron/core/store/sql.ts).`);
  }
  return name;
}

/** A comma-separated list of checked names, for a column list. */
export function idents(names: readonly string[], declared?: ReadonlySet<string>): string {
  if (names.length === 0) throw new Error('An SQL column list needs at least one column.');
  return names.map((name) => ident(name, declared)).join(', ');
}

/** `?, ?, ?`: one parameter per value, for an INSERT's VALUES list. */
export function placeholders(count: number): string {
  if (!Number.isInteger(count) || count < 1) throw new Error(`An SQL parameter list needs a positive whole count (got ${count}).`);
  return Array.from({ length: count }, () => '?').join(', ');
}
