import { describe, expect, it } from 'vitest';
import { testWorkbench } from '../../helpers/workbench';
import { createProject } from '../../../electron/core/projects/projects';
import { checklistRows } from '../../../electron/core/assessments/checklist';
import { bulkUpdateControls, updateControl } from '../../../electron/core/assessments/update';
import { controlDetail, frameworkCoverage } from '../../../electron/core/assessments/detail';
import { listAuditEvents } from '../../../electron/core/audit/chain';

describe('control assessments', () => {
  it('records status, owner, note and due date, with one audit event holding only what changed', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['hipaa'] });
    const row = updateControl(ctx, p.id, 'DS-01', { status: 'partial', owner: 'Sam', note: 'KMS on 3 of 4 buckets', dueDate: '2026-12-31' });
    expect(row).toMatchObject({ id: 'DS-01', status: 'partial', owner: 'Sam', note: 'KMS on 3 of 4 buckets', dueDate: '2026-12-31', updatedBy: 'Ada Tester' });
    updateControl(ctx, p.id, 'DS-01', { status: 'compliant', owner: 'Sam' });
    const history = listAuditEvents(ctx.db, p.id, { entity: 'control', entityId: 'DS-01' });
    expect(history.map((e) => [e.action, e.before, e.after])).toEqual([
      ['control.update', { status: 'partial' }, { status: 'compliant' }],
      ['control.update', { status: 'not_assessed', owner: '', note: '', dueDate: null }, { status: 'partial', owner: 'Sam', note: 'KMS on 3 of 4 buckets', dueDate: '2026-12-31' }],
    ]);
  });

  it('writes no event when nothing changes', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['hipaa'] });
    updateControl(ctx, p.id, 'DS-01', { status: 'not_assessed', owner: '' });
    expect(listAuditEvents(ctx.db, p.id, { entity: 'control' })).toEqual([]);
  });

  it('refuses an invalid status, a bad date, an unknown control or project, changing nothing', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['hipaa'] });
    expect(() => updateControl(ctx, p.id, 'DS-01', { status: 'done' as 'compliant' })).toThrow();
    expect(() => updateControl(ctx, p.id, 'DS-01', { dueDate: '2026-02-31x' })).toThrow(/YYYY-MM-DD/);
    expect(() => updateControl(ctx, p.id, 'NS-01', { status: 'compliant' })).toThrow(/No control in this project with id "NS-01"/);
    expect(() => updateControl(ctx, 'prj-aaaaaaaaaa', 'DS-01', { status: 'compliant' })).toThrow(/No project with id "prj-aaaaaaaaaa"/);
    expect(checklistRows(ctx, p.id).every((r) => r.status === 'not_assessed')).toBe(true);
  });

  it('bulk-updates many controls in one transaction, one event per control; one bad id changes nothing', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['pci'] });
    expect(bulkUpdateControls(ctx, p.id, ['DS-01', 'AC-01', 'NS-01'], { status: 'compliant', owner: 'Ops' })).toEqual({ changed: 3 });
    expect(listAuditEvents(ctx.db, p.id, { entity: 'control' })).toHaveLength(3);
    expect(() => bulkUpdateControls(ctx, p.id, ['LM-01', 'XX-99'], { status: 'partial' })).toThrow(/XX-99/);
    expect(checklistRows(ctx, p.id).find((r) => r.id === 'LM-01')?.status).toBe('not_assessed');
    expect(listAuditEvents(ctx.db, p.id, { entity: 'control' })).toHaveLength(3);
  });

  it('shows a control with its mapped requirements in scope, and coverage per framework', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['hipaa', 'pci'] });
    updateControl(ctx, p.id, 'DS-01', { status: 'compliant' });
    const detail = controlDetail(ctx, p.id, 'DS-01');
    expect(detail.requirements).toEqual([
      { framework: 'hipaa', id: '164.312(a)(2)(iv)', title: 'Encryption and decryption', coverage: 'full' },
      { framework: 'pci', id: '3.5.1', title: 'PAN unreadable', coverage: 'full' },
    ]);
    expect(detail.history).toHaveLength(1);
    const coverage = frameworkCoverage(ctx, p.id, 'pci');
    expect(coverage.find((c) => c.requirement.id === '3.5.1')?.controls).toEqual([{ id: 'DS-01', title: 'Control DS-01', status: 'compliant', coverage: 'full' }]);
    expect(coverage.find((c) => c.requirement.id === '9.4.7')).toMatchObject({ controls: [], outOfScope: 'physical' });
    expect(() => frameworkCoverage(ctx, p.id, 'gdpr')).toThrow(/gdpr is not in the scope/);
  });
});
