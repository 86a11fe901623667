// Everything about one control in one project: the answer, the catalog entry with its mapped
// requirements, the evidence and the history of changes.
import type { CoreContext } from '../context';
import type { ControlDetail, CoverageRow } from '../../../shared/api';
import type { FrameworkRef } from '../../../shared/domain';
import { controlById } from '../catalog/lookup';
import { listAuditEvents } from '../audit/chain';
import { listEvidence } from '../evidence/evidence';
import { notFound, invalidInput } from '../errors';
import { getProject } from '../projects/projects';
import { checklistRows } from './checklist';
import { catalogIndex } from '../catalog/catalog-index';
import { coveredThrough } from '../catalog/coverage';
import { requirementTree } from '../catalog/tree';

function requirementTitle(ctx: CoreContext, framework: FrameworkRef, id: string): string {
  const fw = ctx.catalog.frameworks.find((f) => f.id === framework);
  return fw?.requirements.find((r) => r.id === id)?.title ?? '';
}

export function controlDetail(ctx: CoreContext, projectId: string, controlId: string): ControlDetail {
  const row = checklistRows(ctx, projectId, controlId)[0];
  const control = controlById(ctx.catalog, controlId);
  if (!row || !control) throw notFound('control in this project', controlId);
  const project = getProject(ctx, projectId);
  return {
    row,
    control,
    requirements: control.mappings
      .filter((m) => project.frameworks.includes(m.framework))
      .map((m) => ({ framework: m.framework, id: m.requirement, title: requirementTitle(ctx, m.framework, m.requirement), coverage: m.coverage })),
    evidence: listEvidence(ctx, projectId, controlId),
    history: listAuditEvents(ctx.db, projectId, { entity: 'control', entityId: controlId, limit: 200 }),
  };
}

/**
 * Answer once, satisfy many: the framework's requirement tree, each requirement with the project's
 * controls mapped to it and its state. A leaf counts as answered only by a control in the project
 * mapped to it itself; a requirement above leaves sums them up.
 */
export function frameworkCoverage(ctx: CoreContext, projectId: string, framework: FrameworkRef): CoverageRow[] {
  const project = getProject(ctx, projectId);
  if (!project.frameworks.includes(framework)) {
    throw invalidInput(`${framework} is not in the scope of project ${projectId} (in scope: ${project.frameworks.join(', ')}).`);
  }
  if (!ctx.catalog.frameworks.some((f) => f.id === framework)) throw notFound('framework', framework);
  const statuses = new Map(checklistRows(ctx, projectId).map((r) => [r.id, r]));
  const index = catalogIndex(ctx.catalog);
  const inScope = new Set(statuses.keys());
  return requirementTree(ctx.catalog, framework, { counts: (id) => inScope.has(id) }).map((node) => {
    const req = node.requirement;
    const controls = node.controls.flatMap(({ control, coverage }) => {
      const row = statuses.get(control.id);
      return row ? [{ id: control.id, title: control.title, status: row.status, coverage }] : [];
    });
    return {
      requirement: { id: req.id, title: req.title },
      controls,
      outOfScope: node.outOfScope?.reason ?? null,
      coveredThrough: controls.length || node.leaf ? [] : coveredThrough(index, framework, req.id, inScope),
      parent: req.parent ?? null,
      depth: node.depth,
      leaf: node.leaf,
      state: node.state,
      outOfScopeKind: node.outOfScope?.kind ?? null,
      leaves: node.leaves,
    };
  });
}
