// Benchmark: 10,000 generated IAM policies through analyzeDocument, in policies per second,
// against JSON.parse alone of the same documents (the floor any analyzer pays).
// Run directly: npx tsx test/bench/analyzers.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { analyzeDocument } from '../../electron/core/analyzers/index';
import { streamingRows } from './analyzers-stream';

const POLICIES = 1_000;
const PRINCIPALS = 200;
const MANAGED = 50;
const OCSF_FINDINGS = 20_000;
/**
 * Best of ten, for the analysis and its JSON.parse baseline alike: the first rounds fill the
 * per-pattern caches (as a long session would have) and leave the JIT and the heap still settling;
 * with three, the figure moved by 2x from run to run.
 */
const ROUNDS = 10;

/** Small seeded generator so every run measures the same documents. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIONS = [
  's3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:*', 's3:Get*', 'sagemaker:CreateTrainingJob', 'sagemaker:Describe*',
  'sagemaker:DeleteEndpoint', 'sagemaker:*', 'iam:PassRole', 'iam:Attach*', 'iam:CreatePolicyVersion', 'iam:Get*', 'kms:Decrypt',
  'kms:GenerateDataKey', 'logs:PutLogEvents', 'logs:CreateLogStream', 'ecr:BatchGetImage', 'cloudwatch:PutMetricData', 'ec2:RunInstances', '*',
];
const RESOURCES = [
  '*', 'arn:aws:s3:::acme-ml-training-data', 'arn:aws:s3:::acme-ml-training-data/*', 'arn:aws:s3:::acme-ml-models/*',
  'arn:aws:sagemaker:eu-west-1:111122223333:training-job/churn-*', 'arn:aws:iam::111122223333:role/SageMakerTrainingExecution',
  'arn:aws:iam::111122223333:role/*', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
];

export function generatePolicies(count: number, seed = 20250601): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const some = <T>(items: readonly T[], max: number): T[] => Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(items));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const statements = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, j) => {
      const statement: Record<string, unknown> = { Sid: `S${j}`, Effect: random() < 0.85 ? 'Allow' : 'Deny' };
      statement[random() < 0.05 ? 'NotAction' : 'Action'] = random() < 0.3 ? pick(ACTIONS) : some(ACTIONS, 6);
      statement['Resource'] = random() < 0.4 ? pick(RESOURCES) : some(RESOURCES, 4);
      if (random() < 0.15) statement['Condition'] = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
      return statement;
    });
    const doc = { Version: '2012-10-17', Statement: statements };
    const shape = random();
    // The forms users drop: raw documents, get-policy-version output, and its URL-encoded variant.
    out.push(
      shape < 0.5 ? JSON.stringify(doc, null, 2)
        : shape < 0.9 ? JSON.stringify({ PolicyVersion: { Document: doc, VersionId: 'v1', IsDefaultVersion: true } }, null, 4)
          : JSON.stringify({ PolicyVersion: { Document: encodeURIComponent(JSON.stringify(doc)), VersionId: 'v2' } }),
    );
  }
  return out;
}

export function generateAuthorizationDetails(principals: number, seed = 20250602): string {
  const random = mulberry32(seed);
  const policies = generatePolicies(MANAGED, seed).map((text, i) => {
    const parsed = JSON.parse(text) as { Statement?: unknown; PolicyVersion?: { Document: unknown } };
    const doc = parsed.Statement !== undefined ? parsed : parsed.PolicyVersion?.Document;
    const document = typeof doc === 'string' ? JSON.parse(decodeURIComponent(doc)) as unknown : doc;
    return { PolicyName: `p${i}`, Arn: `arn:aws:iam::111122223333:policy/p${i}`, DefaultVersionId: 'v1', PolicyVersionList: [{ Document: document, VersionId: 'v1', IsDefaultVersion: true }] };
  });
  const attached = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const p = policies[Math.floor(random() * policies.length)]!;
    return { PolicyName: p.PolicyName, PolicyArn: p.Arn };
  });
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const users = Array.from({ length: principals / 2 }, (_, i) => ({ UserName: `u${i}`, Arn: `arn:aws:iam::111122223333:user/u${i}`, GroupList: [], AttachedManagedPolicies: attached(), UserPolicyList: [] }));
  const roles = Array.from({ length: principals / 2 }, (_, i) => ({ RoleName: `r${i}`, Arn: `arn:aws:iam::111122223333:role/r${i}`, AssumeRolePolicyDocument: trust, AttachedManagedPolicies: attached(), RolePolicyList: [] }));
  return JSON.stringify({ UserDetailList: users, GroupDetailList: [], RoleDetailList: roles, Policies: policies });
}

export function generateOcsf(count: number): string {
  const checks = ['kms_cmk_rotation_enabled', 's3_bucket_public_access', 'sagemaker_notebook_instance_root_access_disabled', 'cloudtrail_multi_region_enabled'];
  return JSON.stringify(Array.from({ length: count }, (_, i) => ({
    message: `finding ${i}`, status_code: i % 3 === 0 ? 'FAIL' : 'PASS', severity_id: 1 + (i % 5), severity: 'Medium', class_uid: 2004, time: 1716200000,
    finding_info: { uid: `prowler-aws-${checks[i % checks.length]}-111122223333-eu-west-1-${i}`, title: 'Check', desc: 'A generated finding for the benchmark.' },
    metadata: { event_code: checks[i % checks.length], product: { name: 'Prowler', version: '5.7.5' } },
    resources: [{ uid: `arn:aws:s3:::bucket-${i}`, region: 'eu-west-1' }],
    unmapped: { compliance: { 'HIPAA': ['164_312_a_2_iv'], 'PCI-4.0': ['3.7.4'] } },
  })));
}

/**
 * Items per second of this process's CPU time (user + system), not of the wall clock: the machine
 * is shared, and a run that waits for a core would otherwise count the wait.
 */
