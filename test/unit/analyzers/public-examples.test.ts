// Documents from public repositories (test/fixtures/public, see its SOURCES.md): output no one here
// wrote. S3 answers LocalStack recorded against real AWS (the answer body as the AWS CLI prints it),
// Prowler's own example of its -M csv output and the CSV its API tests upload, and the compliance
// CSV Prowler's generic (NIST 800-53) writer test expects. Each gets exactly the findings it must,
// and a Prowler CSV finding maps the same controls as the same finding in Prowler's JSON-OCSF.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { analyzeDocument, analyzeDocumentStream } from '../../../electron/core/analyzers/index';
import type { AnalyzedDocument, ScannerImport } from '../../../shared/analysis';
import { brief, NOW, requirementControls } from './helpers';

const PUBLIC = new URL('../../fixtures/public/', import.meta.url);
const analyzePublic = (name: string) =>
  analyzeDocument({ file: name, content: readFileSync(new URL(name, PUBLIC)), now: NOW, requirementControls });
const documentNamed = (name: string): AnalyzedDocument => {
  const result = analyzePublic(name);
  if (result.type !== 'document') throw new Error(`${name} was not analysed as a configuration document`);
  return result;
};
const importNamed = (name: string): ScannerImport => {
  const result = analyzePublic(name);
  if (result.type !== 'scanner') throw new Error(`${name} was not read as a scanner import`);
  return result;
};
const codes = (doc: AnalyzedDocument) => doc.findings.map((f) => f.code);

