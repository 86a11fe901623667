// aws ec2 describe-vpcs: the account's VPCs. On its own it raises nothing; analysed with
// describe-flow-logs it says which VPCs must each have an active flow log (AccountFacts.vpcIds).
import type { ConfigurationDescriptor } from '../descriptor';
import { AnalyzerError } from '../errors';
import { isRecord, list, text } from '../shape';

const EXPECTED_VPCS = 'the JSON of aws ec2 describe-vpcs (a Vpcs array)';

function vpcIds(root: unknown): string[] {
  return list(isRecord(root) ? root['Vpcs'] : undefined).flatMap((v) => {
    const id = isRecord(v) ? text(v['VpcId']) : undefined;
    return id ? [id] : [];
  });
}

export const ec2Vpcs: ConfigurationDescriptor<'ec2-vpcs'> = {
  type: 'document',
  kind: 'ec2-vpcs',
  command: 'aws ec2 describe-vpcs',
  expected: EXPECTED_VPCS,
  // A list of VPCs demonstrates no control by itself; it makes describe-flow-logs able to.
  evidences: [],
  detectJson: (r) => isRecord(r) && Array.isArray(r['Vpcs']),
  facts: (root) => ({ vpcIds: vpcIds(root) }),
  analyze: ({ json }, { file, evidences }) => {
    if (!isRecord(json) || !Array.isArray(json['Vpcs'])) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it has no Vpcs array', EXPECTED_VPCS);
    const ids = vpcIds(json);
    return { findings: [], subject: ids.length === 1 ? `VPC ${ids[0]}` : `${ids.length} VPCs`, evidences: [...evidences] };
  },
};
