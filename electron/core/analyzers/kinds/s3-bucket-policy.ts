// aws s3api get-bucket-policy, or a raw bucket policy document.
import type { ConfigurationDescriptor } from '../descriptor';
import { policyKindOf } from '../iam';
import { analyzeBucketPolicy, EXPECTED_BUCKET_POLICY, extractBucketPolicy } from '../s3';
import { isRecord } from '../shape';

export const s3BucketPolicy: ConfigurationDescriptor<'s3-bucket-policy'> = {
  type: 'document',
  kind: 's3-bucket-policy',
  command: 'aws s3api get-bucket-policy --bucket <name>',
  expected: EXPECTED_BUCKET_POLICY,
  evidences: ['DS-05'],
  detectJson: (r) => isRecord(r) && (r['Statement'] !== undefined ? policyKindOf(r) === 's3-bucket-policy' : typeof r['Policy'] === 'string'),
  analyze: ({ json }, { file, evidences }) => {
    const { findings, buckets } = analyzeBucketPolicy(extractBucketPolicy(file, json));
    const names = buckets.map((b) => b.replace(/^arn:[^:]+:s3:::/, ''));
    return { findings, subject: names.length > 0 ? `bucket ${names.join(', ')}` : null, evidences: [...evidences] };
  },
};
