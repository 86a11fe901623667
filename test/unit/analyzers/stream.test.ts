// Documents read as a stream (analyzeDocumentStream) give exactly what the same bytes read whole
// give (analyzeDocument), whatever the chunk boundaries: every fixture, UTF-16 either way round,
// and a few MB of Prowler OCSF and get-account-authorization-details, which stream item by item.
// Peak memory and speed on 200 MB files are measured in `npm run bench -- analyzers`.
import { describe, expect, it } from 'vitest';
import { type AnalyzeInput, analyzeDocument, analyzeDocumentStream, AnalyzerError } from '../../../electron/core/analyzers/index';
import { Tokenizer } from '@streamparser/json';
import { decodeStringsWithBuffer, readStream } from '../../../electron/core/analyzers/stream';
import { allFixtures, CATALOG, fixtureBytes, NOW } from './helpers';

const requirementControls = (framework: string, requirement: string) => CATALOG[`${framework}|${requirement}`] ?? [];

/** The bytes in chunks of `size`, as a read stream would hand them over. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function both(input: Omit<AnalyzeInput, 'content'> & { content: Uint8Array }, size = 7) {
  const outcome = async (run: () => unknown) => {
    try {
      return { result: await run() };
    } catch (error) {
      if (error instanceof AnalyzerError) return { error: error.code };
      throw error;
    }
  };
  const { content, ...rest } = input;
  return {
    whole: await outcome(() => analyzeDocument(input)),
    streamed: await outcome(() => analyzeDocumentStream({ ...rest, chunks: chunked(content, size) })),
  };
}

/** A seeded OCSF array of `count` findings, as Prowler writes it (pretty-printed). */
export function ocsf(count: number): string {
  const checks = ['kms_cmk_rotation_enabled', 's3_bucket_default_encryption', 'sagemaker_notebook_instance_root_access_disabled', 'cloudtrail_multi_region_enabled'];
  return JSON.stringify(Array.from({ length: count }, (_, i) => ({
    message: `finding ${i}`, status_code: ['FAIL', 'PASS', 'MANUAL'][i % 3], severity_id: 1 + (i % 5), severity: ['Informational', 'Low', 'Medium', 'High', 'Critical'][i % 5], class_uid: 2004,
    finding_info: { uid: `prowler-aws-${checks[i % 4]}-111122223333-eu-west-1-${i}`, title: `Check ${i % 4}`, desc: 'Ünïcode and "quotes" survive chunk boundaries.' },
    metadata: { event_code: checks[i % 4], product: { name: 'Prowler', version: '5.7.5' } },
    resources: [{ uid: `arn:aws:s3:::bucket-${i}`, region: 'eu-west-1' }],
    unmapped: { compliance: { HIPAA: ['164_312_a_2_iv'], 'PCI-4.0': ['3.7.4'] } },
  })), null, 2);
}

/** get-account-authorization-details with users, groups, roles and managed policies of several versions. */
export function authorizationDetails(principals: number): string {
  const doc = (i: number) => ({ Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: i % 7 === 0 ? ['iam:PassRole', 'sagemaker:CreateNotebookInstance'] : ['s3:GetObject', 's3:ListBucket'], Resource: i % 3 === 0 ? '*' : `arn:aws:s3:::bucket-${i}/*` },
  ] });
  const policies = Array.from({ length: 40 }, (_, i) => ({
    PolicyName: `p${i}`, Arn: `arn:aws:iam::111122223333:policy/p${i}`, DefaultVersionId: 'v3', AttachmentCount: 1,
    PolicyVersionList: [1, 2, 3].map((v) => ({ Document: v === 3 ? doc(i) : doc(i + v), VersionId: `v${v}`, IsDefaultVersion: v === 3 })),
  }));
  const attached = (i: number) => [{ PolicyName: `p${i % 40}`, PolicyArn: `arn:aws:iam::111122223333:policy/p${i % 40}` }];
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  return JSON.stringify({
    UserDetailList: Array.from({ length: principals }, (_, i) => ({ UserName: `u${i}`, Arn: `arn:aws:iam::111122223333:user/u${i}`, GroupList: ['g0'], AttachedManagedPolicies: attached(i), UserPolicyList: [] })),
    GroupDetailList: [{ GroupName: 'g0', Arn: 'arn:aws:iam::111122223333:group/g0', GroupPolicyList: [{ PolicyName: 'inline', PolicyDocument: encodeURIComponent(JSON.stringify(doc(5))) }], AttachedManagedPolicies: [] }],
    RoleDetailList: Array.from({ length: principals }, (_, i) => ({ RoleName: `r${i}`, Arn: `arn:aws:iam::111122223333:role/r${i}`, AssumeRolePolicyDocument: trust, AttachedManagedPolicies: attached(i + 1), RolePolicyList: [] })),
    Policies: policies,
    IsTruncated: false,
  });
}

