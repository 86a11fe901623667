// A framework's requirements as the tree they form, in reading order, each with its own controls
// and its coverage state: a leaf counts as mapped only through a control mapped to it itself;
// a requirement with requirements beneath it sums up its leaves.
import type {
  Catalog,
  CatalogRequirement,
  LeafCounts,
  OutOfScopeKind,
  RequirementState,
} from '../../../shared/catalog';
import type { FrameworkRef } from '../../../shared/domain';
import { catalogIndex, type RequirementControl } from './catalog-index';

export type RequirementNode = {
  requirement: CatalogRequirement;
  /** 0 for a top-level requirement (HIPAA section standard, GDPR article, PCI principal). */
  depth: number;
  leaf: boolean;
  /** Controls mapped to this requirement itself (those the caller counts, see `counts`). */
  controls: readonly RequirementControl[];
  outOfScope: { kind: OutOfScopeKind; reason: string } | null;
  state: RequirementState;
  leaves: LeafCounts;
};

export type TreeOptions = {
  /** Which controls count (a project's in-scope controls); all of them when left out. */
  counts?: (controlId: string) => boolean;
};

const EMPTY: LeafCounts = { mapped: 0, 'no-control': 0, 'not-applicable': 0, gap: 0 };

export function requirementTree(catalog: Catalog, framework: FrameworkRef, options: TreeOptions = {}): RequirementNode[] {
  const index = catalogIndex(catalog);
  const fw = index.framework(framework);
  if (!fw) return [];
  const counts = options.counts ?? (() => true);
  const outOfScope = new Map(fw.outOfScope.map((o) => [o.requirement, { kind: o.kind, reason: o.reason }]));
  const ids = new Set(fw.requirements.map((r) => r.id));
  const roots = fw.requirements.filter((r) => r.parent === undefined || !ids.has(r.parent));
  const out: RequirementNode[] = [];
  const visiting = new Set<string>();

  const visit = (requirement: CatalogRequirement, depth: number): LeafCounts => {
    if (visiting.has(requirement.id)) return { ...EMPTY };
    visiting.add(requirement.id);
    const controls = index.controlsForRequirement(framework, requirement.id).filter((rc) => counts(rc.control.id));
    const excluded = outOfScope.get(requirement.id) ?? null;
    const node: RequirementNode = { requirement, depth, leaf: true, controls, outOfScope: excluded, state: 'gap', leaves: { ...EMPTY } };
    out.push(node);
    const kids = index.children(framework, requirement.id);
    if (kids.length === 0) {
      node.state = controls.length > 0 ? 'mapped' : excluded ? excluded.kind : 'gap';
      node.leaves = { ...EMPTY, [node.state]: 1 };
    } else {
      node.leaf = false;
      const sum = { ...EMPTY };
      for (const kid of kids) {
        const c = visit(kid, depth + 1);
        for (const s of Object.keys(sum) as RequirementState[]) sum[s] += c[s];
      }
      node.leaves = sum;
      node.state = stateOf(sum);
    }
    return node.leaves;
  };
  for (const root of roots) visit(root, 0);
  return out;
}

/** A requirement with leaves beneath it: a gap if any leaf is, else mapped if any is mapped. */
export function stateOf(leaves: LeafCounts): RequirementState {
  if (leaves.gap > 0) return 'gap';
  if (leaves.mapped > 0) return 'mapped';
  if (leaves['no-control'] > 0) return 'no-control';
  return 'not-applicable';
}

/** Leaf totals of a framework: how many leaves are mapped, out of scope of each kind, or gaps. */
export function leafTotals(nodes: readonly RequirementNode[]): LeafCounts {
  const sum = { ...EMPTY };
  for (const n of nodes) if (n.leaf) sum[n.state] += 1;
  return sum;
}
