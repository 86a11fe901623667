// A report export run as a job (like the PII scan): the caller gets an id at once, polls the
// stage and the page being written, and may cancel; a cancelled export keeps nothing, and the
// bytes only ever leave as the finished job's result.
import type { CoreContext } from '../context';
import type { ExportFormat } from '../../../shared/api';
import type { Job } from '../../../shared/api';
import { startJob } from '../datasets/jobs';
import { exportProject, type ExportOptions, type ExportProgress } from './export';
import type { ReportFilters } from './report-model';
import { getProject } from '../projects/projects';

/** What the job shows while it runs. */
const STAGE_TEXT = {
  reading: 'Reading the project',
  layout: 'Laying out the pages',
  pages: 'Writing pages',
  package: 'Writing the evidence package',
} as const;

/**
 * Starts the export; `observe` (optional) is told each stage and page as the job is, e.g. a caller
 * in the same process that follows the pages without polling. The PDF's pages are drawn in a
 * worker thread, so they are told as they are written and a cancel stops the drawing at once.
 */
export function startReportExport(ctx: CoreContext, projectId: string, format: ExportFormat, filters: ReportFilters, kind: ExportOptions['kind'], observe?: ExportProgress): Job {
  getProject(ctx, projectId); // an unknown project is refused now, not as a failed job
  return startJob('report', async (progress, signal) => {
    const file = await exportProject(ctx, projectId, format, filters, {
      kind,
      signal,
      onProgress: (p) => {
        progress(p.done, p.total, STAGE_TEXT[p.stage]);
        observe?.(p);
      },
    });
    return { fileName: file.fileName, mediaType: file.mediaType, contentBase64: file.bytes.toString('base64') };
  });
}
