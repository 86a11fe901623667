// IAM identity policies (aws iam get-policy-version, get-role-policy, get-user-policy or the raw
// document): wildcards and destructive SageMaker rights statement by statement, then the risk
// categories (escalation, exfiltration, credentials, exposure, infrastructure) of the whole policy.
import type { Finding } from '../../../shared/analysis';
import { finding } from './controls';
import { AnalyzerError } from './errors';
import { parseEmbeddedJson } from './input';
import { type CatalogAction, changesSomething, expandActionPattern } from './action-catalog';
import { actionId, borrowSet, coverSet, expansionSet, has, kindSet, lentSets, meets, noActions, returnSets, unionInto } from './action-sets';
import { assessPermissions } from './iam-permissions';
import {
  type Statement,
  covers,
  coversForm,
  formOf,
  deniesWithoutMfa,
  hasCondition,
  reachesAllResources,
  readPolicy,
  requiresMfa,
} from './policy';
import { type JsonRecord, isRecord, listOf, stringList, text } from './shape';

export const EXPECTED_IAM_POLICY =
  'an IAM policy document (with Statement), or the JSON of aws iam get-policy-version ' +
  '(PolicyVersion.Document), get-role-policy, get-user-policy or get-group-policy (PolicyDocument)';

/** SageMaker deletions that destroy models, endpoints or the work around them. */
export const SAGEMAKER_DELETE_ACTIONS = [
  'sagemaker:DeleteModel',
  'sagemaker:DeleteEndpoint',
  'sagemaker:DeleteEndpointConfig',
  'sagemaker:DeleteModelPackage',
  'sagemaker:DeleteModelPackageGroup',
  'sagemaker:DeleteModelCard',
  'sagemaker:DeleteInferenceComponent',
  'sagemaker:DeleteNotebookInstance',
  'sagemaker:DeleteDomain',
  'sagemaker:DeleteUserProfile',
  'sagemaker:DeleteSpace',
  'sagemaker:DeleteApp',
  'sagemaker:DeleteFeatureGroup',
  'sagemaker:DeletePipeline',
  'sagemaker:DeleteExperiment',
  'sagemaker:DeleteProject',
] as const;

/** Finds the policy document inside what the AWS CLI printed, decoding it when IAM URL-encoded it. */
export function extractIamPolicy(file: string, root: unknown): { doc: JsonRecord; subject: string | null; principal: string | null } {
  if (isRecord(root)) {
    if (root['Statement'] !== undefined) return { doc: root, subject: null, principal: null };
    const version = root['PolicyVersion'];
    if (isRecord(version) && version['Document'] !== undefined) {
      const id = text(version['VersionId']);
      return { doc: policyObject(file, version['Document'], 'PolicyVersion.Document'), subject: id ? `policy version ${id}` : null, principal: null };
    }
    if (root['PolicyDocument'] !== undefined) {
      const name = text(root['PolicyName']);
      const owner = text(root['RoleName']) ? `role ${text(root['RoleName'])}` : text(root['UserName']) ? `user ${text(root['UserName'])}` : text(root['GroupName']) ? `group ${text(root['GroupName'])}` : undefined;
      const subject = name ? `inline policy ${name}${owner ? ` of ${owner}` : ''}` : null;
      return { doc: policyObject(file, root['PolicyDocument'], 'PolicyDocument'), subject, principal: owner ?? null };
    }
  }
  throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'no IAM policy document found in it', EXPECTED_IAM_POLICY);
}

function policyObject(file: string, value: unknown, where: string): JsonRecord {
  const parsed = typeof value === 'string' ? parseEmbeddedJson(file, value, EXPECTED_IAM_POLICY, `the ${where} string`) : value;
  if (!isRecord(parsed) || parsed['Statement'] === undefined) {
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, `${where} is not a policy document with a Statement`, EXPECTED_IAM_POLICY);
  }
  return parsed;
}

/** Findings on one policy document read alone; `principal` names its holder when the export says. */
export function analyzeIamPolicy(doc: JsonRecord, principal: string | null = null): Finding[] {
  const { statements, malformed } = readPolicy(doc, 'identity');
  return [...malformed, ...statementFindings(statements), ...assessPermissions({ principal, policies: [{ label: '', statements }] })];
}

/**
 * What each Allow statement says on its face: wildcards, unscoped writes, PassRole on any role,
 * unguarded SageMaker deletions, actions AWS does not document. `label` prefixes paths.
 */
export function statementFindings(statements: readonly Statement[], label = ''): Finding[] {
  const mark = lentSets();
  try {
    return judgeStatements(statements, label);
  } finally {
    returnSets(mark);
  }
}

