// A report export run as a job (like the PII scan): the caller gets an id at once, polls the
// stage and the page being written, and may cancel; a cancelled export keeps nothing. The file is
// written into the dataset workspace as it is made; the finished job names it (ExportedReport).
import type { CoreContext } from '../context';
import type { ExportFormat } from '../../../shared/api';
import type { Job } from '../../../shared/api';
import { startJob } from '../datasets/jobs';
import type { ExportedReport } from '../../../shared/contract-reports';
import { newOutputPath, removeDataset } from '../datasets/workspace';
import { exportFileName, exportProjectToFile, type ExportOptions, type ExportProgress } from './export';
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
  const project = getProject(ctx, projectId); // an unknown project is refused now, not as a failed job
  return startJob('report', async (progress, signal): Promise<ExportedReport> => {
    // written into the dataset workspace as it is made, not held whole in memory; a failed or
    // cancelled export leaves nothing there
    const slot = newOutputPath(exportFileName(project.name, format, ctx.now(), kind));
    try {
      const file = await exportProjectToFile(ctx, projectId, format, slot.path, filters, {
        kind,
        signal,
        onProgress: (p) => {
          progress(p.done, p.total, STAGE_TEXT[p.stage]);
          observe?.(p);
        },
      });
      return { fileName: file.fileName, mediaType: file.mediaType, datasetId: slot.id, bytes: file.bytes };
    } catch (err) {
      removeDataset(slot.id);
      throw err;
    }
  }, (report) => removeDataset(report.datasetId));
}
