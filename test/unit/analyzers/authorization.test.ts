// aws iam get-account-authorization-details: effective permissions per user, group and role,
// findings named by principal, trust policies checked, and no compliance claim on an incomplete export.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/analysis';
import { analyzeDocument, suggestStatuses } from '../../../electron/core/analyzers/index';
import { aboveInfo, documentOf, NOW } from './helpers';

const by = (findings: readonly Finding[], principal: string) => findings.filter((f) => f.principal === principal).map((f) => f.code);

describe('iam-authorization-details', () => {
  const doc = documentOf('iam-authorization-details', 'account.json');

  it('is recognised and says what it covers', () => {
    expect(doc.kind).toBe('iam-authorization-details');
    expect(doc.subject).toBe('account authorization details (3 users, 1 group, 5 roles)');
  });

  it('a user inherits its group\'s attached managed policy: PassRole on any role + CreateTrainingJob', () => {
    const alice = doc.findings.find((f) => f.principal === 'user alice' && f.code === 'IAM_PRIVILEGE_ESCALATION');
    expect(alice?.methods).toEqual(['sagemaker-002']);
    expect(alice?.path).toBe('managed policy ml-scientist Statement[0], managed policy ml-scientist Statement[1]');
    expect(by(doc.findings, 'group data-scientists')).toContain('IAM_PRIVILEGE_ESCALATION');
  });

  it('an inline user policy with lambda:UpdateFunctionCode on every function is escalation (lambda-003)', () => {
    const carol = doc.findings.find((f) => f.principal === 'user carol' && f.code === 'IAM_PRIVILEGE_ESCALATION');
    expect(carol?.methods).toEqual(['lambda-003']);
    expect(carol?.path).toBe('user carol inline policy fix-lambdas Statement[0]');
  });

  it('IAMReadOnlyAccess and a role scoped to one bucket give nothing', () => {
    for (const principal of ['user bob', 'role ml-train', 'role partner-sync']) expect(by(doc.findings, principal)).toEqual([]);
  });

  it('a managed policy\'s own statements are checked once, not once per holder', () => {
    expect(doc.findings.filter((f) => f.code === 'IAM_ACTION_WILDCARD').map((f) => f.path)).toEqual(['managed policy AdministratorAccess Statement[0]']);
  });

  it('trust policies: anyone, another account without sts:ExternalId, a compute service on a powerful role', () => {
    const trust = doc.findings.filter((f) => f.code.startsWith('IAM_TRUST_')).map((f) => [f.code, f.severity, f.principal, f.path]);
    expect(trust).toEqual([
      ['IAM_TRUST_PASSROLE_TARGET', 'medium', 'role ops-admin', 'RoleDetailList[1] AssumeRolePolicyDocument Statement[0]'],
      ['IAM_TRUST_CROSS_ACCOUNT', 'medium', 'role vendor-audit', 'RoleDetailList[2] AssumeRolePolicyDocument Statement[0]'],
      ['IAM_TRUST_PUBLIC', 'critical', 'role anyone', 'RoleDetailList[4] AssumeRolePolicyDocument Statement[0]'],
    ]);
  });

  it('a clean export evidences AC-06..AC-09 and is suggested compliant for them', () => {
    const clean = documentOf('iam-authorization-details', 'clean.json');
    expect(aboveInfo(clean.findings)).toEqual([]);
    expect(suggestStatuses(clean.findings, clean.evidences).map((s) => [s.controlId, s.status])).toEqual([
      ['AC-06', 'compliant'], ['AC-07', 'compliant'], ['AC-08', 'compliant'], ['AC-09', 'compliant'],
    ]);
  });

  it('an attached policy missing from the export leaves permissions unknown: no evidence, a finding saying what to export', () => {
    const partial = documentOf('iam-authorization-details', 'missing-managed-policy.json');
    expect(partial.evidences).toEqual([]);
    expect(partial.findings.map((f) => [f.code, f.path])).toEqual([['IAM_MALFORMED', 'UserDetailList[0]']]);
    expect(partial.findings[0]?.message).toContain('arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    expect(suggestStatuses(partial.findings, partial.evidences).filter((s) => s.status === 'compliant')).toEqual([]);
  });
  it('a managed policy no principal attaches is judged alone; of one ARN listed twice, principals get the later', () => {
    const policy = (name: string, arn: string, action: string) => ({
      PolicyName: name, Arn: arn, DefaultVersionId: 'v1',
      PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] } }],
    });
    const account = {
      UserDetailList: [{ UserName: 'dana', AttachedManagedPolicies: [{ PolicyName: 'twice', PolicyArn: 'arn:aws:iam::111122223333:policy/twice' }], UserPolicyList: [], GroupList: [] }],
      GroupDetailList: [], RoleDetailList: [],
      Policies: [
        policy('loose', 'arn:aws:iam::111122223333:policy/loose', 'iam:CreatePolicyVersion'),
        policy('twice', 'arn:aws:iam::111122223333:policy/twice', 'iam:AttachUserPolicy'),
        policy('twice', 'arn:aws:iam::111122223333:policy/twice', 's3:ListAllMyBuckets'),
      ],
    };
    const result = analyzeDocument({ file: 'account.json', content: Buffer.from(JSON.stringify(account)), now: NOW });
    if (result.type !== 'document') throw new Error('not a document');
    const escalations = result.findings.filter((f) => f.code === 'IAM_PRIVILEGE_ESCALATION').map((f) => f.principal);
    expect(escalations).toEqual([
      'managed policy loose (arn:aws:iam::111122223333:policy/loose; attached to no principal in this export)',
      'managed policy twice (arn:aws:iam::111122223333:policy/twice; attached to no principal in this export)',
    ]);
    expect(by(result.findings, 'user dana')).toEqual([]);
  });
});
