// The contract's report methods: an evidence report exported at once or as a job, and readiness
// over time replayed from the audit history.
import { z } from 'zod';
import { FrameworkRef } from './domain';
import { ReadinessHistory, ReportKind } from './report-model';
import { EXPORT_FORMATS, ExportedFile, Job, method, ProjectRef } from './contract-common';
import { lazySchema } from './lazy-schema';

/** What to export: a format, its filters, and for the PDF a full report or a summary. */
export const ReportRequest = ProjectRef.extend({
  format: z.enum(EXPORT_FORMATS),
  framework: z.union([z.literal('all'), FrameworkRef]).optional(),
  includeNotApplicable: z.boolean().optional(),
  describes: z.enum(['current', 'signed_baseline']).optional(),
  /** 'full' unless asked otherwise; a summary exists for the PDF only. */
  kind: ReportKind.optional(),
}).superRefine((r, ctx) => {
  if (r.kind === 'summary' && r.format !== 'pdf') {
    ctx.addIssue({ code: 'custom', path: ['kind'], message: `a summary report is made as PDF only; choose format pdf or kind full (format is ${r.format})` });
  }
});

/**
 * What a report export job ends with: the file, written into the dataset workspace as it was made.
 * The app fetches its bytes in pieces (readDatasetPart); the command line copies it to --out.
 */
export const ExportedReport = lazySchema(() =>
  z.object({ fileName: z.string(), mediaType: z.string(), datasetId: z.string(), bytes: z.number().int().nonnegative() }),
);
export type ExportedReport = z.infer<typeof ExportedReport>;

export const reportsContract = {
  exportReport: method(() => ReportRequest, () => ExportedFile),
  // a report export as a job: progress by stage and page, cancel keeps nothing; the result is an ExportedReport
  startReportExport: method(() => ReportRequest, () => Job),
  // readiness per framework over time, replayed from the audit history, with the sign-offs
  getReadinessHistory: method(() => ProjectRef, () => ReadinessHistory),
} as const;
