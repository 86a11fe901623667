// Every topic of the reference guide (shared/reference/aws-ml-security-guide.md) has a control
// that deals with it. Each row names the controls that must mention the topic.
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';

const catalog = loadBuiltinCatalog();

function text(id: string): string {
  const c = catalog.controls.find((x) => x.id === id);
  if (!c) throw new Error(`control ${id} missing`);
  return [c.title, c.objective, ...c.verification.steps, ...c.verification.commands, ...c.evidence].join('\n');
}

const TOPICS: Array<[topic: string, pattern: RegExp, controls: string[]]> = [
  ['Amazon Macie PII discovery', /Macie/, ['DS-08', 'LM-07']],
  ['Comprehend PII detection', /Comprehend/, ['DS-08']],
  ['Glue DataBrew masking', /DataBrew|databrew/, ['DS-09']],
  ['SageMaker Processing for masking', /SageMaker Processing|describe-processing-job/, ['DS-09', 'DS-10']],
  ['Lake Formation column-level security', /Lake Formation/, ['DS-16', 'NS-13']],
  ['data masking', /mask/i, ['DS-09']],
  ['pseudonymisation', /pseudonym/i, ['DS-10']],
  ['tokenisation', /tokenis|token/i, ['DS-11']],
  ['k-anonymity', /\bk\b|k-anonymity/, ['DS-12']],
  ['generalisation and suppression', /generalis/i, ['DS-12']],
  ['perturbation / differential privacy', /differential privacy/, ['DS-12']],
  ['SSE-KMS with a customer-managed key', /SSE-KMS/, ['DS-01']],
  ['KMS key rotation', /rotation/i, ['DS-03']],
  ['TLS for S3 via aws:SecureTransport', /aws:SecureTransport/, ['DS-05']],
  ['HTTPS-only endpoints', /TLS 1\.2/, ['DS-06']],
  ['Secrets Manager, no hard-coded credentials', /Secrets Manager/, ['DS-07']],
  ['training volume encryption', /VolumeKmsKeyId/, ['MP-01']],
  ['output_kms_key for artifacts', /output_kms_key/, ['MP-02']],
  ['inter-container traffic encryption', /inter-container/i, ['MP-03']],
  ['root user not for daily use', /root user/i, ['AC-01']],
  ['MFA for root and privileged users', /\bMFA\b/, ['AC-02', 'AC-03', 'AC-04']],
  ['MFA-enforcing deny policy', /aws:MultiFactorAuthPresent/, ['AC-04']],
  ['separate training / inference / development roles', /training, inference and development/, ['AC-05']],
  ['no wildcard permissions', /s3:\*/, ['AC-06']],
  ['resource-based bucket policies', /bucket polic/i, ['AC-16']],
  ['prevent data scientists deleting production models', /sagemaker:DeleteModel/, ['AC-10']],
  ['roles instead of long-term keys', /access keys/i, ['AC-11']],
  ['groups, not per-user policies', /group/i, ['AC-12']],
  ['regular audits and IAM Access Analyzer', /Access Analyzer/, ['AC-13']],
  ['SageMaker Role Manager personas and activities', /Role Manager/, ['AC-15']],
  ['Lambda may only invoke the endpoint', /InvokeEndpoint/, ['AC-20']],
  ['VPC mode with private subnets', /VPC mode/, ['NS-01']],
  ['RDS access from training in the VPC', /RDS/, ['NS-01']],
  ['network isolation', /network isolation/i, ['NS-02']],
  ['S3 gateway endpoint', /gateway endpoint/i, ['NS-03']],
  ['SageMaker Runtime interface endpoint', /sagemaker\.runtime/, ['NS-04']],
  ['security groups', /security group/i, ['NS-05']],
  ['NACL deny rules to block an IP', /network ACL/i, ['NS-06']],
  ['no public inference endpoints', /public/i, ['NS-07']],
  ['AWS WAF with SQL injection rules and rate limits', /SQL injection/, ['NS-08']],
  ['WAF geo-restrictions', /countr/, ['NS-08']],
  ['Shield Standard and Advanced', /Shield Advanced/, ['NS-09']],
  ['notebook without direct internet access', /DirectInternetAccess/, ['NS-10']],
  ['NAT gateway for package downloads', /NAT gateway/i, ['NS-11']],
  ['VPC peering and PrivateLink', /peering/i, ['NS-13']],
  ['VPN and Direct Connect', /Direct Connect/, ['NS-14']],
  ['CloudTrail for all API calls', /CloudTrail/, ['LM-01']],
  ['CloudTrail data events for sensitive data access', /data events/, ['LM-04']],
  ['VPC Flow Logs', /[Ff]low log/, ['LM-05']],
  ['CloudWatch alarms on suspicious activity', /describe-alarms/, ['LM-06']],
  ['Macie alert when a bucket becomes public', /S3BucketPublic/, ['LM-07']],
  ['Studio in VPC-only mode', /VpcOnly/, ['MP-11']],
  ['BAA with AWS for HIPAA', /business associate/, ['GV-01']],
  ['right to be forgotten', /erasure/i, ['GV-13']],
];

describe('reference guide topics', () => {
  it.each(TOPICS)('%s is dealt with', (_topic, pattern, controls) => {
    for (const id of controls) expect(text(id), id).toMatch(pattern);
  });

  it('covers all the guide\'s best-practice summary items', () => {
    const all = catalog.controls.map((c) => c.id);
    const required = [...new Set(TOPICS.flatMap(([, , ids]) => ids))];
    expect(all).toEqual(expect.arrayContaining(required));
    expect(required.length).toBe(48);
  });
});
