// The contract's methods, each a thin call into the one core implementation of the operation.
import type { Handlers } from '../../../shared/handlers';
import type { CoreContext } from '../context';
import { createProject, getProject, listProjects, updateProject } from '../projects/projects';
import { checklistRows, projectOverview } from '../assessments/checklist';
import { bulkUpdateControls, updateControl } from '../assessments/update';
import { controlDetail, frameworkCoverage } from '../assessments/detail';
import { addEvidence, readEvidenceContent, removeEvidence, setEvidenceExpiry } from '../evidence/evidence';
import { listAuditEvents, verifyAuditChain } from '../audit/chain';
import { readinessOf } from '../projects/readiness';
import { setWalkthroughPosition } from '../projects/walkthrough';
import { invalidInput } from '../errors';
import { APP_VERSION } from '../version';
import { teamHandlers } from './team';
import { backupHandlers } from './backup';
import { fileHandlers } from './files';
import type { HandlerEnv } from './env';
import { exportProject } from '../exports/export';
import { analysisDocument, listAnalyses } from '../findings/findings';
import { startReportExport } from '../exports/export-job';
import { readinessHistory } from '../projects/readiness-history';
import { identityHandlers } from '../identity/handlers';
import { syncHandlers } from '../sync/handlers';
import { frameworkHandlers } from './frameworks';

export type { Handlers } from '../../../shared/handlers';
export type { HandlerEnv } from './env';

export function createHandlers(ctx: CoreContext, env: HandlerEnv): Handlers {
  return {
    getAppInfo: () => ({
      version: APP_VERSION,
      catalogVersion: ctx.catalog.version,
      actor: ctx.actor(),
      transport: env.transport,
      database: env.databasePath,
    }),
    getCatalogSummary: () => ({
      version: ctx.catalog.version,
      frameworks: ctx.catalog.frameworks.map((f) => ({ id: f.id, name: f.name, version: f.version, requirements: f.requirements.length })),
      controls: ctx.catalog.controls.length,
    }),
    listProjects: ({ includeArchived }) =>
      listProjects(ctx, { includeArchived }).map((project) => ({
        project,
        overall: readinessOf(checklistRows(ctx, project.id).map((r) => r.status)),
      })),
    createProject: (args) => createProject(ctx, args),
    updateProject: ({ projectId, ...patch }) => updateProject(ctx, { id: projectId, ...patch }),
    getOverview: ({ projectId }) => projectOverview(ctx, projectId),
    setWalkthroughPosition: ({ projectId, controlId }) => setWalkthroughPosition(ctx, projectId, controlId),
    getChecklist: ({ projectId, statuses, owner }) => checklistRows(ctx, projectId, undefined, { statuses, owner }),
    updateControl: ({ projectId, controlId, ...patch }) => updateControl(ctx, projectId, controlId, patch),
    bulkUpdateControls: ({ projectId, controlIds, status, owner }) =>
      bulkUpdateControls(ctx, projectId, controlIds, { status, owner }),
    getControlDetail: ({ projectId, controlId }) => controlDetail(ctx, projectId, controlId),
    getCoverage: ({ projectId, framework }) => frameworkCoverage(ctx, projectId, framework),
    addEvidence: ({ projectId, controlId, kind, name, contentBase64, mediaType, url, text, collectedOn, expiresOn }) => {
      const dates = { collectedOn, expiresOn };
      if (kind === 'file') {
        if (contentBase64 === undefined) throw invalidInput('A file upload needs its content.');
        return addEvidence(ctx, projectId, controlId, { kind, name: name ?? '', content: Buffer.from(contentBase64, 'base64'), mediaType }, dates);
      }
      if (kind === 'link') return addEvidence(ctx, projectId, controlId, { kind, name, url: url ?? '' }, dates);
      return addEvidence(ctx, projectId, controlId, { kind, name, text: text ?? '' }, dates);
    },
    removeEvidence: ({ projectId, evidenceId }) => {
      removeEvidence(ctx, projectId, evidenceId);
      return { removed: true as const };
    },
    getEvidenceContent: ({ projectId, evidenceId }) => {
      const { evidence, content } = readEvidenceContent(ctx, projectId, evidenceId);
      return { name: evidence.name, mediaType: evidence.mediaType ?? 'text/plain', contentBase64: content.toString('base64') };
    },
    listAuditEvents: ({ projectId, controlId, limit }) => {
      getProject(ctx, projectId);
      return listAuditEvents(ctx.db, projectId, controlId ? { entity: 'control', entityId: controlId, limit } : { limit });
    },
    verifyAuditChain: ({ projectId }) => {
      getProject(ctx, projectId);
      return verifyAuditChain(ctx.db, projectId);
    },
    ...teamHandlers(ctx),
    ...backupHandlers(ctx, env),
    ...fileHandlers(ctx, ctx),
    ...identityHandlers(ctx),
    ...syncHandlers(ctx),
    ...frameworkHandlers(ctx),
    exportReport: async ({ projectId, format, framework, includeNotApplicable, describes, kind }) => {
      const file = await exportProject(ctx, projectId, format, { framework, includeNotApplicable, describes }, { kind });
      return { fileName: file.fileName, mediaType: file.mediaType, contentBase64: file.bytes.toString('base64') };
    },
    startReportExport: ({ projectId, format, framework, includeNotApplicable, describes, kind }) =>
      startReportExport(ctx, projectId, format, { framework, includeNotApplicable, describes }, kind),
    getReadinessHistory: ({ projectId }) => readinessHistory(ctx, projectId),
    setEvidenceExpiry: ({ projectId, evidenceId, expiresOn }) => setEvidenceExpiry(ctx, projectId, evidenceId, expiresOn),
    listAnalyses: ({ projectId }) => listAnalyses(ctx, projectId),
    getAnalysisDocument: ({ projectId, analysisId }) => {
      const doc = analysisDocument(ctx, projectId, analysisId);
      return { fileName: doc.file.split(/[\\/]/).pop() || doc.file, mediaType: doc.file.endsWith('.csv') ? 'text/csv' : 'application/json', contentBase64: doc.content.toString('base64') };
    },
  };
}
