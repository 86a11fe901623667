import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AnalysisResult, DOCUMENT_KINDS, isScannerKind } from '../../../shared/analysis';
import { analyzeDocument, AnalyzerError } from '../../../electron/core/analyzers/index';
import { allFixtures, analyzeFixture, fixtureBytes, NOW } from './helpers';

function refusal(run: () => unknown): AnalyzerError {
  try {
    run();
  } catch (error) {
    if (error instanceof AnalyzerError) return error;
    throw error;
  }
  throw new Error('expected an AnalyzerError');
}

describe('kind detection', () => {
  const fixtures = allFixtures();

  it('there is a fixture folder for every kind, with a clean document for each configuration kind', () => {
    const kinds = new Set(fixtures.map((f) => f.kind));
    expect([...kinds].sort()).toEqual([...DOCUMENT_KINDS].sort());
    for (const kind of DOCUMENT_KINDS) {
      if (!isScannerKind(kind)) expect(fixtures.some((f) => f.kind === kind && f.name.startsWith('clean'))).toBe(true);
    }
  });

  it.each(fixtures.map((f) => [f.kind, f.name]))('%s/%s is detected as its folder\'s kind, and the result fits the contract', (kind, name) => {
    const result = analyzeFixture(kind, name);
    expect(result.kind).toBe(kind);
    expect(result.file).toBe(name);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => AnalysisResult.parse(result)).not.toThrow();
  });

  it('the hash is of the bytes as given', () => {
    const result = analyzeFixture('kms-key-rotation-status', 'clean.json');
    expect(result.sha256).toBe(createHash('sha256').update(fixtureBytes('kms-key-rotation-status', 'clean.json')).digest('hex'));
  });

  it('a leading BOM and a string content are accepted', () => {
    const text = fixtureBytes('kms-key-rotation-status', 'disabled.json').toString('utf8');
    const result = analyzeDocument({ file: 'k.json', content: `\uFEFF${text}` });
    expect(result.kind).toBe('kms-key-rotation-status');
  });
});

describe('the kind chosen by hand (--kind)', () => {
  it('reads a document detection refuses: describe-endpoint read as an endpoint configuration', () => {
    const content = JSON.stringify({ EndpointName: 'churn-prod', EndpointConfigName: 'churn-prod-config-v7', EndpointStatus: 'InService' });
    expect(refusal(() => analyzeDocument({ file: 'endpoint.json', content })).code).toBe('DOCUMENT_UNKNOWN_KIND');
    const result = analyzeDocument({ file: 'endpoint.json', content, kind: 'sagemaker-endpoint-config' });
    expect(result.type === 'document' && result.findings.map((f) => f.code)).toEqual(['SM_ENDPOINT_NO_KMS']);
  });

  it('reads a trust policy as an identity policy when told, and says what AWS would refuse', () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const content = JSON.stringify(trust);
    expect(refusal(() => analyzeDocument({ file: 'trust.json', content })).message).toContain('names a Principal but no S3 resource');
    const result = analyzeDocument({ file: 'trust.json', content, kind: 'iam-policy' });
    expect(result.type === 'document' && result.findings.map((f) => [f.code, f.path])).toEqual([
      ['IAM_MALFORMED', 'Statement[0]'],
      ['IAM_MALFORMED', 'Statement[0]'],
    ]);
  });

  it('refuses a document that does not fit the chosen kind, naming the file and the expected shape', () => {
    const error = refusal(() => analyzeDocument({ file: '/tmp/upload/trail.json', content: fixtureBytes('cloudtrail-trails', 'clean.json'), kind: 'sagemaker-training-job' }));
    expect(error.code).toBe('DOCUMENT_KIND_MISMATCH');
    expect(error.file).toBe('/tmp/upload/trail.json');
    expect(error.message).toBe('trail.json: it has no TrainingJobName. Expected the JSON of aws sagemaker describe-training-job (with TrainingJobName).');
  });

  it('refuses CSV given a JSON kind, and JSON given the Prowler CSV kind', () => {
    expect(refusal(() => analyzeDocument({ file: 'r.csv', content: fixtureBytes('iam-credential-report', 'clean.csv'), kind: 'iam-policy' })).code).toBe('DOCUMENT_KIND_MISMATCH');
    expect(refusal(() => analyzeDocument({ file: 'f.json', content: fixtureBytes('prowler-ocsf', 'findings.ocsf.json'), kind: 'prowler-compliance-csv' })).message).toMatch(/^f\.json: it is JSON, not CSV/);
  });

  it('refuses a kind that does not exist', () => {
    const error = refusal(() => analyzeDocument({ file: 'x.json', content: '{}', kind: 'iam-polcy' as never }));
    expect(error.code).toBe('DOCUMENT_UNKNOWN_KIND');
    expect(error.message).toContain('"iam-polcy" is not a document kind');
  });

  it('every kind can be forced on every fixture without anything but a result or an AnalyzerError', () => {
    for (const { kind: folder, name } of allFixtures()) {
      for (const kind of DOCUMENT_KINDS) {
        try {
          const result = analyzeDocument({ file: name, content: fixtureBytes(folder, name), kind, now: NOW });
          expect(result.kind).toBe(kind);
        } catch (error) {
          expect(error).toBeInstanceOf(AnalyzerError);
        }
      }
    }
  });
});

