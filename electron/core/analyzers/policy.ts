// The IAM policy language, read the way AWS reads it: Statement as object or array, Action and
// Resource as string or array, wildcards `*` and `?` matched case-insensitively for actions.
// Shared by identity policies (iam.ts) and bucket policies (s3.ts).
import type { Finding } from '../../../shared/analysis';
import { finding } from './controls';
import { type JsonRecord, isRecord, quote, text } from './shape';

export type Effect = 'Allow' | 'Deny';
/** Condition block: operator → condition key → value(s), operator and key kept as written. */
export type Conditions = Record<string, Record<string, unknown>>;

export type Statement = {
  /** JSON path inside the policy document: `Statement[2]`, or `Statement` when it is one object. */
  path: string;
  /** The path plus the Sid, for messages. */
  label: string;
  effect: Effect | undefined;
  actions: string[] | undefined;
  notActions: string[] | undefined;
  resources: string[] | undefined;
  notResources: string[] | undefined;
  principal: unknown;
  notPrincipal: unknown;
  conditions: Conditions | undefined;
  /** Action patterns prepared for matching (lowercase, with the services they can reach). */
  match: ActionMatcher;
};

type ActionMatcher = {
  actions: string[] | undefined;
  notActions: string[] | undefined;
  /** Services the Action patterns can reach; null when a pattern wildcards the service. */
  actionServices: Set<string> | null;
  notActionServices: Set<string> | null;
};

function servicesOf(patterns: readonly string[] | undefined): Set<string> | null {
  const services = new Set<string>();
  for (const p of patterns ?? []) {
    const colon = p.indexOf(':');
    const service = colon < 0 ? p : p.slice(0, colon);
    if (colon < 0 || /[*?]/.test(service)) return null;
    services.add(service);
  }
  return services;
}

function matcher(actions: string[] | undefined, notActions: string[] | undefined): ActionMatcher {
  const lower = (list: string[] | undefined) => list?.map((a) => a.toLowerCase());
  const a = lower(actions);
  const n = lower(notActions);
  return { actions: a, notActions: n, actionServices: servicesOf(a), notActionServices: servicesOf(n) };
}

export type PolicyFlavour = 'identity' | 'resource';

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

