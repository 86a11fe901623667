import { describe, expect, it } from 'vitest';
import { fixedClock, testWorkbench } from '../../helpers/workbench';
import { dispatch } from '../../../electron/core/dispatch';
import type { Handlers } from '../../../electron/core/handlers';
import { readinessHistory } from '../../../electron/core/projects/readiness-history';

async function call(h: Handlers, method: string, args: unknown): Promise<any> {
  const r = await dispatch(h, method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const DAY = 86_400_000;

describe('readiness over time, replayed from the history', () => {
  it('gives readiness per framework at the end of each day with a change, and the sign-offs', async () => {
    const clock = fixedClock('2026-11-28T09:00:00.000Z');
    const { handlers, ctx } = await testWorkbench({ now: clock.now });
    const { id: projectId } = await call(handlers, 'createProject', { name: 'History', frameworks: ['hipaa', 'gdpr'] });
    const set = (controlId: string, status: string) => call(handlers, 'updateControl', { projectId, controlId, status });

    // day 1: HIPAA has DS-01, AC-01, LM-01; GDPR has DS-01, DS-02
    await set('DS-01', 'compliant');
    clock.advance(60_000);
    await set('DS-02', 'partial');
    // day 2: a sign-off, then more answers
    clock.advance(DAY);
    await call(handlers, 'signOff', { projectId });
    clock.advance(60_000);
    await set('AC-01', 'non_compliant');
    await set('DS-02', 'compliant');
    // day 4 (nothing on day 3): DS-01 turns out not to apply
    clock.advance(2 * DAY);
    await set('DS-01', 'not_applicable');

    const h = await call(handlers, 'getReadinessHistory', { projectId });
    expect(h.points).toEqual([
      { day: '2026-11-28', byFramework: [{ framework: 'hipaa', percent: 33.3 }, { framework: 'gdpr', percent: 75 }] },
      { day: '2026-11-29', byFramework: [{ framework: 'hipaa', percent: 33.3 }, { framework: 'gdpr', percent: 100 }] },
      { day: '2026-12-01', byFramework: [{ framework: 'hipaa', percent: 0 }, { framework: 'gdpr', percent: 100 }] },
    ]);
    expect(h.signOffs).toEqual([{ day: '2026-11-29', at: '2026-11-29T09:01:00.000Z', signedBy: 'Ada Tester' }]);

    // the last point is today's readiness, as the overview computes it
    const overview = await call(handlers, 'getOverview', { projectId });
    expect(h.points.at(-1).byFramework.map((b: { percent: number }) => b.percent)).toEqual(
      overview.byFramework.map((f: { readiness: { percent: number } }) => f.readiness.percent),
    );
    expect(readinessHistory(ctx, projectId)).toEqual(h);
  });

  it('is empty for a project nobody has answered, and refuses an unknown project', async () => {
    const { handlers } = await testWorkbench();
    const { id: projectId } = await call(handlers, 'createProject', { name: 'New', frameworks: ['pci'] });
    expect(await call(handlers, 'getReadinessHistory', { projectId })).toEqual({ points: [], signOffs: [] });
    await expect(call(handlers, 'getReadinessHistory', { projectId: 'prj-nope' })).rejects.toThrow(/NOT_FOUND/);
  });
  it('goes on from where it stopped after each change, and gives what a replay from the start gives', async () => {
    const clock = fixedClock('2026-11-28T09:00:00.000Z');
    const wb = await testWorkbench({ now: clock.now });
    const { id: projectId } = await call(wb.handlers, 'createProject', { name: 'History', frameworks: ['hipaa', 'gdpr'] });
    const fromStart = async () => {
      // another connection to the same file keeps nothing of this one's replays
      const other = await testWorkbench({ file: wb.file, now: clock.now });
      return readinessHistory(other.ctx, projectId);
    };
    const steps: Array<() => Promise<unknown>> = [
      () => call(wb.handlers, 'updateControl', { projectId, controlId: 'DS-01', status: 'compliant' }),
      () => call(wb.handlers, 'updateControl', { projectId, controlId: 'DS-02', status: 'partial' }),
      async () => clock.advance(DAY),
      () => call(wb.handlers, 'updateControl', { projectId, controlId: 'DS-01', owner: 'Sam' }),
      () => call(wb.handlers, 'updateControl', { projectId, controlId: 'AC-01', status: 'non_compliant' }),
      async () => clock.advance(3 * DAY),
      () => call(wb.handlers, 'signOff', { projectId }),
      () => call(wb.handlers, 'updateControl', { projectId, controlId: 'DS-02', status: 'compliant' }),
      // the scope changes: the replay starts again
      () => call(wb.handlers, 'updateProject', { projectId, frameworks: ['hipaa'] }),
      () => call(wb.handlers, 'updateControl', { projectId, controlId: 'LM-01', status: 'partial' }),
    ];
    const seen: unknown[] = [];
    for (const step of steps) {
      await step();
      const kept = readinessHistory(wb.ctx, projectId);
      expect(kept).toEqual(await fromStart());
      seen.push(structuredClone(kept));
    }
    // what was handed out before is not changed by the replays after it
    expect(seen[1]).toEqual({ points: [{ day: '2026-11-28', byFramework: [{ framework: 'hipaa', percent: 33.3 }, { framework: 'gdpr', percent: 75 }] }], signOffs: [] });
    expect((seen.at(-1) as { points: unknown[] }).points.length).toBeGreaterThan(1);
  });
});
