// The history of a project as people read it: this copy's events and those merged in from other
// copies, newest first, each marked with where it was made. (listAuditEvents shows the local
// chain only; after a merge, a teammate's changes live among the imported events.)
import type { ReadDb } from '../store/access';
import type { HistoryEntry } from '../../../shared/team';

type Row = {
  seq: number; at: string; actor: string; session_id: string | null; entity: string; entity_id: string; action: string;
  before_json: string | null; after_json: string | null; hash: string; origin: 'local' | 'merged';
};

export function listHistory(db: ReadDb, projectId: string, filter: { entity?: string; entityId?: string; limit?: number } = {}): HistoryEntry[] {
  const cols = 'seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, hash';
  const where = 'project_id = ? AND (? IS NULL OR entity = ?) AND (? IS NULL OR entity_id = ?)';
  const args = [projectId, filter.entity ?? null, filter.entity ?? null, filter.entityId ?? null, filter.entityId ?? null];
  const rows = db
    .prepare(
      `SELECT ${cols}, 'local' AS origin FROM audit_events WHERE ${where}
       UNION ALL SELECT ${cols}, 'merged' AS origin FROM audit_events_imported WHERE ${where}
       ORDER BY at DESC, seq DESC, hash LIMIT ?`,
    )
    .all(...args, ...args, filter.limit ?? -1) as Row[];
  return rows.map((r) => ({
    seq: r.seq, at: r.at, actor: r.actor, sessionId: r.session_id, entity: r.entity, entityId: r.entity_id, action: r.action,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
    hash: r.hash, origin: r.origin,
  }));
}
