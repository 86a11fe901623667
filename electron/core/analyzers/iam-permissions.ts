// Effective permissions of one principal (or of one policy read alone) judged against the risk
// catalogue: which escalation methods and which risky actions its Allow statements reach on every
// resource, after its unconditional Denies. One finding per risk category, naming the principal,
// the statements that grant it and the actions that trigger it.
import type { Finding, FindingCode } from '../../../shared/analysis';
import type { Severity } from '../../../shared/domain';
import { type CatalogAction, catalogAction, changesSomething, expandActionPattern, managesPermissions } from './action-catalog';
import { finding } from './controls';
import {
  CREDENTIALS_EXPOSURE_ACTIONS,
  DATA_EXFILTRATION_ACTIONS,
  ESCALATION_METHODS,
  type EscalationMethod,
  INFRASTRUCTURE_SERVICES,
  SELF_SERVICE_ACTIONS,
} from './iam-risks';
import { type ActionForm, type Statement, coversForm, formOf, hasCondition } from './policy';
import { listOf } from './shape';

/** The statements of one policy, with how to name it in a path (empty for a document read alone). */
export type PolicyStatements = { label: string; statements: readonly Statement[] };

/** Everything one principal holds. `principal` is null for a policy analysed on its own. */
export type PermissionSet = { principal: string | null; policies: readonly PolicyStatements[] };

/** A statement in its policy, with what the evaluation asks of it again and again worked out once. */
type Placed = { statement: Statement; path: string; id: number; broad: boolean; types: Set<string> | null; conditional: boolean };

/**
 * Does this Resource entry reach every resource of its type? `*`, `arn:aws:s3:::*`,
 * `arn:aws:iam::123456789012:role/*`, `arn:aws:lambda:*:*:function:*` do; `arn:aws:s3:::data/*` does not.
 */
