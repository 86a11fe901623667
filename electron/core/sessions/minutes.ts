// The minutes of an audit session, as data: who attended, when, which controls were looked at,
// which statuses changed, what evidence was added, what was reviewed and the action items agreed.
// Built from the audit events tied to the session (this copy's and those merged from others').
import type { CoreContext } from '../context';
import { ControlStatus, frameworkLabel, isBuiltinFramework, type EvidenceKind } from '../../../shared/domain';
import type { ActionItem, Attendee, AuditSession, ReviewDecision } from '../../../shared/team';
import { controlById, controlOrder } from '../catalog/lookup';
import { getProject } from '../projects/projects';
import { listActionItems } from './action-items';

export type Minutes = {
  project: { id: string; name: string };
  session: AuditSession;
  /** How each framework of the session's scope reads: a built-in's label, an imported one's name. */
  frameworkNames: Record<string, string>;
  /** Everyone present: the session's attendees, with the facilitator added first when not listed among them. */
  attendees: Attendee[];
  /** Set when the minutes are drawn up before the session ended. */
  inProgress: boolean;
  controlsReviewed: Array<{ controlId: string; title: string; changes: number }>;
  statusChanges: Array<{ controlId: string; title: string; from: ControlStatus; to: ControlStatus; by: string; at: string }>;
  otherChanges: Array<{ controlId: string; title: string; fields: string[]; by: string; at: string }>;
  evidenceAdded: Array<{ controlId: string; title: string; name: string; kind: EvidenceKind; sha256: string; by: string; at: string }>;
  evidenceRemoved: Array<{ controlId: string; title: string; name: string; by: string; at: string }>;
  reviews: Array<{ controlId: string; title: string; decision: ReviewDecision; comment: string; by: string; at: string }>;
  actionItems: ActionItem[];
};

type EventRow = { hash: string; seq: number; at: string; actor: string; entity: string; entity_id: string; action: string; before_json: string | null; after_json: string | null };

/** Session events from the local chain and from merged copies, each once, in time order. */
export function sessionEvents(ctx: CoreContext, projectId: string, sessionId: string): EventRow[] {
  const cols = 'hash, seq, at, actor, entity, entity_id, action, before_json, after_json';
  const rows = ctx.db
    .prepare(
      `SELECT ${cols} FROM audit_events WHERE project_id = ? AND session_id = ?
       UNION SELECT ${cols} FROM audit_events_imported WHERE project_id = ? AND session_id = ?
       ORDER BY at, seq, hash`,
    )
    .all(projectId, sessionId, projectId, sessionId) as EventRow[];
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.hash) && Boolean(seen.add(r.hash)));
}

const obj = (json: string | null): Record<string, unknown> => {
  const v = json === null ? null : (JSON.parse(json) as unknown);
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
};

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The facilitator ran the session, so they attended it, whether or not they listed themselves. */
export function attendeesWithFacilitator(session: AuditSession): Attendee[] {
  const listed = !session.facilitator.trim() || session.attendees.some((a) => sameName(a.name, session.facilitator));
  return listed ? session.attendees : [{ name: session.facilitator, role: 'facilitator', guest: false }, ...session.attendees];
}

/** The minutes of a session the caller has already read (so this module never reaches back into sessions.ts). */
export function buildMinutes(ctx: CoreContext, session: AuditSession): Minutes {
  const projectId = session.projectId;
  const sessionId = session.id;
  const project = getProject(ctx, projectId);
  const title = (id: string) => controlById(ctx.catalog, id)?.title ?? id;
  const m: Minutes = {
    project: { id: project.id, name: project.name }, session,
    frameworkNames: Object.fromEntries(session.scope.frameworks.map((f) => [f, isBuiltinFramework(f) ? frameworkLabel(f) : ctx.catalog.frameworks.find((x) => x.id === f)?.name ?? f])),
    attendees: attendeesWithFacilitator(session), inProgress: session.endedAt === null,
    controlsReviewed: [], statusChanges: [], otherChanges: [], evidenceAdded: [], evidenceRemoved: [], reviews: [],
    actionItems: listActionItems(ctx, projectId, { sessionId }),
  };
  const touched = new Map<string, number>();
  const touch = (id: string) => touched.set(id, (touched.get(id) ?? 0) + 1);
  for (const e of sessionEvents(ctx, projectId, sessionId)) {
    const before = obj(e.before_json);
    const after = obj(e.after_json);
    const controlId = e.entity_id;
    if (e.action === 'control.update' || e.action === 'conflict.resolve') {
      if (e.entity !== 'control') continue;
      touch(controlId);
      const fields = e.action === 'conflict.resolve' ? [String(after.field)] : Object.keys(after);
      // events may have come in a bundle: only well-formed statuses are listed as changes
      const from = ControlStatus.safeParse(before.status);
      const to = ControlStatus.safeParse(after.status);
      if (e.action === 'control.update' && from.success && to.success) {
        m.statusChanges.push({ controlId, title: title(controlId), from: from.data, to: to.data, by: e.actor, at: e.at });
      }
      const rest = fields.filter((f) => e.action !== 'control.update' || f !== 'status' || !from.success || !to.success);
      if (rest.length) m.otherChanges.push({ controlId, title: title(controlId), fields: rest, by: e.actor, at: e.at });
    } else if (e.action === 'evidence.add') {
      touch(controlId);
      m.evidenceAdded.push({ controlId, title: title(controlId), name: String(after.name), kind: after.kind as EvidenceKind, sha256: String(after.sha256), by: e.actor, at: e.at });
    } else if (e.action === 'evidence.remove') {
      touch(controlId);
      m.evidenceRemoved.push({ controlId, title: title(controlId), name: String(before.name), by: e.actor, at: e.at });
    } else if (e.action === 'review.approve' || e.action === 'review.reject') {
      touch(controlId);
      m.reviews.push({ controlId, title: title(controlId), decision: e.action === 'review.approve' ? 'approved' : 'rejected', comment: String(after.comment ?? ''), by: e.actor, at: e.at });
    } else if (e.action === 'action_item.add') {
      touch(String(after.controlId));
    }
  }
  m.controlsReviewed = [...touched]
    .sort(([a], [b]) => controlOrder(ctx.catalog, a) - controlOrder(ctx.catalog, b) || a.localeCompare(b))
    .map(([controlId, changes]) => ({ controlId, title: title(controlId), changes }));
  return m;
}
