import { describe, expect, it } from 'vitest';
import { updateControl } from '../../../electron/core/assessments/update';
import { addEvidence, removeEvidence } from '../../../electron/core/evidence/evidence';
import { listAuditEvents } from '../../../electron/core/audit/chain';
import { latestReviews, listReviews, reviewControl } from '../../../electron/core/review/reviews';
import { baselineDiff, getBaseline, listBaselines, signOff } from '../../../electron/core/review/baselines';
import { teamProject } from './helpers';

describe('review and sign-off', () => {
  it('approves an answer, and the approval stops being current when the answer changes', async () => {
    const { wb, projectId, assessor, contributor, clock } = await teamProject();
    updateControl(contributor, projectId, 'DS-01', { status: 'compliant', note: 'CMK everywhere' });
    clock.advance(1000);
    const review = reviewControl(assessor, projectId, 'DS-01', { decision: 'approved' });
    expect(review).toMatchObject({ decision: 'approved', comment: '', reviewer: 'Grace', current: true, answer: { status: 'compliant', note: 'CMK everywhere', owner: '', dueDate: null } });
    const event = listAuditEvents(wb.ctx.db, projectId)[0]!;
    expect(event).toMatchObject({ action: 'review.approve', actor: 'Grace', entityId: 'DS-01', after: { reviewId: review.id, answer: { status: 'compliant' } } });
    expect((event.after as { forEvent: string }).forEvent).toBe(listAuditEvents(wb.ctx.db, projectId)[1]!.hash);
    clock.advance(1000);
    updateControl(contributor, projectId, 'DS-01', { note: 'CMK on all but one volume' });
    expect(listReviews(wb.ctx, projectId, 'DS-01')[0]).toMatchObject({ id: review.id, current: false });
  });

  it('rejects an answer only with a comment, which goes back to the contributor', async () => {
    const { wb, projectId, assessor, contributor } = await teamProject();
    updateControl(contributor, projectId, 'AC-01', { status: 'compliant' });
    expect(() => reviewControl(assessor, projectId, 'AC-01', { decision: 'rejected' })).toThrow(/a rejected answer goes back with a comment/);
    reviewControl(assessor, projectId, 'AC-01', { decision: 'rejected', comment: 'Least privilege not shown: attach the role policies' });
    expect(latestReviews(wb.ctx, projectId).get('AC-01')).toMatchObject({ decision: 'rejected', comment: 'Least privilege not shown: attach the role policies', current: true });
    expect(() => reviewControl(assessor, projectId, 'NS-01', { decision: 'approved' })).toThrow('NS-01 has not been answered yet, so there is nothing to review. Nothing was changed.');
  });

  it('freezes a baseline at sign-off and shows later changes as a diff against it', async () => {
    const { wb, projectId, assessor, contributor, clock } = await teamProject();
    updateControl(contributor, projectId, 'DS-01', { status: 'compliant', owner: 'Priya' });
    const kept = addEvidence(contributor, projectId, 'DS-01', { kind: 'note', text: 'key policy checked' });
    const dropped = addEvidence(contributor, projectId, 'AC-01', { kind: 'link', url: 'https://example.org/iam' });
    clock.advance(60_000);
    const baseline = signOff(assessor, projectId, { note: 'Ready for the QSA' });
    expect(baseline).toMatchObject({ signedBy: 'Grace', signedRole: 'assessor', note: 'Ready for the QSA', controls: 4, auditSeq: 7 });
    expect(listAuditEvents(wb.ctx.db, projectId)[0]).toMatchObject({ action: 'baseline.sign', entityId: baseline.id, after: { snapshotSha256: baseline.snapshotSha256, auditSeq: 7 } });
    expect(baselineDiff(wb.ctx, projectId)).toEqual({ baseline, unchanged: true, changes: [], evidenceAdded: [], evidenceRemoved: [], controlsAdded: [], controlsRemoved: [] });

    clock.advance(60_000);
    updateControl(contributor, projectId, 'DS-01', { status: 'partial' });
    removeEvidence(contributor, projectId, dropped.id);
    const added = addEvidence(contributor, projectId, 'NS-01', { kind: 'note', text: 'SG rules exported' });
    const diff = baselineDiff(wb.ctx, projectId);
    expect(diff).toMatchObject({
      unchanged: false,
      changes: [{ controlId: 'DS-01', field: 'status', baseline: 'compliant', current: 'partial' }],
      evidenceAdded: [{ controlId: 'NS-01', evidenceId: added.id }],
      evidenceRemoved: [{ controlId: 'AC-01', evidenceId: dropped.id }],
    });
    // the frozen snapshot did not move
    const frozen = getBaseline(wb.ctx, projectId)!;
    expect(frozen.controls.find((c) => c.controlId === 'DS-01')).toEqual({ controlId: 'DS-01', status: 'compliant', owner: 'Priya', note: '', dueDate: null, evidenceIds: [kept.id] });
    expect(listBaselines(wb.ctx, projectId).map((b) => b.id)).toEqual([baseline.id]);
  });

  it('says there is no baseline before the first sign-off', async () => {
    const { wb, projectId } = await teamProject();
    expect(baselineDiff(wb.ctx, projectId)).toMatchObject({ baseline: null, unchanged: false });
    expect(getBaseline(wb.ctx, projectId)).toBeNull();
    expect(() => getBaseline(wb.ctx, projectId, 'bl-nope')).toThrow('No baseline in this project with id "bl-nope".');
  });
});
