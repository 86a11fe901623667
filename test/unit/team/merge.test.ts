import { describe, expect, it } from 'vitest';
import { updateControl } from '../../../electron/core/assessments/update';
import { addEvidence, listEvidence } from '../../../electron/core/evidence/evidence';
import { checklistRows } from '../../../electron/core/assessments/checklist';
import { listAuditEvents, verifyAuditChain } from '../../../electron/core/audit/chain';
import { addActionItem } from '../../../electron/core/sessions/action-items';
import { addMember, listMembers } from '../../../electron/core/members/members';
import { signOff } from '../../../electron/core/review/baselines';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import { listConflicts, resolveConflict } from '../../../electron/core/bundle/conflicts';
import { verifyHistory } from '../../../electron/core/bundle/verify-history';
import { createProject } from '../../../electron/core/projects/projects';
import { fixedClock, testWorkbench } from '../../helpers/workbench';
import { projectState, withoutConflictedValues } from './state';

/** Ada's laptop and Linus's laptop, each with a copy of one project. */
async function twoLaptops() {
  const clockA = fixedClock('2026-11-28T09:00:00.000Z');
  const a = await testWorkbench({ now: clockA.now, actor: 'Ada Tester' });
  const p = createProject(a.ctx, { name: 'Claims model', frameworks: ['pci'] });
  addMember(a.ctx, p.id, { name: 'Linus', role: 'contributor' });
  addMember(a.ctx, p.id, { name: 'Grace', role: 'assessor' });
  const clockB = fixedClock('2026-11-28T09:30:00.000Z');
  const b = await testWorkbench({ now: clockB.now, actor: 'Linus' });
  await importBundle(b.ctx, (await exportBundle(a.ctx, p.id)).bytes);
  return { a, b, clockA, clockB, projectId: p.id };
}

const send = async (from: { ctx: Parameters<typeof exportBundle>[0] }, to: { ctx: Parameters<typeof importBundle>[0] }, projectId: string) =>
  importBundle(to.ctx, (await exportBundle(from.ctx, projectId)).bytes);

