// The AWS CLI's own documentation examples (test/fixtures/aws-cli-docs, copied as printed, see its
// SOURCES.md): output no one here wrote, faults included. Three of them are not valid JSON (a
// missing comma, a trailing comma), one is a credential report without its report, one an account
// summary from before AccountAccessKeysPresent, one an authorization-details page that attaches a
// group's policy as an object and says it is truncated. Each gets the findings it must, and a
// refusal names the line, the column and the fault.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { analyzeDocument, analyzeDocumentStream, AnalyzerError } from '../../../electron/core/analyzers/index';
import type { AnalyzedDocument } from '../../../shared/analysis';
import { aboveInfo, brief, NOW } from './helpers';

const DOCS = new URL('../../fixtures/aws-cli-docs/', import.meta.url);
const analyzeDoc = (name: string) => analyzeDocument({ file: name, content: readFileSync(new URL(name, DOCS)), now: NOW });
const documentNamed = (name: string): AnalyzedDocument => {
  const result = analyzeDoc(name);
  if (result.type !== 'document') throw new Error(`${name} was not analysed as a configuration document`);
  return result;
};
const refusalOf = (name: string): AnalyzerError => {
  try {
    analyzeDoc(name);
  } catch (error) {
    if (error instanceof AnalyzerError) return error;
    throw error;
  }
  throw new Error(`${name} was not refused`);
};

