import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../electron/core/analyzers/index';
import { changesSomething, expandActionPattern } from '../../../electron/core/analyzers/action-catalog';
import { actionMatches } from '../../../electron/core/analyzers/policy';
import { aboveInfo, brief, documentOf } from './helpers';


function analyzePolicy(doc: unknown) {
  const result = analyzeDocument({ file: 'inline.json', content: JSON.stringify(doc), kind: 'iam-policy' });
  if (result.type !== 'document') throw new Error('not a document');
  return result;
}

describe('IAM policy: one fixture per finding code', () => {
  it('IAM_ACTION_WILDCARD: Allow "*" on "*" is administrator access, and fails every IAM control', () => {
    const doc = documentOf('iam-policy', 'action-wildcard.json');
    expect(brief(doc.findings)).toEqual([
      ['IAM_ACTION_WILDCARD', 'critical', 'Statement[0]'],
      ['IAM_RESOURCE_WILDCARD', 'medium', 'Statement[0]'],
      ['IAM_PASSROLE_WILDCARD', 'high', 'Statement[0]'],
      ['IAM_DESTRUCTIVE_ML', 'high', 'Statement[0]'],
      ['IAM_PRIVILEGE_ESCALATION', 'high', 'Statement[0]'],
      ['IAM_DATA_EXFILTRATION', 'medium', 'Statement[0]'],
      ['IAM_CREDENTIALS_EXPOSURE', 'high', 'Statement[0]'],
      ['IAM_RESOURCE_EXPOSURE', 'high', 'Statement[0]'],
      ['IAM_INFRA_MODIFICATION', 'medium', 'Statement[0]'],
    ]);
    expect(doc.findings[0]?.controls).toEqual(['AC-06']);
    expect(doc.findings[0]?.message).toContain('Sid "Admin"');
  });

  it('IAM_SERVICE_WILDCARD: "s3:*" on named resources is medium', () => {
    const doc = documentOf('iam-policy', 'service-wildcard.json');
    expect(brief(doc.findings)).toEqual([['IAM_SERVICE_WILDCARD', 'medium', 'Statement[0]']]);
    expect(doc.findings[0]?.message).toContain('"s3:*"');
  });

  it('IAM_SERVICE_WILDCARD is high when the resource is "*" too', () => {
    const doc = analyzePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] });
    expect(brief(doc.findings)).toEqual([
      ['IAM_SERVICE_WILDCARD', 'high', 'Statement[0]'],
      ['IAM_RESOURCE_WILDCARD', 'medium', 'Statement[0]'],
      ['IAM_RESOURCE_EXPOSURE', 'high', 'Statement[0]'],
      ['IAM_INFRA_MODIFICATION', 'medium', 'Statement[0]'],
    ]);
    expect(doc.findings[2]?.actions).toEqual(['logs:DeleteResourcePolicy', 'logs:PutResourcePolicy']);
  });

  it('IAM_RESOURCE_WILDCARD: a write action on "*", but not the read-only one beside it', () => {
    const doc = documentOf('iam-policy', 'resource-wildcard.json');
    expect(brief(doc.findings)).toEqual([
      ['IAM_RESOURCE_WILDCARD', 'medium', 'Statement[0]'],
      ['IAM_INFRA_MODIFICATION', 'medium', 'Statement[0]'],
    ]);
    expect(doc.findings[1]?.actions).toEqual(['sagemaker:CreateTrainingJob']);
    expect(doc.findings[0]?.message).toContain('"sagemaker:CreateTrainingJob"');
    expect(doc.findings[0]?.message).not.toContain('DescribeTrainingJob');
    expect(doc.subject).toBe('inline policy start-jobs of user dana.scientist');
  });

  it('IAM_NOTACTION_ALLOW: everything but IAM still reaches SageMaker deletions', () => {
    const doc = documentOf('iam-policy', 'notaction.json');
    expect(brief(doc.findings)).toEqual([
      ['IAM_NOTACTION_ALLOW', 'high', 'Statement[0]'],
      ['IAM_RESOURCE_WILDCARD', 'medium', 'Statement[0]'],
      ['IAM_DESTRUCTIVE_ML', 'high', 'Statement[0]'],
      ['IAM_PRIVILEGE_ESCALATION', 'high', 'Statement[0]'],
      ['IAM_DATA_EXFILTRATION', 'medium', 'Statement[0]'],
      ['IAM_CREDENTIALS_EXPOSURE', 'high', 'Statement[0]'],
      ['IAM_RESOURCE_EXPOSURE', 'high', 'Statement[0]'],
      ['IAM_INFRA_MODIFICATION', 'medium', 'Statement[0]'],
    ]);
    // NotAction "iam:*" keeps IAM out of reach, not the other services' routes.
    expect(doc.findings[3]?.actions?.some((a) => a.startsWith('iam:') && a !== 'iam:PassRole')).toBe(false);
    expect(doc.findings[3]?.methods).toContain('lambda-003');
  });

  it('IAM_NOTRESOURCE_ALLOW', () => {
    const doc = documentOf('iam-policy', 'notresource.json');
    expect(brief(doc.findings)).toEqual([
      ['IAM_NOTRESOURCE_ALLOW', 'medium', 'Statement[0]'],
      ['IAM_DATA_EXFILTRATION', 'medium', 'Statement[0]'],
    ]);
    expect(doc.findings[0]?.controls).toEqual(['AC-07']);
  });

  it('IAM_PASSROLE_WILDCARD: iam:PassRole on every role of the account', () => {
    const doc = documentOf('iam-policy', 'passrole-wildcard.json');
    expect(brief(doc.findings)).toEqual([['IAM_PASSROLE_WILDCARD', 'high', 'Statement[0]']]);
    expect(doc.findings[0]?.controls).toEqual(['AC-08']);
  });

  it('IAM_PRIVILEGE_ESCALATION: CreatePolicyVersion and iam:Attach* (matched by wildcard)', () => {
    const doc = documentOf('iam-policy', 'privilege-escalation.json');
    expect(brief(doc.findings)).toEqual([['IAM_PRIVILEGE_ESCALATION', 'high', 'Statement[1]']]);
    const message = doc.findings[0]?.message ?? '';
    for (const action of ['iam:CreatePolicyVersion', 'iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy']) expect(message).toContain(action);
  });

  it('IAM_PRIVILEGE_ESCALATION: PassRole on any role together with a SageMaker create action in another statement', () => {
    const doc = documentOf('iam-policy', 'passrole-escalation.json');
    expect(brief(doc.findings)).toEqual([
      ['IAM_PASSROLE_WILDCARD', 'high', 'Statement[1]'],
      ['IAM_PRIVILEGE_ESCALATION', 'high', 'Statement[0], Statement[1]'],
      ['IAM_CREDENTIALS_EXPOSURE', 'high', 'Statement[0]'],
      ['IAM_INFRA_MODIFICATION', 'medium', 'Statement[0]'],
    ]);
    expect(doc.findings[1]?.message).toContain('sagemaker:CreateNotebookInstance');
    expect(doc.findings[1]?.methods).toEqual(['sagemaker-001', 'sagemaker-notebook-presigned', 'sagemaker-004']);
  });

  it('IAM_DESTRUCTIVE_ML: sagemaker:Delete* without MFA', () => {
    const doc = documentOf('iam-policy', 'destructive-ml.json');
    expect(brief(doc.findings)).toEqual([
      ['IAM_DESTRUCTIVE_ML', 'high', 'Statement[0]'],
      ['IAM_INFRA_MODIFICATION', 'medium', 'Statement[0]'],
    ]);
    expect(doc.findings[0]?.controls).toEqual(['AC-10', 'AC-04']);
  });

  it('IAM_MALFORMED: bad Version, no Effect, Action with NotAction; the document then evidences nothing', () => {
    const doc = documentOf('iam-policy', 'malformed.json');
    expect(brief(doc.findings)).toEqual([
      ['IAM_MALFORMED', 'medium', 'Version'],
      ['IAM_MALFORMED', 'medium', 'Statement[0]'],
      ['IAM_MALFORMED', 'medium', 'Statement[1]'],
    ]);
    expect(doc.findings.every((f) => f.controls.length === 0)).toBe(true);
    expect(doc.evidences).toEqual([]);
  });

  it('IAM_MALFORMED for other shapes AWS refuses', () => {
    const doc = analyzePolicy({
      Statement: [
        { Effect: 'allow', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Allow', Actions: ['s3:GetObject'], Resource: '*' },
        { Effect: 'Allow', Action: 'GetObject', Resource: 'arn:aws:s3:::b/*', Principal: '*' },
        'not a statement',
        { Effect: 'Allow', Action: [42], Resource: '*', Condition: 'yes' },
      ],
    });
    expect(brief(doc.findings)).toEqual([
      ['IAM_MALFORMED', 'low', 'Version'],
      ['IAM_MALFORMED', 'medium', 'Statement[0]'], // Effect "allow"
      ['IAM_MALFORMED', 'medium', 'Statement[1]'], // unknown element Actions
      ['IAM_MALFORMED', 'medium', 'Statement[1]'], // so no Action at all
      ['IAM_MALFORMED', 'medium', 'Statement[2]'], // not service:action
      ['IAM_MALFORMED', 'medium', 'Statement[2]'], // Principal in an identity policy
      ['IAM_MALFORMED', 'medium', 'Statement[3]'], // not an object
      ['IAM_MALFORMED', 'medium', 'Statement[4]'], // non-string action
      ['IAM_MALFORMED', 'medium', 'Statement[4]'], // Condition not an object
    ]);
    expect(doc.findings[2]?.message).toContain('"Actions"');
    expect(doc.findings[2]?.message).toContain('Action?');
  });
});

