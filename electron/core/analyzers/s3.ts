// S3: bucket policies (TLS enforcement, public principals), default encryption, and Block Public
// Access settings, from aws s3api get-bucket-policy / get-bucket-encryption / get-public-access-block.
import type { Finding } from '../../../shared/analysis';
import { finding } from './controls';
import { AnalyzerError } from './errors';
import { parseEmbeddedJson } from './input';
import { type Statement, conditionKeys, conditionValues, readPolicy, resourceMatches } from './policy';
import { type JsonRecord, filled, isRecord, list, listOf, record, stringList, text } from './shape';

export const EXPECTED_BUCKET_POLICY =
  'the JSON of aws s3api get-bucket-policy (the policy as a JSON string in "Policy") or a bucket policy document';
export const EXPECTED_BUCKET_ENCRYPTION =
  'the JSON of aws s3api get-bucket-encryption (ServerSideEncryptionConfiguration.Rules)';
export const EXPECTED_PUBLIC_ACCESS_BLOCK =
  'the JSON of aws s3api get-public-access-block (PublicAccessBlockConfiguration)';

// ---- bucket policy --------------------------------------------------------------------------

export function extractBucketPolicy(file: string, root: unknown): JsonRecord {
  if (isRecord(root)) {
    if (root['Statement'] !== undefined) return root;
    const policy = root['Policy'];
    if (typeof policy === 'string') {
      const doc = parseEmbeddedJson(file, policy, EXPECTED_BUCKET_POLICY, 'the Policy string');
      if (isRecord(doc) && doc['Statement'] !== undefined) return doc;
      throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'the Policy string holds no policy document with a Statement', EXPECTED_BUCKET_POLICY);
    }
  }
  throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'no bucket policy found in it', EXPECTED_BUCKET_POLICY);
}

