// CISO Assistant libraries (YAML): the framework's requirement nodes (urn, ref_id, name,
// assessable, parent_urn) read as a tree, and its requirement mapping sets where the file has
// them. Every problem names the file and the line of the node it is in.
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import type { Document, LineCounter } from 'yaml';

let yamlModule: typeof YamlModule | undefined;
/** yaml loads with the first YAML file read, not in every process that could read one (cwb control list). */
function yaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}
import type { FrameworkImportProblem, ImportedRequirement } from '../../../shared/framework-import';

type Problems = FrameworkImportProblem[];

export type CisoLibrary = {
  refId: string;
  name: string;
  version: string;
  requirements: ImportedRequirement[];
  /** urn of each requirement, by requirement id (mapping sets refer to urns). */
  urns: Map<string, string>;
};

export type CisoMapping = { source: string; target: string; relationship: string; line: number };

export function readYaml(file: string, text: string, problems: Problems): { doc: Document; lines: LineCounter } | undefined {
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? (lines.linePos(e.pos[0]).line);
      problems.push({ file, where: `line ${line}`, problem: `not valid YAML (${e.message.split('\n')[0] ?? e.code}).` });
    }
    return undefined;
  }
  return { doc, lines };
}

function lineAt(doc: Document, lines: LineCounter, path: readonly (string | number)[]): string {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const offset = node?.range?.[0];
  return offset === undefined ? path.join('.') : `line ${lines.linePos(offset).line}`;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** The framework of a library file: metadata and requirement nodes. */
export function cisoFramework(file: string, parsed: { doc: Document; lines: LineCounter }, problems: Problems): CisoLibrary | undefined {
  const { doc, lines } = parsed;
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    problems.push({ file, where: 'line 1', problem: 'a CISO Assistant library is a YAML mapping with "urn", "name" and "objects".' });
    return undefined;
  }
  const lib = root as Record<string, unknown>;
  const fw = (lib.objects as Record<string, unknown> | undefined)?.framework as Record<string, unknown> | undefined;
  if (!fw || typeof fw !== 'object') {
    problems.push({ file, where: lineAt(doc, lines, ['objects']), problem: 'the library has no "objects.framework"; a mapping library alone is imported with "cwb framework map".' });
    return undefined;
  }
  const name = text(fw.name) ?? text(lib.name);
  const refId = text(fw.ref_id) ?? text(lib.ref_id);
  const version = text(lib.version) ?? '1';
  if (!name) problems.push({ file, where: lineAt(doc, lines, ['objects', 'framework']), problem: 'the framework has no name.' });
  if (!refId) problems.push({ file, where: lineAt(doc, lines, ['objects', 'framework']), problem: 'the framework has no ref_id.' });
  const nodesNode = doc.getIn(['objects', 'framework', 'requirement_nodes'], true);
  if (!yaml().isSeq(nodesNode)) {
    problems.push({ file, where: lineAt(doc, lines, ['objects', 'framework']), problem: '"requirement_nodes" must be a list.' });
    return undefined;
  }
  const nodes = fw.requirement_nodes as unknown[];
  const byUrn = new Map<string, string>();
  const ids = new Set<string>();
  const urns = new Map<string, string>();
  const requirements: ImportedRequirement[] = [];
  nodes.forEach((raw, i) => {
    const where = lineAt(doc, lines, ['objects', 'framework', 'requirement_nodes', i]);
    if (!yaml().isMap(nodesNode.items[i]) || !raw || typeof raw !== 'object') {
      problems.push({ file, where, problem: 'each requirement node must be a mapping.' });
      return;
    }
    const n = raw as Record<string, unknown>;
    const urn = text(n.urn);
    if (!urn) {
      problems.push({ file, where, problem: 'the node has no urn.' });
      return;
    }
    if (byUrn.has(urn)) {
      problems.push({ file, where, problem: `the urn "${urn}" is used by an earlier node too.` });
      return;
    }
    if (typeof n.assessable !== 'boolean') {
      problems.push({ file, where, problem: `node ${urn}: "assessable" must be true or false.` });
      return;
    }
    const parentUrn = text(n.parent_urn);
    const parent = parentUrn === undefined ? undefined : byUrn.get(parentUrn);
    if (parentUrn !== undefined && parent === undefined) {
      problems.push({ file, where, problem: `node ${urn}: parent_urn "${parentUrn}" is not a node above it in the file.` });
      return;
    }
    // Nodes without a ref_id (CISO Assistant allows that) are named by the last part of their urn.
    const refIdOfNode = text(n.ref_id);
    let id = refIdOfNode ?? urn.slice(urn.lastIndexOf(':') + 1);
    if (ids.has(id)) id = urn.slice(urn.lastIndexOf(':') + 1);
    if (ids.has(id)) {
      problems.push({ file, where, problem: `node ${urn}: its id "${id}" is not unique in the framework.` });
      return;
    }
    const description = text(n.description)?.split('\n')[0];
    const title = text(n.name) ?? description ?? refIdOfNode ?? id;
    byUrn.set(urn, id);
    ids.add(id);
    urns.set(id, urn);
    requirements.push({ id, title, ...(parent ? { parent } : {}), assessable: n.assessable });
  });
  if (!name || !refId) return undefined;
  return { refId, name, version, requirements, urns };
}

/** The requirement mappings of a mapping library (plural or singular set key), with lines. */
export function cisoMappings(file: string, parsed: { doc: Document; lines: LineCounter }, problems: Problems): CisoMapping[] {
  const { doc, lines } = parsed;
  const plural = doc.getIn(['objects', 'requirement_mapping_sets'], true);
  const setPaths: (string | number)[][] = yaml().isSeq(plural)
    ? plural.items.map((_, i) => ['objects', 'requirement_mapping_sets', i])
    : doc.hasIn(['objects', 'requirement_mapping_set']) ? [['objects', 'requirement_mapping_set']] : [];
  if (setPaths.length === 0) {
    problems.push({ file, where: lineAt(doc, lines, ['objects']), problem: 'the file has no "requirement_mapping_sets" (or "requirement_mapping_set").' });
    return [];
  }
  const out: CisoMapping[] = [];
  for (const setPath of setPaths) {
    const list = doc.getIn([...setPath, 'requirement_mappings'], true);
    if (!yaml().isSeq(list)) {
      problems.push({ file, where: lineAt(doc, lines, setPath), problem: '"requirement_mappings" must be a list.' });
      continue;
    }
    list.items.forEach((item, i) => {
      const path = [...setPath, 'requirement_mappings', i];
      const where = lineAt(doc, lines, path);
      const m = yaml().isMap(item) ? (item.toJSON() as Record<string, unknown>) : undefined;
      const source = text(m?.source_requirement_urn);
      const target = text(m?.target_requirement_urn);
      if (!source || !target) {
        problems.push({ file, where, problem: 'a mapping needs source_requirement_urn and target_requirement_urn.' });
        return;
      }
      out.push({ source, target, relationship: text(m?.relationship) ?? 'intersect', line: Number(where.replace(/^line /, '')) || 0 });
    });
  }
  return out;
}