export function reachesEveryResource(resource: string): boolean {
  if (resource === '*') return true;
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

type Grant = { paths: string[]; conditional: boolean };
/** `broad`: the right reaches every resource of its type; `any`: it reaches at least one named resource. */
type Reach = 'broad' | 'any';

/** The evaluation of one permission set, with caches for the actions asked about. */
class Permissions {
  private readonly allows: Placed[];
  private readonly denies: Placed[];
  private readonly guards: Placed[];
  /** Answers of `grant`, by lowercase action, for each reach. */
  private readonly broadGrants = new Map<string, Grant | null>();
  private readonly anyGrants = new Map<string, Grant | null>();
  private readonly sharedGrants = new Map<string, Grant>();

  constructor(set: PermissionSet) {
    const placed = set.policies.flatMap((p) => p.statements.map((statement) => ({ p, statement }))).map(({ p, statement }, id): Placed => ({
      statement,
      path: p.label ? `${p.label} ${statement.path}` : statement.path,
      id,
      broad: broad(statement),
      types: broadTypes(statement),
      conditional: hasCondition(statement),
    }));
    this.allows = placed.filter((p) => p.statement.effect === 'Allow');
    const denyAll = (p: Placed) => p.statement.effect === 'Deny' && (p.statement.resources?.includes('*') ?? false);
    // Only a Deny that holds whatever the request takes a right away for good; a conditional one
    // (no MFA, outside a network) narrows it, which lowers the severity.
    this.denies = placed.filter((p) => denyAll(p) && !p.conditional);
    this.guards = placed.filter((p) => denyAll(p) && p.conditional);
  }

  /** Is this concrete action allowed (on every resource, or on any), and by which statements? */
  grant(action: string, reach: Reach = 'broad'): Grant | null {
    return this.grantOf(formOf(action), reach);
  }

  /** `grant` for an action in its matching form (a catalogue action is one). */
  private grantOf(form: ActionForm, reach: Reach): Grant | null {
    const { lower } = form;
    const cache = reach === 'broad' ? this.broadGrants : this.anyGrants;
    const cached = cache.get(lower);
    if (cached !== undefined) return cached;
    let result: Grant | null = null;
    if (!this.denies.some((d) => coversForm(d.statement, form))) {
      const selfService = SELF_SERVICE_ACTIONS.has(lower);
      const by = this.allows.filter((a) =>
        (reach === 'any' ? namesResources(a.statement) && !(selfService && onlyOwnUser(a.statement)) : a.broad) && coversForm(a.statement, form));
      if (by.length > 0) {
        const guarded = this.guards.some((d) => coversForm(d.statement, form));
        result = this.shared(by, guarded || by.every((a) => a.conditional));
      }
    }
    cache.set(lower, result);
    return result;
  }

  /**
   * One Grant per combination of granting statements: a `*` statement reaches thousands of actions
   * through the same statements, and they need not each carry their own copy of the paths.
   */
  private shared(by: readonly Placed[], conditional: boolean): Grant {
    const key = `${conditional ? 1 : 0}${by.map((a) => a.id).join(',')}`;
    let grant = this.sharedGrants.get(key);
    if (!grant) {
      grant = { paths: by.map((a) => a.path), conditional };
      this.sharedGrants.set(key, grant);
    }
    return grant;
  }

  /** Documented actions the broad Allow statements reach that pass `keep`, minus the denied ones. */
  expanded(category: ActionCategory): Map<string, Grant> {
    const found = new Map<string, Grant>();
    const seen = new Set<string>();
    for (const a of this.allows) {
      if (!a.broad) continue;
      const { types } = a;
      for (const pattern of a.statement.actions ?? ['*']) {
        for (const action of category.expand(pattern)) {
          if (seen.has(action.name) || !coversForm(a.statement, action)) continue;
          // `endpoint/*` reaches only the actions that act on endpoints.
          if (types && !action.resourceTypes.some((t) => types.has(t))) continue;
          // Whether it is granted does not depend on the statement that reaches it: judged once.
          seen.add(action.name);
          const g = this.grantOf(action, 'broad');
          if (g) found.set(action.name, g);
        }
      }
    }
    return found;
  }
}

/**
 * A kind of documented action the risk categories look for, with each action pattern's expansion
 * narrowed to that kind kept once for the process: `*` reaches some 18,000 actions, of which only
 * hundreds matter to a category, and every statement of every principal would otherwise filter them again.
 */
class ActionCategory {
  private readonly expansions = new Map<string, readonly CatalogAction[]>();

  constructor(private readonly keep: (a: CatalogAction) => boolean) {}

  expand(pattern: string): readonly CatalogAction[] {
    const cached = this.expansions.get(pattern);
    if (cached) return cached;
    const kept = expandActionPattern(pattern).filter(this.keep);
    // Patterns come from the files read: bounded like the catalogue's own cache.
    if (this.expansions.size > 5_000) this.expansions.clear();
    this.expansions.set(pattern, kept);
    return kept;
  }
}

const RESOURCE_EXPOSURE = new ActionCategory(managesPermissions);
const INFRASTRUCTURE_CHANGE = new ActionCategory((a) =>
  changesSomething(a) && !managesPermissions(a) && !a.wildcardOnly && INFRASTRUCTURE_SERVICES.has(a.name.slice(0, a.name.indexOf(':'))));

const LOWER: Readonly<Record<Severity, Severity>> = { critical: 'high', high: 'medium', medium: 'low', low: 'low', info: 'info' };

/** Findings for the risk categories. `who` names the holder in messages ("This policy", "role ml-train"). */
export function assessPermissions(set: PermissionSet): Finding[] {
  const perms = new Permissions(set);
  const who = set.principal ?? 'This policy';
  const findings: Finding[] = [];
  const emit = (code: FindingCode, severity: Severity, grants: Map<string, Grant>, text: (actions: string[], conditional: boolean) => string, methods?: string[]) => {
    if (grants.size === 0) return;
    const actions = [...grants.keys()].sort();
    // Thousands of actions share a few Grants (one per combination of statements).
    const distinct = [...new Set(grants.values())];
    const paths = [...new Set(distinct.flatMap((g) => g.paths))].sort();
    const conditional = distinct.every((g) => g.conditional);
    const f = finding(code, conditional ? LOWER[severity] : severity, paths.join(', '), text(actions, conditional));
    findings.push({ ...f, principal: set.principal, actions, ...(methods ? { methods } : {}) });
  };
  const onlyIf = (conditional: boolean) => (conditional ? ' (only under the conditions its statements set)' : '');
  const shown = (actions: string[]) => (actions.length > 8 ? `${listOf(actions.slice(0, 8))} and ${actions.length - 8} more` : listOf(actions));

  // Privilege escalation: every catalogued method whose actions are all granted.
  const methods: EscalationMethod[] = [];
  const escalation = new Map<string, Grant>();
  for (const method of ESCALATION_METHODS) {
    // PassRole to a named execution role is the normal pattern; any other right counts wherever it reaches.
    const grants = method.actions.map((a) => [a, perms.grant(a, a === 'iam:PassRole' ? 'broad' : 'any')] as const);
    if (grants.every(([, g]) => g !== null)) {
      methods.push(method);
      for (const [a, g] of grants) if (g) escalation.set(a, g);
    }
  }
  emit('IAM_PRIVILEGE_ESCALATION', 'high', escalation, (_actions, conditional) => {
    const named = methods.slice(0, 4).map((m) => `${m.id}: ${m.how} (${listOf([...m.actions])})`);
    const more = methods.length > 4 ? `; and ${methods.length - 4} more` : '';
    return `${who} can raise its own permissions${onlyIf(conditional)} by ${methods.length} publicly catalogued method${methods.length === 1 ? '' : 's'}: ${named.join('; ')}${more}. Keep these rights for administrators, or scope them to named resources.`;
  }, methods.map((m) => m.id));

  const listed = (names: readonly string[]) => {
    const grants = new Map<string, Grant>();
    for (const a of names) {
      const g = perms.grant(a);
      if (g) grants.set(a, g);
    }
    return grants;
  };
  emit('IAM_DATA_EXFILTRATION', 'medium', listed(DATA_EXFILTRATION_ACTIONS), (actions, conditional) =>
    `${who} can read or copy data from every resource${onlyIf(conditional)}: ${shown(actions)}. Name the buckets, tables, keys and snapshots the workload uses.`);
  const credentials = listed(CREDENTIALS_EXPOSURE_ACTIONS);
  // ecr:GetAuthorizationToken and the like cannot be scoped: AWS authorises them only on "*".
  const unscopable = [...credentials.keys()].every((a) => catalogAction(a)?.wildcardOnly === true);
  emit('IAM_CREDENTIALS_EXPOSURE', unscopable ? 'low' : 'high', credentials, (actions, conditional) =>
    unscopable
      ? `${who} can obtain credentials${onlyIf(conditional)} with ${shown(actions)}, which AWS authorises only on "*". Expected for workloads that pull images or tokens; keep it off roles that do not.`
      : `${who} can obtain secrets or credentials for every resource${onlyIf(conditional)}: ${shown(actions)}. Name the secrets, parameters and users it needs.`);
  emit('IAM_RESOURCE_EXPOSURE', 'high', perms.expanded(RESOURCE_EXPOSURE), (actions, conditional) =>
    `${who} can change who may access resources (AWS access level "Permissions management") on every resource${onlyIf(conditional)}: ${shown(actions)}. A bucket, key or role policy changed this way can open data to anyone.`);
  emit('IAM_INFRA_MODIFICATION', 'medium',
    perms.expanded(INFRASTRUCTURE_CHANGE),
    (actions, conditional) =>
      `${who} can change network, compute, logging or ML infrastructure on every resource${onlyIf(conditional)}: ${shown(actions)}. Scope these rights to the resources of the workload.`);
  return findings;
}
