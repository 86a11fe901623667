// One meaning of "gap" and one readiness format: the overview and the reports agree.
import { describe, expect, it } from 'vitest';
import { testWorkbench } from '../../helpers/workbench';
import { createProject } from '../../../electron/core/projects/projects';
import { checklistRows, projectOverview } from '../../../electron/core/assessments/checklist';
import { updateControl } from '../../../electron/core/assessments/update';
import { buildReportModel } from '../../../electron/core/exports/report-model';
import { renderMarkdown } from '../../../electron/core/reports/markdown';
import { readinessText } from '../../../shared/gaps';

describe('gaps and readiness', () => {
  it('prints readiness in whole percent, rounding half up', () => {
    expect(readinessText(1.8)).toBe('2%');
    expect(readinessText(0.4)).toBe('0%');
    expect(readinessText(62.5)).toBe('63%');
    expect(readinessText(null)).toBe('n/a');
  });

  it('a control just marked non-compliant is a top gap on the overview and in the report; unanswered ones are not gaps', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['hipaa', 'gdpr', 'pci'] });
    const rows = checklistRows(ctx, p.id);
    const low = rows.find((r) => r.priority !== 'critical') ?? rows[0]!;
    const done = rows.find((r) => r.id !== low.id)!;
    updateControl(ctx, p.id, done.id, { status: 'compliant' });
    updateControl(ctx, p.id, low.id, { status: 'non_compliant' });

    const overview = projectOverview(ctx, p.id);
    expect(overview.topGaps.map((g) => g.controlId)).toEqual([low.id]);
    const model = buildReportModel(ctx, p.id);
    expect(model.summary.topGaps.map((g) => g.controlId)).toEqual([low.id]);

    // the same readiness text in the app's format and the report
    const md = renderMarkdown(model);
    expect(md).toContain(`Overall readiness: **${readinessText(overview.overall.percent)}**`);
    expect(md).not.toMatch(/\d\.\d%/);
  });
});
