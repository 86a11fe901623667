// Network controls around the ML workload: security groups open to the internet, network ACLs
// that allow everything in, and VPCs without flow logs (aws ec2 describe-*).
import type { Finding } from '../../../shared/analysis';
import { finding, type Analysis } from './controls';
import { AnalyzerError } from './errors';
import { int, isRecord, list, text } from './shape';

export const EXPECTED_SECURITY_GROUPS = 'the JSON of aws ec2 describe-security-groups (a SecurityGroups array)';
export const EXPECTED_NETWORK_ACLS = 'the JSON of aws ec2 describe-network-acls (a NetworkAcls array)';
export const EXPECTED_FLOW_LOGS = 'the JSON of aws ec2 describe-flow-logs (a FlowLogs array)';

function arrayField(file: string, root: unknown, field: string, expected: string): unknown[] {
  const value = isRecord(root) ? root[field] : undefined;
  if (!Array.isArray(value)) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, `it has no ${field} array`, expected);
  return value;
}

/** Ports whose exposure to the internet is an incident waiting to happen (admin, databases, notebooks). */
export const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'], [23, 'Telnet'], [3389, 'RDP'], [5985, 'WinRM'], [5986, 'WinRM'], [445, 'SMB'],
  [3306, 'MySQL'], [5432, 'PostgreSQL'], [1433, 'SQL Server'], [1521, 'Oracle'], [27017, 'MongoDB'],
  [6379, 'Redis'], [11211, 'Memcached'], [9200, 'Elasticsearch'], [9092, 'Kafka'], [2049, 'NFS'], [8888, 'Jupyter'],
]);
const WEB_PORTS = new Set([80, 443]);

type PortRange = { all: boolean; from: number; to: number; protocol: string };

function ports(protocolRaw: unknown, fromRaw: unknown, toRaw: unknown): PortRange {
  const protocol = String(protocolRaw ?? '-1').toLowerCase();
  if (protocol === '-1' || protocol === 'all') return { all: true, from: 0, to: 65535, protocol: 'all' };
  const from = int(fromRaw);
  const to = int(toRaw);
  const name = protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol === '1' ? 'icmp' : protocol === '58' ? 'icmpv6' : protocol;
  if (name !== 'tcp' && name !== 'udp') return { all: false, from: from ?? -1, to: to ?? -1, protocol: name };
  if (from === undefined || to === undefined || from === -1) return { all: true, from: 0, to: 65535, protocol: name };
  return { all: from <= 0 && to >= 65535, from, to, protocol: name };
}

function describe(range: PortRange): string {
  if (range.protocol === 'all') return 'all traffic';
  if (range.protocol !== 'tcp' && range.protocol !== 'udp') return `${range.protocol.toUpperCase()} traffic`;
  if (range.all) return `all ${range.protocol.toUpperCase()} ports`;
  const label = range.from === range.to ? `port ${range.from}` : `ports ${range.from}-${range.to}`;
  const named = [...SENSITIVE_PORTS].filter(([p]) => p >= range.from && p <= range.to).map(([, n]) => n);
  return `${range.protocol.toUpperCase()} ${label}${named.length > 0 ? ` (${[...new Set(named)].slice(0, 3).join(', ')})` : ''}`;
}