/** Statements of a policy document plus IAM_MALFORMED findings for what AWS would refuse. */
export function readPolicy(doc: JsonRecord, flavour: PolicyFlavour): { statements: Statement[]; malformed: Finding[] } {
  const malformed: Finding[] = [];
  const bad = (path: string, message: string, severity: 'low' | 'medium' = 'medium') =>
    malformed.push(finding('IAM_MALFORMED', severity, path, message));

  const version = doc['Version'];
  if (version === undefined) {
    bad('Version', 'The policy has no Version. AWS then applies the 2008-10-17 language, in which policy variables such as ${aws:username} are not replaced. Add "Version": "2012-10-17".', 'low');
  } else if (typeof version !== 'string' || !VERSIONS.has(version)) {
    bad('Version', `Version ${typeof version === 'string' ? quote(version, 40) : String(JSON.stringify(version)).slice(0, 40)} is not a policy language version; AWS accepts only "2012-10-17" (or the old "2008-10-17") and refuses this document.`);
  }

  const raw = doc['Statement'];
  const entries: Array<{ value: unknown; path: string }> = Array.isArray(raw)
    ? raw.map((value, i) => ({ value, path: `Statement[${i}]` }))
    : isRecord(raw)
      ? [{ value: raw, path: 'Statement' }]
      : [];
  if (!Array.isArray(raw) && !isRecord(raw)) {
    bad('Statement', 'Statement must be an object or an array of objects; nothing in this policy can be checked.');
  }

  const statements: Statement[] = [];
  for (const { value, path } of entries) {
    if (!isRecord(value)) {
      bad(path, `${path} is not an object, so AWS refuses the policy.`);
      continue;
    }
    const sid = text(value['Sid']);
    const label = sid ? `${path} (Sid ${quote(sid, 40)})` : path;
    for (const key of Object.keys(value)) {
      if (!STATEMENT_KEYS.has(key)) bad(path, `${label} has an element ${quote(key, 40)} that the policy language does not know (a typo of ${closestKey(key)}?); AWS refuses the policy.`);
    }
    const effectRaw = value['Effect'];
    const effect = effectRaw === 'Allow' || effectRaw === 'Deny' ? effectRaw : undefined;
    if (effectRaw === undefined) bad(path, `${label} has no Effect; every statement needs "Effect": "Allow" or "Deny".`);
    else if (!effect) bad(path, `${label} has Effect ${quote(JSON.stringify(effectRaw), 40)}; only "Allow" and "Deny" (written exactly so) are valid.`);

    const actions = elementList(value, 'Action', label, path, bad);
    const notActionsRaw = elementList(value, 'NotAction', label, path, bad);
    // With both present AWS refuses the statement; it is read by its Action (and Resource) alone.
    const notActions = actions ? undefined : notActionsRaw;
    if (actions && notActionsRaw) bad(path, `${label} has both Action and NotAction; a statement may have only one of them.`);
    if (!actions && !notActions) bad(path, `${label} has neither Action nor NotAction, so it says nothing about what is allowed or denied.`);
    for (const action of [...(actions ?? []), ...(notActions ?? [])]) {
      if (action !== '*' && !/^[^:]+:[^:]+$/.test(action)) bad(path, `${label} names the action ${quote(action, 60)}, which is not written service:action.`);
    }

    const resources = elementList(value, 'Resource', label, path, bad);
    const notResourcesRaw = elementList(value, 'NotResource', label, path, bad);
    const notResources = resources ? undefined : notResourcesRaw;
    if (resources && notResourcesRaw) bad(path, `${label} has both Resource and NotResource; a statement may have only one of them.`);
    if (!resources && !notResources) bad(path, `${label} has neither Resource nor NotResource; AWS requires one in ${flavour === 'identity' ? 'identity' : 'bucket'} policies.`);

    const hasPrincipal = value['Principal'] !== undefined || value['NotPrincipal'] !== undefined;
    if (flavour === 'identity' && hasPrincipal) bad(path, `${label} names a Principal; identity policies (attached to users, groups and roles) must not, and AWS refuses them.`);
    if (flavour === 'resource' && !hasPrincipal) bad(path, `${label} has no Principal; every statement of a bucket policy must say whom it applies to.`);

    const conditionRaw = value['Condition'];
    let conditions: Conditions | undefined;
    if (conditionRaw !== undefined) {
      if (!isRecord(conditionRaw) || !Object.values(conditionRaw).every(isRecord)) {
        bad(path, `${label} has a Condition that is not an object of operators, each holding an object of condition keys.`);
      } else {
        conditions = conditionRaw as Conditions;
      }
    }

    statements.push({
      path,
      label,
      effect,
      actions,
      notActions,
      resources,
      notResources,
      principal: value['Principal'],
      notPrincipal: value['NotPrincipal'],
      conditions,
      match: matcher(actions, notActions),
    });
  }
  return { statements, malformed };
}

function elementList(
  statement: JsonRecord,
  key: string,
  label: string,
  path: string,
  bad: (path: string, message: string) => void,
): string[] | undefined {
  const value = statement[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    const strings = value.filter((v): v is string => typeof v === 'string');
    if (strings.length !== value.length) bad(path, `${label} has a ${key} entry that is not a string.`);
    return strings;
  }
  bad(path, `${label} has a ${key} that is neither a string nor an array of strings.`);
  return [];
}

function closestKey(key: string): string {
  const lower = key.toLowerCase().replace(/s$/, '');
  for (const known of STATEMENT_KEYS) if (known.toLowerCase() === lower) return known;
  return [...STATEMENT_KEYS].join(', ');
}

// ---- matching -------------------------------------------------------------------------------

/**
 * IAM wildcard matching (`*` any run, `?` one character) in linear-ish time. A regular expression
 * would backtrack exponentially on a pattern like `*a*a*a*…b`, and both sides may come from the file.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && (c === 63 /* ? */ || c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (p < pattern.length && c === 42 /* * */) {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
}