describe('merging two copies edited apart', () => {
  it('combines changes to different things, keeps a same-field clash as a conflict, and ends the same on both laptops', async () => {
    const { a, b, clockA, clockB, projectId } = await twoLaptops();
    // apart: Ada on A…
    clockA.advance(3_600_000);
    updateControl(a.ctx, projectId, 'DS-01', { status: 'compliant', note: 'CMK on every volume' });
    const evA = addEvidence(a.ctx, projectId, 'DS-01', { kind: 'file', name: 'kms.json', content: Buffer.from('{"KeyRotationEnabled":true}') });
    addActionItem(a.ctx, projectId, { controlId: 'DS-01', text: 'Check the last volume', owner: 'Ada Tester' });
    // …and Linus on B
    clockB.advance(3_600_000);
    updateControl(b.ctx, projectId, 'DS-01', { status: 'partial' });
    updateControl(b.ctx, projectId, 'AC-01', { owner: 'Priya', status: 'non_compliant' });
    const evB = addEvidence(b.ctx, projectId, 'NS-01', { kind: 'note', text: 'Security groups exported' });

    const intoA = await send(b, a, projectId);
    expect(intoA).toMatchObject({ outcome: 'merged', fieldsChanged: 2, rowsAdded: 1, conflicts: [expect.stringMatching(/^cf-[0-9a-f]{16}$/)], exportedBy: 'Linus' });
    const intoB = await send(a, b, projectId);
    expect(intoB).toMatchObject({ outcome: 'merged', fieldsChanged: 1, rowsAdded: 3, conflicts: intoA.conflicts }); // evidence, action item, and A's record of the conflict

    // different things combined, each attributed to who changed it
    for (const wb of [a, b]) {
      const rows = new Map(checklistRows(wb.ctx, projectId).map((r) => [r.id, r]));
      expect(rows.get('AC-01')).toMatchObject({ owner: 'Priya', status: 'non_compliant', updatedBy: 'Linus' });
      expect(rows.get('DS-01')).toMatchObject({ note: 'CMK on every volume' });
      expect(listEvidence(wb.ctx, projectId).map((e) => e.id).sort()).toEqual([evA.id, evB.id].sort());
    }
    // the clash: each copy keeps its own value until someone decides
    expect(checklistRows(a.ctx, projectId, 'DS-01')[0]!.status).toBe('compliant');
    expect(checklistRows(b.ctx, projectId, 'DS-01')[0]!.status).toBe('partial');
    const [conflict] = listConflicts(b.ctx, projectId);
    expect(conflict).toMatchObject({
      entity: 'control', entityId: 'DS-01', field: 'status', currentValue: 'partial', resolvedAt: null,
      candidates: expect.arrayContaining([
        expect.objectContaining({ value: 'compliant', actor: 'Ada Tester', at: '2026-11-28T10:00:00.000Z' }),
        expect.objectContaining({ value: 'partial', actor: 'Linus', at: '2026-11-28T10:30:00.000Z' }),
      ]),
    });
    expect(listConflicts(a.ctx, projectId).map((c) => [c.id, c.candidates])).toEqual([[conflict!.id, conflict!.candidates]]);
    expect(withoutConflictedValues(projectState(a.ctx, projectId))).toEqual(withoutConflictedValues(projectState(b.ctx, projectId)));
    // a sign-off waits for the conflict
    expect(() => signOff(a.ctx, projectId)).toThrow('1 merge conflict is still open on this project; resolve it before signing off. Nothing was changed.');

    // Ada decides on A; the decision travels to B
    clockA.advance(60_000);
    const resolved = resolveConflict(a.ctx, projectId, conflict!.id, 'partial');
    expect(resolved).toMatchObject({ resolvedBy: 'Ada Tester', resolution: 'partial', currentValue: 'partial' });
    expect(listAuditEvents(a.ctx.db, projectId)[0]).toMatchObject({ action: 'conflict.resolve', entityId: 'DS-01', before: { status: 'compliant' }, after: { conflictId: conflict!.id, field: 'status', value: 'partial' } });
    expect(await send(a, b, projectId)).toMatchObject({ outcome: 'merged', conflicts: [] });
    expect(listConflicts(b.ctx, projectId)).toEqual([]);
    // B's merge records reach A: kept for the history, nothing to merge
    expect(await send(b, a, projectId)).toMatchObject({ outcome: 'up_to_date', eventsReceived: 2, fieldsChanged: 0, conflicts: [] });

    // the same project on both laptops, every chain verified
    expect(projectState(a.ctx, projectId)).toEqual(projectState(b.ctx, projectId));
    for (const wb of [a, b]) {
      expect(verifyAuditChain(wb.ctx.db, projectId).ok).toBe(true);
      const history = verifyHistory(wb.ctx.db, projectId);
      expect(history.ok).toBe(true);
      expect(history.branches.length).toBeGreaterThan(0);
    }
    // nothing more to exchange: the exchange settles instead of ping-ponging merge events
    expect(await send(a, b, projectId)).toMatchObject({ outcome: 'up_to_date', eventsReceived: 0 });
    expect(await send(b, a, projectId)).toMatchObject({ outcome: 'up_to_date', eventsReceived: 0 });
  });

  it('lets a third laptop that never wrote a field pass on a clash it received whole, keeping the field empty until someone decides', async () => {
    // found by the fleet sync test under a server crash: Grace's copy met Ada's and Linus's notes
    // together inside Ada's copy, kept her empty note, and every teammate then refused her copy
    const { a, b, projectId } = await twoLaptops();
    const c = await testWorkbench({ now: fixedClock('2026-11-28T09:40:00.000Z').now, actor: 'Grace' });
    await send(a, c, projectId);
    updateControl(a.ctx, projectId, 'DS-01', { note: 'from Ada' });
    updateControl(b.ctx, projectId, 'DS-01', { note: 'from Linus' });
    await send(b, a, projectId);
    expect(await send(a, c, projectId)).toMatchObject({ outcome: 'merged', conflicts: [expect.stringMatching(/^cf-/)] });
    expect(checklistRows(c.ctx, projectId, 'DS-01')[0]!.note).toBe('');
    expect(listConflicts(c.ctx, projectId)[0]).toMatchObject({ field: 'note', currentValue: '', candidates: [expect.anything(), expect.anything()] });
    // Grace's copy is accepted by a copy that holds one of the values, and by a laptop that has none
    expect(await send(c, b, projectId)).toMatchObject({ outcome: 'merged' });
    const d = await testWorkbench({ now: fixedClock('2026-11-28T09:50:00.000Z').now, actor: 'Grace' });
    expect(await send(c, d, projectId)).toMatchObject({ outcome: 'created' });
    for (const wb of [a, b, d]) expect(withoutConflictedValues(projectState(wb.ctx, projectId))).toEqual(withoutConflictedValues(projectState(c.ctx, projectId)));
  });

  it('resolves a conflict with the value already shown through the one write path: one event, nothing rewritten, history still explains the row', async () => {
    const { a, b, clockA, clockB, projectId } = await twoLaptops();
    clockA.advance(60_000);
    updateControl(a.ctx, projectId, 'DS-01', { status: 'compliant' });
    clockB.advance(120_000);
    updateControl(b.ctx, projectId, 'DS-01', { status: 'partial' });
    await send(a, b, projectId);
    const [conflict] = listConflicts(b.ctx, projectId);
    const updatedBefore = checklistRows(b.ctx, projectId, 'DS-01')[0]!;
    const events = listAuditEvents(b.ctx.db, projectId).length;
    clockB.advance(60_000);
    expect(resolveConflict(b.ctx, projectId, conflict!.id, updatedBefore.status)).toMatchObject({ resolvedBy: 'Linus', resolution: 'partial' });
    const log = listAuditEvents(b.ctx.db, projectId);
    expect(log.length).toBe(events + 1);
    expect(log[0]).toMatchObject({ action: 'conflict.resolve', before: { status: 'partial' }, after: { conflictId: conflict!.id, field: 'status', value: 'partial' } });
    expect(checklistRows(b.ctx, projectId, 'DS-01')[0]).toMatchObject({ status: 'partial', updatedAt: updatedBefore.updatedAt });
    expect(() => resolveConflict(b.ctx, projectId, conflict!.id, 'compliant')).toThrow(/already resolved by Linus/);
    expect(verifyHistory(b.ctx.db, projectId).ok).toBe(true);
  });

  it('records the merge on the local chain, covering the other copy\'s head hash', async () => {
    const { a, b, clockB, projectId } = await twoLaptops();
    clockB.advance(1000);
    updateControl(b.ctx, projectId, 'LM-01', { status: 'compliant' });
    const bundle = await exportBundle(b.ctx, projectId);
    const head = listAuditEvents(b.ctx.db, projectId)[0]!.hash;
    await importBundle(a.ctx, bundle.bytes);
    const merge = listAuditEvents(a.ctx.db, projectId)[0]!;
    expect(merge).toMatchObject({ action: 'bundle.merge', actor: 'Ada Tester', after: { remoteHead: head, eventsReceived: 2, fieldsChanged: 1 } });
    expect(checklistRows(a.ctx, projectId, 'LM-01')[0]).toMatchObject({ status: 'compliant', updatedBy: 'Linus' });
  });

  it("keeps the other copy's chain verifiable, and names its first broken event when one byte is edited", async () => {
    const { a, b, clockB, projectId } = await twoLaptops();
    clockB.advance(1000);
    updateControl(b.ctx, projectId, 'LM-01', { status: 'compliant' });
    updateControl(b.ctx, projectId, 'NS-01', { status: 'partial' });
    await send(b, a, projectId);
    const ok = verifyHistory(a.ctx.db, projectId);
    expect(ok).toMatchObject({ ok: true, chain: { ok: true }, branches: [{ ok: true, events: 3, firstBroken: null }] });
    // edit one byte of the first of Linus's events kept on A
    const row = a.ctx.db.prepare("SELECT hash, seq, after_json FROM audit_events_imported WHERE project_id = ? AND action = 'control.update' ORDER BY seq LIMIT 1").get(projectId) as { hash: string; seq: number; after_json: string };
    a.ctx.db.prepare('UPDATE audit_events_imported SET after_json = ? WHERE project_id = ? AND hash = ?').run(row.after_json.replace('compliant', 'compliAnt'), projectId, row.hash);
    const broken = verifyHistory(a.ctx.db, projectId);
    expect(broken.ok).toBe(false);
    expect(broken.chain.ok).toBe(true);
    expect(broken.branches[0]!.firstBroken).toEqual({ hash: row.hash, seq: row.seq, problem: 'its content does not match its hash (it was changed after it was written)' });
  });

  it('refuses a merge by a viewer, changing nothing', async () => {
    const { a, b, clockB, projectId } = await twoLaptops();
    addMember(a.ctx, projectId, { name: 'Erin', role: 'viewer' });
    clockB.advance(1000);
    updateControl(b.ctx, projectId, 'LM-01', { status: 'compliant' });
    const bundle = await exportBundle(b.ctx, projectId);
    const erin = { ...a.ctx, actor: () => 'Erin' };
    const before = projectState(a.ctx, projectId);
    await expect(importBundle(erin, bundle.bytes)).rejects.toThrow("Merging a teammate's bundle into this project needs the contributor, assessor or owner role; Erin is a viewer on this project. Nothing was changed.");
    expect(projectState(a.ctx, projectId)).toEqual(before);
  });

  it('merges a role change made by an owner on one laptop; a contributor cannot make one', async () => {
    const { a, b, projectId } = await twoLaptops();
    const { setMemberRole } = await import('../../../electron/core/members/members');
    setMemberRole(a.ctx, projectId, 'Grace', 'owner');
    expect(() => setMemberRole(b.ctx, projectId, 'Grace', 'viewer')).toThrow(/needs the owner role; Linus is a contributor/);
    await send(a, b, projectId);
    expect(listMembers(b.ctx, projectId).find((m) => m.name === 'Grace')?.role).toBe('owner');
  });
});