function judgeStatements(statements: readonly Statement[], label: string): Finding[] {
  const findings: Finding[] = [];
  const at = (path: string) => (label ? `${label} ${path}` : path);
  // Denials that hold whatever the request: what they cover is out of reach for every Allow.
  const outright = statements.filter((d) => d.effect === 'Deny' && !hasCondition(d) && (d.resources?.includes('*') ?? false));
  const mfaGuards = statements.filter(deniesWithoutMfa);
  // `outright` holds only unconditional Denies on "*": covering the action is what denies it.
  // (most policies deny nothing: they share the empty set instead of clearing one of their own)
  const denied = outright.length === 0 ? noActions() : borrowSet();
  for (const d of outright) unionInto(denied, coverSet(d));
  // Denied outright or without MFA: a SageMaker deletion outside it is open to a stolen session.
  let deniedOrGuarded = denied;
  if (mfaGuards.length > 0) {
    deniedOrGuarded = borrowSet();
    unionInto(deniedOrGuarded, denied);
    for (const d of mfaGuards) unionInto(deniedOrGuarded, coverSet(d));
  }
  const deletions = kindSet(SAGEMAKER_DELETION);
  const grants = (s: Statement, action: string) => {
    const form = formOf(action);
    const id = actionId(form.lower);
    if (id === undefined) return s.effect === 'Allow' && coversForm(s, form) && !outright.some((d) => coversForm(d, form));
    return s.effect === 'Allow' && has(coverSet(s), id) && !has(denied, id);
  };

  for (const s of statements) {
    const patterns = s.actions ?? [];
    const unknown = [...patterns, ...(s.notActions ?? [])].filter((p) => p.includes(':') && expandActionPattern(p).length === 0);
    if (unknown.length > 0) {
      findings.push(finding('IAM_UNKNOWN_ACTION', 'low', at(s.path),
        `${s.label} names ${listOf(unknown)}, which match${unknown.length === 1 ? 'es' : ''} no action in the AWS service authorization reference: a typo, or an action AWS has removed. It grants or denies nothing.`));
    }
    if (s.effect !== 'Allow') continue;
    const where = reachesAllResources(s) ? 'every resource' : 'the resources it names';

    if (patterns.some(isAllActions)) {
      findings.push(finding('IAM_ACTION_WILDCARD', hasCondition(s) ? 'high' : 'critical', at(s.path),
        `${s.label} allows every action ("*") on ${where}: this is administrator access. Grant only the actions the role needs.`));
    }
    const serviceWide = patterns.filter(isServiceWildcard);
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
      // Judged by AWS's access level of every action the pattern reaches, not by its verb.
      const changing = kindSet(SCOPABLE_CHANGE);
      const cover = coverSet(s);
      const writes = patterns.filter((p) => meets(expansionSet(p), cover, changing, denied));
      if (s.notActions ? meets(cover, changing, null, denied) : writes.length > 0) {
        const what = s.notActions ? 'every action outside NotAction' : listOf(writes);
        findings.push(finding('IAM_RESOURCE_WILDCARD', 'medium', at(s.path),
          `${s.label} allows actions that change things (${what}) on every resource ("*"). Scope them to the buckets, jobs, keys and roles the workload uses.`));
      }
    }

    if (passesAnyRole(s) && grants(s, 'iam:PassRole')) {
      findings.push(finding('IAM_PASSROLE_WILDCARD', hasCondition(s) ? 'medium' : 'high', at(s.path),
        `${s.label} allows iam:PassRole on any role. Whoever holds it can hand a more powerful role to a job or function they start. Limit Resource to the named execution roles.`));
    }

    if (!requiresMfa(s)) {
      const guarded = (a: string) => mfaGuards.some((d) => covers(d, a));
      const deletes: string[] = meets(coverSet(s), deletions, null, deniedOrGuarded) ? SAGEMAKER_DELETE_ACTIONS.filter((a) => grants(s, a) && !guarded(a)) : [];
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

const SAGEMAKER_DELETE_LOWER: ReadonlySet<string> = new Set(SAGEMAKER_DELETE_ACTIONS.map((a) => a.toLowerCase()));
const SAGEMAKER_DELETION = (a: CatalogAction) => SAGEMAKER_DELETE_LOWER.has(a.lower);

/** Documented actions that change something and can be scoped to a resource. */
const SCOPABLE_CHANGE = (a: CatalogAction) => changesSomething(a) && !a.wildcardOnly;

/** `*` or `*:*`: every action of every service. */
function isAllActions(pattern: string): boolean {
  return /^\*+(:\*+)?$/.test(pattern);
}

/** `service:*`: every action of one service. */
function isServiceWildcard(pattern: string): boolean {
  return /^[^:*?]+:\*+$/.test(pattern);
}

/** Resource `*`, every role of an account, or NotResource. */
function passesAnyRole(s: Statement): boolean {
  if (s.notResources) return true;
  return (s.resources ?? []).some((r) => r === '*' || /^arn:[^:]*:iam::[^:]*:(role\/)?\*$/i.test(r));
}

/** An identity policy, or a bucket policy (its statements name a Principal and S3 resources)? Null for neither (a trust policy). */
export function policyKindOf(doc: JsonRecord): 'iam-policy' | 's3-bucket-policy' | null {
  const raw = doc['Statement'];
  const statements = Array.isArray(raw) ? raw : [raw];
  const withPrincipal = statements.some((s) => isRecord(s) && (s['Principal'] !== undefined || s['NotPrincipal'] !== undefined));
  if (!withPrincipal) return 'iam-policy';
  const onS3 = statements.some((s) => isRecord(s) && [...stringList(s['Resource']), ...stringList(s['NotResource'])].some((r) => /^arn:[^:]+:s3:::/.test(r)));
  return onS3 ? 's3-bucket-policy' : null;
}
