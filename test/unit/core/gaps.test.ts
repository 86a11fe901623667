// One meaning of "gap" and one readiness format: the overview and the reports agree.
import { describe, expect, it } from 'vitest';
import { testWorkbench } from '../../helpers/workbench';
import { createProject } from '../../../electron/core/projects/projects';
import { checklistRows, projectOverview } from '../../../electron/core/assessments/checklist';
import { updateControl } from '../../../electron/core/assessments/update';
import { buildReportModel } from '../../../electron/core/exports/report-model';
import { renderMarkdown } from '../../../electron/core/reports/markdown';
import { readinessText } from '../../../shared/gaps';
import { emptyCounts, readinessFromCounts } from '../../../electron/core/projects/readiness';

describe('gaps and readiness', () => {
  it('prints readiness as computed, rounded once to one decimal', () => {
    expect(readinessText(1.8)).toBe('1.8%');
    expect(readinessText(0.4)).toBe('0.4%');
    expect(readinessText(62.5)).toBe('62.5%');
    expect(readinessText(0)).toBe('0%');
    expect(readinessText(100)).toBe('100%');
    expect(readinessText(null)).toBe('n/a');
  });

  it('rounds once: 3 partial of 101 applicable controls (1.485 %) reads 1.5% and never 2%', () => {
    const r = readinessFromCounts({ ...emptyCounts(), partial: 3, not_assessed: 98 });
    expect(r.percent).toBe(1.5);
    expect(readinessText(r.percent)).toBe('1.5%');
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
    for (const f of overview.byFramework) expect(md).toContain(readinessText(f.readiness.percent));
  });
});
