// OSCAL catalogs and profiles (JSON) read as a framework: groups become grouping requirements,
// controls and their enhancements assessable requirements beneath them; withdrawn controls are
// left out. A profile is resolved against its catalog: the selected controls with the groups and
// controls above them. Problems name the file and the line (syntax) or the node path.
import type { FrameworkImportProblem, ImportedRequirement } from '../../../shared/framework-import';
import { lineOf } from './problems';

export type OscalDocument = { kind: 'catalog' | 'profile'; root: Record<string, unknown> };

type Located = FrameworkImportProblem[];

/** Parses JSON text; a syntax error is reported with its line. */
export function parseJson(file: string, text: string, problems: Located): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const line = /line (\d+)/.exec(message);
    const where = line ? `line ${line[1]}` : at ? `line ${lineOf(text, Number(at[1]))}` : 'line 1';
    problems.push({ file, where, problem: `not valid JSON (${message.replace(/^.*?: /, '')}).` });
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The document's kind, or a problem saying what an OSCAL file must hold. */
export function oscalDocument(file: string, content: unknown, problems: Located): OscalDocument | undefined {
  if (isObject(content) && isObject(content.catalog)) return { kind: 'catalog', root: content.catalog };
  if (isObject(content) && isObject(content.profile)) return { kind: 'profile', root: content.profile };
  problems.push({ file, where: '(whole file)', problem: 'an OSCAL file must be a JSON object with a "catalog" or a "profile" member.' });
  return undefined;
}

export type OscalMetadata = { title: string; version: string };

export function oscalMetadata(file: string, root: Record<string, unknown>, node: string, problems: Located): OscalMetadata | undefined {
  const m = root.metadata;
  if (!isObject(m)) {
    problems.push({ file, where: `${node}.metadata`, problem: 'metadata is missing; OSCAL requires a title and a version.' });
    return undefined;
  }
  const title = typeof m.title === 'string' && m.title.trim() ? m.title.trim() : undefined;
  const version = typeof m.version === 'string' && m.version.trim() ? m.version.trim() : undefined;
  if (!title) problems.push({ file, where: `${node}.metadata.title`, problem: 'the title is missing or empty.' });
  if (!version) problems.push({ file, where: `${node}.metadata.version`, problem: 'the version is missing or empty.' });
  return title && version ? { title, version } : undefined;
}

function prop(props: unknown, name: string): string | undefined {
  if (!Array.isArray(props)) return undefined;
  for (const p of props) if (isObject(p) && p.name === name && typeof p.value === 'string') return p.value;
  return undefined;
}

/** Every requirement of a catalog, in document order, parents first. */
export function catalogRequirements(file: string, catalog: Record<string, unknown>, problems: Located): ImportedRequirement[] {
  const out: ImportedRequirement[] = [];
  const seen = new Set<string>();
  const walk = (list: unknown, member: 'groups' | 'controls', path: string, parent: string | undefined) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      problems.push({ file, where: path, problem: `"${member}" must be an array.` });
      return;
    }
    list.forEach((item, i) => {
      const at = `${path}[${i}]`;
      if (!isObject(item)) {
        problems.push({ file, where: at, problem: `each entry of "${member}" must be an object.` });
        return;
      }
      const id = typeof item.id === 'string' && item.id.trim() ? item.id.trim() : undefined;
      const title = typeof item.title === 'string' && item.title.trim() ? item.title.trim() : undefined;
      if (member === 'controls' && !id) {
        problems.push({ file, where: at, problem: 'a control needs an "id".' });
        return;
      }
      if (!title) {
        problems.push({ file, where: `${at}${id ? ` (${id})` : ''}`, problem: 'the title is missing or empty.' });
        return;
      }
      // Groups may lack an id in OSCAL; give them one from their position so children can point to them.
      const key = id ?? `group-${path.replace(/[^0-9]+/g, '-')}${i}`;
      if (seen.has(key)) {
        problems.push({ file, where: `${at} (${key})`, problem: `the id "${key}" is used twice.` });
        return;
      }
      seen.add(key);
      if (member === 'controls' && prop(item.props, 'status') === 'withdrawn') return;
      const label = member === 'controls' ? prop(item.props, 'label') : undefined;
      out.push({
        id: key,
        ...(label && label !== key ? { label } : {}),
        title,
        ...(parent ? { parent } : {}),
        assessable: member === 'controls',
      });
      if (member === 'groups') walk(item.groups, 'groups', `${at}.groups`, key);
      walk(item.controls, 'controls', `${at}.controls`, key);
    });
  };
  walk(catalog.groups, 'groups', 'catalog.groups', undefined);
  walk(catalog.controls, 'controls', 'catalog.controls', undefined);
  return out;
}

