// How a requirement is answered when no control maps to it directly: through the requirements
// beneath it (a HIPAA standard through its implementation specifications), or not at all because
// the catalog leaves it out, with the catalog's reason.
import type { FrameworkId } from '../../../shared/domain';
import type { CatalogIndex } from './catalog-index';

/** The requirements beneath `id` that in-scope controls answer. */
export function coveredThrough(index: CatalogIndex, framework: FrameworkId, id: string, inScope: ReadonlySet<string>): string[] {
  return [...new Set(
    index.controlsForRequirement(framework, id, { includeDescendants: true })
      .filter((rc) => rc.requirement !== id && inScope.has(rc.control.id))
      .map((rc) => rc.requirement),
  )];
}

/** Why a requirement with no control of its own is no gap, or null when it is one. */
export function requirementNote(index: CatalogIndex, framework: FrameworkId, id: string, inScope: ReadonlySet<string>): string | null {
  const reason = index.outOfScopeReason(framework, id);
  if (reason) return `Outside this catalog: ${reason}`;
  const through = coveredThrough(index, framework, id, inScope);
  return through.length ? `Met through the requirements beneath it: ${through.join(', ')}.` : null;
}
