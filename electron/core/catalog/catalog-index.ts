// Lookups over a loaded catalog (controls by id, requirements by framework and id, which controls
// answer a framework or a requirement), built once per catalog object and cached.
import { nodesBeneath } from './walk';
import type {
  Catalog,
  CatalogControl,
  CatalogFramework,
  CatalogRequirement,
  Coverage,
  OutOfScopeEntry,
} from '../../../shared/catalog';
import type { FrameworkRef } from '../../../shared/domain';

/** A control that maps to a requirement, how fully, and which requirement id it actually names. */
export type RequirementControl = { control: CatalogControl; coverage: Coverage; requirement: string };

export type CatalogIndex = {
  control(id: string): CatalogControl | undefined;
  framework(id: FrameworkRef): CatalogFramework | undefined;
  requirement(framework: FrameworkRef, id: string): CatalogRequirement | undefined;
  /** Requirements directly beneath `id` (standard → specifications, article → paragraphs). */
  children(framework: FrameworkRef, id: string): readonly CatalogRequirement[];
  /** Controls with at least one mapping to the framework, in catalog order. */
  controlsForFramework(framework: FrameworkRef): readonly CatalogControl[];
  /**
   * Controls mapped to the requirement. With `includeDescendants`, also those mapped to anything
   * beneath it (e.g. PCI `12` → controls mapped to `12.10.1`).
   */
  controlsForRequirement(
    framework: FrameworkRef,
    id: string,
    options?: { includeDescendants?: boolean },
  ): readonly RequirementControl[];
  /** The reason a requirement is out of scope, or undefined when it is in scope. */
  outOfScopeReason(framework: FrameworkRef, id: string): string | undefined;
  /** The out-of-scope entry (kind and reason) of a requirement, or undefined when it is in scope. */
  outOfScope(framework: FrameworkRef, id: string): OutOfScopeEntry | undefined;
};

const cache = new WeakMap<Catalog, CatalogIndex>();

export function catalogIndex(catalog: Catalog): CatalogIndex {
  const hit = cache.get(catalog);
  if (hit) return hit;

  const controls = new Map(catalog.controls.map((c) => [c.id, c]));
  const frameworks = new Map(catalog.frameworks.map((f) => [f.id, f]));
  const requirements = new Map<FrameworkRef, Map<string, CatalogRequirement>>();
  const children = new Map<FrameworkRef, Map<string, CatalogRequirement[]>>();
  const outOfScope = new Map<FrameworkRef, Map<string, OutOfScopeEntry>>();
  for (const f of catalog.frameworks) {
    requirements.set(f.id, new Map(f.requirements.map((r) => [r.id, r])));
    const kids = new Map<string, CatalogRequirement[]>();
    for (const r of f.requirements) {
      if (r.parent !== undefined) kids.set(r.parent, [...(kids.get(r.parent) ?? []), r]);
    }
    children.set(f.id, kids);
    outOfScope.set(f.id, new Map(f.outOfScope.map((o) => [o.requirement, o])));
  }
  const byFramework = new Map<FrameworkRef, CatalogControl[]>();
  const byRequirement = new Map<string, RequirementControl[]>();
  for (const control of catalog.controls) {
    for (const m of control.mappings) {
      const list = byFramework.get(m.framework) ?? [];
      if (list[list.length - 1] !== control) list.push(control);
      byFramework.set(m.framework, list);
      const key = requirementKey(m.framework, m.requirement);
      byRequirement.set(key, [
        ...(byRequirement.get(key) ?? []),
        { control, coverage: m.coverage, requirement: m.requirement },
      ]);
    }
  }

  const descendants = (framework: FrameworkRef, id: string): string[] =>
    nodesBeneath((next) => (children.get(framework)?.get(next) ?? []).map((child) => child.id), id);

  const index: CatalogIndex = {
    control: (id) => controls.get(id),
    framework: (id) => frameworks.get(id),
    requirement: (framework, id) => requirements.get(framework)?.get(id),
    children: (framework, id) => children.get(framework)?.get(id) ?? [],
    controlsForFramework: (framework) => byFramework.get(framework) ?? [],
    controlsForRequirement: (framework, id, options) => {
      const ids = options?.includeDescendants ? descendants(framework, id) : [id];
      return ids.flatMap((r) => byRequirement.get(requirementKey(framework, r)) ?? []);
    },
    outOfScopeReason: (framework, id) => outOfScope.get(framework)?.get(id)?.reason,
    outOfScope: (framework, id) => outOfScope.get(framework)?.get(id),
  };
  cache.set(catalog, index);
  return index;
}

function requirementKey(framework: FrameworkRef, id: string): string {
  return `${framework}\u0000${id}`;
}
