import { describe, expect, it } from 'vitest';
import { fixedClock, testWorkbench } from '../../helpers/workbench';
import { miniCatalog, miniControl } from '../../fixtures/mini-catalog';
import { createProject, getProject, listProjects, updateProject } from '../../../electron/core/projects/projects';
import { checklistRows, projectOverview } from '../../../electron/core/assessments/checklist';
import { updateControl } from '../../../electron/core/assessments/update';
import { listAuditEvents, verifyAuditChain } from '../../../electron/core/audit/chain';
import { openWorkbench } from '../../../electron/core/workbench';
import { addActionItem, updateActionItem } from '../../../electron/core/sessions/action-items';

describe('projects', () => {
  it('creates a project whose checklist holds exactly the controls mapped to its frameworks', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: '  Fraud model  ', description: 'card scoring', frameworks: ['pci'] });
    expect(p).toMatchObject({ name: 'Fraud model', description: 'card scoring', frameworks: ['pci'], archivedAt: null, catalogVersion: '2026.1.0', createdBy: 'Ada Tester' });
    expect(p.id).toMatch(/^prj-[a-z0-9]{10}$/);
    expect(checklistRows(ctx, p.id).map((r) => r.id)).toEqual(['DS-01', 'AC-01', 'NS-01', 'LM-01']);
    expect(checklistRows(ctx, p.id).every((r) => r.status === 'not_assessed')).toBe(true);
    const [event] = listAuditEvents(ctx.db, p.id);
    expect(event).toMatchObject({ action: 'project.create', actor: 'Ada Tester', after: { name: 'Fraud model', frameworks: ['pci'], controls: 4 } });
  });

  it('refuses bad input whole: no name, no framework, unknown framework', async () => {
    const { ctx } = await testWorkbench();
    expect(() => createProject(ctx, { name: ' ', frameworks: ['pci'] })).toThrow(/a project needs a name/);
    expect(() => createProject(ctx, { name: 'x', frameworks: [] })).toThrow(/choose at least one framework/);
    expect(() => createProject(ctx, { name: 'x', frameworks: ['sox' as 'pci'] })).toThrow();
    expect(listProjects(ctx)).toEqual([]);
  });

  it('computes readiness as (compliant + ½ partial) / (in scope − not applicable), per framework', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['hipaa', 'pci'] });
    updateControl(ctx, p.id, 'DS-01', { status: 'compliant' });
    updateControl(ctx, p.id, 'AC-01', { status: 'partial' });
    updateControl(ctx, p.id, 'NS-01', { status: 'not_applicable' });
    updateControl(ctx, p.id, 'LM-01', { status: 'non_compliant' });
    const o = projectOverview(ctx, p.id);
    // overall: 4 controls, 1 n/a → (1 + 0.5) / 3
    expect(o.overall).toEqual({ inScope: 4, counts: { not_assessed: 0, compliant: 1, partial: 1, non_compliant: 1, not_applicable: 1 }, percent: 50 });
    // HIPAA counts only DS-01, AC-01, LM-01 → (1 + 0.5) / 3
    expect(o.byFramework.find((f) => f.framework === 'hipaa')?.readiness).toMatchObject({ inScope: 3, percent: 50 });
    // PCI counts all four
    expect(o.byFramework.find((f) => f.framework === 'pci')?.readiness).toMatchObject({ inScope: 4, percent: 50 });
    expect(o.byDomain.find((d) => d.domain === 'network_security')?.readiness.percent).toBeNull();
    expect(o.topGaps.map((g) => g.controlId)).toEqual(['AC-01', 'LM-01']);
  });

  it('lists overdue work against the workbench clock: unfinished controls and open action items due before today', async () => {
    const clock = fixedClock('2026-11-28T10:00:00.000Z');
    const { ctx } = await testWorkbench({ now: clock.now });
    const p = createProject(ctx, { name: 'p', frameworks: ['pci'] });
    updateControl(ctx, p.id, 'DS-01', { status: 'partial', owner: 'Sam', dueDate: '2026-11-27' }); // overdue
    updateControl(ctx, p.id, 'AC-01', { status: 'compliant', dueDate: '2026-10-01' }); // done: not overdue
    updateControl(ctx, p.id, 'NS-01', { status: 'not_applicable', dueDate: '2026-10-01' }); // done: not overdue
    updateControl(ctx, p.id, 'LM-01', { dueDate: '2026-11-28' }); // due today: not yet overdue
    const late = addActionItem(ctx, p.id, { controlId: 'DS-01', text: 'Rotate keys', owner: 'Priya', dueDate: '2026-11-01' });
    const finished = addActionItem(ctx, p.id, { controlId: 'AC-01', text: 'Review IAM', dueDate: '2026-11-01' });
    updateActionItem(ctx, p.id, finished.id, { status: 'done' });
    addActionItem(ctx, p.id, { controlId: 'AC-01', text: 'Later', dueDate: '2026-12-01' });
    addActionItem(ctx, p.id, { controlId: 'AC-01', text: 'Undated' });
    expect(projectOverview(ctx, p.id).overdue).toEqual({
      controls: [{ controlId: 'DS-01', title: expect.any(String), owner: 'Sam', dueDate: '2026-11-27', status: 'partial' }],
      actionItems: [{ id: late.id, controlId: 'DS-01', text: 'Rotate keys', owner: 'Priya', dueDate: '2026-11-01' }],
    });
    clock.advance(86_400_000); // the next day LM-01 (due the 28th) is overdue too, the older one first
    expect(projectOverview(ctx, p.id).overdue.controls.map((c) => c.controlId)).toEqual(['DS-01', 'LM-01']);
  });

  it('changing scope archives controls that leave it and restores them, answers intact', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['pci'] });
    updateControl(ctx, p.id, 'NS-01', { status: 'compliant', note: 'SG reviewed' });
    updateProject(ctx, { id: p.id, frameworks: ['gdpr'] });
    expect(checklistRows(ctx, p.id).map((r) => r.id)).toEqual(['DS-01', 'DS-02']);
    updateProject(ctx, { id: p.id, frameworks: ['gdpr', 'pci'] });
    expect(checklistRows(ctx, p.id).find((r) => r.id === 'NS-01')).toMatchObject({ status: 'compliant', note: 'SG reviewed' });
  });

  it('renames and archives, with an audit event each; archived projects leave the default list', async () => {
    const clock = fixedClock();
    const { ctx } = await testWorkbench({ now: clock.now });
    const p = createProject(ctx, { name: 'old', frameworks: ['gdpr'] });
    clock.advance(1000);
    updateProject(ctx, { id: p.id, name: 'new' });
    clock.advance(1000);
    updateProject(ctx, { id: p.id, archived: true });
    expect(getProject(ctx, p.id)).toMatchObject({ name: 'new', archivedAt: '2026-11-28T10:00:02.000Z' });
    expect(listProjects(ctx)).toEqual([]);
    expect(listProjects(ctx, { includeArchived: true }).map((x) => x.id)).toEqual([p.id]);
    expect(listAuditEvents(ctx.db, p.id).map((e) => e.action)).toEqual(['project.archive', 'project.update', 'project.create']);
    expect(listAuditEvents(ctx.db, p.id)[1]).toMatchObject({ before: { name: 'old' }, after: { name: 'new' } });
  });

  it('keeps answers across a catalog upgrade: new controls not assessed, dropped ones archived with history', async () => {
    const v1 = miniCatalog('2026.1.0');
    const first = await testWorkbench({ catalog: v1 });
    const p = createProject(first.ctx, { name: 'p', frameworks: ['pci'] });
    updateControl(first.ctx, p.id, 'NS-01', { status: 'compliant', owner: 'Net team' });
    updateControl(first.ctx, p.id, 'DS-01', { status: 'partial', note: 'two buckets left' });
    first.close();

    const v2 = miniCatalog('2026.2.0', [miniControl('NS-02', 'network_security', 'high', [['pci', '1.3.1']])], ['NS-01']);
    const second = await openWorkbench(first.file, { catalog: v2, actor: 'Ada Tester' });
    try {
      const rows = checklistRows(second.ctx, p.id);
      expect(rows.map((r) => [r.id, r.status])).toEqual([['DS-01', 'partial'], ['AC-01', 'not_assessed'], ['NS-02', 'not_assessed'], ['LM-01', 'not_assessed']]);
      expect(rows.find((r) => r.id === 'DS-01')?.note).toBe('two buckets left');
      const archived = second.ctx.db.prepare("SELECT status, owner, archived_at FROM control_assessments WHERE project_id = ? AND control_id = 'NS-01'").get(p.id) as { status: string; owner: string; archived_at: string | null };
      expect(archived).toMatchObject({ status: 'compliant', owner: 'Net team' });
      expect(archived.archived_at).not.toBeNull();
      expect(getProject(second.ctx, p.id).catalogVersion).toBe('2026.2.0');
      const upgrade = listAuditEvents(second.ctx.db, p.id).find((e) => e.action === 'catalog.upgrade');
      expect(upgrade).toMatchObject({ before: { catalogVersion: '2026.1.0' }, after: { catalogVersion: '2026.2.0', added: ['NS-02'], archived: ['NS-01'] } });
      expect(listAuditEvents(second.ctx.db, p.id, { entity: 'control', entityId: 'NS-01' })).toHaveLength(1);
      expect(verifyAuditChain(second.ctx.db, p.id).ok).toBe(true);
    } finally {
      second.close();
    }
  });
});