function bestRate(work: () => void, items: number): number {
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    best = Math.max(best, items / seconds);
  }
  return best;
}

/**
 * The peak RSS of this process since `resetPeakRss()`: `npm run bench` runs every module in one
 * process, and the store module's big PDF alone peaks near 2 GB, which getrusage would report here.
 * Linux resets VmHWM when 5 is written to /proc/self/clear_refs; elsewhere, the peak of the process.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
function peakRssMB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: below
  }
  return process.resourceUsage().maxRSS / 1024;
}

export async function run(): Promise<Array<{ name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string }>> {
  const ownPeak = resetPeakRss();
  const texts = generatePolicies(POLICIES);
  const bytes = texts.map((t) => Buffer.from(t, 'utf8'));
  let findings = 0;
  let policyFindings = 0;
  // Warm-up, and a count of what the analyzers found, so the run is not optimised away.
  for (const content of bytes.slice(0, 100)) analyzeDocument({ file: 'warm.json', content });
  let parsed = 0;
  const parseRate = bestRate(() => {
    for (const t of texts) if (JSON.parse(t) !== null) parsed++;
  }, texts.length);
  const analyzeRate = bestRate(() => {
    policyFindings = 0;
    for (const content of bytes) {
      const result = analyzeDocument({ file: 'policy.json', content, kind: undefined });
      if (result.type === 'document') policyFindings += result.findings.length;
    }
  }, bytes.length);
  const megabytes = bytes.reduce((sum, b) => sum + b.length, 0) / 1_048_576;

  // get-account-authorization-details: principals sharing managed policies, as in a real account.
  const details = Buffer.from(generateAuthorizationDetails(PRINCIPALS), 'utf8');
  const principalRate = bestRate(() => {
    const result = analyzeDocument({ file: 'details.json', content: details });
    if (result.type === 'document') findings = result.findings.length;
  }, PRINCIPALS);

  // Prowler OCSF given whole from memory; the 200 MB rows (analyzers-stream.ts) read a file as a stream.
  const ocsf = Buffer.from(generateOcsf(OCSF_FINDINGS), 'utf8');
  const ocsfRate = bestRate(() => {
    const result = analyzeDocument({ file: 'prowler.ocsf.json', content: ocsf });
    if (result.type === 'scanner' && result.counts.total === 0) throw new Error('the OCSF benchmark file gave no findings');
  }, ocsf.length / 1_048_576);
  const peakRss = peakRssMB();
  return [
    // 200 MB files read as a stream, each in its own process (analyzers-stream.ts).
    ...(await streamingRows()),
    {
      name: `analyze get-account-authorization-details with ${PRINCIPALS.toLocaleString('en')} users and roles over ${MANAGED} managed policies`,
      value: Math.round(principalRate),
      unit: 'principals/s',
      note: `${(details.length / 1_048_576).toFixed(1)} MB; ${findings} findings; best of ${ROUNDS} rounds, CPU time`,
    },
    {
      name: `import a Prowler JSON-OCSF file of ${OCSF_FINDINGS.toLocaleString('en')} findings`,
      value: Math.round(ocsfRate * 10) / 10,
      unit: 'MB/s',
      note: `${(ocsf.length / 1_048_576).toFixed(1)} MB, given whole from memory (the 200 MB rows above read a file as a stream); best of ${ROUNDS} rounds, CPU time`,
    },
    {
      name: 'peak RSS of the analyzer benchmark process',
      value: Math.round(peakRss),
      unit: 'MB',
      note: ownPeak ? 'VmHWM of this process, reset when this module began (the 200 MB rows run in children of their own)' : 'the process\'s maxRSS (could not reset it: with other modules before, theirs is counted)',
    },
    {
      name: `analyze ${POLICIES.toLocaleString('en')} IAM policies (detect, decode, hash, analyse)`,
      value: Math.round(analyzeRate),
      unit: 'policies/s',
      baseline: { name: 'JSON.parse alone of the same documents', value: Math.round(parseRate) },
      note: `${megabytes.toFixed(1)} MB; ${policyFindings} findings per pass; best of ${ROUNDS} rounds, CPU time (${parsed} parses)`,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void run().then((rows) => {
    console.table(rows.map((r) => ({ name: r.name, value: r.value, unit: r.unit, baseline: r.baseline ? `${r.baseline.value} (${r.baseline.name})` : '', note: r.note ?? '' })));
  });
}
