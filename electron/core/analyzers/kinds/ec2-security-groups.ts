// aws ec2 describe-security-groups: ingress open to the internet.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeSecurityGroups, EXPECTED_SECURITY_GROUPS } from '../ec2';
import { isRecord } from '../shape';

export const ec2SecurityGroups: ConfigurationDescriptor<'ec2-security-groups'> = {
  type: 'document',
  kind: 'ec2-security-groups',
  command: 'aws ec2 describe-security-groups',
  expected: EXPECTED_SECURITY_GROUPS,
  evidences: ['NS-05'],
  detectJson: (r) => isRecord(r) && Array.isArray(r['SecurityGroups']),
  analyze: ({ json }, { file, evidences }) => analyzeSecurityGroups(file, json, evidences),
};
