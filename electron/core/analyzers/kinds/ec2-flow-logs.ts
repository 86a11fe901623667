// aws ec2 describe-flow-logs: is every VPC's traffic recorded? The VPCs come from --vpc, or from a
// describe-vpcs document analysed with it (AccountFacts.vpcIds); without either only an empty list is flagged.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeFlowLogs, EXPECTED_FLOW_LOGS } from '../ec2';
import { isRecord } from '../shape';

export const ec2FlowLogs: ConfigurationDescriptor<'ec2-flow-logs'> = {
  type: 'document',
  kind: 'ec2-flow-logs',
  command: 'aws ec2 describe-flow-logs',
  expected: EXPECTED_FLOW_LOGS,
  // LM-05 only with the list of VPCs to cover (see analyzeFlowLogs).
  evidences: [],
  detectJson: (r) => isRecord(r) && Array.isArray(r['FlowLogs']),
  analyze: ({ json }, { file, evidences, requiredVpcIds, account }) => analyzeFlowLogs(file, json, evidences, requiredVpcIds ?? account.vpcIds),
};
