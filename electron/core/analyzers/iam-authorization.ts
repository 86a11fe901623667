// `aws iam get-account-authorization-details`: the account-wide export every IAM review starts
// from. Each user, group and role is judged on its effective permissions (inline, attached managed,
// and for users those of their groups); each role's trust policy is checked; each policy's own
// statements are checked once, where it is defined.
import type { Finding } from '../../../shared/analysis';
import type { Analysis } from './controls';
import { finding } from './controls';
import { AnalyzerError } from './errors';
import { statementFindings } from './iam';
import { type PolicyStatements, assessPermissions } from './iam-permissions';
import { decodeUrlEncodedJson, parseEmbeddedJson } from './input';
import { type Statement, conditionKeys, readPolicy } from './policy';
import { type JsonRecord, isRecord, list, listOf, stringList, text } from './shape';

export const EXPECTED_AUTHORIZATION_DETAILS =
  'the JSON of aws iam get-account-authorization-details (UserDetailList, GroupDetailList, RoleDetailList, Policies)';

type Principal = { kind: 'user' | 'group' | 'role'; name: string; path: string; policies: PolicyStatements[]; missing: string[] };

/** Services that run code with the role they are given: a powerful role they may assume is a PassRole target. */
const COMPUTE_SERVICES = new Set([
  'ec2.amazonaws.com', 'lambda.amazonaws.com', 'sagemaker.amazonaws.com', 'glue.amazonaws.com', 'ecs-tasks.amazonaws.com',
  'codebuild.amazonaws.com', 'cloudformation.amazonaws.com', 'datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com',
  'tasks.apprunner.amazonaws.com', 'states.amazonaws.com', 'batch.amazonaws.com',
]);

