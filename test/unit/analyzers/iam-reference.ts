// A straightforward reference of the IAM risk judgement: every action judged one by one against
// every statement, no indexes, no caches. The fast path in electron/core/analyzers (action sets per
// statement) must give exactly the same findings; iam-differential.test.ts compares the two.
import type { Finding, FindingCode } from '../../../shared/analysis';
import type { Severity } from '../../../shared/domain';
import { type CatalogAction, catalogAction, catalogServices, changesSomething, managesPermissions, serviceActions } from '../../../electron/core/analyzers/action-catalog';
import { finding } from '../../../electron/core/analyzers/controls';
import { SAGEMAKER_DELETE_ACTIONS } from '../../../electron/core/analyzers/iam';
import type { PermissionSet } from '../../../electron/core/analyzers/iam-permissions';
import {
  CREDENTIALS_EXPOSURE_ACTIONS,
  DATA_EXFILTRATION_ACTIONS,
  ESCALATION_METHODS,
  type EscalationMethod,
  INFRASTRUCTURE_SERVICES,
  SELF_SERVICE_ACTIONS,
} from '../../../electron/core/analyzers/iam-risks';
import { type Statement, actionMatches, covers, deniesWithoutMfa, hasCondition, reachesAllResources, readPolicy, requiresMfa } from '../../../electron/core/analyzers/policy';
import { type JsonRecord, listOf } from '../../../electron/core/analyzers/shape';

let catalog: CatalogAction[] | undefined;
function everyAction(): CatalogAction[] {
  catalog ??= catalogServices().flatMap((s) => [...(serviceActions(s) ?? [])]);
  return catalog;
}
const RESOURCE_EXPOSURE = (a: CatalogAction) => managesPermissions(a);
const INFRASTRUCTURE_CHANGE = (a: CatalogAction) => changesSomething(a) && !managesPermissions(a) && !a.wildcardOnly && INFRASTRUCTURE_SERVICES.has(a.service);
const kept = new Map<(a: CatalogAction) => boolean, CatalogAction[]>();
function actionsOfKind(keep: (a: CatalogAction) => boolean): CatalogAction[] {
  let found = kept.get(keep);
  if (!found) {
    found = everyAction().filter(keep);
    kept.set(keep, found);
  }
  return found;
}

const expansions = new Map<string, CatalogAction[]>();
/** Remembered only to keep the test short; the matching itself is the plain one. */
function expand(pattern: string): CatalogAction[] {
  let found = expansions.get(pattern);
  if (!found) {
    found = everyAction().filter((a) => actionMatches(pattern, a.name));
    expansions.set(pattern, found);
  }
  return found;
}

function reachesEveryResource(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const rest = parts.slice(5).join(':');
  if (parts[2] === 's3') return rest === '*' || rest === '*/*';
  return /^([a-z0-9-]+[/:])?\*$/i.test(rest);
}

const broad = (s: Statement) => s.notResources !== undefined || (s.resources ?? []).some(reachesEveryResource);
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
const namesResources = (s: Statement) => (s.resources?.length ?? 0) > 0 || s.notResources !== undefined;
const onlyOwnUser = (s: Statement) => (s.resources ?? []).length > 0 && (s.resources ?? []).every((r) => r.includes('${aws:username}'));

type Placed = { statement: Statement; path: string };
type Grant = { paths: string[]; conditional: boolean };

