// IAM identity policies (aws iam get-policy-version, get-role-policy, get-user-policy or the raw
// document): wildcards, escalation paths and destructive SageMaker rights, statement by statement.
import type { Finding } from '../../../shared/analysis';
import { finding } from './controls';
import { AnalyzerError } from './errors';
import { parseEmbeddedJson } from './input';
import {
  type Statement,
  covers,
  deniesOutright,
  deniesWithoutMfa,
  hasCondition,
  isReadOnlyPattern,
  reachesAllResources,
  readPolicy,
  requiresMfa,
} from './policy';
import { type JsonRecord, isRecord, listOf, text } from './shape';

export const EXPECTED_IAM_POLICY =
  'an IAM policy document (with Statement), or the JSON of aws iam get-policy-version ' +
  '(PolicyVersion.Document), get-role-policy, get-user-policy or get-group-policy (PolicyDocument)';

/** Actions that let a principal give itself (or another identity it controls) more rights. */
export const ESCALATION_ACTIONS = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:AddUserToGroup',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
] as const;

/** Credential actions that are harmless when limited to the caller's own user. */
const SELF_SERVICE = new Set(['iam:createaccesskey', 'iam:createloginprofile', 'iam:updateloginprofile']);

/** Create actions that start compute running as a role passed with iam:PassRole. */
export const LAUNCH_WITH_ROLE_ACTIONS = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateProcessingJob',
  'sagemaker:CreateNotebookInstance',
  'sagemaker:CreateModel',
  'sagemaker:CreateHyperParameterTuningJob',
  'sagemaker:CreateAutoMLJob',
  'sagemaker:CreatePipeline',
  'lambda:CreateFunction',
  'ec2:RunInstances',
  'glue:CreateDevEndpoint',
  'glue:CreateJob',
  'cloudformation:CreateStack',
] as const;

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
export function extractIamPolicy(file: string, root: unknown): { doc: JsonRecord; subject: string | null } {
  if (isRecord(root)) {
    if (root['Statement'] !== undefined) return { doc: root, subject: null };
    const version = root['PolicyVersion'];
    if (isRecord(version) && version['Document'] !== undefined) {
      const id = text(version['VersionId']);
      return { doc: policyObject(file, version['Document'], 'PolicyVersion.Document'), subject: id ? `policy version ${id}` : null };
    }
    if (root['PolicyDocument'] !== undefined) {
      const name = text(root['PolicyName']);
      const owner = text(root['RoleName']) ? `role ${text(root['RoleName'])}` : text(root['UserName']) ? `user ${text(root['UserName'])}` : text(root['GroupName']) ? `group ${text(root['GroupName'])}` : undefined;
      const subject = name ? `inline policy ${name}${owner ? ` of ${owner}` : ''}` : null;
      return { doc: policyObject(file, root['PolicyDocument'], 'PolicyDocument'), subject };
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

export function analyzeIamPolicy(doc: JsonRecord): Finding[] {
  const { statements, malformed } = readPolicy(doc, 'identity');
  const findings: Finding[] = [...malformed];
  // Denials that hold whatever the request: what they cover is out of reach for every Allow.
  const outright = statements.filter((d) => d.effect === 'Deny' && !hasCondition(d) && (d.resources?.includes('*') ?? false));
  const mfaGuards = statements.filter(deniesWithoutMfa);
  const grants = (s: Statement, action: string) =>
    s.effect === 'Allow' && covers(s, action) && !outright.some((d) => deniesOutright(d, action));
  const launches = LAUNCH_WITH_ROLE_ACTIONS.filter((a) => statements.some((s) => grants(s, a)));

  for (const s of statements) {
    if (s.effect !== 'Allow') continue;
    const patterns = s.actions ?? [];
    const where = reachesAllResources(s) ? 'every resource' : 'the resources it names';

    if (patterns.some(isAllActions)) {
      findings.push(finding('IAM_ACTION_WILDCARD', hasCondition(s) ? 'high' : 'critical', s.path,
        `${s.label} allows every action ("*") on ${where}: this is administrator access. Grant only the actions the role needs.`));
    }
    const serviceWide = patterns.filter(isServiceWildcard);
    if (serviceWide.length > 0) {
      findings.push(finding('IAM_SERVICE_WILDCARD', reachesAllResources(s) ? 'high' : 'medium', s.path,
        `${s.label} allows every action of a service (${listOf(serviceWide)}) on ${where}. Name the actions the workload uses instead of "service:*".`));
    }
    if (s.notActions) {
      findings.push(finding('IAM_NOTACTION_ALLOW', 'high', s.path,
        `${s.label} allows every action except ${listOf(s.notActions)} (Allow with NotAction). Actions AWS adds later are allowed too; list the allowed actions instead.`));
    }
    if (s.notResources) {
      findings.push(finding('IAM_NOTRESOURCE_ALLOW', 'medium', s.path,
        `${s.label} allows its actions on every resource except ${listOf(s.notResources)} (Allow with NotResource). Name the resources instead.`));
    }
    if (s.resources?.includes('*')) {
      const writes = patterns.filter((p) => !isReadOnlyPattern(p));
      if (s.notActions || writes.length > 0) {
        const what = s.notActions ? 'every action outside NotAction' : listOf(writes);
        findings.push(finding('IAM_RESOURCE_WILDCARD', 'medium', s.path,
          `${s.label} allows actions that change things (${what}) on every resource ("*"). Scope them to the buckets, jobs, keys and roles the workload uses.`));
      }
    }

    const passRoleUnbounded = grants(s, 'iam:PassRole') && passesAnyRole(s);
    if (passRoleUnbounded) {
      findings.push(finding('IAM_PASSROLE_WILDCARD', hasCondition(s) ? 'medium' : 'high', s.path,
        `${s.label} allows iam:PassRole on any role. Whoever holds it can hand a more powerful role to a job or function they start. Limit Resource to the named execution roles.`));
    }

    const direct = ESCALATION_ACTIONS.filter((a) => grants(s, a) && !(SELF_SERVICE.has(a.toLowerCase()) && onlyOwnUser(s)));
    const reasons: string[] = [];
    if (direct.length > 0) reasons.push(listOf(direct));
    if (passRoleUnbounded && launches.length > 0) reasons.push(`iam:PassRole on any role together with ${listOf(launches)}, which runs code as the passed role`);
    if (reasons.length > 0) {
      findings.push(finding('IAM_PRIVILEGE_ESCALATION', 'high', s.path,
        `${s.label} lets its holder raise its own permissions: ${reasons.join('; and ')}. Keep these rights for administrators.`));
    }

    if (!requiresMfa(s)) {
      const guarded = (a: string) => mfaGuards.some((d) => covers(d, a));
      const deletes: string[] = SAGEMAKER_DELETE_ACTIONS.filter((a) => grants(s, a) && !guarded(a));
      for (const p of patterns) {
        if (/^sagemaker:delete[a-z]*$/i.test(p) && !deletes.some((d) => d.toLowerCase() === p.toLowerCase()) && grants(s, p) && !guarded(p)) deletes.push(p);
      }
      if (deletes.length > 0) {
        findings.push(finding('IAM_DESTRUCTIVE_ML', 'high', s.path,
          `${s.label} allows deleting SageMaker resources (${listOf(deletes)}) without MFA. Remove these actions from data-scientist roles, or require MFA (aws:MultiFactorAuthPresent) for them.`));
      }
    }
  }
  return findings;
}

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

/** Every resource is the caller's own user (`…:user/${aws:username}`). */
function onlyOwnUser(s: Statement): boolean {
  const resources = s.resources ?? [];
  return resources.length > 0 && resources.every((r) => r.includes('${aws:username}'));
}