describe('unknown and unreadable documents are refused with the file name', () => {
  it.each([
    ['some.json', '{"Buckets":[{"Name":"a"}],"Owner":{"ID":"x"}}', 'DOCUMENT_UNKNOWN_KIND', /^some\.json: its JSON does not have the shape of any document the analyzers know\. Expected the JSON printed by a supported AWS CLI command/],
    ['policy-meta.json', '{"Policy":{"PolicyName":"p","DefaultVersionId":"v3","Arn":"arn:aws:iam::111122223333:policy/p"}}', 'DOCUMENT_UNKNOWN_KIND', /aws iam get-policy \(metadata only\); run aws iam get-policy-version/],
    ['empty.json', '[]', 'DOCUMENT_UNKNOWN_KIND', /^empty\.json: /],
    ['notes.txt', 'hello, this is not JSON', 'DOCUMENT_UNKNOWN_KIND', /^notes\.txt: it is neither JSON nor a CSV the analyzers know/],
    ['cut.json', '{\n  "KeyRotationEnabled": true,\n  "KeyId": "arn:aws', 'DOCUMENT_UNREADABLE', /^cut\.json: it is not valid JSON \(it ends too early: is the file cut off\?\)\. Expected/],
    ['bad.json', '{\n  "a": 1,\n  "b": }', 'DOCUMENT_UNREADABLE', /^bad\.json: it is not valid JSON at line 3, column 8/],
    ['blank.json', '  \n ', 'DOCUMENT_UNREADABLE', /^blank\.json: the file is empty/],
    ['enc.txt', '%7B%22Version%22%3A%', 'DOCUMENT_UNKNOWN_KIND', /^enc\.txt: /],
  ])('%s', (file, content, code, message) => {
    const error = refusal(() => analyzeDocument({ file, content }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('binary bytes are not UTF-8 text', () => {
    const error = refusal(() => analyzeDocument({ file: 'archive.zip', content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0xc3]) }));
    expect(error.code).toBe('DOCUMENT_UNREADABLE');
    expect(error.message).toMatch(/^archive\.zip: it is not UTF-8 text/);
  });

  it('a bucket policy whose Policy string is broken JSON', () => {
    const error = refusal(() => analyzeDocument({ file: 'bp.json', content: '{"Policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":["}' }));
    expect(error.code).toBe('DOCUMENT_UNREADABLE');
    expect(error.message).toMatch(/^bp\.json: the Policy string is not valid JSON/);
  });
});
