// Property-based tests of merging: two copies of a project edited apart by generated sequences of
// changes, then combined in both orders on fresh machines. No change may be lost, and the order
// of merging must not matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../electron/core/context';
import { updateControl } from '../../../electron/core/assessments/update';
import { addEvidence, listEvidence, removeEvidence } from '../../../electron/core/evidence/evidence';
import { addActionItem, listActionItems, updateActionItem } from '../../../electron/core/sessions/action-items';
import { createProject } from '../../../electron/core/projects/projects';
import { addMember } from '../../../electron/core/members/members';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import { verifyHistory } from '../../../electron/core/bundle/verify-history';
import { fixedClock, testWorkbench } from '../../helpers/workbench';
import { projectState, withoutConflictedValues } from './state';

const CONTROLS = ['DS-01', 'AC-01', 'NS-01', 'LM-01'] as const;
const VALUES = {
  status: ['compliant', 'partial', 'non_compliant'],
  owner: ['', 'Priya', 'Sam'],
  note: ['', 'first note', 'second note'],
} as const;
type Field = keyof typeof VALUES;

type Op =
  | { kind: 'set'; control: (typeof CONTROLS)[number]; field: Field; value: number }
  | { kind: 'evidence'; control: (typeof CONTROLS)[number] }
  | { kind: 'removeEvidence'; pick: number }
  | { kind: 'action'; control: (typeof CONTROLS)[number] }
  | { kind: 'actionDone'; pick: number };

const control = fc.constantFrom(...CONTROLS);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), control, field: fc.constantFrom<Field>('status', 'owner', 'note'), value: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('evidence' as const), control }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeEvidence' as const), pick: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('action' as const), control }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('actionDone' as const), pick: fc.nat(5) }) },
);

/** Applies the changes and returns, per field key, the last value this copy wrote (changes only). */
function apply(ctx: CoreContext, projectId: string, ops: Op[], advance: () => void): Map<string, unknown> {
  const wrote = new Map<string, unknown>();
  ops.forEach((o, i) => {
    advance();
    if (o.kind === 'set') {
      const value = VALUES[o.field][o.value];
      const before = projectState(ctx, projectId).controls.find((c) => c.control_id === o.control)![o.field];
      updateControl(ctx, projectId, o.control, { [o.field]: value });
      if (before !== value) wrote.set(`control/${o.control}/${o.field}`, value);
    } else if (o.kind === 'evidence') {
      addEvidence(ctx, projectId, o.control, { kind: 'note', text: `note ${i} by ${ctx.actor()}` });
    } else if (o.kind === 'removeEvidence') {
      const list = listEvidence(ctx, projectId);
      if (list.length) removeEvidence(ctx, projectId, list[o.pick % list.length]!.id);
    } else if (o.kind === 'action') {
      addActionItem(ctx, projectId, { controlId: o.control, text: `action ${i} by ${ctx.actor()}` });
    } else {
      const open = listActionItems(ctx, projectId, { status: 'open' });
      const item = open[o.pick % Math.max(open.length, 1)];
      if (item) {
        updateActionItem(ctx, projectId, item.id, { status: 'done' });
        wrote.set(`action_item/${item.id}/status`, 'done');
      }
    }
  });
  return wrote;
}

async function scenario(opsA: Op[], opsB: Op[]) {
  const clockA = fixedClock('2026-11-28T09:00:00.000Z');
  const a = await testWorkbench({ now: clockA.now, actor: 'Ada Tester' });
  const p = createProject(a.ctx, { name: 'Claims model', frameworks: ['pci'] });
  addMember(a.ctx, p.id, { name: 'Linus', role: 'contributor' });
  addMember(a.ctx, p.id, { name: 'Grace', role: 'contributor' });
  const baseBundle = (await exportBundle(a.ctx, p.id)).bytes;
  const clockB = fixedClock('2026-11-28T09:00:30.000Z');
  const b = await testWorkbench({ now: clockB.now, actor: 'Linus' });
  await importBundle(b.ctx, (await exportBundle(a.ctx, p.id)).bytes);
  const base = projectState(a.ctx, p.id);
  const wroteA = apply(a.ctx, p.id, opsA, () => clockA.advance(60_000));
  const wroteB = apply(b.ctx, p.id, opsB, () => clockB.advance(60_000));
  const bundleA = (await exportBundle(a.ctx, p.id)).bytes;
  const bundleB = (await exportBundle(b.ctx, p.id)).bytes;
  // two fresh machines: one takes A then B, the other B then A
  const ab = await testWorkbench({ now: fixedClock('2026-11-29T09:00:00.000Z').now, actor: 'Ada Tester' });
  await importBundle(ab.ctx, bundleA);
  await importBundle(ab.ctx, bundleB);
  const ba = await testWorkbench({ now: fixedClock('2026-11-29T09:00:00.000Z').now, actor: 'Ada Tester' });
  await importBundle(ba.ctx, bundleB);
  await importBundle(ba.ctx, bundleA);
  return { projectId: p.id, a, b, ab, ba, base, baseBundle, wroteA, wroteB, bundleA, bundleB };
}

