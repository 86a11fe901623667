// Imported frameworks kept in the database: each version with its file's name and SHA-256 and its
// requirement tree, and the user's mapping of its requirements to our controls. These belong to
// the workbench, not to one project (every project on the framework shares them), so their changes
// are audited on the workbench's own chain (WORKBENCH_CHAIN) through appendChange; a project whose
// scope moves because of them gets its own event, as a catalog upgrade does.
import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { appendChange } from '../audit/changes';
import { invalidInput, notFound } from '../errors';
import { syncScope } from '../projects/sync-scope';
import { WORKBENCH_CHAIN } from '../../../shared/records';
import type {
  FrameworkDocument,
  FrameworkImportResult,
  FrameworkMapResult,
  FrameworkMappingView,
  ImportedFramework,
  RequirementMapping,
  StoredFramework,
} from '../../../shared/framework-import';
import type { Coverage } from '../../../shared/catalog';
import { importFrameworkDocument } from './import';
import { readFrameworkMappingDocument } from './mapping';
import { FrameworkImportError } from './problems';
import { frameworksChanged, readRevision, REVISION_KEY, requirementRefs } from './workbench-catalog';
import type { ReadContext } from '../store/access';
import { readAll, readOne } from '../store/access';

type FrameworkRow = {
  id: string; version: string; name: string; source: StoredFramework['source']; origin: string; file_name: string;
  sha256: string; imported_at: string; imported_by: string; current: number; requirements: number; assessable: number; mapped: number; projects: number;
};

const SELECT_FRAMEWORKS = `
  SELECT f.*,
    f.rowid = (SELECT max(n.rowid) FROM imported_frameworks n WHERE n.id = f.id) AS current,
    (SELECT count(*) FROM imported_requirements r WHERE r.framework_id = f.id AND r.version = f.version) AS requirements,
    (SELECT count(*) FROM imported_requirements r WHERE r.framework_id = f.id AND r.version = f.version AND r.assessable = 1) AS assessable,
    (SELECT count(DISTINCT m.requirement_id) FROM framework_mappings m JOIN imported_requirements r
       ON r.framework_id = m.framework_id AND r.version = m.version AND r.requirement_id = m.requirement_id
     WHERE m.framework_id = f.id AND m.version = f.version AND r.assessable = 1) AS mapped,
    (SELECT count(*) FROM project_frameworks p WHERE p.framework_id = f.id AND p.framework_version = f.version) AS projects
  FROM imported_frameworks f`;

function toStored(r: FrameworkRow): StoredFramework {
  return {
    id: r.id, name: r.name, version: r.version, source: r.source, origin: r.origin, fileName: r.file_name, sha256: r.sha256,
    importedAt: r.imported_at, importedBy: r.imported_by, requirements: r.requirements, assessable: r.assessable, mapped: r.mapped,
    current: r.current === 1, projects: r.projects,
  };
}

/** Every stored version of every imported framework: by id, newest version first. */
export function listFrameworks(ctx: ReadContext): StoredFramework[] {
  return readAll<FrameworkRow>(ctx.db, `${SELECT_FRAMEWORKS} ORDER BY f.id, f.rowid DESC`).map(toStored);
}

