// Effective permissions of one principal (or of one policy read alone) judged against the risk
// catalogue: which escalation methods and which risky actions its Allow statements reach on every
// resource, after its unconditional Denies. One finding per risk category, naming the principal,
// the statements that grant it and the actions that trigger it.
import type { Finding, FindingCode } from '../../../shared/analysis';
import type { Severity } from '../../../shared/domain';
import { type CatalogAction, catalogAction, changesSomething, managesPermissions } from './action-catalog';
import {
  type ActionSet,
  actionId,
  coverSet,
  borrowSet,
  lentSets,
  returnSets,
  has,
  isEmpty,
  kindSet,
  meets,
  namesOf,
  noActions,
  reachSet,
  subtractInto,
  typedSet,
  unionInto,
  unionIntersectionInto,
} from './action-sets';
import { finding } from './controls';
import {
  CREDENTIALS_EXPOSURE_ACTIONS,
  DATA_EXFILTRATION_ACTIONS,
  ESCALATION_METHODS,
  type EscalationMethod,
  INFRASTRUCTURE_SERVICES,
  SELF_SERVICE_ACTIONS,
} from './iam-risks';
import { type Statement, hasCondition } from './policy';
import { listOf } from './shape';

/** The statements of one policy, with how to name it in a path (empty for a document read alone). */
export type PolicyStatements = { label: string; statements: readonly Statement[] };

/** Everything one principal holds. `principal` is null for a policy analysed on its own. */
export type PermissionSet = { principal: string | null; policies: readonly PolicyStatements[] };

/** A statement in its policy, with what the evaluation asks of it again and again worked out once. */
type Placed = {
  statement: Statement;
  path: string;
  broad: boolean;
  types: Set<string> | null;
  conditional: boolean;
  namesResources: boolean;
  onlyOwnUser: boolean;
  /** The documented actions its Action/NotAction covers. */
  covers: ActionSet;
};

/**
 * Does this Resource entry reach every resource of its type? `*`, `arn:aws:s3:::*`,
 * `arn:aws:iam::123456789012:role/*`, `arn:aws:lambda:*:*:function:*` do; `arn:aws:s3:::data/*` does not.
 */
export function reachesEveryResource(resource: string): boolean {
  if (resource === '*') return true;
  let known = everyResource.get(resource);
  if (known === undefined) {
    known = judgeReach(resource);
    // resources come from the files read: the memo is bounded
    if (everyResource.size >= 10_000) everyResource.clear();
    everyResource.set(resource, known);
  }
  return known;
}

/** Account policies name the same ARNs again and again: each is judged once. */
const everyResource = new Map<string, boolean>();

function judgeReach(resource: string): boolean {
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const rest = parts.slice(5).join(':');
  // S3 ARNs carry no resource type: `bucket/*` is one bucket's objects, only `*` and `*/*` are all.
  if (parts[2] === 's3') return rest === '*' || rest === '*/*';
  return /^([a-z0-9-]+[/:])?\*$/i.test(rest);
}

function broad(s: Statement): boolean {
  return s.notResources !== undefined || (s.resources ?? []).some(reachesEveryResource);
}

/** Resource types a statement's broad resources are limited to (`role/*` → role); null when any type. */
function broadTypes(s: Statement): Set<string> | null {
  if (s.notResources !== undefined) return null;
  const types = new Set<string>();
  for (const r of (s.resources ?? []).filter(reachesEveryResource)) {
    const parts = r.split(':');
    const rest = parts.slice(5).join(':');
    if (r === '*' || parts[2] === 's3' || rest === '*') return null;
    types.add(rest.slice(0, -2).toLowerCase());
  }
  return types;
}

/** A statement without Resource or NotResource is refused by AWS and grants nothing. */
function namesResources(s: Statement): boolean {
  return (s.resources?.length ?? 0) > 0 || s.notResources !== undefined;
}

