// The project methods: projects, the checklist and its controls, evidence and the audit chain,
// each a thin call into the one core implementation of the operation.
import type { Handlers } from '../../../shared/handlers';
import type { MethodsOf } from '../../../shared/methods';
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
import type { HandlerEnv } from './env';

export function projectHandlers(ctx: CoreContext, env: HandlerEnv): Pick<Handlers, MethodsOf<'projects'>> {
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
    setEvidenceExpiry: ({ projectId, evidenceId, expiresOn }) => setEvidenceExpiry(ctx, projectId, evidenceId, expiresOn),
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
  };
}
