// The methods that work on files alone: the PII scan, masking, k-anonymity, package verification
// and document analysis. The app reaches them with a database open; `cwb scan|mask|kanon|analyze`
// and `cwb package verify` reach the very same handlers without one when no project is named.
import { createReadStream, readFileSync } from 'node:fs';
import type { Handlers } from '../../../shared/handlers';
import type { CoreContext } from '../context';
import type { AnalysisResult } from '../../../shared/analysis';
import { invalidInput, type WorkbenchError } from '../errors';
import { getDataset } from '../datasets/workspace';
import { verifyEvidencePackage } from '../reports';
import { verifyPackageBytes } from '../exports/verify';
import { analysisDocument, analyze, analyzeForProject, analyzeStream, analyzeTogether, analyzeTogetherForProject, listAnalyses } from '../findings/findings';
import { coverageGaps, suggestStatusesForResults } from '../analyzers';
import { datasetHandlers, projectDatabase, type DatasetMethods } from './datasets';

export type FileMethods = DatasetMethods & Pick<Handlers, 'verifyPackage' | 'analyzeDocument' | 'analyzeDocuments'>;

type FileInput = { fileName: string; contentBase64: string } | { datasetId: string };

/** The bytes of a file given to a method, and the name to speak of it by. */
function readFileInput(input: FileInput): { file: string; content: Buffer } {
  if ('datasetId' in input) {
    const dataset = getDataset(input.datasetId);
    return { file: dataset.path, content: readFileSync(dataset.path) };
  }
  return { file: input.fileName, content: Buffer.from(input.contentBase64, 'base64') };
}

/**
 * `ctx` is the open workbench, or null where there is none; `analysis` is what an analysis needs
 * without one (the catalog it maps findings onto, and the clock).
 */
export function fileHandlers(ctx: CoreContext | null, analysis: Pick<CoreContext, 'catalog' | 'now'>): FileMethods {
  return {
    ...datasetHandlers(ctx),
    verifyPackage: (input) => {
      if ('datasetId' in input) return verifyEvidencePackage(getDataset(input.datasetId).path);
      return verifyPackageBytes(input.fileName, Buffer.from(input.contentBase64, 'base64'));
    },
    analyzeDocument: ({ projectId, kind, attach, requiredVpcIds, ...input }) => {
      if (!projectId && attach) throw invalidInput('Keeping a document as evidence needs a project: pass --project ID.');
      if (!projectId && 'datasetId' in input) {
        // a local file (cwb analyze): read as a stream, so a 200 MB export is never whole in memory
        const path = getDataset(input.datasetId).path;
        return analyzeStream(analysis, path, createReadStream(path), kind, requiredVpcIds)
          .then((result) => ({ analysisId: null, result, suggestions: suggestStatusesForResults([result]), attachedTo: [] }));
      }
      const { file, content } = readFileInput(input);
      if (projectId) {
        const done = analyzeForProject(projectDatabase(ctx), projectId, { file, content, kind, attach, requiredVpcIds });
        return { analysisId: done.analysis?.id ?? null, result: done.result, suggestions: done.suggestions, attachedTo: done.attachedTo };
      }
      const result = analyze(analysis, file, content, kind, requiredVpcIds);
      return { analysisId: null, result, suggestions: suggestStatusesForResults([result]), attachedTo: [] };
    },
    analyzeDocuments: ({ files, projectId, attach, kind, requiredVpcIds }) => {
      if (!projectId && attach) throw invalidInput('Keeping documents as evidence needs a project: pass --project ID.');
      const documents = files.map(readFileInput);
      const outcomes: Array<{ file: string; result?: AnalysisResult; error?: WorkbenchError; attachedTo?: string[] }> = projectId
        ? analyzeTogetherForProject(projectDatabase(ctx), projectId, documents, { kind, attach: Boolean(attach), requiredVpcIds })
        : analyzeTogether(analysis, documents, kind, requiredVpcIds);
      const results = outcomes.flatMap((o) => (o.result ? [o.result] : []));
      return {
        documents: outcomes.map((o) => {
          if (!o.result) return { file: o.file, error: o.error?.message ?? 'could not be analysed' };
          return o.attachedTo ? { file: o.file, result: o.result, attachedTo: o.attachedTo } : { file: o.file, result: o.result };
        }),
        suggestions: suggestStatusesForResults(results),
        coverage: coverageGaps(results),
      };
    },
  };
}

/** The analyses kept on a project, and the document each was made from. */
export function analysisHandlers(ctx: CoreContext): Pick<Handlers, 'listAnalyses' | 'getAnalysisDocument'> {
  return {
    listAnalyses: ({ projectId }) => listAnalyses(ctx, projectId),
    getAnalysisDocument: ({ projectId, analysisId }) => {
      const doc = analysisDocument(ctx, projectId, analysisId);
      return { fileName: doc.file.split(/[\\/]/).pop() || doc.file, mediaType: doc.file.endsWith('.csv') ? 'text/csv' : 'application/json', contentBase64: doc.content.toString('base64') };
    },
  };
}