describe('IAM policy: clean documents and the forms the AWS CLI prints', () => {
  it.each(['clean.json', 'clean-url-encoded.json', 'clean-url-encoded-raw.txt'])(
    '%s gives no finding above info and evidences AC-06..AC-09',
    (name) => {
      const doc = documentOf('iam-policy', name);
      expect(aboveInfo(doc.findings)).toEqual([]);
      expect(doc.evidences).toEqual(['AC-06', 'AC-07', 'AC-08', 'AC-09']);
    },
  );

  it.each(['clean-raw.json', 'clean-role-policy.json'])('%s: ecr:GetAuthorizationToken on "*" (AWS allows nothing else) is a low credentials finding', (name) => {
    const doc = documentOf('iam-policy', name);
    expect(brief(aboveInfo(doc.findings))).toEqual([['IAM_CREDENTIALS_EXPOSURE', 'low', 'Statement[1]']]);
    expect(doc.findings[0]?.actions).toEqual(['ecr:GetAuthorizationToken']);
  });

  it('destructive-ml-guarded.json: deletions behind an MFA Deny are no IAM_DESTRUCTIVE_ML; UpdateEndpoint on every endpoint is infrastructure', () => {
    const doc = documentOf('iam-policy', 'destructive-ml-guarded.json');
    expect(brief(doc.findings)).toEqual([['IAM_INFRA_MODIFICATION', 'medium', 'Statement[0]']]);
    expect(doc.findings[0]?.actions).toEqual(['sagemaker:DeleteEndpoint', 'sagemaker:UpdateEndpoint']);
  });

  it('decodes URL-encoded documents (get-policy-version Document string, or the whole file)', () => {
    const plain = documentOf('iam-policy', 'clean.json');
    const wrapped = documentOf('iam-policy', 'clean-url-encoded.json');
    const raw = documentOf('iam-policy', 'clean-url-encoded-raw.txt');
    expect(wrapped.subject).toBe('policy version v4');
    expect(plain.subject).toBe('policy version v3');
    expect(raw.kind).toBe('iam-policy');
    // Same document, different wrapping: a finding planted in it shows up in every form.
    const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111122223333:role/x' } };
    const encoded = encodeURIComponent(JSON.stringify(doc));
    for (const content of [JSON.stringify({ PolicyVersion: { Document: encoded, VersionId: 'v9' } }), encoded, JSON.stringify({ RoleName: 'r', PolicyName: 'p', PolicyDocument: JSON.stringify(doc) })]) {
      const result = analyzeDocument({ file: 'x.json', content });
      expect(result.type === 'document' && brief(result.findings)).toEqual([['IAM_PRIVILEGE_ESCALATION', 'high', 'Statement']]);
    }
  });

  it('matches actions case-insensitively, with Statement as a single object', () => {
    const doc = documentOf('iam-policy', 'mixed-case-actions.json');
    expect(brief(doc.findings)).toEqual([['IAM_PRIVILEGE_ESCALATION', 'high', 'Statement']]);
  });

  it('an unconditional Deny removes escalation and PassRole findings it covers', () => {
    const doc = analyzePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:*' },
        { Effect: 'Deny', Action: ['iam:Attach*', 'iam:Put*', 'iam:Create*', 'iam:SetDefaultPolicyVersion', 'iam:UpdateAssumeRolePolicy', 'iam:AddUserToGroup', 'iam:UpdateLoginProfile', 'iam:PassRole'], Resource: '*' },
      ],
    });
    // What the Deny leaves: removing permission boundaries, resetting service credentials, deleting policies.
    expect(brief(doc.findings)).toEqual([
      ['IAM_SERVICE_WILDCARD', 'medium', 'Statement[0]'],
      ['IAM_PRIVILEGE_ESCALATION', 'high', 'Statement[0]'],
      ['IAM_CREDENTIALS_EXPOSURE', 'high', 'Statement[0]'],
      ['IAM_RESOURCE_EXPOSURE', 'high', 'Statement[0]'],
    ]);
    expect(doc.findings[1]?.methods).toEqual(['iam-delete-user-boundary', 'iam-delete-role-boundary']);
    expect(doc.findings[2]?.actions).toEqual(['iam:ResetServiceSpecificCredential']);
    expect(doc.findings[3]?.actions).not.toContain('iam:AttachRolePolicy');
  });

  it('a conditional Deny does not remove them, it lowers them one level', () => {
    const doc = analyzePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: 'arn:aws:iam::111122223333:role/*' },
        { Effect: 'Deny', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
      ],
    });
    expect(brief(doc.findings)).toEqual([
      ['IAM_PRIVILEGE_ESCALATION', 'medium', 'Statement[0]'],
      ['IAM_RESOURCE_EXPOSURE', 'medium', 'Statement[0]'],
    ]);
    expect(doc.findings[0]?.methods).toEqual(['iam-009']);
  });

  it('PassRole to a named role with SageMaker create actions is the normal pattern, not escalation', () => {
    const doc = analyzePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: 'arn:aws:sagemaker:eu-west-1:111122223333:training-job/*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/SageMakerTrainingExecution' },
      ],
    });
    // Starting any training job is infrastructure work; it is not a way up.
    expect(brief(doc.findings)).toEqual([['IAM_INFRA_MODIFICATION', 'medium', 'Statement[0]']]);
  });

  it('PassRole with a condition is still flagged, one level lower', () => {
    const doc = analyzePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }],
    });
    expect(brief(doc.findings)).toEqual([
      ['IAM_RESOURCE_WILDCARD', 'medium', 'Statement[0]'],
      ['IAM_PASSROLE_WILDCARD', 'medium', 'Statement[0]'],
    ]);
  });

  it('credential actions on the caller\'s own user are self-service, on any user they escalate', () => {
    const own = analyzePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::111122223333:user/${aws:username}' }] });
    const any = analyzePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::111122223333:user/*' }] });
    expect(own.findings).toEqual([]);
    expect(brief(any.findings)).toEqual([
      ['IAM_PRIVILEGE_ESCALATION', 'high', 'Statement[0]'],
      ['IAM_CREDENTIALS_EXPOSURE', 'high', 'Statement[0]'],
    ]);
    expect(any.findings[0]?.methods).toEqual(['iam-004']);
  });

  it('Allow "*" with a condition is high, not critical; a Deny "*" is not a finding', () => {
    const doc = analyzePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
      ],
    });
    expect(brief(doc.findings)).toEqual([
      ['IAM_ACTION_WILDCARD', 'high', 'Statement[1]'],
      ['IAM_RESOURCE_WILDCARD', 'medium', 'Statement[1]'],
      ['IAM_PASSROLE_WILDCARD', 'medium', 'Statement[1]'],
      ['IAM_PRIVILEGE_ESCALATION', 'medium', 'Statement[1]'],
      ['IAM_DATA_EXFILTRATION', 'low', 'Statement[1]'],
      ['IAM_CREDENTIALS_EXPOSURE', 'medium', 'Statement[1]'],
      ['IAM_RESOURCE_EXPOSURE', 'medium', 'Statement[1]'],
      ['IAM_INFRA_MODIFICATION', 'low', 'Statement[1]'],
    ]); // no IAM_DESTRUCTIVE_ML: the Deny-without-MFA guards every deletion; the rest holds only under conditions
  });
});

describe('action patterns', () => {
  it.each([
    ['iam:Attach*', 'iam:AttachRolePolicy', true],
    ['IAM:ATTACH*', 'iam:AttachRolePolicy', true],
    ['sagemaker:*', 'sagemaker:DeleteEndpoint', true],
    ['*', 'sagemaker:DeleteEndpoint', true],
    ['sagemaker:Delete?ndpoint', 'sagemaker:DeleteEndpoint', true],
    ['sagemaker:Describe*', 'sagemaker:DeleteEndpoint', false],
    ['s3:Get*', 's3:GetObject.Acl', true],
    ['iam:Attach*', 'iam:DetachRolePolicy', false],
  ])('%s covers %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it('a pattern built to make a regular expression backtrack is answered (wildcards are matched without regex)', () => {
    const pattern = `${'*a'.repeat(30)}*b`;
    expect(actionMatches(pattern, 'a'.repeat(80))).toBe(false);
    expect(actionMatches(pattern, `${'a'.repeat(80)}b`)).toBe(true);
  });

  // Judged by AWS's access level of every action the pattern reaches (the service authorization reference).
  it.each([
    ['s3:GetObject', true],
    ['s3:Get*', true],
    ['redshift:Get*', false], // GetClusterCredentials is a Write in the reference
    ['sagemaker:Describe*', true],
    ['iam:Generate*', true],
    ['iam:Simulate*', true],
    ['s3:*', false],
    ['s3:PutObject', false],
  ])('%s is read-only: %s', (pattern, expected) => {
    expect(expandActionPattern(pattern).every((a) => !changesSomething(a))).toBe(expected);
  });
});