export function analyzeAuthorizationDetails(file: string, root: unknown, evidences: readonly string[]): Analysis {
  if (!isRecord(root) || !['UserDetailList', 'GroupDetailList', 'RoleDetailList'].some((k) => Array.isArray(root[k]))) {
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it has no UserDetailList, GroupDetailList or RoleDetailList', EXPECTED_AUTHORIZATION_DETAILS);
  }
  const findings: Finding[] = [];
  const document = (value: unknown, where: string): JsonRecord | null => {
    const decoded = typeof value === 'string' ? parseEmbeddedJson(file, decodeUrlEncodedJson(value) ?? value, EXPECTED_AUTHORIZATION_DETAILS, where) : value;
    return isRecord(decoded) ? decoded : null;
  };
  const policyOf = (value: unknown, label: string): PolicyStatements | null => {
    const doc = document(value, label);
    if (!doc) return null;
    const { statements, malformed } = readPolicy(doc, 'identity');
    findings.push(...malformed.map((f) => ({ ...f, path: `${label} ${f.path}` })), ...statementFindings(statements, label));
    return { label, statements };
  };

  // Managed policies: their default version, checked once. Those no principal here attaches
  // (another page holds the principal, or the policy waits to be attached) are judged on their
  // own, as a policy document would be, as soon as they are read, and not kept: an account's
  // export holds thousands of them, and their parsed statements all at once are its peak memory.
  const attachedArns = new Set<string>();
  for (const key of ['GroupDetailList', 'UserDetailList', 'RoleDetailList']) {
    for (const principal of list(root[key])) if (isRecord(principal)) for (const arn of attachedArnsOf(principal['AttachedManagedPolicies'])) attachedArns.add(arn);
  }
  const managed = new Map<string, PolicyStatements>();
  const unattached: Finding[] = [];
  const judgeAlone = (arn: string, policy: PolicyStatements) => {
    unattached.push(...assessPermissions({ principal: `${policy.label} (${arn}; attached to no principal in this export)`, policies: [policy] }));
  };
  list(root['Policies']).forEach((p, i) => {
    if (!isRecord(p)) return;
    const arn = text(p['Arn']) ?? `Policies[${i}]`;
    const versions = list(p['PolicyVersionList']).filter(isRecord);
    const current = versions.find((v) => v['IsDefaultVersion'] === true) ?? versions.find((v) => v['VersionId'] === p['DefaultVersionId']);
    const policy = current ? policyOf(current['Document'], `managed policy ${text(p['PolicyName']) ?? arn}`) : null;
    if (!policy) return;
    if (!attachedArns.has(arn)) return judgeAlone(arn, policy);
    // the same ARN twice: the later one is the one principals get, the earlier one stands alone
    const earlier = managed.get(arn);
    if (earlier) judgeAlone(arn, earlier);
    managed.set(arn, policy);
  });

  const inline = (entries: unknown, key: string, owner: string): PolicyStatements[] =>
    list(entries).flatMap((p, i) => {
      if (!isRecord(p)) return [];
      const policy = policyOf(p['PolicyDocument'], `${owner} inline policy ${text(p['PolicyName']) ?? `${key}[${i}]`}`);
      return policy ? [policy] : [];
    });
  const attached = (entries: unknown, missing: string[]): PolicyStatements[] =>
    attachedArnsOf(entries).flatMap((arn) => {
      const policy = managed.get(arn);
      if (!policy) missing.push(arn);
      return policy ? [policy] : [];
    });

  const groups = new Map<string, Principal>();
  const principals: Principal[] = [];
  list(root['GroupDetailList']).forEach((g, i) => {
    if (!isRecord(g)) return;
    const name = text(g['GroupName']) ?? `GroupDetailList[${i}]`;
    const missing: string[] = [];
    const group: Principal = { kind: 'group', name, path: `GroupDetailList[${i}]`, missing, policies: [...inline(g['GroupPolicyList'], 'GroupPolicyList', `group ${name}`), ...attached(g['AttachedManagedPolicies'], missing)] };
    groups.set(name, group);
    principals.push(group);
  });
  list(root['UserDetailList']).forEach((u, i) => {
    if (!isRecord(u)) return;
    const name = text(u['UserName']) ?? `UserDetailList[${i}]`;
    const missing: string[] = [];
    const policies = [...inline(u['UserPolicyList'], 'UserPolicyList', `user ${name}`), ...attached(u['AttachedManagedPolicies'], missing)];
    for (const groupName of stringList(u['GroupList'])) {
      const group = groups.get(groupName);
      if (group) {
        policies.push(...group.policies.filter((p) => !policies.includes(p)));
        missing.push(...group.missing);
      } else {
        missing.push(`group ${groupName}`);
      }
    }
    principals.push({ kind: 'user', name, path: `UserDetailList[${i}]`, missing, policies });
  });
  list(root['RoleDetailList']).forEach((r, i) => {
    if (!isRecord(r)) return;
    const name = text(r['RoleName']) ?? `RoleDetailList[${i}]`;
    const missing: string[] = [];
    const role: Principal = { kind: 'role', name, path: `RoleDetailList[${i}]`, missing, policies: [...inline(r['RolePolicyList'], 'RolePolicyList', `role ${name}`), ...attached(r['AttachedManagedPolicies'], missing)] };
    principals.push(role);
    const risks = assessPermissions({ principal: `role ${name}`, policies: role.policies });
    findings.push(...risks);
    const powerful = risks.some((f) => f.code === 'IAM_PRIVILEGE_ESCALATION' && f.severity === 'high');
    findings.push(...trustFindings(role, document(r['AssumeRolePolicyDocument'], `role ${name} AssumeRolePolicyDocument`), text(r['Arn']), powerful));
  });
  for (const p of principals) {
    if (p.kind !== 'role') findings.push(...assessPermissions({ principal: `${p.kind} ${p.name}`, policies: p.policies }));
  }
  // the managed policies no principal here has attached, judged above: their risks are not left unsaid
  findings.push(...unattached);

  // A policy we cannot read leaves a principal's permissions unknown: nothing can be vouched for.
  const gaps = principals.filter((p) => p.missing.length > 0);
  for (const p of gaps) {
    findings.push(finding('IAM_MALFORMED', 'low', p.path,
      `${p.kind} ${p.name} has ${listOf([...new Set(p.missing)])} attached, which the export does not contain; its effective permissions are incomplete. Export again without --filter (or with AWSManagedPolicy and LocalManagedPolicy).`));
  }
  // One page of a paginated export (--max-items, or a cut-off --no-paginate): principals beyond it are unseen.
  const truncated = root['IsTruncated'] === true;
  if (truncated) {
    findings.push(finding('IAM_MALFORMED', 'low', 'IsTruncated',
      'The export is one page of several (IsTruncated is true, with a Marker for the next): users, groups, roles and policies after it were not seen. Export again without --max-items, letting the AWS CLI fetch every page.'));
  }
  const counts = ['user', 'group', 'role'].map((k) => {
    const n = principals.filter((p) => p.kind === k).length;
    return `${n} ${k}${n === 1 ? '' : 's'}`;
  });
  return { findings, subject: `account authorization details (${counts.join(', ')}${truncated ? ', first page only' : ''})`, evidences: gaps.length > 0 || truncated ? [] : [...evidences] };
}