export function referenceAssessPermissions(set: PermissionSet): Finding[] {
  const placed: Placed[] = set.policies.flatMap((p) => p.statements.map((statement) => ({ statement, path: p.label ? `${p.label} ${statement.path}` : statement.path })));
  const allows = placed.filter((p) => p.statement.effect === 'Allow');
  const denyAll = (p: Placed) => p.statement.effect === 'Deny' && (p.statement.resources?.includes('*') ?? false);
  const denies = placed.filter((p) => denyAll(p) && !hasCondition(p.statement));
  const guards = placed.filter((p) => denyAll(p) && hasCondition(p.statement));
  const grant = (action: string, reach: 'broad' | 'any'): Grant | null => {
    if (denies.some((d) => covers(d.statement, action))) return null;
    const self = SELF_SERVICE_ACTIONS.has(action.toLowerCase());
    const by = allows.filter((a) => (reach === 'any' ? namesResources(a.statement) && !(self && onlyOwnUser(a.statement)) : broad(a.statement)) && covers(a.statement, action));
    if (by.length === 0) return null;
    const guarded = guards.some((d) => covers(d.statement, action));
    return { paths: by.map((a) => a.path), conditional: guarded || by.every((a) => hasCondition(a.statement)) };
  };
  const expanded = (keep: (a: CatalogAction) => boolean) => {
    const found = new Map<string, Grant>();
    for (const action of actionsOfKind(keep)) {
      const reached = allows.some((a) => {
        if (!broad(a.statement) || !covers(a.statement, action.name)) return false;
        const types = broadTypes(a.statement);
        return !types || action.resourceTypes.some((t) => types.has(t));
      });
      const g = reached ? grant(action.name, 'broad') : null;
      if (g) found.set(action.name, g);
    }
    return found;
  };

  const who = set.principal ?? 'This policy';
  const findings: Finding[] = [];
  const LOWER: Record<Severity, Severity> = { critical: 'high', high: 'medium', medium: 'low', low: 'low', info: 'info' };
  const emit = (code: FindingCode, severity: Severity, grants: Map<string, Grant>, text: (actions: string[], conditional: boolean) => string, methods?: string[]) => {
    if (grants.size === 0) return;
    const actions = [...grants.keys()].sort();
    const all = [...grants.values()];
    const paths = [...new Set(all.flatMap((g) => g.paths))].sort();
    const conditional = all.every((g) => g.conditional);
    const f = finding(code, conditional ? LOWER[severity] : severity, paths.join(', '), text(actions, conditional));
    findings.push({ ...f, principal: set.principal, actions, ...(methods ? { methods } : {}) });
  };
  const onlyIf = (c: boolean) => (c ? ' (only under the conditions its statements set)' : '');
  const shown = (actions: string[]) => (actions.length > 8 ? `${listOf(actions.slice(0, 8))} and ${actions.length - 8} more` : listOf(actions));

  const methods: EscalationMethod[] = [];
  const escalation = new Map<string, Grant>();
  for (const method of ESCALATION_METHODS) {
    const grants = method.actions.map((a) => [a, grant(a, a === 'iam:PassRole' ? 'broad' : 'any')] as const);
    if (grants.every(([, g]) => g !== null)) {
      methods.push(method);
      for (const [a, g] of grants) if (g) escalation.set(a, g);
    }
  }
  emit('IAM_PRIVILEGE_ESCALATION', 'high', escalation, (_a, conditional) => {
    const named = methods.slice(0, 4).map((m) => `${m.id}: ${m.how} (${listOf([...m.actions])})`);
    const more = methods.length > 4 ? `; and ${methods.length - 4} more` : '';
    return `${who} can raise its own permissions${onlyIf(conditional)} by ${methods.length} publicly catalogued method${methods.length === 1 ? '' : 's'}: ${named.join('; ')}${more}. Keep these rights for administrators, or scope them to named resources.`;
  }, methods.map((m) => m.id));
  const listed = (names: readonly string[]) => {
    const grants = new Map<string, Grant>();
    for (const a of names) {
      const g = grant(a, 'broad');
      if (g) grants.set(a, g);
    }
    return grants;
  };
  emit('IAM_DATA_EXFILTRATION', 'medium', listed(DATA_EXFILTRATION_ACTIONS), (actions, c) =>
    `${who} can read or copy data from every resource${onlyIf(c)}: ${shown(actions)}. Name the buckets, tables, keys and snapshots the workload uses.`);
  const credentials = listed(CREDENTIALS_EXPOSURE_ACTIONS);
  const unscopable = [...credentials.keys()].every((a) => catalogAction(a)?.wildcardOnly === true);
  emit('IAM_CREDENTIALS_EXPOSURE', unscopable ? 'low' : 'high', credentials, (actions, c) =>
    unscopable
      ? `${who} can obtain credentials${onlyIf(c)} with ${shown(actions)}, which AWS authorises only on "*". Expected for workloads that pull images or tokens; keep it off roles that do not.`
      : `${who} can obtain secrets or credentials for every resource${onlyIf(c)}: ${shown(actions)}. Name the secrets, parameters and users it needs.`);
  emit('IAM_RESOURCE_EXPOSURE', 'high', expanded(RESOURCE_EXPOSURE), (actions, c) =>
    `${who} can change who may access resources (AWS access level "Permissions management") on every resource${onlyIf(c)}: ${shown(actions)}. A bucket, key or role policy changed this way can open data to anyone.`);
  emit('IAM_INFRA_MODIFICATION', 'medium',
    expanded(INFRASTRUCTURE_CHANGE),
    (actions, c) => `${who} can change network, compute, logging or ML infrastructure on every resource${onlyIf(c)}: ${shown(actions)}. Scope these rights to the resources of the workload.`);
  return findings;
}

