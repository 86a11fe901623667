// Benchmark: 200 MB documents read as a stream. A Prowler JSON-OCSF file and a
// get-account-authorization-details export are generated into the temp folder (never committed),
// then each is analysed in its own process by analyzeDocumentStream, beside JSON.parse of the same
// bytes (the floor of reading it whole) and the two streaming parsers alone. Figures: MB/s and the
// process's peak RSS. Run with `npm run bench -- analyzers` (analyzers.ts adds these rows).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Row = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

const TARGET_MB = Number(process.env['CWB_BENCH_STREAM_MB'] ?? 200);
const CHILD = fileURLToPath(new URL('./analyzers-stream-child.ts', import.meta.url));

/** Writes `parts` to `file` as they come, so the generator never holds the file either. */
export function writeParts(file: string, parts: Iterable<string>): number {
  const fd = openSync(file, 'w');
  let pending = '';
  for (const part of parts) {
    pending += part;
    if (pending.length > 1 << 20) {
      writeSync(fd, pending);
      pending = '';
    }
  }
  writeSync(fd, pending);
  closeSync(fd);
  return statSync(file).size;
}

export function* ocsf(bytes: number): Generator<string> {
  const checks = ['kms_cmk_rotation_enabled', 's3_bucket_default_encryption', 'sagemaker_notebook_instance_root_access_disabled', 'cloudtrail_multi_region_enabled', 'iam_root_mfa_enabled'];
  let written = 1;
  yield '[';
  for (let i = 0; written < bytes; i++) {
    const check = checks[i % checks.length] ?? '';
    const item = JSON.stringify({
      message: `Finding ${i} of the benchmark.`, status_code: ['FAIL', 'PASS', 'MANUAL'][i % 3], status_detail: 'Generated for the streaming benchmark.',
      severity_id: 1 + (i % 5), severity: ['Informational', 'Low', 'Medium', 'High', 'Critical'][i % 5], class_uid: 2004, class_name: 'Detection Finding', category_uid: 2, time: 1716200000 + i,
      finding_info: { uid: `prowler-aws-${check}-111122223333-eu-west-1-${i}`, title: `Check ${check}`, desc: 'A generated finding, shaped as Prowler 5 writes JSON-OCSF.', created_time: 1716200000 },
      metadata: { event_code: check, product: { name: 'Prowler', vendor_name: 'Prowler', version: '5.7.5' }, version: '1.4.0' },
      resources: [{ uid: `arn:aws:s3:::bucket-${i}`, name: `bucket-${i}`, region: 'eu-west-1', type: 'AwsS3Bucket', cloud_partition: 'aws' }],
      cloud: { account: { uid: '111122223333', type: 'AWS Account' }, region: 'eu-west-1', provider: 'aws' },
      remediation: { desc: 'Follow the recommendation.', references: ['https://docs.aws.amazon.com/'] },
      unmapped: { compliance: { HIPAA: ['164_312_a_2_iv', '164_312_b'], 'PCI-4.0': ['3.7.4', '10.2.1'], GDPR: ['article_32'] } },
    }, null, 2);
    const part = `${i === 0 ? '' : ','}\n${item}`;
    written += part.length;
    yield part;
  }
  yield '\n]';
}

/**
 * An account as get-account-authorization-details prints it: what makes real exports large is the
 * Policies list, every version of every managed policy; principals attach a few of them.
 */
