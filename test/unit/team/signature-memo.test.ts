// A signature found good is not checked again in the same process: after one more event, verify
// checks that event's signature alone. What was signed and the signature are both part of what is
// remembered, so an event changed or re-signed afterwards is checked (and refused) again.
import { describe, expect, it, vi } from 'vitest';
import { updateControl } from '../../../electron/core/assessments/update';
import { verifyProject } from '../../../electron/core/audit/verify';
import { teamProject } from './helpers';

const crypto = vi.hoisted(() => ({ verifications: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    verify: ((...args: Parameters<typeof actual.verify>) => {
      crypto.verifications++;
      return actual.verify(...args);
    }) as typeof actual.verify,
  };
});

describe('signatures checked once per process', () => {
  it('after one more event only its signature is checked; a signature changed later is checked again and refused', async () => {
    const { owner, contributor, projectId } = await teamProject();
    updateControl(contributor, projectId, 'DS-01', { status: 'partial' });
    updateControl(contributor, projectId, 'AC-01', { status: 'compliant' });
    const signed = owner.db.prepare('SELECT count(*) FROM audit_events WHERE project_id = ? AND signature IS NOT NULL').pluck().get(projectId) as number;
    expect(signed).toBeGreaterThan(4);

    const first = crypto.verifications;
    expect(verifyProject(owner, projectId).ok).toBe(true);
    const firstRun = crypto.verifications - first;
    expect(firstRun).toBeGreaterThanOrEqual(signed);

    updateControl(contributor, projectId, 'DS-01', { status: 'compliant' });
    const second = crypto.verifications;
    expect(verifyProject(owner, projectId).ok).toBe(true);
    // the new event, and the anchored head (checked every time: it moves with each event)
    expect(crypto.verifications - second).toBeLessThanOrEqual(firstRun - signed + 1);

    // an old event's signature swapped for another event's (a valid signature, of something else)
    const [a, b] = owner.db.prepare('SELECT seq, signature FROM audit_events WHERE project_id = ? AND signature IS NOT NULL ORDER BY seq LIMIT 2').all(projectId) as Array<{ seq: number; signature: string }>;
    owner.db.prepare('UPDATE audit_events SET signature = ? WHERE project_id = ? AND seq = ?').run(b!.signature, projectId, a!.seq);
    const tampered = verifyProject(owner, projectId);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems.map((p) => p.sentence)).toContainEqual(expect.stringContaining(`event ${a!.seq} carries a signature that does not match it`));
  });
});
