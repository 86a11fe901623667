// The report methods: an evidence report exported at once or as a job, and readiness over time.
import type { Handlers } from '../../../shared/handlers';
import type { MethodsOf } from '../../../shared/methods';
import type { CoreContext } from '../context';
import { exportProject } from '../exports/export';
import { startReportExport } from '../exports/export-job';
import { readinessHistory } from '../projects/readiness-history';

export function reportHandlers(ctx: CoreContext): Pick<Handlers, MethodsOf<'reports'>> {
  return {
    exportReport: async ({ projectId, format, framework, includeNotApplicable, describes, kind }) => {
      const file = await exportProject(ctx, projectId, format, { framework, includeNotApplicable, describes }, { kind });
      return { fileName: file.fileName, mediaType: file.mediaType, contentBase64: file.bytes.toString('base64') };
    },
    startReportExport: ({ projectId, format, framework, includeNotApplicable, describes, kind }) =>
      startReportExport(ctx, projectId, format, { framework, includeNotApplicable, describes }, kind),
    getReadinessHistory: ({ projectId }) => readinessHistory(ctx, projectId),
  };
}