/** Does the action pattern written in a policy cover this concrete action? Actions ignore case. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern.toLowerCase(), action.toLowerCase());
}

/** Does a Resource pattern cover this ARN? ARNs are case-sensitive. */
export function resourceMatches(pattern: string, arn: string): boolean {
  return wildcardMatch(pattern, arn);
}

/**
 * Lowercase form and service of the concrete actions asked about: the fixed lists of the risk
 * catalogue and the documented actions wildcards expand to (some 22,000), so the bound sits above
 * the whole AWS action list; below it the map was cleared and refilled on every policy.
 */
const actionForms = new Map<string, { lower: string; service: string }>();
const ACTION_FORMS_BOUND = 100_000;

/** A concrete action in the form `coversForm` matches: lowercase, with its service. */
export type ActionForm = { readonly lower: string; readonly service: string };

export function formOf(action: string): ActionForm {
  let form = actionForms.get(action);
  if (!form) {
    const lower = action.toLowerCase();
    form = { lower, service: lower.slice(0, Math.max(0, lower.indexOf(':'))) };
    if (actionForms.size > ACTION_FORMS_BOUND) actionForms.clear();
    actionForms.set(action, form);
  }
  return form;
}

/** Does the statement's Action/NotAction cover this concrete action (whatever its Effect)? */
export function covers(statement: Statement, action: string): boolean {
  return coversForm(statement, formOf(action));
}

/** `covers` for an action already in its matching form, for loops that ask about it again and again. */
export function coversForm(statement: Statement, { lower, service }: ActionForm): boolean {
  const { actions, notActions, actionServices, notActionServices } = statement.match;
  // Most statements name other services: skip the pattern matching for them.
  if (actions) return (actionServices === null || actionServices.has(service)) && actions.some((p) => wildcardMatch(p, lower));
  if (notActions) return (notActionServices !== null && !notActionServices.has(service)) || !notActions.some((p) => wildcardMatch(p, lower));
  return false;
}

export function hasCondition(statement: Statement): boolean {
  return statement.conditions !== undefined && Object.keys(statement.conditions).length > 0;
}

/** Resource `*` (or NotResource, which reaches everything but a few). */
export function reachesAllResources(statement: Statement): boolean {
  return (statement.resources?.includes('*') ?? false) || statement.notResources !== undefined;
}

/** Values a condition key is tested against under operators whose name passes `operator`. */
export function conditionValues(statement: Statement, operator: (name: string) => boolean, key: string): unknown[] {
  const found: unknown[] = [];
  for (const [op, block] of Object.entries(statement.conditions ?? {})) {
    if (!operator(op.toLowerCase())) continue;
    for (const [k, v] of Object.entries(block)) {
      if (k.toLowerCase() === key.toLowerCase()) found.push(...(Array.isArray(v) ? v : [v]));
    }
  }
  return found;
}

export function conditionKeys(statement: Statement): string[] {
  return Object.values(statement.conditions ?? {}).flatMap((block) => Object.keys(block).map((k) => k.toLowerCase()));
}

const isBool = (op: string) => op === 'bool' || op === 'boolifexists';
const isTrueValue = (v: unknown) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
const isFalseValue = (v: unknown) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');

/** An Allow that only applies when the caller signed in with MFA. */
export function requiresMfa(statement: Statement): boolean {
  if (conditionValues(statement, isBool, 'aws:MultiFactorAuthPresent').some(isTrueValue)) return true;
  return conditionValues(statement, (op) => op.startsWith('numericless'), 'aws:MultiFactorAuthAge').length > 0;
}

/** A Deny that applies when the caller has no MFA: the usual "force MFA" guard. */
export function deniesWithoutMfa(statement: Statement): boolean {
  if (statement.effect !== 'Deny') return false;
  if (conditionValues(statement, isBool, 'aws:MultiFactorAuthPresent').some(isFalseValue)) return true;
  return conditionValues(statement, (op) => op === 'null', 'aws:MultiFactorAuthAge').some(isTrueValue);
}