export function analyzeSecurityGroups(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const groups = arrayField(file, root, 'SecurityGroups', EXPECTED_SECURITY_GROUPS);
  const findings: Finding[] = [];
  groups.forEach((group, i) => {
    if (!isRecord(group)) return;
    const id = text(group['GroupId']) ?? `group ${i}`;
    const name = text(group['GroupName']);
    list(group['IpPermissions']).forEach((perm, j) => {
      if (!isRecord(perm)) return;
      const v4 = list(perm['IpRanges']).some((r) => isRecord(r) && r['CidrIp'] === '0.0.0.0/0');
      const v6 = list(perm['Ipv6Ranges']).some((r) => isRecord(r) && r['CidrIpv6'] === '::/0');
      if (!v4 && !v6) return;
      const range = ports(perm['IpProtocol'], perm['FromPort'], perm['ToPort']);
      const tcpOrUdp = range.protocol === 'tcp' || range.protocol === 'udp';
      const sensitive = tcpOrUdp && [...SENSITIVE_PORTS.keys()].some((p) => p >= range.from && p <= range.to);
      const webOnly = tcpOrUdp && range.from === range.to && WEB_PORTS.has(range.from);
      const icmp = range.protocol === 'icmp' || range.protocol === 'icmpv6';
      const severity = range.all || sensitive ? 'high' : webOnly || icmp ? 'low' : 'medium';
      const sources = [v4 ? '0.0.0.0/0' : '', v6 ? '::/0' : ''].filter(Boolean).join(' and ');
      const advice = severity === 'low'
        ? 'If this is a public web entry point, put it behind a load balancer with AWS WAF; otherwise limit the source.'
        : 'Limit the source to the networks or security groups that need it (use Session Manager instead of open SSH/RDP).';
      findings.push(finding('SG_OPEN_INGRESS', severity, `SecurityGroups[${i}].IpPermissions[${j}]`,
        `Security group ${id}${name ? ` (${name})` : ''} allows ${describe(range)} in from anywhere (${sources}). ${advice}`));
    });
  });
  const subject = groups.length === 1 && isRecord(groups[0]) ? `security group ${text(groups[0]['GroupId']) ?? ''}`.trim() : `${groups.length} security groups`;
  return { findings, subject, evidences: [...evidences] };
}

export function analyzeNetworkAcls(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const acls = arrayField(file, root, 'NetworkAcls', EXPECTED_NETWORK_ACLS);
  const findings: Finding[] = [];
  acls.forEach((acl, i) => {
    if (!isRecord(acl)) return;
    const id = text(acl['NetworkAclId']) ?? `network ACL ${i}`;
    list(acl['Entries']).forEach((entry, j) => {
      if (!isRecord(entry) || entry['Egress'] !== false || entry['RuleAction'] !== 'allow') return;
      const anywhere = entry['CidrBlock'] === '0.0.0.0/0' || entry['Ipv6CidrBlock'] === '::/0';
      if (!anywhere) return;
      const range = isRecord(entry['PortRange']) ? entry['PortRange'] : {};
      const r = ports(entry['Protocol'], range['From'], range['To']);
      if (!r.all) return;
      const rule = int(entry['RuleNumber']);
      findings.push(finding('NACL_ALLOW_ALL_INGRESS', 'medium', `NetworkAcls[${i}].Entries[${j}]`,
        `Network ACL ${id}${acl['IsDefault'] === true ? ' (the VPC default)' : ''} allows ${describe(r)} in from anywhere${rule !== undefined ? ` (rule ${rule})` : ''}. Allow only the ports and sources the subnets need, and deny known-bad sources first.`));
    });
  });
  const subject = acls.length === 1 && isRecord(acls[0]) ? `network ACL ${text(acls[0]['NetworkAclId']) ?? ''}`.trim() : `${acls.length} network ACLs`;
  return { findings, subject, evidences: [...evidences] };
}

export function analyzeFlowLogs(file: string, root: unknown, evidences: readonly string[], requiredVpcIds: readonly string[] = []): Analysis {
  const logs = arrayField(file, root, 'FlowLogs', EXPECTED_FLOW_LOGS);
  const findings: Finding[] = [];
  if (requiredVpcIds.length === 0) {
    if (logs.length === 0) {
      findings.push(finding('FLOWLOGS_MISSING', 'high', 'FlowLogs',
        'No flow logs were returned: network traffic of the VPCs is not recorded. Turn on VPC Flow Logs for every VPC that runs ML workloads (and check the command ran in the right region).'));
    }
  } else {
    const covered = new Set(
      logs.filter((l) => isRecord(l) && l['FlowLogStatus'] === 'ACTIVE').map((l) => (isRecord(l) ? text(l['ResourceId']) : undefined)),
    );
    for (const vpc of requiredVpcIds) {
      if (covered.has(vpc)) continue;
      findings.push(finding('FLOWLOGS_MISSING', 'high', 'FlowLogs',
        `VPC ${vpc} has no active flow log, so its network traffic is not recorded. Create a flow log for it (traffic type ALL).`));
    }
  }
  return {
    findings,
    subject: `flow logs (${logs.length})`,
    // Only a list of the VPCs that must be covered lets a clean result mean "every VPC is logged".
    evidences: requiredVpcIds.length > 0 ? ['LM-05'] : [...evidences],
  };
}
