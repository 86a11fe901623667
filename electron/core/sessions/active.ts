// Which audit session a change belongs to. The context is per process, so the running session
// is looked up per project: a change made while a session runs on its project is tied to it.
import type { CoreContext } from '../context';
import type { Db } from '../store/database';
import { appendAuditEvent } from '../audit/chain';

/** The running session of a project (the latest started, should a merge have brought two). */
export function activeSessionId(db: Db, projectId: string): string | null {
  const id = db
    .prepare('SELECT id FROM audit_sessions WHERE project_id = ? AND ended_at IS NULL ORDER BY started_at DESC, id LIMIT 1')
    .pluck()
    .get(projectId) as string | undefined;
  return id ?? null;
}

export function sessionFor(ctx: CoreContext, projectId: string): string | null {
  return ctx.sessionId?.() ?? activeSessionId(ctx.db, projectId);
}

export type TeamEvent = { entity: string; entityId: string; action: string; before: unknown; after: unknown };

/** Appends an event by the acting person, tied to the running session; call inside the change's transaction. */
export function recordEvent(ctx: CoreContext, projectId: string, at: string, e: TeamEvent, sessionId = sessionFor(ctx, projectId)): { seq: number; hash: string } {
  return appendAuditEvent(ctx.db, { projectId, at, actor: ctx.actor(), sessionId, ...e });
}