export function referenceStatementFindings(statements: readonly Statement[], label = ''): Finding[] {
  const findings: Finding[] = [];
  const at = (path: string) => (label ? `${label} ${path}` : path);
  const outright = statements.filter((d) => d.effect === 'Deny' && !hasCondition(d) && (d.resources?.includes('*') ?? false));
  const mfaGuards = statements.filter(deniesWithoutMfa);
  const grants = (s: Statement, action: string) => s.effect === 'Allow' && covers(s, action) && !outright.some((d) => covers(d, action));
  for (const s of statements) {
    const patterns = s.actions ?? [];
    const unknown = [...patterns, ...(s.notActions ?? [])].filter((p) => p.includes(':') && expand(p).length === 0);
    if (unknown.length > 0) {
      findings.push(finding('IAM_UNKNOWN_ACTION', 'low', at(s.path),
        `${s.label} names ${listOf(unknown)}, which match${unknown.length === 1 ? 'es' : ''} no action in the AWS service authorization reference: a typo, or an action AWS has removed. It grants or denies nothing.`));
    }
    if (s.effect !== 'Allow') continue;
    const where = reachesAllResources(s) ? 'every resource' : 'the resources it names';
    if (patterns.some((p) => /^\*+(:\*+)?$/.test(p))) {
      findings.push(finding('IAM_ACTION_WILDCARD', hasCondition(s) ? 'high' : 'critical', at(s.path),
        `${s.label} allows every action ("*") on ${where}: this is administrator access. Grant only the actions the role needs.`));
    }
    const serviceWide = patterns.filter((p) => /^[^:*?]+:\*+$/.test(p));
    if (serviceWide.length > 0) {
      findings.push(finding('IAM_SERVICE_WILDCARD', reachesAllResources(s) ? 'high' : 'medium', at(s.path),
        `${s.label} allows every action of a service (${listOf(serviceWide)}) on ${where}. Name the actions the workload uses instead of "service:*".`));
    }
    if (s.notActions) {
      findings.push(finding('IAM_NOTACTION_ALLOW', 'high', at(s.path),
        `${s.label} allows every action except ${listOf(s.notActions)} (Allow with NotAction). Actions AWS adds later are allowed too; list the allowed actions instead.`));
    }
    if (s.notResources) {
      findings.push(finding('IAM_NOTRESOURCE_ALLOW', 'medium', at(s.path),
        `${s.label} allows its actions on every resource except ${listOf(s.notResources)} (Allow with NotResource). Name the resources instead.`));
    }
    if (s.resources?.includes('*')) {
      const changes = (a: CatalogAction) => changesSomething(a) && !a.wildcardOnly && grants(s, a.name);
      const writes = patterns.filter((p) => expand(p).some(changes));
      if (s.notActions ? expand('*').some(changes) : writes.length > 0) {
        const what = s.notActions ? 'every action outside NotAction' : listOf(writes);
        findings.push(finding('IAM_RESOURCE_WILDCARD', 'medium', at(s.path),
          `${s.label} allows actions that change things (${what}) on every resource ("*"). Scope them to the buckets, jobs, keys and roles the workload uses.`));
      }
    }
    const passesAnyRole = s.notResources !== undefined || (s.resources ?? []).some((r) => r === '*' || /^arn:[^:]*:iam::[^:]*:(role\/)?\*$/i.test(r));
    if (grants(s, 'iam:PassRole') && passesAnyRole) {
      findings.push(finding('IAM_PASSROLE_WILDCARD', hasCondition(s) ? 'medium' : 'high', at(s.path),
        `${s.label} allows iam:PassRole on any role. Whoever holds it can hand a more powerful role to a job or function they start. Limit Resource to the named execution roles.`));
    }
    if (!requiresMfa(s)) {
      const guarded = (a: string) => mfaGuards.some((d) => covers(d, a));
      const deletes: string[] = SAGEMAKER_DELETE_ACTIONS.filter((a) => grants(s, a) && !guarded(a));
      for (const p of patterns) {
        if (/^sagemaker:delete[a-z]*$/i.test(p) && !deletes.some((d) => d.toLowerCase() === p.toLowerCase()) && grants(s, p) && !guarded(p)) deletes.push(p);
      }
      if (deletes.length > 0) {
        findings.push(finding('IAM_DESTRUCTIVE_ML', 'high', at(s.path),
          `${s.label} allows deleting SageMaker resources (${listOf(deletes)}) without MFA. Remove these actions from data-scientist roles, or require MFA (aws:MultiFactorAuthPresent) for them.`));
      }
    }
  }
  return findings;
}

/** analyzeIamPolicy, the reference way. */
export function referenceAnalyzeIamPolicy(doc: JsonRecord, principal: string | null = null): Finding[] {
  const { statements, malformed } = readPolicy(doc, 'identity');
  return [...malformed, ...referenceStatementFindings(statements), ...referenceAssessPermissions({ principal, policies: [{ label: '', statements }] })];
}