/** Every resource is the caller's own user (`…:user/${aws:username}`): self-service, not escalation. */
function onlyOwnUser(s: Statement): boolean {
  const resources = s.resources ?? [];
  return resources.length > 0 && resources.every((r) => r.includes('${aws:username}'));
}

/** `broad`: the right reaches every resource of its type; `any`: it reaches at least one named resource. */
type Reach = 'broad' | 'any';
/** What one risk category found: the actions (sorted), the statements granting them, and whether only under conditions. */
type Judged = { actions: string[]; paths: string[]; conditional: boolean };

/**
 * An action the risk catalogue asks about, with its id and how far it must reach. `rank` is its
 * name's place among every name the lists ask about, sorted: a finding's actions come out sorted
 * and without repeats by rank, with no string sort per finding.
 */
type Asked = { name: string; id: number; reach: Reach; selfService: boolean; rank: number; wildcardOnly: boolean };

type AskedLists = {
  methods: ReadonlyArray<{ method: EscalationMethod; actions: readonly Asked[] }>;
  exfiltration: readonly Asked[];
  credentials: readonly Asked[];
  /** One mark per rank, for judge() to skip repeats: a mark equal to `round` is set. */
  marks: Uint32Array;
};
let askedLists: AskedLists | undefined;
let round = 0;
function lists(): AskedLists {
  if (askedLists) return askedLists;
  const names = [...new Set([...ESCALATION_METHODS.flatMap((m) => m.actions), ...DATA_EXFILTRATION_ACTIONS, ...CREDENTIALS_EXPOSURE_ACTIONS])].sort();
  const ranks = new Map(names.map((n, i) => [n, i]));
  /**
   * Every action the risk lists name is documented (iam-risks.test.ts checks it), so each has an id;
   * one that AWS removed would have none and is then granted by nothing.
   */
  const asked = (name: string, reach: Reach): Asked => {
    const lower = name.toLowerCase();
    return { name, id: actionId(lower) ?? -1, reach, selfService: SELF_SERVICE_ACTIONS.has(lower), rank: ranks.get(name)!, wildcardOnly: catalogAction(name)?.wildcardOnly === true };
  };
  askedLists = {
    // PassRole to a named execution role is the normal pattern; any other right counts wherever it reaches.
    methods: ESCALATION_METHODS.map((method) => ({ method, actions: method.actions.map((a) => asked(a, a === 'iam:PassRole' ? 'broad' : 'any')) })),
    exfiltration: DATA_EXFILTRATION_ACTIONS.map((a) => asked(a, 'broad')),
    credentials: CREDENTIALS_EXPOSURE_ACTIONS.map((a) => asked(a, 'broad')),
    marks: new Uint32Array(names.length),
  };
  return askedLists;
}

/** The asked actions once each (methods share actions: iam:PassRole is in dozens), in order of name. */
function distinctByName(asked: readonly Asked[]): Asked[] {
  const { marks } = lists();
  round = (round + 1) >>> 0;
  if (round === 0) {
    marks.fill(0);
    round = 1;
  }
  const out: Asked[] = [];
  for (const q of asked) {
    if (marks[q.rank] === round) continue;
    marks[q.rank] = round;
    out.push(q);
  }
  return out.sort((a, b) => a.rank - b.rank);
}

/** The evaluation of one permission set: each statement's actions as one set, denials merged. */
class Permissions {
  private readonly allows: Placed[];
  /**
   * What the unconditional Denies on "*" cover, and the conditional ones (which only narrow a right).
   * The shared empty set until a Deny is met: most permission sets deny nothing.
   */
  private denied = noActions();
  private guarded = noActions();
  /** What the Allows cover on every resource; on some resource; on some resource other than the caller's own user. */
  private readonly broadCover = borrowSet();
  private readonly anyCover = borrowSet();
  private readonly othersCover = borrowSet();