export function* authorizationDetails(bytes: number): Generator<string> {
  const services = ['s3', 'sagemaker', 'kms', 'logs', 'ecr', 'cloudwatch', 'ec2', 'glue', 'athena', 'dynamodb'];
  const verbs = ['Get', 'List', 'Describe', 'Put', 'Create', 'Update', 'Delete', 'Tag'];
  const objects = ['Object', 'Bucket', 'TrainingJob', 'Key', 'LogEvents', 'Image', 'MetricData', 'Instances', 'Table', 'Item'];
  const statement = (p: number, s: number) => ({
    Sid: `S${s}`, Effect: s % 9 === 8 ? 'Deny' : 'Allow',
    Action: Array.from({ length: 6 }, (_, a) => `${services[(p + s + a) % services.length]}:${verbs[(p * 3 + a) % verbs.length]}${objects[(s + a) % objects.length]}`),
    Resource: s % 4 === 0 ? '*' : [`arn:aws:s3:::acme-${p}-${s}`, `arn:aws:s3:::acme-${p}-${s}/*`],
  });
  const document = (p: number, v: number) => ({ Version: '2012-10-17', Statement: Array.from({ length: 8 + ((p + v) % 8) }, (_, s) => statement(p + v, s)) });
  const principals = 1_000;
  const policy = (p: number) => JSON.stringify({
    PolicyName: `p${p}`, PolicyId: `ANPA${p}`, Arn: `arn:aws:iam::111122223333:policy/p${p}`, Path: '/', DefaultVersionId: 'v5', AttachmentCount: 1, IsAttachable: true,
    PolicyVersionList: [1, 2, 3, 4, 5].map((v) => ({ Document: document(p, v), VersionId: `v${v}`, IsDefaultVersion: v === 5, CreateDate: '2024-01-01T00:00:00Z' })),
  }, null, 4);
  // As many policies as fill the file (principals take a few hundred KB).
  const sample = Array.from({ length: 16 }, (_, p) => policy(p).length + 1).reduce((a, b) => a + b, 0) / 16;
  const policyCount = Math.max(50, Math.round((bytes - 600_000) / sample));
  const attached = (i: number) => [0, 1, 2].map((k) => ({ PolicyName: `p${(i * 7 + k) % policyCount}`, PolicyArn: `arn:aws:iam::111122223333:policy/p${(i * 7 + k) % policyCount}` }));
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  yield '{"UserDetailList": [';
  for (let i = 0; i < principals / 2; i++) yield `${i ? ',' : ''}${JSON.stringify({ Path: '/', UserName: `u${i}`, UserId: `AIDA${i}`, Arn: `arn:aws:iam::111122223333:user/u${i}`, CreateDate: '2024-01-01T00:00:00Z', GroupList: [], AttachedManagedPolicies: attached(i), UserPolicyList: [] })}`;
  yield '], "GroupDetailList": [], "RoleDetailList": [';
  for (let i = 0; i < principals / 2; i++) yield `${i ? ',' : ''}${JSON.stringify({ Path: '/', RoleName: `r${i}`, RoleId: `AROA${i}`, Arn: `arn:aws:iam::111122223333:role/r${i}`, CreateDate: '2024-01-01T00:00:00Z', AssumeRolePolicyDocument: trust, InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: attached(i + principals), Tags: [] })}`;
  yield '], "Policies": [';
  for (let p = 0; p < policyCount; p++) yield `${p ? ',' : ''}${policy(p)}`;
  yield '], "IsTruncated": false}';
}

type ChildOut = { seconds: number; maxRssMb: number; items: number };

function child(mode: string, file: string): ChildOut | string {
  const out = spawnSync(process.execPath, ['--import', 'tsx', CHILD, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) return (out.stderr || `exit ${out.status}`).split('\n').find((l) => l.trim()) ?? 'failed';
  return JSON.parse(out.stdout) as ChildOut;
}

export async function streamingRows(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-stream-'));
  const rows: Row[] = [];
  try {
    const documents = [
      { label: 'Prowler JSON-OCSF', file: join(dir, 'prowler.ocsf.json'), parts: ocsf(TARGET_MB * 1_048_576), parsers: true },
      { label: 'get-account-authorization-details', file: join(dir, 'authorization-details.json'), parts: authorizationDetails(TARGET_MB * 1_048_576), parsers: false },
    ];
    for (const doc of documents) {
      const megabytes = writeParts(doc.file, doc.parts) / 1_048_576;
      const size = `${megabytes.toFixed(0)} MB`;
      const parse = child('json-parse', doc.file);
      const streamed = child('stream', doc.file);
      const parseRate = typeof parse === 'string' ? 0 : megabytes / parse.seconds;
      if (typeof streamed === 'string') {
        rows.push({ name: `stream a ${size} ${doc.label} file`, value: 0, unit: 'MB/s', note: `failed: ${streamed}` });
        continue;
      }
      rows.push({
        name: `analyse a ${size} ${doc.label} file as a stream`,
        value: Math.round((megabytes / streamed.seconds) * 10) / 10,
        unit: 'MB/s',
        baseline: { name: `JSON.parse alone of the same bytes, read whole (peak RSS ${typeof parse === 'string' ? parse : `${parse.maxRssMb} MB`})`, value: Math.round(parseRate * 10) / 10 },
        note: `${streamed.items} findings`,
      });
      rows.push({
        name: `peak RSS analysing the ${size} ${doc.label} file as a stream`,
        value: streamed.maxRssMb,
        unit: 'MB',
        ...(typeof parse === 'string' ? {} : { baseline: { name: 'JSON.parse alone of the same bytes, read whole', value: parse.maxRssMb } }),
        note: 'process.resourceUsage().maxRSS of a child process (node + tsx + the app code included)',
      });
      if (doc.parsers) {
        for (const parser of ['streamparser', 'stream-json']) {
          const alone = child(parser, doc.file);
          rows.push({
            name: `${parser === 'streamparser' ? '@streamparser/json' : 'stream-json'} alone over the ${size} ${doc.label} file (no analysis)`,
            value: typeof alone === 'string' ? 0 : Math.round((megabytes / alone.seconds) * 10) / 10,
            unit: 'MB/s',
            baseline: { name: 'JSON.parse alone of the same bytes', value: Math.round(parseRate * 10) / 10 },
            note: typeof alone === 'string' ? `failed: ${alone}` : `peak RSS ${alone.maxRssMb} MB`,
          });
        }
      }
      rmSync(doc.file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void streamingRows().then((rows) => console.table(rows.map((r) => ({ name: r.name, value: r.value, unit: r.unit, baseline: r.baseline ? `${r.baseline.value} (${r.baseline.name})` : '', note: r.note ?? '' }))));
}
