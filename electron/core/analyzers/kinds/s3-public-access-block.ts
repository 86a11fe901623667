// aws s3api get-public-access-block | aws s3control get-public-access-block.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzePublicAccessBlock, EXPECTED_PUBLIC_ACCESS_BLOCK } from '../s3';
import { isRecord } from '../shape';

export const s3PublicAccessBlock: ConfigurationDescriptor<'s3-public-access-block'> = {
  type: 'document',
  kind: 's3-public-access-block',
  command: 'aws s3api get-public-access-block --bucket <name>',
  expected: EXPECTED_PUBLIC_ACCESS_BLOCK,
  evidences: [],
  detectJson: (r) => isRecord(r) && isRecord(r['PublicAccessBlockConfiguration']),
  analyze: ({ json }, { file, evidences }) => ({ findings: analyzePublicAccessBlock(file, json), subject: null, evidences: [...evidences] }),
};
