// The batched write path (audit/changes.ts applyChanges) against applying the same changes one by
// one: the database must end byte for byte the same (rows, events, hashes, signatures, head,
// settled conflicts), and a refusal of any one change must leave the database untouched.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testWorkbench } from '../../helpers/workbench';
import { fingerprint } from '../../helpers/db-fingerprint';
import { miniCatalog } from '../../fixtures/mini-catalog';
import { createProject } from '../../../electron/core/projects/projects';
import { bulkUpdateControls, updateControl } from '../../../electron/core/assessments/update';
import { applyChange, applyChanges, type Change } from '../../../electron/core/audit/changes';
import { inTransaction } from '../../../electron/core/store/database';
import type { Workbench } from '../../../electron/core/workbench';
import type { CatalogControl } from '../../../shared/catalog';

/** The mini catalog plus 30 HIPAA controls, so a batch has some length. */
function catalog() {
  const extra: CatalogControl[] = Array.from({ length: 30 }, (_, i) => ({
    id: `DS-${String(i + 10).padStart(2, '0')}`,
    title: `Extra control ${i}`,
    domain: 'data_security',
    objective: 'Why it matters.',
    verification: { steps: ['Check it.'], commands: [] },
    evidence: ['Proof.'],
    priority: 'medium',
    mappings: [{ framework: 'hipaa', requirement: '164.312(a)(2)(iv)', coverage: 'full' }],
    noMapping: [],
  }));
  return miniCatalog('2026.1.0', extra);
}

/** A clock that moves one second at every reading: any difference in when `now()` is read shows. */
function tickingClock() {
  let t = Date.parse('2026-11-28T10:00:00.000Z');
  return () => new Date((t += 1000));
}

/**
 * One project with a few answers and two open merge conflicts, saved to a file; `twin()` opens
 * a copy of it (with the same signing keys) so two ways of writing can be compared.
 */
async function project() {
  const dir = tempDir();
  const file = join(dir, 'workbench.sqlite');
  const wb = await testWorkbench({ file, catalog: catalog(), dailyBackup: false });
  const p = createProject(wb.ctx, { name: 'Bulk', frameworks: ['hipaa', 'pci'] });
  updateControl(wb.ctx, p.id, 'DS-10', { status: 'compliant', owner: 'Ops' });
  updateControl(wb.ctx, p.id, 'AC-01', { owner: 'Sam' });
  const conflict = wb.ctx.db.prepare(
    `INSERT INTO merge_conflicts (id, project_id, entity, entity_id, field, candidates_json, detected_at, detected_by)
     VALUES (?, ?, 'control', ?, ?, '[]', '2026-11-28T09:00:00.000Z', 'Grace')`,
  );
  conflict.run('c1', p.id, 'DS-12', 'status');
  conflict.run('c2', p.id, 'DS-13', 'note');
  wb.close();
  const ids = ['DS-01', 'AC-01', 'DS-10', 'DS-11', 'DS-12', 'DS-13', ...Array.from({ length: 20 }, (_, i) => `DS-${i + 14}`), 'LM-01', 'NS-01'];
  let copies = 0;
  const twin = async (now: () => Date) => {
    const copyDir = join(dir, `copy-${++copies}`);
    mkdirSync(copyDir);
    const copy = join(copyDir, 'workbench.sqlite');
    cpSync(file, copy);
    if (existsSync(`${file}.identity-keys`)) cpSync(`${file}.identity-keys`, `${copy}.identity-keys`, { recursive: true });
    return testWorkbench({ file: copy, catalog: catalog(), dailyBackup: false, now });
  };
  return { projectId: p.id, ids, twin };
}

const events = (wb: Workbench, projectId: string) =>
  wb.ctx.db.prepare('SELECT seq, at, entity_id, before_json, after_json, hash, key_id, signature FROM audit_events WHERE project_id = ? ORDER BY seq').all(projectId) as Array<{ seq: number; hash: string; signature: string | null }>;

