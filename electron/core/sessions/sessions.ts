// Audit sessions: a facilitator runs the walkthrough with the team in the room. While a session
// runs on a project, every change to that project is tied to it; ending it writes the minutes.
import { randomBytes } from 'node:crypto';
import { readOne, readAll } from '../store/access';
import type { ReadContext } from '../store/access';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { invalidInput, notFound, WorkbenchError } from '../errors';
import { getProject } from '../projects/projects';
import { requireRole } from '../members/permissions';
import { findMember } from '../members/identity';
import { sha256Hex } from '../evidence/evidence';
import { activeSessionId } from './active';
import { appendChange } from '../audit/changes';
import { buildMinutes } from './minutes';
import { renderMinutesMarkdown } from './minutes-markdown';
import { SessionStartInput, type Attendee, type AuditSession } from '../../../shared/team';

export type SessionRow = {
  id: string; project_id: string; title: string; facilitator: string; attendees_json: string; scope_json: string;
  started_at: string; ended_at: string | null; ended_by: string | null; minutes_md: string | null;
};

export function toSession(row: SessionRow): AuditSession {
  return {
    id: row.id, projectId: row.project_id, title: row.title, facilitator: row.facilitator,
    attendees: JSON.parse(row.attendees_json) as Attendee[], scope: JSON.parse(row.scope_json) as AuditSession['scope'],
    startedAt: row.started_at, endedAt: row.ended_at, endedBy: row.ended_by,
  };
}

export function getSession(ctx: ReadContext, projectId: string, sessionId: string): AuditSession {
  const row = readOne<SessionRow>(ctx.db, 'SELECT * FROM audit_sessions WHERE project_id = ? AND id = ?', projectId, sessionId);
  if (!row) throw notFound('audit session in this project', sessionId, 'List sessions with `cwb session list --project ID`.');
  return toSession(row);
}

export function listSessions(ctx: ReadContext, projectId: string): AuditSession[] {
  getProject(ctx, projectId);
  const rows = readAll<SessionRow>(ctx.db, 'SELECT * FROM audit_sessions WHERE project_id = ? ORDER BY started_at DESC, id', projectId);
  return rows.map(toSession);
}

/** Members are named as the project knows them; anyone else must be marked a guest. */
function checkAttendees(ctx: CoreContext, projectId: string, attendees: Attendee[]): Attendee[] {
  return attendees.map((a) => {
    if (a.guest) return { name: a.name, ...(a.email ? { email: a.email } : {}), ...(a.role ? { role: a.role } : {}), guest: true };
    const member = findMember(ctx.db, projectId, { name: a.name, email: a.email ?? '' });
    if (!member) throw invalidInput(`${a.name} is not a member of this project: add them as a member, or mark them as a guest. Nothing was changed.`);
    return { name: member.name, ...(member.email ? { email: member.email } : {}), role: a.role || member.role, guest: false };
  });
}

export function startSession(ctx: CoreContext, projectId: string, input: z.input<typeof SessionStartInput>): AuditSession {
  requireRole(ctx, projectId, 'session.run');
  const parsed = SessionStartInput.parse(input);
  return inTransaction(ctx.db, () => {
    const project = getProject(ctx, projectId);
    const running = activeSessionId(ctx.db, projectId);
    if (running) {
      const s = getSession(ctx, projectId, running);
      throw new WorkbenchError('CONFLICT', `The session "${s.title}" (${s.id}) is still running on this project since ${s.startedAt}; end it before starting another. Nothing was changed.`);
    }
    const outside = parsed.scope.frameworks.filter((f) => !project.frameworks.includes(f));
    if (outside.length) throw invalidInput(`${outside.join(', ')} is not in the project's scope (${project.frameworks.join(', ')}). Nothing was changed.`);
    const attendees = checkAttendees(ctx, projectId, parsed.attendees);
    const id = `ses-${randomBytes(6).toString('hex')}`;
    const at = ctx.now().toISOString();
    ctx.db
      .prepare('INSERT INTO audit_sessions (id, project_id, title, facilitator, attendees_json, scope_json, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, projectId, parsed.title, ctx.actor(), JSON.stringify(attendees), JSON.stringify(parsed.scope), at);
    appendChange(ctx, { projectId, at, sessionId: id, entity: 'session', entityId: id, action: 'session.start', before: null, after: { title: parsed.title, attendees, scope: parsed.scope } });
    return getSession(ctx, projectId, id);
  });
}

/** Ends the running session (or the one named) and stores its minutes as they read at the end. */
export function endSession(ctx: CoreContext, projectId: string, sessionId?: string): { session: AuditSession; minutesMarkdown: string } {
  requireRole(ctx, projectId, 'session.run');
  return inTransaction(ctx.db, () => {
    const id = sessionId ?? activeSessionId(ctx.db, projectId);
    if (!id) throw invalidInput('No audit session is running on this project. Nothing was changed.');
    const session = getSession(ctx, projectId, id);
    if (session.endedAt) throw new WorkbenchError('CONFLICT', `The session "${session.title}" already ended at ${session.endedAt}. Nothing was changed.`);
    const at = ctx.now().toISOString();
    ctx.db.prepare('UPDATE audit_sessions SET ended_at = ?, ended_by = ? WHERE id = ?').run(at, ctx.actor(), id);
    const markdown = renderMinutesMarkdown(buildMinutes(ctx, getSession(ctx, projectId, id)));
    ctx.db.prepare('UPDATE audit_sessions SET minutes_md = ? WHERE id = ?').run(markdown, id);
    appendChange(ctx, { projectId, at, sessionId: id, entity: 'session', entityId: id, action: 'session.end', before: null, after: { endedAt: at, minutesSha256: sha256Hex(markdown) } });
    return { session: getSession(ctx, projectId, id), minutesMarkdown: markdown };
  });
}
