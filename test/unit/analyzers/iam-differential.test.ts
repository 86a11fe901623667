// The fast IAM judgement (action sets per statement, shared per policy) against the plain
// reference in iam-reference.ts, on a few hundred generated policies and permission sets that mix
// every element the judgement reads: wildcards, NotAction, NotResource, typed resources, Denies
// with and without conditions, MFA guards, self-service resources and unknown actions.
import { describe, expect, it } from 'vitest';
import { analyzeIamPolicy } from '../../../electron/core/analyzers/iam';
import { assessPermissions } from '../../../electron/core/analyzers/iam-permissions';
import { readPolicy } from '../../../electron/core/analyzers/policy';
import { referenceAnalyzeIamPolicy, referenceAssessPermissions } from './iam-reference';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIONS = [
  '*', '*:*', 's3:*', 's3:Get*', 's3:GetObject', 's3:PutBucketPolicy', 's3:?utObject', 'iam:*', 'iam:Pass*', 'iam:PassRole',
  'iam:CreateAccessKey', 'iam:CreatePolicyVersion', 'iam:Attach*', 'iam:Put*Policy', 'iam:UpdateLoginProfile', 'iam:Get*', 'iam:List*',
  'sts:AssumeRole', 'ec2:*', 'ec2:RunInstances', 'ec2:Describe*', 'lambda:*', 'lambda:UpdateFunctionCode', 'lambda:CreateFunction',
  'lambda:InvokeFunction', 'glue:UpdateDevEndpoint', 'sagemaker:*', 'sagemaker:Delete*', 'sagemaker:DeleteEndpoint',
  'sagemaker:DeleteModel', 'sagemaker:CreatePresignedNotebookInstanceUrl', 'sagemaker:Describe*', 'kms:Decrypt', 'kms:*',
  'secretsmanager:GetSecretValue', 'ssm:GetParameter*', 'ecr:GetAuthorizationToken', 'codebuild:StartBuild', 'cloudformation:*',
  'logs:*', 'cloudtrail:StopLogging', 'dynamodb:Scan', 'S3:GETOBJECT', 'Iam:passrole', 's3:NoSuchAction', 'nosuchservice:Get*',
  'ec2*:Describe*', '*:Get*', 'rds:Create*', 'autoscaling:Create*', 'ssm:SendCommand',
];
const RESOURCES = [
  '*', '*', 'arn:aws:s3:::*', 'arn:aws:s3:::data/*', 'arn:aws:s3:::*/*', 'arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:*',
  'arn:aws:iam::111122223333:role/Train', 'arn:aws:iam::111122223333:user/${aws:username}', 'arn:aws:sagemaker:*:*:endpoint/*',
  'arn:aws:lambda:*:*:function:*', 'arn:aws:kms:eu-west-1:111122223333:key/abc', 'arn:aws:ec2:*:*:instance/*',
];
const CONDITIONS = [
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  { Null: { 'aws:MultiFactorAuthAge': 'true' } },
];

function generate(count: number, seed: number): Array<Record<string, unknown>> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const some = <T>(items: readonly T[], max: number): T[] => Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(items));
  return Array.from({ length: count }, (_, i) => {
    const statements = Array.from({ length: 1 + Math.floor(random() * 6) }, (_s, j) => {
      const statement: Record<string, unknown> = { Effect: random() < 0.75 ? 'Allow' : 'Deny' };
      if (random() < 0.5) statement['Sid'] = `S${i}x${j}`;
      statement[random() < 0.12 ? 'NotAction' : 'Action'] = random() < 0.3 ? pick(ACTIONS) : some(ACTIONS, 5);
      statement[random() < 0.08 ? 'NotResource' : 'Resource'] = random() < 0.4 ? pick(RESOURCES) : some(RESOURCES, 3);
      if (random() < 0.25) statement['Condition'] = pick(CONDITIONS);
      return statement;
    });
    return { Version: '2012-10-17', Statement: random() < 0.1 ? statements[0] : statements };
  });
}

describe('IAM judgement: fast path equals the plain reference', () => {
  it('gives the same findings for 300 generated policies read alone', () => {
    const policies = generate(300, 7);
    let findings = 0;
    for (const doc of policies) {
      const fast = analyzeIamPolicy(doc);
      expect(fast, JSON.stringify(doc)).toEqual(referenceAnalyzeIamPolicy(doc));
      findings += fast.length;
    }
    // The generator must reach the risk categories, or the comparison proves little.
    expect(findings).toBeGreaterThan(1_000);
  }, 300_000);

  it('gives the same findings for 100 principals holding several policies each', () => {
    const random = mulberry32(11);
    const docs = generate(60, 13).map((doc, i) => ({ label: `managed policy p${i}`, statements: readPolicy(doc, 'identity').statements }));
    for (let i = 0; i < 100; i++) {
      const policies = Array.from({ length: 1 + Math.floor(random() * 4) }, () => docs[Math.floor(random() * docs.length)]!);
      const set = { principal: random() < 0.5 ? `role r${i}` : `user u${i}`, policies: [...new Set(policies)] };
      expect(assessPermissions(set)).toEqual(referenceAssessPermissions(set));
    }
  }, 300_000);
});
