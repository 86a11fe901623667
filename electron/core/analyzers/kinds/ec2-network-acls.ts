// aws ec2 describe-network-acls: rules that let everything in.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeNetworkAcls, EXPECTED_NETWORK_ACLS } from '../ec2';
import { isRecord } from '../shape';

export const ec2NetworkAcls: ConfigurationDescriptor<'ec2-network-acls'> = {
  type: 'document',
  kind: 'ec2-network-acls',
  command: 'aws ec2 describe-network-acls',
  expected: EXPECTED_NETWORK_ACLS,
  evidences: [],
  detectJson: (r) => isRecord(r) && Array.isArray(r['NetworkAcls']),
  analyze: ({ json }, { file, evidences }) => analyzeNetworkAcls(file, json, evidences),
};
