// Adding a field to an audited record is a migration plus one registry line: the write path
// records it in the event, the bundle carries it, a merge brings it over, and the replay behind
// `audit verify` checks it — with no other code changed. Shown on a fixture registry.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../electron/core/context';
import { applyChange } from '../../../electron/core/audit/changes';
import { listAuditEvents } from '../../../electron/core/audit/chain';
import { verifyProject } from '../../../electron/core/audit/verify';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import { readZip } from '../../../electron/core/bundle/zip';
import { createProject } from '../../../electron/core/projects/projects';
import { addMember } from '../../../electron/core/members/members';
import { inTransaction } from '../../../electron/core/store/database';
import { ControlPatch, RECORDS, type Registry } from '../../../shared/records';
import { fixedClock, testWorkbench } from '../../helpers/workbench';

// the one registry line
const WITH_RISK: Registry = {
  ...RECORDS,
  control: { ...RECORDS.control, fields: { ...RECORDS.control.fields, risk: { schema: z.enum(['low', 'high']), column: 'risk', initial: 'low', merge: 'latest' } } },
};
// the migration
const MIGRATION = "ALTER TABLE control_assessments ADD COLUMN risk TEXT NOT NULL DEFAULT 'low'";

async function laptop(actor: string, start: string): Promise<CoreContext> {
  const wb = await testWorkbench({ actor, now: fixedClock(start).now });
  wb.ctx.db.exec(MIGRATION);
  return { ...wb.ctx, records: WITH_RISK };
}

const setRisk = (ctx: CoreContext, projectId: string, risk: string) =>
  inTransaction(ctx.db, () => applyChange(ctx, { projectId, record: 'control', id: 'DS-01', patch: { risk }, action: 'control.update' }));

const riskOf = (ctx: CoreContext, projectId: string) =>
  ctx.db.prepare("SELECT risk FROM control_assessments WHERE project_id = ? AND control_id = 'DS-01'").pluck().get(projectId);

describe('a field added through the registry', () => {
  it('is written with its event, checked by its schema, carried by the bundle, merged, and replayed', async () => {
    const a = await laptop('Ada Tester', '2026-11-28T09:00:00.000Z');
    const p = createProject(a, { name: 'Claims model', frameworks: ['pci'] });
    addMember(a, p.id, { name: 'Linus', role: 'contributor' });

    // the event
    expect(setRisk(a, p.id, 'high')).toMatchObject({ changed: true, before: { risk: 'low' }, after: { risk: 'high' } });
    expect(listAuditEvents(a.db, p.id, { limit: 1 })[0]).toMatchObject({ action: 'control.update', entityId: 'DS-01', before: { risk: 'low' }, after: { risk: 'high' } });
    expect(() => setRisk(a, p.id, 'extreme')).toThrow(/control risk: Invalid option/);
    expect(verifyProject(a, p.id)).toMatchObject({ ok: true, problems: [] });

    // the bundle
    const bundle = await exportBundle(a, p.id);
    const data = JSON.parse((await readZip(bundle.bytes)).get('bundle.json')!.toString('utf8')) as { tables: { control_assessments: Array<{ control_id: string; risk: string }> } };
    expect(data.tables.control_assessments.find((r) => r.control_id === 'DS-01')?.risk).toBe('high');
    const b = await laptop('Linus', '2026-11-28T09:30:00.000Z');
    await importBundle(b, bundle.bytes);
    expect(riskOf(b, p.id)).toBe('high');
    expect(verifyProject(b, p.id).problems).toEqual([]);

    // the merge: a later change on one laptop reaches the other
    setRisk(b, p.id, 'low');
    await importBundle(a, (await exportBundle(b, p.id)).bytes);
    expect(riskOf(a, p.id)).toBe('low');
    expect(verifyProject(a, p.id).problems).toEqual([]);

    // the replay
    a.db.prepare("UPDATE control_assessments SET risk = 'high' WHERE project_id = ? AND control_id = 'DS-01'").run(p.id);
    expect(verifyProject(a, p.id).problems).toEqual([{ check: 'replay', sentence: 'DS-01 risk: table says high, history says low' }]);
  });

  it('is unknown to the shipped registry: the contract refuses it until its line is added', () => {
    expect(ControlPatch.safeParse({ risk: 'high' }).success).toBe(false);
    expect(Object.keys(WITH_RISK.control!.fields)).toEqual([...Object.keys(RECORDS.control.fields), 'risk']);
  });
});