  constructor(set: PermissionSet) {
    this.allows = [];
    for (const p of set.policies) {
      for (const statement of p.statements) {
        const placed: Placed = {
          statement,
          path: p.label ? `${p.label} ${statement.path}` : statement.path,
          broad: broad(statement),
          types: broadTypes(statement),
          conditional: hasCondition(statement),
          namesResources: namesResources(statement),
          onlyOwnUser: onlyOwnUser(statement),
          covers: coverSet(statement),
        };
        if (statement.effect === 'Allow') {
          this.allows.push(placed);
          if (placed.broad) unionInto(this.broadCover, placed.covers);
          if (placed.namesResources) unionInto(this.anyCover, placed.covers);
          if (placed.namesResources && !placed.onlyOwnUser) unionInto(this.othersCover, placed.covers);
        } else if (statement.effect === 'Deny' && (statement.resources?.includes('*') ?? false)) {
          // Only a Deny that holds whatever the request takes a right away for good; a conditional
          // one (no MFA, outside a network) narrows it, which lowers the severity.
          const into = placed.conditional ? 'guarded' : 'denied';
          if (this[into] === noActions()) this[into] = borrowSet();
          unionInto(this[into], placed.covers);
        }
      }
    }
  }

  /** Is this action allowed (on every resource, or on any) and not denied outright? */
  granted(q: Asked): boolean {
    if (q.id < 0 || has(this.denied, q.id)) return false;
    return has(q.reach === 'broad' ? this.broadCover : q.selfService ? this.othersCover : this.anyCover, q.id);
  }

  /** The statements that grant these (granted) actions, and whether every one is granted only under conditions. */
  judge(asked: readonly Asked[]): Judged | null {
    if (asked.length === 0) return null;
    const actions = distinctByName(asked);
    const paths = new Set<string>();
    let conditional = true;
    for (const q of actions) {
      let onlyConditional = true;
      for (const a of this.allows) {
        const reaches = q.reach === 'broad' ? a.broad : a.namesResources && !(q.selfService && a.onlyOwnUser);
        if (!reaches || !has(a.covers, q.id)) continue;
        paths.add(a.path);
        if (!a.conditional) onlyConditional = false;
      }
      if (!onlyConditional && !has(this.guarded, q.id)) conditional = false;
    }
    return { actions: actions.map((q) => q.name), paths: [...paths].sort(), conditional };
  }

  /**
   * Documented actions of one kind that the broad Allow statements reach (a statement limited to
   * `endpoint/*` reaches only the actions that act on endpoints), minus the denied ones; with the
   * broad Allows that grant them, and whether every one of them is granted only under conditions.
   */
  expanded(kind: ActionSet): Judged | null {
    const reached = borrowSet();
    for (const a of this.allows) {
      if (a.broad) unionIntersectionInto(reached, reachSet(a.statement), kind, a.types ? typedSet(a.types) : null);
    }
    subtractInto(reached, this.denied);
    if (isEmpty(reached)) return null;
    const paths = new Set<string>();
    const unconditional = borrowSet();
    for (const a of this.allows) {
      if (!a.broad || !meets(a.covers, reached, null, null)) continue;
      paths.add(a.path);
      if (!a.conditional) unionInto(unconditional, a.covers);
    }
    // Conditional when every action reached is guarded by a conditional Deny or granted only by conditional Allows.
    return { actions: namesOf(reached), paths: [...paths].sort(), conditional: !meets(reached, unconditional, null, this.guarded) };
  }
}

/** Documented actions that change who may access resources (AWS access level "Permissions management"). */
const RESOURCE_EXPOSURE = (a: CatalogAction) => managesPermissions(a);
/** Documented actions that change the infrastructure of the workload and can be scoped to resources. */
const INFRASTRUCTURE_CHANGE = (a: CatalogAction) =>
  changesSomething(a) && !managesPermissions(a) && !a.wildcardOnly && INFRASTRUCTURE_SERVICES.has(a.service);

const LOWER: Readonly<Record<Severity, Severity>> = { critical: 'high', high: 'medium', medium: 'low', low: 'low', info: 'info' };