describe('merge properties', () => {
  it('loses no change, and the order of merging does not matter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 8 }), fc.array(op, { maxLength: 8 }), async (opsA, opsB) => {
        const s = await scenario(opsA, opsB);
        const AB = projectState(s.ab.ctx, s.projectId);
        const BA = projectState(s.ba.ctx, s.projectId);
        const A = projectState(s.a.ctx, s.projectId);
        const B = projectState(s.b.ctx, s.projectId);

        // merge order does not matter: same rows, same conflicts; a conflicted field shows each machine's first copy
        expect(withoutConflictedValues(AB)).toEqual(withoutConflictedValues(BA));
        expect(AB.openConflicts).toEqual(BA.openConflicts);

        // no change lost: each field is the one value written, or a conflict holding both
        const conflicts = new Map(AB.openConflicts.map((c) => [`${c.entity}/${c.entity_id}/${c.field}`, (JSON.parse(String(c.candidates_json)) as Array<{ value: unknown }>).map((x) => x.value)]));
        const keys = new Set([...s.wroteA.keys(), ...s.wroteB.keys()]);
        for (const key of keys) {
          const [entity, id, field] = key.split('/') as [string, string, string];
          const inA = s.wroteA.has(key);
          const inB = s.wroteB.has(key);
          const column = field;
          const read = (st: typeof AB) => entity === 'control'
            ? st.controls.find((c) => c.control_id === id)![column]
            : st.actionItems.find((x) => x.id === id)![column];
          if (inA && inB && s.wroteA.get(key) !== s.wroteB.get(key)) {
            expect(conflicts.get(key)?.slice().sort()).toEqual([s.wroteA.get(key), s.wroteB.get(key)].sort());
            expect(read(AB)).toBe(s.wroteA.get(key)); // AB took A first: A's value stays until decided
            expect(read(BA)).toBe(s.wroteB.get(key));
          } else {
            const expected = inA ? s.wroteA.get(key) : s.wroteB.get(key);
            expect(conflicts.has(key)).toBe(false);
            expect(read(AB)).toBe(expected);
            expect(read(BA)).toBe(expected);
          }
        }
        // fields neither copy wrote keep the base value
        for (const c of AB.controls) {
          for (const field of ['status', 'owner', 'note'] as const) {
            if (!keys.has(`control/${c.control_id}/${field}`)) expect(c[field]).toBe(s.base.controls.find((x) => x.control_id === c.control_id)![field]);
          }
        }
        // evidence and action items: the union, removed where either copy removed
        const ids = (st: typeof AB) => st.evidence.map((e) => e.id);
        expect(ids(AB)).toEqual([...new Set([...ids(A), ...ids(B)])].sort());
        for (const e of AB.evidence) {
          const removed = [A, B].some((st) => st.evidence.find((x) => x.id === e.id)?.removed_at != null);
          expect(e.removed_at != null).toBe(removed);
        }
        expect(AB.actionItems.map((x) => x.id)).toEqual([...new Set([...A.actionItems, ...B.actionItems].map((x) => x.id))].sort());
        // every chain, and every merged copy's chain, still verifies
        for (const wb of [s.ab, s.ba]) expect(verifyHistory(wb.ctx.db, s.projectId)).toMatchObject({ ok: true });
        // merging the same bundle again changes nothing
        expect(await importBundle(s.ab.ctx, s.bundleB)).toMatchObject({ outcome: 'up_to_date', eventsReceived: 0 });
      }),
      { numRuns: 25, seed: 20261128 },
    );
  }, 300_000); // property runs; slow on a loaded machine, and not timed

  it('converges: once both copies have each other\'s changes and the conflicts are decided, they are the same', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), fc.array(op, { minLength: 1, maxLength: 6 }), async (opsA, opsB) => {
        const s = await scenario(opsA, opsB);
        const { listConflicts, resolveConflict } = await import('../../../electron/core/bundle/conflicts');
        await importBundle(s.a.ctx, s.bundleB);
        await importBundle(s.b.ctx, s.bundleA);
        // Ada decides every conflict on A, taking the value with the smaller hash
        for (const c of listConflicts(s.a.ctx, s.projectId)) resolveConflict(s.a.ctx, s.projectId, c.id, c.candidates[0]!.value);
        await importBundle(s.b.ctx, (await exportBundle(s.a.ctx, s.projectId)).bytes);
        await importBundle(s.a.ctx, (await exportBundle(s.b.ctx, s.projectId)).bytes);
        expect(projectState(s.a.ctx, s.projectId)).toEqual(projectState(s.b.ctx, s.projectId));
        expect(projectState(s.a.ctx, s.projectId).openConflicts).toEqual([]);
      }),
      { numRuns: 15, seed: 7 },
    );
  }, 300_000);

  it('a third copy that never wrote a field passes on a merged copy: its own copy is accepted everywhere', async () => {
    // found by the fleet sync test: a copy that received a clash whole kept its field's first value,
    // which the replay check then refused in every teammate's merge
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), fc.array(op, { minLength: 1, maxLength: 6 }), async (opsA, opsB) => {
        const s = await scenario(opsA, opsB);
        await importBundle(s.a.ctx, s.bundleB);
        const c = await testWorkbench({ now: fixedClock('2026-11-30T09:00:00.000Z').now, actor: 'Grace' });
        await importBundle(c.ctx, s.baseBundle);
        await importBundle(c.ctx, (await exportBundle(s.a.ctx, s.projectId)).bytes);
        expect(verifyHistory(c.ctx.db, s.projectId)).toMatchObject({ ok: true });
        const fromC = (await exportBundle(c.ctx, s.projectId)).bytes;
        const fresh = await testWorkbench({ now: fixedClock('2026-11-30T10:00:00.000Z').now, actor: 'Grace' });
        for (const to of [s.b, s.a, fresh]) await expect(importBundle(to.ctx, fromC)).resolves.toMatchObject({ outcome: expect.any(String) });
        expect(withoutConflictedValues(projectState(fresh.ctx, s.projectId))).toEqual(withoutConflictedValues(projectState(c.ctx, s.projectId)));
      }),
      { numRuns: 15, seed: 20261204 },
    );
  }, 300_000);
});