describe('S3 answers recorded against AWS (LocalStack snapshots)', () => {
  it('get-bucket-encryption, the default of a new bucket: SSE-S3 (AES256) is not KMS', () => {
    const doc = documentNamed('s3-get-bucket-encryption-sse-s3.json');
    expect(doc.kind).toBe('s3-bucket-encryption');
    expect(brief(doc.findings)).toEqual([
      ['S3_NOT_KMS', 'medium', 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm'],
    ]);
    expect(doc.findings[0]?.message).toContain('SSE-S3 (AES256)');
    expect(doc.evidences).toEqual(['DS-01', 'DS-02']);
  });

  it('get-bucket-encryption, aws:kms with no KMSMasterKeyID: the AWS managed key aws/s3, low, not the medium of SSE-S3', () => {
    const doc = documentNamed('s3-get-bucket-encryption-kms-aws-managed.json');
    expect(doc.kind).toBe('s3-bucket-encryption');
    expect(brief(doc.findings)).toEqual([
      ['S3_NOT_KMS', 'low', 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID'],
    ]);
    expect(doc.findings[0]?.message).toContain('AWS managed key (aws/s3)');
  });

  it('get-bucket-encryption, aws:kms with a key of its own (the id LocalStack masked as <uuid:1>): nothing wrong', () => {
    const doc = documentNamed('s3-get-bucket-encryption-kms-key.json');
    expect(doc.kind).toBe('s3-bucket-encryption');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['DS-01', 'DS-02']);
  });

  it('get-public-access-block of a new bucket: all four settings on, nothing found', () => {
    const doc = documentNamed('s3-get-public-access-block-default.json');
    expect(doc.kind).toBe('s3-public-access-block');
    expect(doc.findings).toEqual([]);
  });

  it('get-public-access-block after all four were put to false: each one is found, high, and nothing else', () => {
    const doc = documentNamed('s3-get-public-access-block-all-off.json');
    expect(doc.kind).toBe('s3-public-access-block');
    expect(brief(doc.findings)).toEqual([
      ['S3_PUBLIC_ACCESS_BLOCK_OFF', 'high', 'PublicAccessBlockConfiguration.BlockPublicAcls'],
      ['S3_PUBLIC_ACCESS_BLOCK_OFF', 'high', 'PublicAccessBlockConfiguration.IgnorePublicAcls'],
      ['S3_PUBLIC_ACCESS_BLOCK_OFF', 'high', 'PublicAccessBlockConfiguration.BlockPublicPolicy'],
      ['S3_PUBLIC_ACCESS_BLOCK_OFF', 'high', 'PublicAccessBlockConfiguration.RestrictPublicBuckets'],
    ]);
    expect(codes(doc)).not.toContain('S3_PUBLIC_PRINCIPAL');
  });
});

describe("Prowler's own -M csv files", () => {
  it("examples/output/example_output_aws.csv (CRLF, placeholders for ids): FAIL, MANUAL and their severities; only Access Analyzer maps", () => {
    const imported = importNamed('prowler-example-output-aws.csv');
    expect(imported.kind).toBe('prowler-csv');
    expect(imported.findings.map((f) => [f.checkId, f.status, f.severity, f.resource, f.controls, f.mappedBy])).toEqual([
      ['accessanalyzer_enabled', 'fail', 'low', '<resource_uid>', ['AC-13'], 'check'],
      // CIS 1.1 / 1.2 (contact details) are manual recommendations with no Security Hub control;
      // "AWS-Foundational-Security-Best-Practices: account, acm" are Prowler's FSBP section names, not control ids
      ['account_maintain_current_contact_details', 'manual', 'medium', '<resource_uid>', [], null],
      ['account_maintain_different_contact_details_to_security_billing_and_operations', 'fail', 'medium', '<resource_uid>', [], null],
      ['account_security_contact_information_is_registered', 'manual', 'medium', '<resource_uid>:root', [], null],
    ]);
    // no HIPAA, GDPR or PCI DSS v4 group in any row: no requirement of ours
    expect(imported.findings.flatMap((f) => f.requirements)).toEqual([]);
    expect(imported.findings[0]?.title).toBe('IAM Access Analyzer in account <account_uid> is not enabled.');
    expect(imported.counts).toEqual({ total: 4, failed: 2, mapped: 1, unmapped: 3 });
    expect(imported.partial).toBeUndefined();
  });

  it('api/tests/manual/test_prowler_output.csv maps each finding as its JSON-OCSF twin does: a CIS 1.4 2.1.5 group is Security Hub S3.1', () => {
    const csv = importNamed('prowler-api-test-output.csv');
    expect(csv.kind).toBe('prowler-csv');
    expect(csv.findings.map((f) => [f.id, f.checkId, f.status, f.severity, f.resource, f.controls, f.mappedBy])).toEqual([
      ['prowler-aws-accessanalyzer_enabled-123456789012-us-east-1-94270697', 'accessanalyzer_enabled', 'fail', 'low', 'arn:aws:iam::123456789012:root', ['AC-13'], 'check'],
      // not a Prowler check id; its "CIS-1.4: 2.1.5 | CIS-2.0: 2.1.4" groups place it under S3.1 (block public access)
      ['prowler-aws-s3_bucket_public_access-123456789012-us-west-2-2f70ae6b', 's3_bucket_public_access_block_enabled', 'pass', 'info', 'arn:aws:s3:::test-bucket-0747aba2', ['AC-16'], 'standard'],
      // FSBP EC2.8 (IMDSv2): no control of ours tests it
      ['prowler-aws-ec2_imdsv2-123456789012-us-east-1-581945ab', 'ec2_instance_imdsv2_enabled', 'pass', 'info', 'arn:aws:ec2:us-east-1:123456789012:instance/i-69959ef48fdd', [], null],
    ]);
    // "PCI-DSS-3.2.1: 1.2.1, 1.3.1" are v3.2.1 numbers: no v4.0.1 requirement comes of them
    expect(csv.findings.flatMap((f) => f.requirements)).toEqual([]);
    expect(csv.counts).toEqual({ total: 3, failed: 1, mapped: 2, unmapped: 1 });

    // the same three findings as Prowler's JSON-OCSF test output (test/fixtures/aws/prowler-ocsf)
    const ocsfName = 'prowler-repo-api-test-output.ocsf.json';
    const ocsf = analyzeDocument({ file: ocsfName, content: readFileSync(new URL(`../../fixtures/aws/prowler-ocsf/${ocsfName}`, import.meta.url)), now: NOW, requirementControls });
    if (ocsf.type !== 'scanner') throw new Error('the OCSF twin was not read as a scanner import');
    const mapping = (i: ScannerImport) => i.findings.map((f) => [f.checkId, f.status, f.severity, f.controls, f.mappedBy, f.requirements]);
    expect(mapping(csv)).toEqual(mapping(ocsf));
  });
});

describe("Prowler's compliance CSV (the generic writer's NIST 800-53 Rev. 4 test)", () => {
  it('a PASS of a check we do not know and a MANUAL requirement: both kept, neither mapped, no severity', () => {
    const imported = importNamed('prowler-compliance-nist-800-53-rev4-generic-test.csv');
    expect(imported.kind).toBe('prowler-compliance-csv');
    expect(imported.findings.map((f) => [f.id, f.checkId ?? null, f.status, f.severity, f.resource, f.controls, f.mappedBy, f.requirements])).toEqual([
      ['test-check-id|123456789012|eu-west-1|', 'test-check-id', 'pass', null, null, [], null, []],
      // ResourceId "manual_check" is no resource; NIST 800-53 is no framework of ours, so ac_2_5 is no requirement
      ['manual|ac_2_5', null, 'manual', null, null, [], null, []],
    ]);
    expect(imported.findings[1]?.title).toBe('Manual check');
    expect(imported.counts).toEqual({ total: 2, failed: 0, mapped: 0, unmapped: 2 });
  });
});

describe('every public example', () => {
  it('says the same read as a stream (as cwb analyze and the app read files) as read whole', async () => {
    const names = readdirSync(PUBLIC).filter((f) => f.endsWith('.json') || f.endsWith('.csv'));
    expect(names).toHaveLength(8);
    for (const name of names) {
      const content = readFileSync(new URL(name, PUBLIC));
      async function* chunks(): AsyncGenerator<Uint8Array> {
        for (let i = 0; i < content.length; i += 97) yield content.subarray(i, i + 97);
      }
      const whole = analyzeDocument({ file: name, content, now: NOW, requirementControls });
      const streamed = await analyzeDocumentStream({ file: name, chunks: chunks(), now: NOW, requirementControls });
      expect(streamed, name).toEqual(whole);
    }
  });
});