/** The href of the catalog a profile imports (through its back-matter when it is `#uuid`). */
export function profileImport(file: string, profile: Record<string, unknown>, problems: Located): { hrefs: string[]; withIds: Set<string> | 'all' } | undefined {
  const imports = profile.imports;
  if (!Array.isArray(imports) || imports.length === 0 || !isObject(imports[0])) {
    problems.push({ file, where: 'profile.imports', problem: 'a profile needs at least one import.' });
    return undefined;
  }
  if (imports.length > 1) {
    problems.push({ file, where: 'profile.imports[1]', problem: 'only profiles that import one catalog are supported; resolve the others first.' });
    return undefined;
  }
  const imp = imports[0];
  const href = typeof imp.href === 'string' ? imp.href : undefined;
  if (!href) {
    problems.push({ file, where: 'profile.imports[0].href', problem: 'the import has no href.' });
    return undefined;
  }
  let hrefs = [href];
  if (href.startsWith('#')) {
    const resources = isObject(profile['back-matter']) ? profile['back-matter'].resources : undefined;
    const resource = Array.isArray(resources) ? resources.find((r) => isObject(r) && r.uuid === href.slice(1)) : undefined;
    if (!isObject(resource)) {
      problems.push({ file, where: 'profile.imports[0].href', problem: `"${href}" names no resource in back-matter.` });
      return undefined;
    }
    const rlinks = Array.isArray(resource.rlinks) ? resource.rlinks.filter(isObject) : [];
    hrefs = rlinks
      .filter((r) => typeof r.href === 'string' && (typeof r['media-type'] !== 'string' || r['media-type'].includes('json')))
      .map((r) => r.href as string);
  }
  if (imp['include-all'] !== undefined) return { hrefs, withIds: 'all' };
  const include = imp['include-controls'];
  if (!Array.isArray(include)) {
    problems.push({ file, where: 'profile.imports[0]', problem: 'the import needs "include-all" or "include-controls".' });
    return undefined;
  }
  const withIds = new Set<string>();
  include.forEach((sel, i) => {
    const ids = isObject(sel) ? sel['with-ids'] : undefined;
    if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) {
      problems.push({ file, where: `profile.imports[0].include-controls[${i}]`, problem: 'only selections by "with-ids" (a list of control ids) are supported.' });
      return;
    }
    for (const id of ids as string[]) withIds.add(id);
  });
  return { hrefs, withIds };
}

/** The selected controls of a catalog with every requirement above them, in catalog order. */
export function selectRequirements(
  file: string,
  all: readonly ImportedRequirement[],
  withIds: Set<string> | 'all',
  problems: Located,
): ImportedRequirement[] {
  if (withIds === 'all') return [...all];
  const byId = new Map(all.map((r) => [r.id, r]));
  const keep = new Set<string>();
  for (const id of withIds) {
    if (!byId.has(id)) {
      problems.push({ file, where: `profile.imports[0].include-controls (${id})`, problem: `"${id}" is not a control of the imported catalog (or it is withdrawn).` });
      continue;
    }
    for (let p: string | undefined = id; p !== undefined && !keep.has(p); p = byId.get(p)?.parent) keep.add(p);
  }
  // A control kept only because an enhancement beneath it is selected is shown but not assessed.
  return all.filter((r) => keep.has(r.id)).map((r) => (r.assessable && !withIds.has(r.id) ? { ...r, assessable: false } : r));
}
