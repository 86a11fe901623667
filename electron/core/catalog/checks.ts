// The checks that need the whole catalog at once: ids unique, every mapping and parent resolves,
// every control maps to something, every leaf requirement is mapped itself or out of scope (never both).
import { nodesBeneath } from './walk';
import {
  KINDS_BY_FRAMEWORK,
  REQUIREMENT_ID_PATTERNS,
  type CatalogControl,
  type BuiltinFramework,
  type CatalogProblem,
} from '../../../shared/catalog';
import { isBuiltinFramework, type FrameworkId } from '../../../shared/domain';
import { jsonPath } from './problems';

/** A parsed entry and where it came from, so problems can name the file and JSON path. */
export type Located<T> = { value: T; file: string; path: readonly (string | number)[] };

export type CatalogParts = {
  frameworks: readonly Located<BuiltinFramework>[];
  controls: readonly Located<CatalogControl>[];
};

function where(label: string, path: readonly (string | number)[]): string {
  const p = jsonPath(path);
  return p === '' ? label : `${label} (${p})`;
}

export function crossCheck(parts: CatalogParts): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const frameworks = checkFrameworks(parts.frameworks, problems);
  const covered = checkControls(parts.controls, frameworks, problems);
  checkCoverage(frameworks, covered, problems);
  return problems;
}

type FrameworkInfo = {
  at: Located<BuiltinFramework>;
  /** requirement id -> its index in `requirements` */
  index: Map<string, number>;
};

function checkFrameworks(
  list: readonly Located<BuiltinFramework>[],
  problems: CatalogProblem[],
): Map<FrameworkId, FrameworkInfo> {
  const out = new Map<FrameworkId, FrameworkInfo>();
  for (const at of list) {
    const fw = at.value;
    const label = `framework ${fw.id}`;
    const prior = out.get(fw.id);
    if (prior) {
      problems.push({
        file: at.file,
        entry: where(label, at.path),
        problem: `framework "${fw.id}" is defined twice (also in ${prior.at.file}); keep one definition.`,
      });
      continue;
    }
    const index = new Map<string, number>();
    fw.requirements.forEach((r, i) => {
      const path = [...at.path, 'requirements', i];
      const entry = where(`requirement ${r.id}`, path);
      if (index.has(r.id)) {
        problems.push({ file: at.file, entry, problem: `requirement id "${r.id}" appears more than once in ${fw.id}.` });
        return;
      }
      index.set(r.id, i);
      if (!REQUIREMENT_ID_PATTERNS[fw.id].test(r.id)) {
        problems.push({ file: at.file, entry, problem: `"${r.id}" is not written the way ${fw.id} identifiers are written (for example ${EXAMPLES[fw.id]}).` });
      }
      if (r.kind && !KINDS_BY_FRAMEWORK[fw.id].includes(r.kind)) {
        problems.push({ file: at.file, entry, problem: `kind "${r.kind}" is not used in ${fw.id}; use one of ${KINDS_BY_FRAMEWORK[fw.id].join(', ')}.` });
      }
    });
    // one parent map per framework: building it per requirement made loading the catalog quadratic
    const parents = new Map(fw.requirements.map((r) => [r.id, r.parent]));
    fw.requirements.forEach((r, i) => {
      if (r.parent === undefined) return;
      const entry = where(`requirement ${r.id}`, [...at.path, 'requirements', i, 'parent']);
      if (r.parent === r.id) problems.push({ file: at.file, entry, problem: 'a requirement cannot be its own parent.' });
      else if (!index.has(r.parent)) problems.push({ file: at.file, entry, problem: `parent "${r.parent}" is not a requirement of ${fw.id}.` });
      else if (hasCycle(parents, r.id)) problems.push({ file: at.file, entry, problem: `the parent chain of "${r.id}" loops back on itself.` });
    });
    const seenOut = new Set<string>();
    fw.outOfScope.forEach((o, i) => {
      const entry = where(`out-of-scope entry ${o.requirement}`, [...at.path, 'outOfScope', i]);
      if (!index.has(o.requirement)) problems.push({ file: at.file, entry, problem: `"${o.requirement}" is not a requirement of ${fw.id}.` });
      if (seenOut.has(o.requirement)) problems.push({ file: at.file, entry, problem: `"${o.requirement}" is listed out of scope twice.` });
      seenOut.add(o.requirement);
    });
    out.set(fw.id, { at, index });
  }
  return out;
}

const EXAMPLES: Record<FrameworkId, string> = {
  hipaa: '164.312(a)(2)(iv)',
  gdpr: 'Art. 32(1)(a) or Recital 26',
  pci: '3.5.1',
};

function hasCycle(parents: ReadonlyMap<string, string | undefined>, start: string): boolean {
  const seen = new Set<string>([start]);
  let next = parents.get(start);
  while (next !== undefined) {
    if (seen.has(next)) return true;
    seen.add(next);
    next = parents.get(next);
  }
  return false;
}