describe('analyzeDocumentStream', () => {
  it('gives what analyzeDocument gives for every fixture, good or bad, in odd-sized chunks', async () => {
    for (const { kind, name } of allFixtures()) {
      const { whole, streamed } = await both({ file: name, content: fixtureBytes(kind, name), now: NOW, requirementControls });
      expect(streamed, `${kind}/${name}`).toEqual(whole);
    }
  });

  it('reads UTF-16 either way round, with or without a byte order mark, split inside characters', async () => {
    const text = fixtureBytes('prowler-ocsf', 'findings.ocsf.json').toString('utf8');
    for (const [order, bom] of [['le', true], ['le', false], ['be', true], ['be', false]] as const) {
      const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
      const content = order === 'le' ? le : Buffer.from(le).swap16();
      const { whole, streamed } = await both({ file: 'prowler.json', content, now: NOW, requirementControls }, 5);
      expect(whole).toHaveProperty('result');
      expect(streamed).toEqual(whole);
    }
  });

  it('refuses a UTF-16 file cut inside a character with the UTF-16 sentence', async () => {
    const content = Buffer.from('\ufeff[{"a": 1}]', 'utf16le').subarray(0, 21);
    await expect(analyzeDocumentStream({ file: 'cut.json', chunks: chunked(content, 4) })).rejects.toThrow(/UTF-16 encoded \(little-endian\).*cut off/);
  });

  it('refuses bytes that are not UTF-8 inside the JSON, as read whole', async () => {
    const content = Buffer.concat([Buffer.from('{"FlowLogs": [{"ResourceId": "vpc-'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]);
    const { whole, streamed } = await both({ file: 'x.json', content }, 3);
    expect(whole).toEqual({ error: 'DOCUMENT_UNREADABLE' });
    expect(streamed).toEqual(whole);
    await expect(analyzeDocumentStream({ file: 'x.json', chunks: chunked(content, 3) })).rejects.toThrow(/x\.json: it is not UTF-8 text/);
  });

  it('refuses every kind of broken UTF-8 (in a value, in a key, cut short, a lone continuation byte) whatever the chunk size', async () => {
    const broken = [[0xff], [0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80]];
    for (const bytes of broken) {
      for (const where of ['value', 'key'] as const) {
        const content = where === 'value'
          ? Buffer.concat([Buffer.from('{"FlowLogs": [{"ResourceId": "vpc-'), Buffer.from(bytes), Buffer.from('"}]}')])
          : Buffer.concat([Buffer.from('{"FlowLogs": [{"Resource'), Buffer.from(bytes), Buffer.from('Id": "vpc-1"}]}')]);
        for (const size of [1, 2, 5, 1 << 16]) {
          await expect(analyzeDocumentStream({ file: 'x.json', chunks: chunked(content, size) }), `${where} ${bytes.join(',')} in chunks of ${size}`).rejects.toThrow(/x\.json: it is not UTF-8 text/);
        }
      }
    }
    // the same places with whole characters of two, three and four bytes, cut anywhere by the chunks: read
    const good = Buffer.from('{"FlowLogs": [{"ResourceId": "vpc-Łódź€😀", "Łódź😀": "x"}]}');
    const reference = await both({ file: 'x.json', content: good }, 1 << 16);
    expect(reference.whole).toHaveProperty('result');
    for (const size of [1, 2, 3, 5]) expect((await both({ file: 'x.json', content: good }, size)).streamed).toEqual(reference.whole);
  });

  it('says where JSON breaks, or that the file is cut off', async () => {
    await expect(analyzeDocumentStream({ file: 'x.json', chunks: chunked(Buffer.from('{"FlowLogs": [1, }'), 4) })).rejects.toThrow("x.json: it is not valid JSON at line 1, column 18 (a ',' with nothing after it: remove the trailing comma)");
    // a missing comma lines below, split across chunks: line and column of the token after the gap
    await expect(analyzeDocumentStream({ file: 'x.json', chunks: chunked(Buffer.from('{"FlowLogs": [\n  {"a": 1}\n  {"b": 2}\n]}'), 4) })).rejects.toThrow("x.json: it is not valid JSON at line 3, column 3 (a ',' is missing before it)");
    await expect(analyzeDocumentStream({ file: 'x.json', chunks: chunked(Buffer.from('[{"finding_info": {'), 4) })).rejects.toThrow(/cut off/);
  });

  it('streams a few MB of Prowler OCSF item by item, with the same findings as read whole', async () => {
    const content = Buffer.from(ocsf(6_000));
    expect(content.length).toBeGreaterThan(4_000_000);
    const { whole, streamed } = await both({ file: 'prowler.ocsf.json', content, requirementControls }, 65_536);
    expect(whole).toHaveProperty('result.counts.total', 6_000);
    expect(streamed).toEqual(whole);
  });

  it('streams get-account-authorization-details keeping only default policy versions, with the same result', async () => {
    const content = Buffer.from(authorizationDetails(150));
    const { whole, streamed } = await both({ file: 'details.json', content }, 65_536);
    expect(whole).toHaveProperty('result.kind', 'iam-authorization-details');
    expect(streamed).toEqual(whole);
  });

  it('a Security Hub Findings array streams too, and a bad item is refused saying which', async () => {
    const content = fixtureBytes('securityhub-findings', 'statuses-and-standards.json');
    const { whole, streamed } = await both({ file: 'asff.json', content, requirementControls }, 100);
    expect(streamed).toEqual(whole);
    const bad = Buffer.from(JSON.stringify({ Findings: [{ Id: 'a', ProductArn: 'x' }, { Title: 'no id' }] }));
    await expect(analyzeDocumentStream({ file: 'asff.json', chunks: chunked(bad, 10) })).rejects.toThrow(/finding \[1\] is not an ASFF finding/);
  });

  it('makes every string as JSON.parse does (Buffer in place of the parser\'s TextDecoder), however the bytes are cut', async () => {
    // the parser's internals are those this was written for: a new version fails here, not silently slower
    expect(decodeStringsWithBuffer(new Tokenizer({ stringBufferSize: 1 << 16 }))).toBe(true);
    const long = 'é€😀 ascii '.repeat(9_000); // over the 64 KiB string buffer, so it is emptied inside a string
    const document = { [`key ünïcode ${'x'.repeat(20)}`]: ['plain', 'ça va', '日本語のテキスト', '👩‍🔬 and 𝄞', long, 'escaped \n\t"\\ \u00e9 \ud83d\ude00', ''] };
    const bytes = Buffer.from(JSON.stringify(document));
    for (const size of [1, 2, 3, 5, 64, 4_099, 65_536]) {
      const read = await readStream('strings.json', chunked(bytes, size), 'JSON', () => false);
      expect(read.type).toBe('json');
      expect(read.type === 'json' ? read.root : null, `chunks of ${size}`).toEqual(JSON.parse(bytes.toString('utf8')));
    }
  });
});

