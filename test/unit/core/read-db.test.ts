// Read paths take a ReadDb: the compiler (npm run typecheck covers test/) refuses a write through
// one, and the checklist, overview and report model run on a ReadContext alone.
import { describe, expect, it } from 'vitest';
import { checklistRows, projectOverview } from '../../../electron/core/assessments/checklist';
import { buildReportModel } from '../../../electron/core/exports/report-model';
import { createProject } from '../../../electron/core/projects/projects';
import type { ReadContext, ReadDb } from '../../../electron/core/store/access';
import { testWorkbench } from '../../helpers/workbench';

describe('ReadDb', () => {
  it('has no run, exec, transaction or pragma (each line below must stay a type error)', async () => {
    const wb = await testWorkbench();
    const read: ReadDb = wb.ctx.db;
    const writes = [
      // @ts-expect-error a read path cannot run a statement
      () => read.prepare('UPDATE projects SET name = ?').run('x'),
      // @ts-expect-error nor exec SQL
      () => read.exec('DELETE FROM projects'),
      // @ts-expect-error nor open a transaction
      () => read.transaction(() => undefined),
      // @ts-expect-error nor set a pragma
      () => read.pragma('journal_mode = DELETE'),
    ];
    expect(writes).toHaveLength(4);
  });

  it('is all the checklist, the overview and the report model need', async () => {
    const wb = await testWorkbench();
    const project = createProject(wb.ctx, { name: 'Claims model', frameworks: ['hipaa'] });
    const before = wb.ctx.db.prepare('SELECT count(*) FROM audit_events').pluck().get();
    const readOnly: ReadContext = { db: wb.ctx.db, catalog: wb.ctx.catalog, actor: wb.ctx.actor, now: wb.ctx.now };
    expect(checklistRows(readOnly, project.id).length).toBeGreaterThan(0);
    expect(projectOverview(readOnly, project.id).project.id).toBe(project.id);
    expect(buildReportModel(readOnly, project.id).project.name).toBe('Claims model');
    expect(wb.ctx.db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(before);
  });
});
