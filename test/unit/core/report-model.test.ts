import { describe, expect, it } from 'vitest';
import { fixedClock, testWorkbench } from '../../helpers/workbench';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { createProject } from '../../../electron/core/projects/projects';
import { updateControl } from '../../../electron/core/assessments/update';
import { addEvidence, removeEvidence } from '../../../electron/core/evidence/evidence';
import { signOff } from '../../../electron/core/review/baselines';
import { buildReportModel } from '../../../electron/core/exports/report-model';
import { checkReportModel } from '../../../electron/core/reports';
import { frameworkCoverage } from '../../../electron/core/assessments/detail';
import { OUT_OF_SCOPE_LABELS } from '../../../shared/catalog';

describe('report model from a project', () => {
  it('is a valid model whose requirements say how each one is answered', async () => {
    const { ctx } = await testWorkbench({ catalog: loadBuiltinCatalog() });
    const p = createProject(ctx, { name: 'Claims', frameworks: ['hipaa', 'pci'] });
    updateControl(ctx, p.id, 'DS-01', { status: 'partial', owner: 'Sam' });
    addEvidence(ctx, p.id, 'DS-01', { kind: 'note', text: 'checked' });
    const model = checkReportModel(buildReportModel(ctx, p.id));
    const hipaa = model.requirementsByFramework.find((f) => f.framework === 'hipaa')!.requirements;
    // a standard answered through its implementation specifications is not reported as a gap
    expect(hipaa.find((r) => r.id === '164.308(a)(3)(i)')).toMatchObject({ controls: [], note: expect.stringMatching(/^Met through the requirements beneath it: 164\.308\(a\)\(3\)\(ii\)/) });
    // a requirement the catalog leaves out carries the catalog's reason
    const outside = ctx.catalog.frameworks.find((f) => f.id === 'hipaa')!.outOfScope[0]!;
    expect(hipaa.find((r) => r.id === outside.requirement)?.note).toBe(`${OUT_OF_SCOPE_LABELS[outside.kind]}: ${outside.reason}`);
    expect(model.controls.find((c) => c.id === 'DS-01')).toMatchObject({ status: 'partial', owner: 'Sam', evidenceIds: [expect.any(String)] });
    expect(model.auditSummary).toMatchObject({ events: 3, chainVerified: true });
    // the app's coverage view agrees
    expect(frameworkCoverage(ctx, p.id, 'hipaa').find((r) => r.requirement.id === '164.308(a)(3)(i)')?.coveredThrough).toContain('164.308(a)(3)(ii)(A)');
  });

  it('filters by framework and leaves out not-applicable controls on request', async () => {
    const { ctx } = await testWorkbench({ catalog: loadBuiltinCatalog() });
    const p = createProject(ctx, { name: 'Claims', frameworks: ['hipaa', 'pci', 'gdpr'] });
    updateControl(ctx, p.id, 'DS-11', { status: 'not_applicable' });
    const pci = buildReportModel(ctx, p.id, { framework: 'pci', includeNotApplicable: false });
    expect(pci.scope.frameworks.map((f) => f.id)).toEqual(['pci']);
    expect(pci.controls.some((c) => c.id === 'DS-11')).toBe(false);
    expect(pci.controls.every((c) => c.frameworks.includes('pci'))).toBe(true);
    // the same filter with not-applicable controls kept: DS-11 is back, marked as such, and nothing else changes
    const withNa = buildReportModel(ctx, p.id, { framework: 'pci', includeNotApplicable: true });
    expect(withNa.controls.find((c) => c.id === 'DS-11')).toMatchObject({ status: 'not_applicable' });
    expect(withNa.controls.filter((c) => c.id !== 'DS-11')).toEqual(pci.controls);
  });
});

describe('the model kept between reports', () => {
  it('is read once while nothing changes, stamped anew each time; a change, another person or the next day gives a fresh one', async () => {
    const clock = fixedClock('2026-11-28T10:00:00.000Z');
    const { ctx } = await testWorkbench({ catalog: loadBuiltinCatalog(), now: clock.now });
    const p = createProject(ctx, { name: 'Claims', frameworks: ['hipaa'] });
    addEvidence(ctx, p.id, 'DS-01', { kind: 'note', text: 'checked' }, { expiresOn: '2026-11-28' });
    const first = buildReportModel(ctx, p.id);
    clock.advance(60_000);
    const again = buildReportModel({ ...ctx, actor: () => 'Grace \u202eHopper' }, p.id);
    // the same state: the controls and evidence are the very same (frozen) lists, only the stamp differs
    expect(again.controls).toBe(first.controls);
    expect(Object.isFrozen(again.controls[0])).toBe(true);
    expect([first.generatedAt, again.generatedAt]).toEqual(['2026-11-28T10:00:00.000Z', '2026-11-28T10:01:00.000Z']);
    expect(again.generatedBy).toBe('Grace [U+202E]Hopper');
    // a renderer takes the stamped model as checked, and it is what a fresh check gives
    expect(checkReportModel(again)).toBe(again);
    expect(checkReportModel(structuredClone(again))).toEqual(again);
    // a change to the project is read
    updateControl(ctx, p.id, 'DS-01', { status: 'compliant' });
    const changed = buildReportModel(ctx, p.id);
    expect(changed.controls).not.toBe(first.controls);
    expect(changed.controls.find((c) => c.id === 'DS-01')?.status).toBe('compliant');
    // evidence expires by the date: the next day, with nothing written, it is read again and expired
    expect(changed.evidence[0]?.expired).toBe(false);
    clock.advance(86_400_000);
    expect(buildReportModel(ctx, p.id).evidence[0]?.expired).toBe(true);
    // a filter is a model of its own
    expect(buildReportModel(ctx, p.id, { includeNotApplicable: false }).controls).not.toBe(changed.controls);
  });
});

describe('report of the signed baseline', () => {
  it('describes the answers and evidence as they were at sign-off, and says so', async () => {
    const { ctx } = await testWorkbench({ catalog: loadBuiltinCatalog() });
    const p = createProject(ctx, { name: 'Claims', frameworks: ['hipaa'] });
    updateControl(ctx, p.id, 'DS-01', { status: 'partial', note: 'at sign-off' });
    const kept = addEvidence(ctx, p.id, 'DS-01', { kind: 'note', text: 'before sign-off' });
    expect(() => buildReportModel(ctx, p.id, { describes: 'signed_baseline' })).toThrow(/has not been signed off yet/);
    signOff(ctx, p.id, { note: 'ready' });
    updateControl(ctx, p.id, 'DS-01', { status: 'compliant', note: 'after sign-off' });
    removeEvidence(ctx, p.id, kept.id);
    addEvidence(ctx, p.id, 'DS-01', { kind: 'note', text: 'after sign-off' });

    const frozen = checkReportModel(buildReportModel(ctx, p.id, { describes: 'signed_baseline' }));
    expect(frozen.scope).toMatchObject({ describes: 'signed_baseline', baseline: { signedBy: 'Ada Tester' } });
    expect(frozen.controls.find((c) => c.id === 'DS-01')).toMatchObject({ status: 'partial', note: 'at sign-off', evidenceIds: [kept.id] });
    const current = checkReportModel(buildReportModel(ctx, p.id));
    expect(current.scope.describes).toBe('current');
    expect(current.signOff).toMatchObject({ signedBy: 'Ada Tester', role: 'owner' });
    expect(current.controls.find((c) => c.id === 'DS-01')).toMatchObject({ status: 'compliant', note: 'after sign-off' });
    expect(current.controls.find((c) => c.id === 'DS-01')?.evidenceIds).not.toContain(kept.id);
  });
});
