// Walkthrough order over a loaded catalog, and the control lookup the checklist uses.
import type { Catalog, CatalogControl } from '../../../shared/catalog';
import { DOMAIN_IDS } from '../../../shared/domain';
import { catalogIndex } from './catalog-index';

const orders = new WeakMap<Catalog, Map<string, number>>();

export function controlById(catalog: Catalog, id: string): CatalogControl | undefined {
  return catalogIndex(catalog).control(id);
}

/** Walkthrough order: by domain, then as the catalog lists them. Unknown ids sort last. */
export function controlOrder(catalog: Catalog, id: string): number {
  let order = orders.get(catalog);
  if (!order) {
    const sorted = catalog.controls
      .map((c, i) => ({ c, key: DOMAIN_IDS.indexOf(c.domain) * 1_000_000 + i }))
      .sort((a, b) => a.key - b.key);
    order = new Map(sorted.map(({ c }, i) => [c.id, i]));
    orders.set(catalog, order);
  }
  return order.get(id) ?? Number.MAX_SAFE_INTEGER;
}