describe('the AWS CLI documentation examples', () => {
  it('describe-trails: two single-region trails without log validation, one without KMS, one without CloudWatch Logs', () => {
    const doc = documentNamed('cloudtrail-describe-trails.json');
    expect(doc.kind).toBe('cloudtrail-trails');
    expect(brief(doc.findings)).toEqual([
      ['CT_NOT_MULTI_REGION', 'high', 'trailList[0].IsMultiRegionTrail'],
      ['CT_NO_LOG_VALIDATION', 'medium', 'trailList[0].LogFileValidationEnabled'],
      ['CT_NO_KMS', 'medium', 'trailList[0].KmsKeyId'],
      ['CT_NOT_MULTI_REGION', 'high', 'trailList[1].IsMultiRegionTrail'],
      ['CT_NO_LOG_VALIDATION', 'medium', 'trailList[1].LogFileValidationEnabled'],
      ['CT_NO_CLOUDWATCH_LOGS', 'medium', 'trailList[1].CloudWatchLogsLogGroupArn'],
    ]);
  });

  it.each([
    ['cloudtrail-get-trail-status.json', 'cloudtrail-trail-status'],
    ['ec2-describe-flow-logs.json', 'ec2-flow-logs'],
    ['kms-get-key-rotation-status.json', 'kms-key-rotation-status'],
  ])('%s is read as %s with nothing wrong', (name, kind) => {
    const doc = documentNamed(name);
    expect(doc.kind).toBe(kind);
    expect(aboveInfo(doc.findings)).toEqual([]);
  });

  it('describe-network-acls: every ACL that lets all traffic in, IPv4 and IPv6, and not the one that denies all', () => {
    const doc = documentNamed('ec2-describe-network-acls.json');
    expect(brief(doc.findings)).toEqual([
      ['NACL_ALLOW_ALL_INGRESS', 'medium', 'NetworkAcls[0].Entries[2]'],
      ['NACL_ALLOW_ALL_INGRESS', 'medium', 'NetworkAcls[2].Entries[2]'],
      ['NACL_ALLOW_ALL_INGRESS', 'medium', 'NetworkAcls[3].Entries[2]'],
      ['NACL_ALLOW_ALL_INGRESS', 'medium', 'NetworkAcls[3].Entries[3]'],
    ]);
  });

  it('get-bucket-policy: public read of every object is critical; its Deny statement gives nothing', () => {
    const doc = documentNamed('s3api-get-bucket-policy.json');
    expect(brief(doc.findings)).toEqual([
      ['S3_NO_SECURE_TRANSPORT', 'high', 'Statement'],
      ['S3_PUBLIC_PRINCIPAL', 'critical', 'Statement[0]'],
    ]);
  });

  it('get-user-policy: "*" on "*" is administrator access', () => {
    const doc = documentNamed('iam-get-user-policy.json');
    expect(doc.kind).toBe('iam-policy');
    expect(brief(doc.findings)).toContainEqual(['IAM_ACTION_WILDCARD', 'critical', 'Statement[0]']);
    expect(brief(doc.findings)).toContainEqual(['IAM_PRIVILEGE_ESCALATION', 'high', 'Statement[0]']);
  });

  it('get-account-summary without AccountAccessKeysPresent: root without MFA is found, and the document vouches for nothing', () => {
    const doc = documentNamed('iam-get-account-summary.json');
    expect(brief(doc.findings)).toEqual([['IAM_ROOT_NO_MFA', 'critical', 'SummaryMap.AccountMFAEnabled']]);
    expect(doc.evidences).toEqual([]);
    expect(doc.subject).toBe('account summary (not in this export, so not checked: root access keys (AccountAccessKeysPresent))');
  });

  it('get-account-authorization-details, one truncated page: a group\'s policy given as an object is read, the page is said to be one of several, nothing is vouched for', () => {
    const doc = documentNamed('iam-get-account-authorization-details.json');
    expect(doc.subject).toBe('account authorization details (3 users, 3 groups, 1 role, first page only)');
    expect(doc.evidences).toEqual([]);
    const malformed = doc.findings.filter((f) => f.code === 'IAM_MALFORMED');
    // Admins and Dev attach AdministratorAccess and PowerUserAccess as one object each: seen, and missing from this page
    expect(malformed.find((f) => f.path === 'GroupDetailList[0]')?.message).toContain('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(malformed.find((f) => f.path === 'GroupDetailList[1]')?.message).toContain('arn:aws:iam::aws:policy/PowerUserAccess');
    expect(malformed.find((f) => f.path === 'UserDetailList[0]')?.message).toContain('user Alice');
    expect(malformed.find((f) => f.path === 'IsTruncated')?.message).toContain('one page of several');
    // a managed policy attached to no principal on this page is still judged: iam:CreatePolicyVersion escalates
    const escalation = doc.findings.find((f) => f.code === 'IAM_PRIVILEGE_ESCALATION' && f.path.startsWith('managed policy create-update-delete-set-managed-policies'));
    expect(escalation?.message).toContain('iam:CreatePolicyVersion');
    expect(escalation?.principal).toContain('attached to no principal in this export');
  });

  it('get-credential-report without Content is refused as a report without its CSV, saying how to get it', () => {
    const error = refusalOf('iam-get-credential-report.json');
    expect(error.code).toBe('DOCUMENT_UNREADABLE');
    expect(error.message).toMatch(/^iam-get-credential-report\.json: it is the answer of aws iam get-credential-report without its Content, the report itself .*generate-credential-report/);
  });

  it.each([
    ['iam-get-policy-version.json', 'line 15, column 9 (a \',\' is missing before it)'],
    ['iam-get-role-policy.json', 'line 18, column 3 (a \',\' is missing before it)'],
    ['ec2-describe-security-groups.json', 'line 52, column 9 (a \',\' with nothing after it: remove the trailing comma)'],
  ])('%s is not valid JSON as printed: refused at %s', (name, place) => {
    const error = refusalOf(name);
    expect(error.code).toBe('DOCUMENT_UNREADABLE');
    expect(error.message).toContain(`${name}: it is not valid JSON at ${place}.`);
  });

  it('securityhub get-findings: an archived PCI DSS v3.2.1 pass is closed and maps no v4.0.1 requirement; a CIS 1.2.0 root-MFA failure that was only notified stays a failure', () => {
    const pci = analyzeDoc('securityhub-get-findings-pci.json');
    const cis = analyzeDoc('securityhub-get-findings-cis.json');
    if (pci.type !== 'scanner' || cis.type !== 'scanner') throw new Error('not read as scanner imports');
    expect(pci.findings.map((f) => [f.checkId, f.status, f.severity, f.requirements, f.controls])).toEqual([['PCI.Lambda.2', 'closed', 'info', [], []]]);
    expect(pci.counts.failed).toBe(0);
    // printed with --max-items 1: a NextToken says later pages were not read
    expect(pci.partial).toMatch(/^it is one page of several \(its NextToken is set/);
    expect(cis.partial).toBeUndefined();
    expect(cis.findings.map((f) => [f.checkId, f.status, f.severity, f.controls, f.mappedBy])).toEqual([['CIS-1.2.0/1.13', 'fail', 'critical', ['AC-02'], 'check']]);
  });

  it('say the same read as a stream (as cwb analyze and the app read files) as read whole, refusals included', async () => {
    const outcome = async (run: () => unknown) => {
      try {
        return { result: await run() };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    };
    for (const name of readdirSync(DOCS).filter((f) => f.endsWith('.json'))) {
      const content = readFileSync(new URL(name, DOCS));
      async function* chunks(): AsyncGenerator<Uint8Array> {
        for (let i = 0; i < content.length; i += 97) yield content.subarray(i, i + 97);
      }
      const whole = await outcome(() => analyzeDocument({ file: name, content, now: NOW }));
      const streamed = await outcome(() => analyzeDocumentStream({ file: name, chunks: chunks(), now: NOW }));
      expect(streamed, name).toEqual(whole);
    }
  });
});
