// Sign-off: an assessor or owner freezes a baseline, every control's answer and evidence as it
// stands. Later changes show as a diff against it, and reports can say which state they describe.
import { randomBytes } from 'node:crypto';
import { readAll } from '../store/access';
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { notFound, WorkbenchError } from '../errors';
import { canonicalJson } from '../audit/canonical';
import { sha256Hex } from '../evidence/evidence';
import { getProject } from '../projects/projects';
import { requireRole } from '../members/permissions';
import { appendChange } from '../audit/changes';
import type { Baseline, BaselineControl, BaselineDiff, Role } from '../../../shared/team';
import type { ReadContext } from '../store/access';

type BaselineRow = {
  id: string; project_id: string; signed_by: string; signed_role: Role; signed_at: string; note: string;
  snapshot_json: string; snapshot_sha256: string; audit_seq: number; audit_hash: string;
};

/** Every in-scope control's answer and its evidence ids, in control id order. */
export function snapshotControls(ctx: CoreContext, projectId: string): BaselineControl[] {
  const rows = ctx.db
    .prepare('SELECT control_id, status, owner, note, due_date FROM control_assessments WHERE project_id = ? AND archived_at IS NULL ORDER BY control_id')
    .all(projectId) as Array<{ control_id: string; status: BaselineControl['status']; owner: string; note: string; due_date: string | null }>;
  const evidence = ctx.db
    .prepare('SELECT control_id, id FROM evidence WHERE project_id = ? AND removed_at IS NULL ORDER BY id')
    .all(projectId) as Array<{ control_id: string; id: string }>;
  return rows.map((r) => ({
    controlId: r.control_id, status: r.status, owner: r.owner, note: r.note, dueDate: r.due_date,
    evidenceIds: evidence.filter((e) => e.control_id === r.control_id).map((e) => e.id),
  }));
}

function toBaseline(r: BaselineRow): Baseline {
  return {
    id: r.id, projectId: r.project_id, signedBy: r.signed_by, signedRole: r.signed_role, signedAt: r.signed_at, note: r.note,
    snapshotSha256: r.snapshot_sha256, auditSeq: r.audit_seq, auditHash: r.audit_hash,
    controls: (JSON.parse(r.snapshot_json) as unknown[]).length,
  };
}

export function listBaselines(ctx: ReadContext, projectId: string): Baseline[] {
  getProject(ctx, projectId);
  return (readAll<BaselineRow>(ctx.db, 'SELECT * FROM baselines WHERE project_id = ? ORDER BY signed_at DESC, id DESC', projectId)).map(toBaseline);
}

/** A baseline with its frozen controls: the latest when no id is given, null when none was signed. */
export function getBaseline(ctx: ReadContext, projectId: string, baselineId?: string): { baseline: Baseline; controls: BaselineControl[] } | null {
  const row = (baselineId
    ? ctx.db.prepare('SELECT * FROM baselines WHERE project_id = ? AND id = ?').get(projectId, baselineId)
    : ctx.db.prepare('SELECT * FROM baselines WHERE project_id = ? ORDER BY signed_at DESC, id DESC LIMIT 1').get(projectId)) as BaselineRow | undefined;
  if (!row) {
    if (baselineId) throw notFound('baseline in this project', baselineId);
    return null;
  }
  return { baseline: toBaseline(row), controls: JSON.parse(row.snapshot_json) as BaselineControl[] };
}

export function signOff(ctx: CoreContext, projectId: string, input: { note?: string } = {}): Baseline {
  const member = requireRole(ctx, projectId, 'signoff');
  const note = (input.note ?? '').trim().slice(0, 5000);
  return inTransaction(ctx.db, () => {
    getProject(ctx, projectId);
    const open = ctx.db.prepare('SELECT count(*) FROM merge_conflicts WHERE project_id = ? AND resolved_at IS NULL').pluck().get(projectId) as number;
    if (open > 0) {
      throw new WorkbenchError('CONFLICT', `${open} merge conflict${open === 1 ? ' is' : 's are'} still open on this project; resolve ${open === 1 ? 'it' : 'them'} before signing off. Nothing was changed.`);
    }
    const controls = snapshotControls(ctx, projectId);
    const snapshot = canonicalJson(controls);
    const head = ctx.db.prepare('SELECT seq, hash FROM audit_events WHERE project_id = ? ORDER BY seq DESC LIMIT 1').get(projectId) as { seq: number; hash: string };
    const id = `bl-${randomBytes(6).toString('hex')}`;
    const at = ctx.now().toISOString();
    const sha = sha256Hex(snapshot);
    ctx.db
      .prepare('INSERT INTO baselines (id, project_id, signed_by, signed_role, signed_at, note, snapshot_json, snapshot_sha256, audit_seq, audit_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, projectId, ctx.actor(), member.role, at, note, snapshot, sha, head.seq, head.hash);
    appendChange(ctx, {
      projectId, at, entity: 'baseline', entityId: id, action: 'baseline.sign', before: null,
      after: { snapshotSha256: sha, controls: controls.length, role: member.role, note, auditSeq: head.seq, auditHash: head.hash },
    });
    return toBaseline(ctx.db.prepare('SELECT * FROM baselines WHERE id = ?').get(id) as BaselineRow);
  });
}

const FIELDS = ['status', 'owner', 'note', 'dueDate'] as const;

export function baselineDiff(ctx: CoreContext, projectId: string, baselineId?: string): BaselineDiff {
  getProject(ctx, projectId);
  const signed = getBaseline(ctx, projectId, baselineId);
  const empty = { changes: [], evidenceAdded: [], evidenceRemoved: [], controlsAdded: [], controlsRemoved: [] };
  if (!signed) return { baseline: null, unchanged: false, ...empty };
  const now = new Map(snapshotControls(ctx, projectId).map((c) => [c.controlId, c]));
  const then = new Map(signed.controls.map((c) => [c.controlId, c]));
  const diff: Omit<BaselineDiff, 'baseline' | 'unchanged'> = {
    changes: [], evidenceAdded: [], evidenceRemoved: [],
    controlsAdded: [...now.keys()].filter((id) => !then.has(id)),
    controlsRemoved: [...then.keys()].filter((id) => !now.has(id)),
  };
  for (const [id, was] of then) {
    const is = now.get(id);
    if (!is) continue;
    for (const field of FIELDS) if (was[field] !== is[field]) diff.changes.push({ controlId: id, field, baseline: was[field], current: is[field] });
    for (const e of is.evidenceIds) if (!was.evidenceIds.includes(e)) diff.evidenceAdded.push({ controlId: id, evidenceId: e });
    for (const e of was.evidenceIds) if (!is.evidenceIds.includes(e)) diff.evidenceRemoved.push({ controlId: id, evidenceId: e });
  }
  const unchanged = Object.values(diff).every((list) => list.length === 0);
  return { baseline: signed.baseline, unchanged, ...diff };
}
