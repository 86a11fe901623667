import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../electron/core/analyzers/index';
import { brief, documentOf } from './helpers';

describe('aws ec2 describe-security-groups', () => {
  it('clean: ingress only from the VPC and from itself', () => {
    const doc = documentOf('ec2-security-groups', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['NS-05']);
  });

  it('SG_OPEN_INGRESS: high for SSH and all traffic, medium for 8080, low for 443', () => {
    const doc = documentOf('ec2-security-groups', 'open-ingress.json');
    expect(brief(doc.findings)).toEqual([
      ['SG_OPEN_INGRESS', 'high', 'SecurityGroups[0].IpPermissions[0]'],
      ['SG_OPEN_INGRESS', 'low', 'SecurityGroups[0].IpPermissions[1]'],
      ['SG_OPEN_INGRESS', 'medium', 'SecurityGroups[1].IpPermissions[0]'],
      ['SG_OPEN_INGRESS', 'high', 'SecurityGroups[1].IpPermissions[1]'],
    ]);
    expect(doc.findings[0]?.message).toContain('TCP port 22 (SSH)');
    expect(doc.findings[1]?.message).toContain('::/0');
    expect(doc.findings[3]?.message).toContain('all traffic');
  });

  it('a port range that includes RDP is high', () => {
    const result = analyzeDocument({
      file: 'sg.json',
      content: JSON.stringify({ SecurityGroups: [{ GroupId: 'sg-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3000, ToPort: 4000, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }] }),
    });
    expect(result.type === 'document' && brief(result.findings)).toEqual([['SG_OPEN_INGRESS', 'high', 'SecurityGroups[0].IpPermissions[0]']]);
  });
});

describe('aws ec2 describe-network-acls', () => {
  it('clean: deny rules first, narrow allows, egress not judged', () => {
    expect(documentOf('ec2-network-acls', 'clean.json').findings).toEqual([]);
  });

  it('NACL_ALLOW_ALL_INGRESS: the default NACL rule 100', () => {
    const doc = documentOf('ec2-network-acls', 'allow-all.json');
    expect(brief(doc.findings)).toEqual([['NACL_ALLOW_ALL_INGRESS', 'medium', 'NetworkAcls[0].Entries[2]']]);
    expect(doc.findings[0]?.message).toContain('rule 100');
    expect(doc.findings[0]?.controls).toEqual(['NS-06']);
  });
});

describe('aws ec2 describe-flow-logs', () => {
  it('clean: a flow log exists (LM-05 is only evidenced against a list of VPCs)', () => {
    const doc = documentOf('ec2-flow-logs', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual([]);
  });

  it('FLOWLOGS_MISSING: no flow logs at all', () => {
    expect(brief(documentOf('ec2-flow-logs', 'empty.json').findings)).toEqual([['FLOWLOGS_MISSING', 'high', 'FlowLogs']]);
  });

  it('FLOWLOGS_MISSING for each required VPC without an active flow log', () => {
    const doc = documentOf('ec2-flow-logs', 'clean.json', { requiredVpcIds: ['vpc-0abc1234def567890', 'vpc-0fff0000aaaa11112'] });
    expect(brief(doc.findings)).toEqual([['FLOWLOGS_MISSING', 'high', 'FlowLogs']]);
    expect(doc.findings[0]?.message).toContain('vpc-0fff0000aaaa11112');
    const covered = documentOf('ec2-flow-logs', 'clean.json', { requiredVpcIds: ['vpc-0abc1234def567890'] });
    expect(covered.findings).toEqual([]);
    expect(covered.evidences).toEqual(['LM-05']);
  });
});
