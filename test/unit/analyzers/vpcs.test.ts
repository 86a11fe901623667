// aws ec2 describe-vpcs, the kind added as one descriptor (kinds/ec2-vpcs.ts): with
// describe-flow-logs analysed as one account, each VPC it lists must have an active flow log.
import { describe, expect, it } from 'vitest';
import { analyzeAccount, analyzeDocument, coverageGaps, suggestStatusesForResults } from '../../../electron/core/analyzers/index';
import { brief, documentOf, fixtureBytes, NOW } from './helpers';

const vpcs = { file: 'vpcs.json', content: fixtureBytes('ec2-vpcs', 'clean-cli-doc-example.json'), now: NOW };
const flowLog = (vpc: string, status = 'ACTIVE') => ({ FlowLogId: `fl-${vpc}`, FlowLogStatus: status, ResourceId: vpc, TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
const flowLogs = (...logs: object[]) => ({ file: 'flow-logs.json', content: JSON.stringify({ FlowLogs: logs }), now: NOW });

describe('aws ec2 describe-vpcs (the AWS CLI documentation example)', () => {
  it('is recognised, raises nothing on its own and vouches for no control', () => {
    const doc = documentOf('ec2-vpcs', 'clean-cli-doc-example.json');
    expect(doc).toMatchObject({ kind: 'ec2-vpcs', subject: '3 VPCs', findings: [], evidences: [] });
  });

  it('with describe-flow-logs: every listed VPC without an active flow log is a finding, in either order', () => {
    const logs = flowLogs(flowLog('vpc-a01106c2'), flowLog('vpc-b61106d4', 'INACTIVE'));
    for (const inputs of [[vpcs, logs], [logs, vpcs]]) {
      const outcomes = analyzeAccount(inputs);
      const flow = outcomes.find((o) => o.file === 'flow-logs.json')?.result;
      expect(flow?.type === 'document' && brief(flow.findings)).toEqual([
        ['FLOWLOGS_MISSING', 'high', 'FlowLogs'],
        ['FLOWLOGS_MISSING', 'high', 'FlowLogs'],
      ]);
      expect(flow?.type === 'document' && flow.findings.map((f) => f.message.split(' ')[1])).toEqual(['vpc-a45db1c0', 'vpc-b61106d4']);
      expect(suggestStatusesForResults(outcomes.flatMap((o) => (o.result ? [o.result] : []))).find((s) => s.controlId === 'LM-05')?.status).toBe('non_compliant');
    }
  });

  it('with every VPC covered, LM-05 is suggested compliant; flow logs alone say nothing about it', () => {
    const logs = flowLogs(flowLog('vpc-a01106c2'), flowLog('vpc-b61106d4'), flowLog('vpc-a45db1c0'));
    const results = analyzeAccount([vpcs, logs]).flatMap((o) => (o.result ? [o.result] : []));
    expect(results.map((r) => r.findings.length)).toEqual([0, 0]);
    expect(suggestStatusesForResults(results).find((s) => s.controlId === 'LM-05')?.status).toBe('compliant');
    expect(coverageGaps(results)).toEqual([]);
    const alone = analyzeDocument(logs);
    expect(suggestStatusesForResults([alone]).find((s) => s.controlId === 'LM-05')).toBeUndefined();
  });

  it('VPCs given by hand (--vpc) win over the document', () => {
    const logs = { ...flowLogs(flowLog('vpc-a01106c2')), requiredVpcIds: ['vpc-a01106c2'] };
    const flow = analyzeAccount([vpcs, logs]).find((o) => o.file === 'flow-logs.json')?.result;
    expect(flow?.findings).toEqual([]);
  });

  it('a document that cannot be read is reported in its place; the others are still analysed', () => {
    const outcomes = analyzeAccount([vpcs, { file: 'broken.json', content: '{"FlowLogs": [' }]);
    expect(outcomes[0]?.result?.kind).toBe('ec2-vpcs');
    expect(outcomes[1]?.error?.message).toMatch(/broken\.json: it is not valid JSON/);
  });
});
