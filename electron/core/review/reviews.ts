// Review: an assessor approves an answer, or rejects it with a comment that sends it back. A
// review keeps the answer as it was judged, so once the answer changes the review no longer
// counts as current and the control needs reviewing again.
import { randomBytes } from 'node:crypto';
import { readAll } from '../store/access';
import type { ReadContext } from '../store/access';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { invalidInput, notFound } from '../errors';
import { canonicalJson } from '../audit/canonical';
import { requireRole } from '../members/permissions';
import { appendChange, sessionFor } from '../audit/changes';
import { ReviewInput, type Answer, type Review } from '../../../shared/team';
import type { ControlStatus } from '../../../shared/domain';

type ReviewRow = {
  id: string; project_id: string; control_id: string; decision: 'approved' | 'rejected'; comment: string; reviewer: string;
  at: string; session_id: string | null; answer_json: string; for_event_hash: string | null; for_event_seq: number | null;
};

/** The control's answer now, or undefined when the control is not (or no longer) in scope. */
export function currentAnswer(ctx: ReadContext, projectId: string, controlId: string): Answer | undefined {
  const row = ctx.db
    .prepare('SELECT status, owner, note, due_date FROM control_assessments WHERE project_id = ? AND control_id = ? AND archived_at IS NULL')
    .get(projectId, controlId) as { status: ControlStatus; owner: string; note: string; due_date: string | null } | undefined;
  return row && { status: row.status, owner: row.owner, note: row.note, dueDate: row.due_date };
}

function toReview(ctx: ReadContext, r: ReviewRow): Review {
  const answer = JSON.parse(r.answer_json) as Answer;
  const now = currentAnswer(ctx, r.project_id, r.control_id);
  return {
    id: r.id, controlId: r.control_id, decision: r.decision, comment: r.comment, reviewer: r.reviewer, at: r.at,
    sessionId: r.session_id, answer, current: now !== undefined && canonicalJson(now) === canonicalJson(answer),
  };
}

export function listReviews(ctx: ReadContext, projectId: string, controlId?: string): Review[] {
  const rows = readAll<ReviewRow>(ctx.db, 'SELECT * FROM reviews WHERE project_id = ? AND (? IS NULL OR control_id = ?) ORDER BY at DESC, id DESC', projectId, controlId ?? null, controlId ?? null);
  return rows.map((r) => toReview(ctx, r));
}

/** The latest review of each control, current or not. */
export function latestReviews(ctx: CoreContext, projectId: string): Map<string, Review> {
  const out = new Map<string, Review>();
  for (const r of listReviews(ctx, projectId)) if (!out.has(r.controlId)) out.set(r.controlId, r);
  return out;
}

export function reviewControl(ctx: CoreContext, projectId: string, controlId: string, input: z.input<typeof ReviewInput>): Review {
  requireRole(ctx, projectId, 'review');
  const { decision, comment } = ReviewInput.parse(input);
  return inTransaction(ctx.db, () => {
    const answer = currentAnswer(ctx, projectId, controlId);
    if (!answer) throw notFound('control in this project', controlId);
    if (answer.status === 'not_assessed') throw invalidInput(`${controlId} has not been answered yet, so there is nothing to review. Nothing was changed.`);
    const judged = ctx.db
      .prepare("SELECT seq, hash FROM audit_events WHERE project_id = ? AND entity = 'control' AND entity_id = ? AND action IN ('control.update', 'conflict.resolve') ORDER BY seq DESC LIMIT 1")
      .get(projectId, controlId) as { seq: number; hash: string } | undefined;
    const id = `rev-${randomBytes(6).toString('hex')}`;
    const at = ctx.now().toISOString();
    const sessionId = sessionFor(ctx, projectId);
    ctx.db
      .prepare('INSERT INTO reviews (id, project_id, control_id, decision, comment, reviewer, at, session_id, answer_json, for_event_hash, for_event_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, projectId, controlId, decision, comment, ctx.actor(), at, sessionId, canonicalJson(answer), judged?.hash ?? null, judged?.seq ?? null);
    appendChange(ctx, {
      projectId, at, sessionId, entity: 'control', entityId: controlId, action: decision === 'approved' ? 'review.approve' : 'review.reject',
      before: null, after: { reviewId: id, comment, answer, forEvent: judged?.hash ?? null },
    });
    const row = ctx.db.prepare('SELECT * FROM reviews WHERE id = ?').get(id) as ReviewRow;
    return toReview(ctx, row);
  });
}
