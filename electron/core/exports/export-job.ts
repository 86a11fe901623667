// A report export run as a job (like the PII scan): the caller gets an id at once, polls the
// stage and the page being written, and may cancel; a cancelled export keeps nothing, and the
// bytes only ever leave as the finished job's result.
import type { CoreContext } from '../context';
import type { ExportFormat } from '../../../shared/api';
import type { Job } from '../../../shared/api';
import { startJob } from '../datasets/jobs';
import { exportProject, type ExportOptions } from './export';
import type { ReportFilters } from './report-model';
import { getProject } from '../projects/projects';

/** What the job shows while it runs. */
const STAGE_TEXT = {
  reading: 'Reading the project',
  layout: 'Laying out the pages',
  pages: 'Writing pages',
  package: 'Writing the evidence package',
} as const;

export function startReportExport(ctx: CoreContext, projectId: string, format: ExportFormat, filters: ReportFilters, kind: ExportOptions['kind']): Job {
  getProject(ctx, projectId); // an unknown project is refused now, not as a failed job
  return startJob('report', async (progress, signal) => {
    const file = await exportProject(ctx, projectId, format, filters, {
      kind,
      signal,
      onProgress: ({ stage, done, total }) => progress(done, total, STAGE_TEXT[stage]),
    });
    return { fileName: file.fileName, mediaType: file.mediaType, contentBase64: file.bytes.toString('base64') };
  });
}