/** Bucket ARNs (`arn:aws:s3:::name`) the policy's statements talk about. */
export function bucketArns(statements: readonly Statement[]): string[] {
  const arns = new Set<string>();
  for (const s of statements) {
    for (const r of [...(s.resources ?? []), ...(s.notResources ?? [])]) {
      const m = /^(arn:[^:]+:s3:::)([^/*?]+)/.exec(r);
      if (m) arns.add(`${m[1]}${m[2]}`);
    }
  }
  return [...arns];
}

/** Can anyone at all use this statement? (`"*"` or `{"AWS": "*"}`) */
function toEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  return isRecord(principal) && stringList(principal['AWS']).includes('*');
}

/** Condition keys that pin a public statement to a network, organisation, account or caller. */
const RESTRICTING_KEYS = new Set([
  'aws:sourcevpce', 'aws:sourcevpc', 'aws:sourceip', 'aws:vpcsourceip',
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn',
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths',
  'aws:userid', 'aws:username', 's3:dataaccesspointaccount', 's3:dataaccesspointarn',
]);

const isBool = (op: string) => op === 'bool' || op === 'boolifexists';
const isFalse = (v: unknown) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');

function coversResource(s: Statement, arn: string): boolean {
  return (s.resources ?? []).some((r) => resourceMatches(r, arn));
}

export function analyzeBucketPolicy(doc: JsonRecord): { findings: Finding[]; buckets: string[] } {
  const { statements, malformed } = readPolicy(doc, 'resource');
  const findings: Finding[] = [...malformed];
  const buckets = bucketArns(statements);

  const tlsDenies = statements.filter(
    (s) => s.effect === 'Deny' && toEveryone(s.principal) && conditionValues(s, isBool, 'aws:SecureTransport').some(isFalse),
  );
  const first = tlsDenies[0];
  if (!first) {
    findings.push(finding('S3_NO_SECURE_TRANSPORT', 'high', 'Statement',
      'No statement denies requests made without TLS. Add a Deny for every principal on "s3:*" for the bucket and its objects when aws:SecureTransport is "false".'));
  } else {
    const full = tlsDenies.filter((s) => (s.actions ?? []).some((a) => a === '*' || /^s3:\*$/i.test(a)));
    const gaps: string[] = [];
    for (const bucket of buckets) {
      const name = bucket.replace(/^arn:[^:]+:s3:::/, '');
      if (!full.some((s) => coversResource(s, bucket))) gaps.push(`the bucket ${name} itself`);
      if (!full.some((s) => coversResource(s, `${bucket}/any-object-key`))) gaps.push(`the objects in ${name}`);
    }
    if (full.length === 0) {
      findings.push(finding('S3_NO_SECURE_TRANSPORT', 'medium', first.path,
        `${first.label} denies plain-HTTP requests for some actions only (${listOf(first.actions ?? first.notActions ?? [])}). Deny "s3:*" so no request can be made without TLS.`));
    } else if (gaps.length > 0) {
      findings.push(finding('S3_NO_SECURE_TRANSPORT', 'medium', first.path,
        `The statement denying plain-HTTP requests does not cover ${gaps.join(' or ')}. List both the bucket ARN and "<bucket ARN>/*" as its Resource.`));
    }
  }

  for (const s of statements) {
    if (s.effect !== 'Allow') continue;
    const everyone = toEveryone(s.principal) || s.notPrincipal !== undefined;
    if (!everyone) continue;
    if (conditionKeys(s).some((k) => RESTRICTING_KEYS.has(k))) continue;
    const what = listOf(s.actions ?? s.notActions ?? []);
    findings.push(finding('S3_PUBLIC_PRINCIPAL', 'critical', s.path,
      `${s.label} allows ${what} to anyone (${s.notPrincipal !== undefined ? 'NotPrincipal' : 'Principal "*"'}) with no condition limiting the caller's network, organisation or account. Name the principals, or add such a condition.`));
  }
  return { findings, buckets };
}

// ---- default encryption ---------------------------------------------------------------------

export function analyzeBucketEncryption(file: string, root: unknown): Finding[] {
  const config = isRecord(root) ? record(root['ServerSideEncryptionConfiguration']) : undefined;
  if (!config) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'ServerSideEncryptionConfiguration is missing', EXPECTED_BUCKET_ENCRYPTION);
  const rules = list(config['Rules']);
  const base = 'ServerSideEncryptionConfiguration.Rules';
  if (rules.length === 0) {
    return [finding('S3_NOT_KMS', 'medium', base, 'The bucket has no default encryption rule. Set SSE-KMS with a customer-managed key as the default.')];
  }
  const findings: Finding[] = [];
  rules.forEach((rule, i) => {
    const byDefault = isRecord(rule) ? record(rule['ApplyServerSideEncryptionByDefault']) : undefined;
    const algorithm = text(byDefault?.['SSEAlgorithm']);
    const path = `${base}[${i}].ApplyServerSideEncryptionByDefault`;
    if (algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse') {
      const key = filled(byDefault?.['KMSMasterKeyID']);
      if (!key || /(^|[:/])alias\/aws\/s3$/.test(key)) {
        findings.push(finding('S3_NOT_KMS', 'low', `${path}.KMSMasterKeyID`,
          'Default encryption uses SSE-KMS with the AWS managed key (aws/s3). You cannot control its key policy or rotation; use a customer-managed KMS key.'));
      }
    } else {
      const said = algorithm === 'AES256' ? 'SSE-S3 (AES256)' : algorithm ? `"${algorithm}"` : 'no algorithm';
      findings.push(finding('S3_NOT_KMS', 'medium', `${path}.SSEAlgorithm`,
        `Default encryption uses ${said}, not SSE-KMS. Use SSE-KMS with a customer-managed key so access to the data also needs kms:Decrypt and is logged.`));
    }
  });
  return findings;
}

// ---- Block Public Access --------------------------------------------------------------------

const BPA_FLAGS: ReadonlyArray<[string, string]> = [
  ['BlockPublicAcls', 'new public ACLs are accepted'],
  ['IgnorePublicAcls', 'existing public ACLs still grant access'],
  ['BlockPublicPolicy', 'a bucket policy granting public access can be saved'],
  ['RestrictPublicBuckets', 'a public bucket policy still lets anyone in'],
];

export function analyzePublicAccessBlock(file: string, root: unknown): Finding[] {
  const config = isRecord(root) ? record(root['PublicAccessBlockConfiguration']) : undefined;
  if (!config) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'PublicAccessBlockConfiguration is missing', EXPECTED_PUBLIC_ACCESS_BLOCK);
  return BPA_FLAGS.filter(([flag]) => config[flag] !== true).map(([flag, effect]) =>
    finding('S3_PUBLIC_ACCESS_BLOCK_OFF', 'high', `PublicAccessBlockConfiguration.${flag}`,
      `Block Public Access setting ${flag} is off: ${effect}. Turn all four settings on.`));
}
