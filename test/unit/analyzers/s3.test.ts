import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../electron/core/analyzers/index';
import { brief, documentOf } from './helpers';

function bucketPolicy(statements: unknown[]) {
  const result = analyzeDocument({ file: 'p.json', content: JSON.stringify({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }) });
  if (result.type !== 'document') throw new Error('not a document');
  return result;
}
const B = 'arn:aws:s3:::acme-ml-training-data';
const tlsDeny = (resource: unknown, action: unknown = 's3:*') => ({
  Effect: 'Deny', Principal: { AWS: '*' }, Action: action, Resource: resource, Condition: { Bool: { 'aws:SecureTransport': false } },
});

describe('aws s3api get-bucket-policy', () => {
  it.each(['clean.json', 'clean-raw.json'])('clean (%s): TLS enforced, named principals only', (name) => {
    const doc = documentOf('s3-bucket-policy', name);
    expect(doc.findings).toEqual([]);
    expect(doc.subject).toBe('bucket acme-ml-training-data');
    expect(doc.evidences).toEqual(['DS-05']);
  });

  it('S3_NO_SECURE_TRANSPORT: no TLS deny at all', () => {
    const doc = documentOf('s3-bucket-policy', 'no-secure-transport.json');
    expect(brief(doc.findings)).toEqual([['S3_NO_SECURE_TRANSPORT', 'high', 'Statement']]);
    expect(doc.findings[0]?.controls).toEqual(['DS-05']);
  });

  it('S3_NO_SECURE_TRANSPORT: the deny covers the objects but not the bucket', () => {
    const doc = documentOf('s3-bucket-policy', 'secure-transport-objects-only.json');
    expect(brief(doc.findings)).toEqual([['S3_NO_SECURE_TRANSPORT', 'medium', 'Statement[0]']]);
    expect(doc.findings[0]?.message).toContain('the bucket acme-ml-training-data itself');
  });

  it('S3_NO_SECURE_TRANSPORT: a deny limited to some actions', () => {
    const doc = bucketPolicy([tlsDeny([B, `${B}/*`], ['s3:GetObject', 's3:PutObject'])]);
    expect(brief(doc.findings)).toEqual([['S3_NO_SECURE_TRANSPORT', 'medium', 'Statement[0]']]);
  });

  it('a single wildcard resource covering bucket and objects is enough', () => {
    expect(bucketPolicy([tlsDeny(`${B}*`)]).findings).toEqual([]);
  });

  it('S3_PUBLIC_PRINCIPAL: Allow to "*" whose only condition is TLS', () => {
    const doc = documentOf('s3-bucket-policy', 'public-principal.json');
    expect(brief(doc.findings)).toEqual([['S3_PUBLIC_PRINCIPAL', 'critical', 'Statement[2]']]);
    expect(doc.findings[0]?.controls).toEqual(['AC-16']);
  });

  it('a public statement pinned to an organisation or VPC endpoint is not flagged; NotPrincipal is', () => {
    const doc = bucketPolicy([
      tlsDeny([B, `${B}/*`]),
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${B}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: `${B}/*` },
    ]);
    expect(brief(doc.findings)).toEqual([['S3_PUBLIC_PRINCIPAL', 'critical', 'Statement[2]']]);
  });
});

describe('aws s3api get-bucket-encryption', () => {
  it('clean: SSE-KMS with a customer-managed key', () => {
    const doc = documentOf('s3-bucket-encryption', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['DS-01', 'DS-02']);
  });

  it('S3_NOT_KMS: SSE-S3 (AES256)', () => {
    const doc = documentOf('s3-bucket-encryption', 'sse-s3.json');
    expect(brief(doc.findings)).toEqual([['S3_NOT_KMS', 'medium', 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm']]);
    expect(doc.findings[0]?.controls).toEqual(['DS-01']);
  });

  it('S3_NOT_KMS: SSE-KMS with the AWS managed key aws/s3', () => {
    const doc = documentOf('s3-bucket-encryption', 'aws-managed-key.json');
    expect(brief(doc.findings)).toEqual([['S3_NOT_KMS', 'low', 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID']]);
  });
});

describe('aws s3api get-public-access-block', () => {
  it('clean: all four settings on', () => {
    expect(documentOf('s3-public-access-block', 'clean.json').findings).toEqual([]);
  });

  it('S3_PUBLIC_ACCESS_BLOCK_OFF: one finding per setting that is off', () => {
    const doc = documentOf('s3-public-access-block', 'off.json');
    expect(brief(doc.findings)).toEqual([
      ['S3_PUBLIC_ACCESS_BLOCK_OFF', 'high', 'PublicAccessBlockConfiguration.BlockPublicPolicy'],
      ['S3_PUBLIC_ACCESS_BLOCK_OFF', 'high', 'PublicAccessBlockConfiguration.RestrictPublicBuckets'],
    ]);
  });
});