describe('applyChanges, the batched write path', () => {
  it('writes the same rows, events, hashes, signatures, head and settled conflicts as applyChange one by one', async () => {
    const { projectId, ids, twin } = await project();
    const patch = { status: 'compliant', owner: 'Ops' } as const;
    const changes: Change[] = ids.map((id) => ({ projectId, record: 'control', id, patch, action: 'control.update' }));

    const one = await twin(tickingClock());
    const oneByOne = inTransaction(one.ctx.db, () => changes.map((c) => applyChange(one.ctx, c)));
    const batch = await twin(tickingClock());
    const batched = inTransaction(batch.ctx.db, () => applyChanges(batch.ctx, changes));

    expect(batched).toEqual(oneByOne);
    // DS-10 already had both values: no event for it, and one for every other control
    expect(batched.filter((a) => a.changed)).toHaveLength(ids.length - 1);
    expect(batched[ids.indexOf('DS-10')]).toMatchObject({ changed: false, event: null });
    const written = events(batch, projectId);
    expect(written.length).toBeGreaterThan(ids.length);
    expect(written.every((e) => typeof e.signature === 'string' && e.signature.length > 0)).toBe(true);
    expect(written).toEqual(events(one, projectId));
    // the conflict on a field the patch sets is settled, the other stays open
    const open = batch.ctx.db.prepare('SELECT id FROM merge_conflicts WHERE resolved_at IS NULL').pluck().all();
    expect(open).toEqual(['c2']);
    expect(fingerprint(batch.ctx.db)).toBe(fingerprint(one.ctx.db));
  });

  it('gives the same database for a bulk change as for answering each control on its own', async () => {
    const { projectId, ids, twin } = await project();
    const fixed = () => new Date('2026-11-28T12:00:00.000Z');
    const one = await twin(fixed);
    for (const id of ids) updateControl(one.ctx, projectId, id, { status: 'partial', owner: 'Lin' });
    const bulk = await twin(fixed);
    expect(bulkUpdateControls(bulk.ctx, projectId, [...ids, ids[0]!], { status: 'partial', owner: 'Lin' })).toEqual({ changed: ids.length });
    expect(fingerprint(bulk.ctx.db)).toBe(fingerprint(one.ctx.db));
  });

  it('refuses the whole batch when one control is unknown or out of scope, the database byte-identical', async () => {
    const { projectId, ids, twin } = await project();
    const wb = await twin(tickingClock());
    const before = fingerprint(wb.ctx.db);
    const unknown = [...ids.slice(0, 10), 'XX-99', ...ids.slice(10)];
    expect(() => bulkUpdateControls(wb.ctx, projectId, unknown, { status: 'compliant' })).toThrow(/No control in this project with id "XX-99"/);
    expect(fingerprint(wb.ctx.db)).toBe(before);
    // DS-02 maps only to GDPR, which this project does not assess: its row is archived
    expect(() => bulkUpdateControls(wb.ctx, projectId, [...ids.slice(0, 5), 'DS-02'], { owner: 'Kim' })).toThrow(/No control in this project with id "DS-02".*not in the scope/);
    expect(fingerprint(wb.ctx.db)).toBe(before);
  });

  it('refuses the whole batch when one change has a bad value or names a missing row, saying which', async () => {
    const { projectId, ids, twin } = await project();
    const wb = await twin(tickingClock());
    const before = fingerprint(wb.ctx.db);
    const good: Change[] = ids.slice(0, 8).map((id) => ({ projectId, record: 'control', id, patch: { status: 'partial' }, action: 'control.update' }));
    const badValue: Change = { projectId, record: 'control', id: ids[8]!, patch: { owner: 'x'.repeat(201) }, action: 'control.update' };
    expect(() => inTransaction(wb.ctx.db, () => applyChanges(wb.ctx, [...good, badValue]))).toThrow(/control owner: an owner name has at most 200 characters\. Nothing was changed\./);
    expect(fingerprint(wb.ctx.db)).toBe(before);
    const unknownField: Change = { projectId, record: 'control', id: ids[8]!, patch: { colour: 'red' }, action: 'control.update' };
    expect(() => inTransaction(wb.ctx.db, () => applyChanges(wb.ctx, [...good, unknownField]))).toThrow(/control has no field "colour"/);
    const missingRow: Change = { projectId, record: 'control', id: 'ZZ-01', patch: { status: 'partial' }, action: 'control.update' };
    expect(() => inTransaction(wb.ctx.db, () => applyChanges(wb.ctx, [...good, missingRow]))).toThrow(/No control in this project with id "ZZ-01"/);
    expect(fingerprint(wb.ctx.db)).toBe(before);
    expect(() => applyChanges(wb.ctx, [...good, { ...good[0]!, projectId: 'prj-other' }])).toThrow(/one record of one project/);
    expect(fingerprint(wb.ctx.db)).toBe(before);
  });
});
