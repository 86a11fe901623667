// aws s3api get-bucket-encryption: default encryption with KMS.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeBucketEncryption, EXPECTED_BUCKET_ENCRYPTION } from '../s3';
import { isRecord } from '../shape';

export const s3BucketEncryption: ConfigurationDescriptor<'s3-bucket-encryption'> = {
  type: 'document',
  kind: 's3-bucket-encryption',
  command: 'aws s3api get-bucket-encryption --bucket <name>',
  expected: EXPECTED_BUCKET_ENCRYPTION,
  evidences: ['DS-01', 'DS-02'],
  detectJson: (r) => isRecord(r) && isRecord(r['ServerSideEncryptionConfiguration']),
  analyze: ({ json }, { file, evidences }) => ({ findings: analyzeBucketEncryption(file, json), subject: null, evidences: [...evidences] }),
};