/** Findings for the risk categories. `who` names the holder in messages ("This policy", "role ml-train"). */
export function assessPermissions(set: PermissionSet): Finding[] {
  const mark = lentSets();
  try {
    return assessWith(new Permissions(set), set);
  } finally {
    returnSets(mark);
  }
}

function assessWith(perms: Permissions, set: PermissionSet): Finding[] {
  const who = set.principal ?? 'This policy';
  const findings: Finding[] = [];
  const emit = (code: FindingCode, severity: Severity, found: Judged | null, text: (actions: string[], conditional: boolean) => string, methods?: string[]) => {
    if (!found) return;
    const { actions, paths, conditional } = found;
    const f: Finding = finding(code, conditional ? LOWER[severity] : severity, paths.join(', '), text(actions, conditional));
    f.principal = set.principal;
    f.actions = actions;
    if (methods) f.methods = methods;
    findings.push(f);
  };
  const onlyIf = (conditional: boolean) => (conditional ? ' (only under the conditions its statements set)' : '');
  const shown = (actions: string[]) => (actions.length > 8 ? `${listOf(actions.slice(0, 8))} and ${actions.length - 8} more` : listOf(actions));

  // Privilege escalation: every catalogued method whose actions are all granted.
  const { methods: catalogued, exfiltration, credentials: credentialActions } = lists();
  const methods: EscalationMethod[] = [];
  const escalation: Asked[] = [];
  for (const { method, actions } of catalogued) {
    if (actions.every((q) => perms.granted(q))) {
      methods.push(method);
      escalation.push(...actions);
    }
  }
  emit('IAM_PRIVILEGE_ESCALATION', 'high', perms.judge(escalation), (_actions, conditional) => {
    const named = methods.slice(0, 4).map((m) => `${m.id}: ${m.how} (${listOf([...m.actions])})`);
    const more = methods.length > 4 ? `; and ${methods.length - 4} more` : '';
    return `${who} can raise its own permissions${onlyIf(conditional)} by ${methods.length} publicly catalogued method${methods.length === 1 ? '' : 's'}: ${named.join('; ')}${more}. Keep these rights for administrators, or scope them to named resources.`;
  }, methods.map((m) => m.id));

  emit('IAM_DATA_EXFILTRATION', 'medium', perms.judge(exfiltration.filter((q) => perms.granted(q))), (actions, conditional) =>
    `${who} can read or copy data from every resource${onlyIf(conditional)}: ${shown(actions)}. Name the buckets, tables, keys and snapshots the workload uses.`);
  const credentials = credentialActions.filter((q) => perms.granted(q));
  // ecr:GetAuthorizationToken and the like cannot be scoped: AWS authorises them only on "*".
  const unscopable = credentials.every((q) => q.wildcardOnly);
  emit('IAM_CREDENTIALS_EXPOSURE', unscopable ? 'low' : 'high', perms.judge(credentials), (actions, conditional) =>
    unscopable
      ? `${who} can obtain credentials${onlyIf(conditional)} with ${shown(actions)}, which AWS authorises only on "*". Expected for workloads that pull images or tokens; keep it off roles that do not.`
      : `${who} can obtain secrets or credentials for every resource${onlyIf(conditional)}: ${shown(actions)}. Name the secrets, parameters and users it needs.`);
  emit('IAM_RESOURCE_EXPOSURE', 'high', perms.expanded(kindSet(RESOURCE_EXPOSURE)), (actions, conditional) =>
    `${who} can change who may access resources (AWS access level "Permissions management") on every resource${onlyIf(conditional)}: ${shown(actions)}. A bucket, key or role policy changed this way can open data to anyone.`);
  emit('IAM_INFRA_MODIFICATION', 'medium',
    perms.expanded(kindSet(INFRASTRUCTURE_CHANGE)),
    (actions, conditional) =>
      `${who} can change network, compute, logging or ML infrastructure on every resource${onlyIf(conditional)}: ${shown(actions)}. Scope these rights to the resources of the workload.`);
  return findings;
}
