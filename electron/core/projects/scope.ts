// Which catalog controls a project must answer: those mapped to any framework in its scope.
import type { Catalog, CatalogControl } from '../../../shared/catalog';
import type { FrameworkRef } from '../../../shared/domain';

export function controlFrameworks(control: CatalogControl): FrameworkRef[] {
  const set = new Set(control.mappings.map((m) => m.framework));
  return (['hipaa', 'gdpr', 'pci'] as const).filter((f) => set.has(f));
}

export function controlsInScope(catalog: Catalog, frameworks: readonly FrameworkRef[]): CatalogControl[] {
  const wanted = new Set(frameworks);
  return catalog.controls.filter((c) => c.mappings.some((m) => wanted.has(m.framework)));
}