/** The version projects follow; throws NOT_FOUND naming the command that lists them. */
export function currentFramework(ctx: ReadContext, id: string): StoredFramework {
  const row = readOne<FrameworkRow>(ctx.db, `${SELECT_FRAMEWORKS} WHERE f.id = ? ORDER BY f.rowid DESC LIMIT 1`, id);
  if (!row) throw notFound('imported framework', id, 'List them with `cwb framework list`.');
  return toStored(row);
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads, checks and stores a framework file (and, for a profile, the catalog it resolves against). */
export function importFramework(ctx: CoreContext, file: FrameworkDocument, catalog?: FrameworkDocument): FrameworkImportResult {
  const framework = importFrameworkDocument(file, catalog ? { catalog } : {});
  return storeFramework(ctx, framework, { name: file.name, sha256: sha256Of(file.text) });
}

/**
 * Stores one version of a framework. The same file again changes nothing; another file under a
 * version already stored is refused (a changed framework needs a new version). A new version
 * becomes the current one: mappings of requirements it still has are carried over, and projects
 * on the framework move onto it, keeping their answers.
 */
export function storeFramework(ctx: CoreContext, framework: ImportedFramework, file: { name: string; sha256: string }): FrameworkImportResult {
  const summary = {
    id: framework.id, name: framework.name, version: framework.version, source: framework.source,
    file, requirements: framework.requirements.length, assessable: framework.requirements.filter((r) => r.assessable).length,
  };
  try {
    return inTransaction(ctx.db, () => {
      const same = ctx.db.prepare('SELECT sha256 FROM imported_frameworks WHERE id = ? AND version = ?').pluck().get(framework.id, framework.version) as string | undefined;
      if (same === file.sha256) return { ...summary, unchanged: true, carriedMappings: 0, projects: [] };
      if (same !== undefined) {
        throw new FrameworkImportError([{
          file: file.name, where: 'version',
          problem: `version ${framework.version} of ${framework.id} is already imported from a different file (SHA-256 ${same.slice(0, 12)}…); a changed framework needs a new version.`,
        }]);
      }
      const previous = ctx.db.prepare('SELECT version FROM imported_frameworks WHERE id = ? ORDER BY rowid DESC LIMIT 1').pluck().get(framework.id) as string | undefined;
      const at = ctx.now().toISOString();
      const actor = ctx.actor();
      ctx.db.prepare(
        'INSERT INTO imported_frameworks (id, version, name, source, origin, file_name, sha256, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(framework.id, framework.version, framework.name, framework.source, framework.origin, file.name, file.sha256, at, actor);
      const addRequirement = ctx.db.prepare(
        'INSERT INTO imported_requirements (framework_id, version, position, requirement_id, label, title, parent_id, assessable) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      framework.requirements.forEach((r, i) => addRequirement.run(framework.id, framework.version, i, r.id, r.label ?? null, r.title, r.parent ?? null, r.assessable ? 1 : 0));
      const carried = previous === undefined ? 0 : ctx.db.prepare(
        `INSERT INTO framework_mappings (framework_id, version, requirement_id, control_id, coverage, mapped_at, mapped_by)
         SELECT m.framework_id, ?, m.requirement_id, m.control_id, m.coverage, m.mapped_at, m.mapped_by FROM framework_mappings m
         WHERE m.framework_id = ? AND m.version = ?
           AND EXISTS (SELECT 1 FROM imported_requirements r WHERE r.framework_id = m.framework_id AND r.version = ? AND r.requirement_id = m.requirement_id)`,
      ).run(framework.version, framework.id, previous, framework.version).changes;
      bumpRevision(ctx);
      appendChange(ctx, {
        projectId: WORKBENCH_CHAIN, at, sessionId: null, entity: 'framework', entityId: framework.id, action: 'framework.import',
        before: previous === undefined ? null : { version: previous },
        after: { version: framework.version, name: framework.name, source: framework.source, file: file.name, sha256: file.sha256, requirements: summary.requirements, carriedMappings: carried },
      });
      const projects = followFramework(ctx, framework.id, framework.version, 'framework.upgrade', { from: previous ?? null, to: framework.version });
      return { ...summary, unchanged: false, carriedMappings: carried, projects };
    });
  } finally {
    frameworksChanged(ctx.db);
  }
}

type NodeRow = { requirement_id: string; label: string | null; title: string; parent_id: string | null; assessable: number };

function nodesOf(ctx: ReadContext, id: string, version: string): NodeRow[] {
  return readAll<NodeRow>(ctx.db, 'SELECT requirement_id, label, title, parent_id, assessable FROM imported_requirements WHERE framework_id = ? AND version = ? ORDER BY position', id, version);
}

/** The current version's requirements with their controls, and the controls to choose from. */
export function frameworkMapping(ctx: ReadContext, id: string): FrameworkMappingView {
  const framework = currentFramework(ctx, id);
  const nodes = nodesOf(ctx, id, framework.version);
  const refs = requirementRefs(nodes);
  const mapped = new Map<string, FrameworkMappingView['requirements'][number]['controls']>();
  for (const m of readAll<{ requirement_id: string; control_id: string; coverage: Coverage; mapped_by: string; mapped_at: string }>(
    ctx.db, 'SELECT requirement_id, control_id, coverage, mapped_by, mapped_at FROM framework_mappings WHERE framework_id = ? AND version = ? ORDER BY control_id', id, framework.version,
  )) mapped.set(m.requirement_id, [...(mapped.get(m.requirement_id) ?? []), { control: m.control_id, coverage: m.coverage, mappedBy: m.mapped_by, mappedAt: m.mapped_at }]);
  return {
    framework,
    requirements: nodes.map((n) => ({
      id: n.requirement_id, ref: refs.get(n.requirement_id) ?? n.requirement_id, title: n.title, parent: n.parent_id,
      assessable: n.assessable === 1, controls: mapped.get(n.requirement_id) ?? [],
    })),
    controls: ctx.catalog.controls.map((c) => ({ id: c.id, title: c.title })),
  };
}

/**
 * Sets the controls of the requirements named (each requirement's whole list; an empty list
 * unmaps it) on the framework's current version. Checks everything before it writes anything;
 * appends one workbench event with the requirements whose controls moved, and moves the scope of
 * the projects on the framework.
 */
export function setFrameworkMapping(ctx: CoreContext, id: string, changes: readonly RequirementMapping[], origin: string | null = null): FrameworkMapResult {
  try {
    return inTransaction(ctx.db, () => {
      const framework = currentFramework(ctx, id);
      const nodes = nodesOf(ctx, id, framework.version);
      const byRef = new Map<string, string>();
      const refs = requirementRefs(nodes);
      for (const n of nodes) {
        byRef.set(n.requirement_id, n.requirement_id);
        byRef.set((refs.get(n.requirement_id) ?? n.requirement_id), n.requirement_id);
      }
      const controls = new Set(ctx.catalog.controls.map((c) => c.id));
      const seen = new Set<string>();
      const resolved = changes.map((c) => {
        const requirement = byRef.get(c.requirement);
        if (requirement === undefined) throw invalidInput(`"${c.requirement}" is not a requirement of ${id} ${framework.version}. Nothing was changed.`);
        if (seen.has(requirement)) throw invalidInput(`${c.requirement} is given twice. Nothing was changed.`);
        seen.add(requirement);
        const ids = new Set<string>();
        for (const m of c.controls) {
          if (!controls.has(m.control)) throw invalidInput(`"${m.control}" (for ${c.requirement}) is not a control of the catalog. Nothing was changed.`);
          if (ids.has(m.control)) throw invalidInput(`${c.requirement} → ${m.control} is given twice. Nothing was changed.`);
          ids.add(m.control);
        }
        return { requirement, controls: [...c.controls].sort((a, b) => a.control.localeCompare(b.control)) };
      });
      const current = ctx.db.prepare('SELECT control_id AS control, coverage FROM framework_mappings WHERE framework_id = ? AND version = ? AND requirement_id = ? ORDER BY control_id');
      const remove = ctx.db.prepare('DELETE FROM framework_mappings WHERE framework_id = ? AND version = ? AND requirement_id = ?');
      const add = ctx.db.prepare('INSERT INTO framework_mappings (framework_id, version, requirement_id, control_id, coverage, mapped_at, mapped_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const at = ctx.now().toISOString();
      const actor = ctx.actor();
      for (const c of resolved) {
        const was = current.all(id, framework.version, c.requirement) as Array<{ control: string; coverage: Coverage }>;
        const next = c.controls.map((m) => ({ control: m.control, coverage: m.coverage }));
        if (JSON.stringify(was) === JSON.stringify(next)) continue;
        const ref = refs.get(c.requirement) ?? c.requirement;
        before[ref] = was;
        after[ref] = next;
        remove.run(id, framework.version, c.requirement);
        for (const m of next) add.run(id, framework.version, c.requirement, m.control, m.coverage, at, actor);
      }
      const changed = Object.keys(after);
      let projects: FrameworkMapResult['projects'] = [];
      if (changed.length > 0) {
        bumpRevision(ctx);
        appendChange(ctx, {
          projectId: WORKBENCH_CHAIN, at, sessionId: null, entity: 'framework', entityId: id, action: 'framework.map',
          before, after: { ...after, ...(origin ? { file: origin } : {}), version: framework.version },
        });
        projects = followFramework(ctx, id, framework.version, 'framework.map', { requirements: changed });
      }
      const counted = currentFramework(ctx, id);
      return { framework: id, version: framework.version, changed, mapped: counted.mapped, assessable: counted.assessable, projects };
    });
  } finally {
    frameworksChanged(ctx.db);
  }
}

/** Maps requirements from a CSV (requirement,control[,coverage]) or CISO Assistant mapping set. */
export function mapFrameworkFile(ctx: CoreContext, id: string, file: FrameworkDocument): FrameworkMapResult {
  const framework = currentFramework(ctx, id);
  const requirements = nodesOf(ctx, id, framework.version).map((n) => ({ id: n.requirement_id, ...(n.label ? { label: n.label } : {}), title: n.title, assessable: n.assessable === 1 }));
  const entries = readFrameworkMappingDocument(file, { id, requirements }, ctx.catalog);
  const byRequirement = new Map<string, RequirementMapping['controls']>();
  for (const e of entries) byRequirement.set(e.requirement, [...(byRequirement.get(e.requirement) ?? []), { control: e.control, coverage: e.coverage }]);
  return setFrameworkMapping(ctx, id, [...byRequirement].map(([requirement, controls]) => ({ requirement, controls })), `${file.name} (SHA-256 ${sha256Of(file.text)})`);
}

function bumpRevision(ctx: CoreContext): void {
  ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(REVISION_KEY, String(readRevision(ctx.db) + 1));
  frameworksChanged(ctx.db);
}

/**
 * Moves every project that has the framework in scope onto its current version and mapping: the
 * scope follows (controls join as not assessed, controls that left are archived with their
 * answers), and a project whose scope or version moved gets one event saying why.
 */
function followFramework(ctx: CoreContext, id: string, version: string, action: 'framework.upgrade' | 'framework.map', why: Record<string, unknown>): FrameworkImportResult['projects'] {
  const rows = ctx.db.prepare('SELECT project_id, framework_version FROM project_frameworks WHERE framework_id = ? ORDER BY project_id').all(id) as Array<{ project_id: string; framework_version: string | null }>;
  const out: FrameworkImportResult['projects'] = [];
  const setVersion = ctx.db.prepare('UPDATE project_frameworks SET framework_version = ? WHERE project_id = ? AND framework_id = ?');
  for (const row of rows) {
    const frameworks = ctx.db.prepare('SELECT framework_id FROM project_frameworks WHERE project_id = ?').pluck().all(row.project_id) as string[];
    setVersion.run(version, row.project_id, id);
    const change = syncScope(ctx, row.project_id, frameworks);
    const moved = change.added.length + change.archived.length + change.restored.length > 0;
    if (!moved && row.framework_version === version) continue;
    appendChange(ctx, {
      projectId: row.project_id, sessionId: null, entity: 'project', entityId: row.project_id, action,
      before: { framework: id, version: row.framework_version }, after: { framework: id, version, ...why, ...change },
    });
    out.push({ projectId: row.project_id, ...change });
  }
  return out;
}
