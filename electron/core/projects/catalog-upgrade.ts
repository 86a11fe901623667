// When the catalog changes, a project keeps its answers: new controls join as not_assessed,
// controls the catalog dropped are archived with their history, never deleted.
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { appendChange } from '../audit/changes';
import { getProject } from './projects';
import { syncScope } from './sync-scope';

export type CatalogUpgrade = { projectId: string; from: string; to: string; added: string[]; archived: string[]; restored: string[] };

export function upgradeProjectToCatalog(ctx: CoreContext, projectId: string): CatalogUpgrade | null {
  return inTransaction(ctx.db, () => {
    const project = getProject(ctx, projectId);
    if (project.catalogVersion === ctx.catalog.version) return null;
    const change = syncScope(ctx, projectId, project.frameworks);
    const at = ctx.now().toISOString();
    ctx.db.prepare('UPDATE projects SET catalog_version = ?, updated_at = ? WHERE id = ?').run(ctx.catalog.version, at, projectId);
    appendChange(ctx, {
      projectId, at, sessionId: null, entity: 'project', entityId: projectId,
      action: 'catalog.upgrade', before: { catalogVersion: project.catalogVersion },
      after: { catalogVersion: ctx.catalog.version, ...change },
    });
    return { projectId, from: project.catalogVersion, to: ctx.catalog.version, ...change };
  });
}

export function upgradeAllProjects(ctx: CoreContext): CatalogUpgrade[] {
  const ids = ctx.db.prepare('SELECT id FROM projects WHERE catalog_version <> ?').pluck().all(ctx.catalog.version) as string[];
  return ids.map((id) => upgradeProjectToCatalog(ctx, id)).filter((u): u is CatalogUpgrade => u !== null);
}
