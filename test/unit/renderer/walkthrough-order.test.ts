// Where the walkthrough goes next, resumes, and what it says is left when finished.
import { describe, expect, it } from 'vitest';
import { nearestUnanswered, nextBestAction, progressByDomain, resumeAt } from '../../../renderer/src/components/walkthrough-order';
import type { ChecklistRow, ControlStatus, DomainId, Priority } from '../../../shared/domain';

const row = (id: string, status: ControlStatus, domain: DomainId = 'data_security', priority: Priority = 'medium'): ChecklistRow =>
  ({ id, title: id, domain, priority, status, frameworks: ['hipaa'], owner: '', note: '', dueDate: null, evidenceCount: 0, expiredEvidenceCount: 0, updatedAt: null, updatedBy: null });

describe('walkthrough order', () => {
  const rows = [row('A', 'compliant'), row('B', 'not_assessed'), row('C', 'partial'), row('D', 'not_assessed', 'network_security', 'critical')];

  it('skips answered steps both ways and says -1 at the end', () => {
    expect(nearestUnanswered(rows, 0, 1)).toBe(1);
    expect(nearestUnanswered(rows, 1, 1)).toBe(3);
    expect(nearestUnanswered(rows, 3, 1)).toBe(-1);
    expect(nearestUnanswered(rows, 3, -1)).toBe(1);
    expect(nearestUnanswered(rows, 1, -1)).toBe(-1);
  });

  it('resumes at the first unanswered step from where it was left, wrapping to the start', () => {
    expect(resumeAt(rows, null)).toBe('B');
    expect(resumeAt(rows, 'C')).toBe('D');
    expect(resumeAt([row('A', 'not_assessed'), row('B', 'compliant')], 'B')).toBe('A');
    expect(resumeAt([row('A', 'compliant')], 'A')).toBeUndefined();
  });

  it('counts what is left per domain, in domain order', () => {
    expect(progressByDomain(rows)).toEqual([
      { domain: 'data_security', total: 3, left: 1, firstLeft: 'B' },
      { domain: 'network_security', total: 1, left: 1, firstLeft: 'D' },
    ]);
  });

  it('next best action: the most important unanswered, then the worst gap, then the report', () => {
    expect(nextBestAction(rows)).toMatchObject({ kind: 'answer', control: { id: 'D' } });
    expect(nextBestAction([row('A', 'partial'), row('B', 'non_compliant')])).toMatchObject({ kind: 'remediate', control: { id: 'B' } });
    expect(nextBestAction([row('A', 'compliant')])).toEqual({ kind: 'report' });
  });
});
