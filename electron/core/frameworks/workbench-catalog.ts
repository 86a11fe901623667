// The one catalog every operation sees: the built-in catalog plus the newest version of each
// imported framework, with the user's mappings of its requirements added to our controls. Scope,
// readiness, coverage, the walkthrough and every report read frameworks from here, built-in or not.
// Rebuilt only when the stored frameworks change (in this process, or committed by another).
import type { Catalog, CatalogControl, CatalogFramework, ControlMapping, Coverage } from '../../../shared/catalog';
import type { Db } from '../store/database';

type FrameworkRow = { id: string; version: string; name: string; origin: string; sha256: string };
type RequirementRow = { requirement_id: string; label: string | null; title: string; parent_id: string | null; assessable: number };
type MappingRow = { requirement_id: string; control_id: string; coverage: Coverage };

/** Why a leaf the source does not ask to assess has no control. */
export const NOT_ASSESSABLE_REASON = 'The source file marks this node as not assessable (a heading or guidance, not a requirement).';

type Cached = { base: Catalog; dataVersion: number; revision: number; local: number; catalog: Catalog };
const cache = new WeakMap<Db, Cached>();
const localWrites = new WeakMap<Db, number>();

/** Marks this connection's stored frameworks as changed; the next read rebuilds the catalog. */
export function frameworksChanged(db: Db): void {
  localWrites.set(db, (localWrites.get(db) ?? 0) + 1);
}

/** Bumped with every change to imported frameworks or their mappings, so other connections see it. */
export const REVISION_KEY = 'frameworks.revision';

export function readRevision(db: Db): number {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(REVISION_KEY) as string | undefined;
  return value === undefined ? 0 : Number(value);
}

export function workbenchCatalog(db: Db, base: Catalog): Catalog {
  if (!db.open) return base;
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const local = localWrites.get(db) ?? 0;
  const hit = cache.get(db);
  if (hit && hit.base === base && hit.local === local && hit.dataVersion === dataVersion) return hit.catalog;
  const revision = readRevision(db);
  if (hit && hit.base === base && hit.local === local && hit.revision === revision) {
    hit.dataVersion = dataVersion; // another connection committed something else
    return hit.catalog;
  }
  const catalog = withImportedFrameworks(db, base);
  cache.set(db, { base, dataVersion, revision, local, catalog });
  return catalog;
}

/** The ref people see for each requirement node: its label (AC-2(1)) when unique, else its id. */
export function requirementRefs(rows: readonly Pick<RequirementRow, 'requirement_id' | 'label'>[]): Map<string, string> {
  const labels = new Map<string, number>();
  for (const r of rows) if (r.label) labels.set(r.label, (labels.get(r.label) ?? 0) + 1);
  const ids = new Set(rows.map((r) => r.requirement_id));
  return new Map(rows.map((r) => {
    const label = r.label && labels.get(r.label) === 1 && (r.label === r.requirement_id || !ids.has(r.label)) ? r.label : undefined;
    return [r.requirement_id, label ?? r.requirement_id];
  }));
}

function withImportedFrameworks(db: Db, base: Catalog): Catalog {
  const current = db.prepare(
    `SELECT f.id, f.version, f.name, f.origin, f.sha256 FROM imported_frameworks f
     WHERE f.rowid = (SELECT max(n.rowid) FROM imported_frameworks n WHERE n.id = f.id) ORDER BY f.id`,
  ).all() as FrameworkRow[];
  if (current.length === 0) return base;
  const known = new Set(base.controls.map((c) => c.id));
  const extra = new Map<string, ControlMapping[]>();
  const frameworks: CatalogFramework[] = current.map((f) => {
    const rows = db.prepare(
      'SELECT requirement_id, label, title, parent_id, assessable FROM imported_requirements WHERE framework_id = ? AND version = ? ORDER BY position',
    ).all(f.id, f.version) as RequirementRow[];
    const refs = requirementRefs(rows);
    const ref = (id: string) => refs.get(id) ?? id;
    const parents = new Set(rows.map((r) => r.parent_id).filter((p): p is string => p !== null));
    const mappings = db.prepare(
      'SELECT requirement_id, control_id, coverage FROM framework_mappings WHERE framework_id = ? AND version = ? ORDER BY requirement_id, control_id',
    ).all(f.id, f.version) as MappingRow[];
    for (const m of mappings) {
      if (!known.has(m.control_id)) continue; // a control this catalog no longer has: kept in store, not in scope
      extra.set(m.control_id, [...(extra.get(m.control_id) ?? []), { framework: f.id, requirement: ref(m.requirement_id), coverage: m.coverage }]);
    }
    return {
      id: f.id,
      name: f.name,
      version: f.version,
      source: `${f.origin}, SHA-256 ${f.sha256}`,
      requirements: rows.map((r) => ({ id: ref(r.requirement_id), title: r.title, ...(r.parent_id ? { parent: ref(r.parent_id) } : {}) })),
      outOfScope: rows
        .filter((r) => r.assessable === 0 && !parents.has(r.requirement_id))
        .map((r) => ({ requirement: ref(r.requirement_id), kind: 'not-applicable' as const, reason: NOT_ASSESSABLE_REASON })),
    };
  });
  const controls: CatalogControl[] = base.controls.map((c) => {
    const more = extra.get(c.id);
    return more ? { ...c, mappings: [...c.mappings, ...more] } : c;
  });
  return { version: base.version, frameworks: [...base.frameworks, ...frameworks], controls };
}