/**
 * The ARNs of a principal's AttachedManagedPolicies. One attachment given as an object rather than
 * a list of one (the AWS CLI documentation's own example prints a group's so) is read as the one it is.
 */
function attachedArnsOf(entries: unknown): string[] {
  return (isRecord(entries) ? [entries] : list(entries)).flatMap((a) => {
    const arn = isRecord(a) ? text(a['PolicyArn']) : undefined;
    return arn ? [arn] : [];
  });
}

/** Who may assume the role: anyone, another account without an external id, or a compute service. */
function trustFindings(role: Principal, doc: JsonRecord | null, arn: string | undefined, powerful: boolean): Finding[] {
  if (!doc) return [];
  const label = `role ${role.name} trust policy`;
  const account = arn?.split(':')[4];
  const { statements } = readPolicy(doc, 'resource');
  const findings: Finding[] = [];
  for (const s of statements.filter((st) => st.effect === 'Allow')) {
    const path = `${role.path} AssumeRolePolicyDocument ${s.path}`;
    const { aws, services, federated } = principalsOf(s);
    const hasExternalId = conditionKeys(s).includes('sts:externalid');
    const anyone = aws.some((p) => p === '*') || s.notPrincipal !== undefined;
    const conditioned = conditionKeys(s).some((k) => k === 'aws:principalorgid' || k === 'aws:principalarn' || k === 'aws:sourceaccount' || k === 'sts:externalid' || k === 'aws:sourcearn');
    if (anyone) {
      findings.push({ ...finding('IAM_TRUST_PUBLIC', conditioned ? 'high' : 'critical', path,
        `${label} lets any AWS principal assume it (${s.notPrincipal !== undefined ? 'NotPrincipal' : 'Principal "*"'})${conditioned ? ', limited only by its conditions' : ''}. Name the accounts or roles that may assume it.`), principal: `role ${role.name}` });
      continue;
    }
    const foreign = aws.filter((p) => { const id = accountOf(p); return id !== undefined && id !== account; });
    if (foreign.length > 0 && !hasExternalId) {
      findings.push({ ...finding('IAM_TRUST_CROSS_ACCOUNT', 'medium', path,
        `${label} trusts another account (${listOf(foreign)}) without an sts:ExternalId condition: a third party acting for several customers can be tricked into using it (confused deputy). Require sts:ExternalId.`), principal: `role ${role.name}` });
    }
    const compute = services.filter((svc) => COMPUTE_SERVICES.has(svc));
    if (compute.length > 0 && powerful) {
      findings.push({ ...finding('IAM_TRUST_PASSROLE_TARGET', 'medium', path,
        `${label} lets ${listOf(compute)} run code as this role, which can raise its own permissions: whoever may pass it (iam:PassRole) to that service gets them. Keep PassRole on it for administrators, or narrow the role.`), principal: `role ${role.name}` });
    }
    if (federated.length > 0 && conditionKeys(s).length === 0) {
      findings.push({ ...finding('IAM_TRUST_CROSS_ACCOUNT', 'medium', path,
        `${label} trusts the identity provider ${listOf(federated)} with no condition on the token (audience, subject): any identity of that provider can assume it. Add conditions on its claims.`), principal: `role ${role.name}` });
    }
  }
  return findings;
}

function principalsOf(s: Statement): { aws: string[]; services: string[]; federated: string[] } {
  const p = s.principal;
  if (p === '*') return { aws: ['*'], services: [], federated: [] };
  if (!isRecord(p)) return { aws: [], services: [], federated: [] };
  return { aws: stringList(p['AWS']), services: stringList(p['Service']), federated: stringList(p['Federated']) };
}

/** `123456789012`, `arn:aws:iam::123456789012:root` or `…:role/x` → the account id. */
function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const id = principal.split(':')[4];
  return id && /^\d{12}$/.test(id) ? id : undefined;
}
