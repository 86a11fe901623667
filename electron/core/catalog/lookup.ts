// Constant-time lookups into a loaded catalog, built once per catalog object.
import type { Catalog, CatalogControl } from '../../../shared/catalog';
import { DOMAIN_IDS } from '../../../shared/domain';

type Index = { controls: Map<string, CatalogControl>; order: Map<string, number> };
const indexes = new WeakMap<Catalog, Index>();

function indexOf(catalog: Catalog): Index {
  let index = indexes.get(catalog);
  if (!index) {
    const sorted = catalog.controls
      .map((c, i) => ({ c, key: DOMAIN_IDS.indexOf(c.domain) * 1_000_000 + i }))
      .sort((a, b) => a.key - b.key);
    index = {
      controls: new Map(catalog.controls.map((c) => [c.id, c])),
      order: new Map(sorted.map(({ c }, i) => [c.id, i])),
    };
    indexes.set(catalog, index);
  }
  return index;
}

export function controlById(catalog: Catalog, id: string): CatalogControl | undefined {
  return indexOf(catalog).controls.get(id);
}

/** Walkthrough order: by domain, then as the catalog lists them. Unknown ids sort last. */
export function controlOrder(catalog: Catalog, id: string): number {
  return indexOf(catalog).order.get(id) ?? Number.MAX_SAFE_INTEGER;
}
