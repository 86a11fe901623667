// How a requirement is answered when no control maps to it directly: a leaf only through the
// catalog's reason for leaving it out; a requirement above leaves through those leaves, and only
// when none of them is a gap.
import { OUT_OF_SCOPE_LABELS } from '../../../shared/catalog';
import type { FrameworkRef } from '../../../shared/domain';
import type { CatalogIndex } from './catalog-index';

/** The requirements beneath `id` that in-scope controls answer. */
export function coveredThrough(index: CatalogIndex, framework: FrameworkRef, id: string, inScope: ReadonlySet<string>): string[] {
  return [...new Set(
    index.controlsForRequirement(framework, id, { includeDescendants: true })
      .filter((rc) => rc.requirement !== id && inScope.has(rc.control.id))
      .map((rc) => rc.requirement),
  )];
}

/** The leaves beneath `id` that no in-scope control maps to and the catalog does not leave out. */
export function gapsBeneath(index: CatalogIndex, framework: FrameworkRef, id: string, inScope: ReadonlySet<string>): string[] {
  const gaps: string[] = [];
  const stack = index.children(framework, id).map((r) => r.id).reverse();
  const seen = new Set<string>([id]);
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    const kids = index.children(framework, next);
    if (kids.length > 0) {
      stack.push(...kids.map((r) => r.id).reverse());
      continue;
    }
    const answered = index.controlsForRequirement(framework, next).some((rc) => inScope.has(rc.control.id));
    if (!answered && !index.outOfScope(framework, next)) gaps.push(next);
  }
  return gaps;
}

/** Why a requirement with no control of its own is no gap, or what is missing beneath it; null for a plain gap. */
export function requirementNote(index: CatalogIndex, framework: FrameworkRef, id: string, inScope: ReadonlySet<string>): string | null {
  const excluded = index.outOfScope(framework, id);
  if (excluded) return `${OUT_OF_SCOPE_LABELS[excluded.kind]}: ${excluded.reason}`;
  if (index.children(framework, id).length === 0) return null;
  const gaps = gapsBeneath(index, framework, id, inScope);
  if (gaps.length > 0) return `Not met: no control in this project answers ${gaps.join(', ')} beneath it.`;
  const through = coveredThrough(index, framework, id, inScope);
  return through.length ? `Met through the requirements beneath it: ${through.join(', ')}.` : null;
}