/** Checks controls and returns, per framework, the requirement ids some control maps to. */
function checkControls(
  list: readonly Located<CatalogControl>[],
  frameworks: Map<FrameworkId, FrameworkInfo>,
  problems: CatalogProblem[],
): Map<FrameworkId, Map<string, string[]>> {
  const covered = new Map<FrameworkId, Map<string, string[]>>();
  const seen = new Map<string, string>();
  for (const at of list) {
    const c = at.value;
    const push = (rest: readonly (string | number)[], problem: string) =>
      problems.push({ file: at.file, entry: where(`control ${c.id}`, [...at.path, ...rest]), problem });
    const prior = seen.get(c.id);
    if (prior !== undefined) {
      push(['id'], `control id "${c.id}" is already used (in ${prior}); control ids must be unique.`);
      continue;
    }
    seen.set(c.id, at.file);
    if (c.mappings.length === 0) push(['mappings'], 'the control maps to no requirement; add at least one mapping.');
    // Frameworks the control names in a mapping, even a broken one: the broken mapping is the
    // problem to report, not a missing noMapping entry.
    const named = new Set<FrameworkId>();
    const pairs = new Set<string>();
    c.mappings.forEach((m, i) => {
      const fw = isBuiltinFramework(m.framework) ? frameworks.get(m.framework) : undefined;
      if (!fw || !isBuiltinFramework(m.framework)) return push(['mappings', i, 'framework'], `framework "${m.framework}" is not in the catalog.`);
      named.add(m.framework);
      if (!fw.index.has(m.requirement)) {
        return push(['mappings', i, 'requirement'], `"${m.requirement}" is not a requirement of ${m.framework}.`);
      }
      const key = `${m.framework}\u0000${m.requirement}`;
      if (pairs.has(key)) return push(['mappings', i], `${m.framework} ${m.requirement} is mapped twice.`);
      pairs.add(key);
      let byReq = covered.get(m.framework);
      if (!byReq) covered.set(m.framework, (byReq = new Map()));
      byReq.set(m.requirement, [...(byReq.get(m.requirement) ?? []), c.id]);
    });
    const declined = new Set<FrameworkId>();
    c.noMapping.forEach((n, i) => {
      if (!frameworks.has(n.framework)) push(['noMapping', i, 'framework'], `framework "${n.framework}" is not in the catalog.`);
      else if (named.has(n.framework)) push(['noMapping', i], `the control both maps to ${n.framework} and says it has no ${n.framework} mapping; keep one.`);
      else if (declined.has(n.framework)) push(['noMapping', i], `${n.framework} is listed in noMapping twice.`);
      declined.add(n.framework);
    });
    for (const id of frameworks.keys()) {
      if (!named.has(id) && !declined.has(id)) {
        push(['noMapping'], `the control neither maps to ${id} nor says why not; add a mapping or a noMapping entry with the reason.`);
      }
    }
  }
  return covered;
}

function checkCoverage(
  frameworks: Map<FrameworkId, FrameworkInfo>,
  covered: Map<FrameworkId, Map<string, string[]>>,
  problems: CatalogProblem[],
): void {
  for (const [id, { at }] of frameworks) {
    const fw = at.value;
    const direct = covered.get(id) ?? new Map<string, string[]>();
    const children = new Map<string, string[]>();
    for (const r of fw.requirements) {
      if (r.parent !== undefined) children.set(r.parent, [...(children.get(r.parent) ?? []), r.id]);
    }
    const outOfScope = new Set(fw.outOfScope.map((o) => o.requirement));
    fw.requirements.forEach((r, i) => {
      const entry = where(`requirement ${r.id}`, [...at.path, 'requirements', i]);
      const controls = direct.get(r.id);
      const leaves = leavesBeneath(children, r.id);
      const isLeaf = leaves.length === 1 && leaves[0] === r.id;
      if (outOfScope.has(r.id)) {
        if (controls) {
          problems.push({ file: at.file, entry, problem: `listed out of scope but mapped by ${controls.join(', ')}; remove one or the other.` });
          return;
        }
        // A requirement with requirements beneath it is out of scope only when all of them are.
        const mapped = leaves.find((leaf) => direct.has(leaf));
        const unlisted = leaves.find((leaf) => !outOfScope.has(leaf));
        if (mapped) problems.push({ file: at.file, entry, problem: `listed out of scope but "${mapped}" beneath it is mapped by ${(direct.get(mapped) ?? []).join(', ')}.` });
        else if (unlisted) problems.push({ file: at.file, entry, problem: `listed out of scope but "${unlisted}" beneath it is not; list every requirement beneath it, each with its own reason.` });
      } else if (isLeaf && !controls) {
        // A leaf is covered only by its own mapping: a mapping to the requirement above it does not count.
        problems.push({
          file: at.file,
          entry,
          problem: 'no control maps to this requirement and it is not listed in outOfScope; map a control to it, or list it out of scope as "no-control" or "not-applicable" with the reason.',
        });
      }
    });
  }
}

/** The leaves at or beneath `id` (the requirement itself when nothing is beneath it). */
function leavesBeneath(children: ReadonlyMap<string, readonly string[]>, id: string): string[] {
  const childrenOf = (next: string) => children.get(next) ?? [];
  return nodesBeneath(childrenOf, id).filter((node) => childrenOf(node).length === 0);
}
