// Which catalog controls a project must answer: those mapped to any framework in its scope.
import type { Catalog, CatalogControl } from '../../../shared/catalog';
import { orderFrameworks, type FrameworkRef } from '../../../shared/domain';

/** The frameworks a control maps to, built-in and imported, in their one order. */
export function controlFrameworks(control: CatalogControl): FrameworkRef[] {
  return orderFrameworks(control.mappings.map((m) => m.framework));
}

export function controlsInScope(catalog: Catalog, frameworks: readonly FrameworkRef[]): CatalogControl[] {
  const wanted = new Set(frameworks);
  return catalog.controls.filter((c) => c.mappings.some((m) => wanted.has(m.framework)));
}
