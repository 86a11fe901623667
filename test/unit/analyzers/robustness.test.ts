// Property tests: whatever a user drops, an analyzer answers with a result that fits the contract
// or with an AnalyzerError. Never a TypeError, a RangeError or a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisResult, DOCUMENT_KINDS, type DocumentKind } from '../../../shared/analysis';
import { analyzeDocument, AnalyzerError } from '../../../electron/core/analyzers/index';
import { allFixtures, fixtureBytes, NOW, requirementControls } from './helpers';

const RUNS = 300;

/** Analyse and check the outcome is one of the two allowed ones. */
function answersSafely(file: string, content: Uint8Array | string, kind?: DocumentKind): boolean {
  try {
    const result = analyzeDocument({ file, content, now: NOW, requirementControls, ...(kind ? { kind } : {}) });
    AnalysisResult.parse(result);
    return true;
  } catch (error) {
    if (error instanceof AnalyzerError) {
      expect(error.message.startsWith(`${file}: `)).toBe(true);
      return true;
    }
    throw error;
  }
}

const kindOrDetect = fc.option(fc.constantFrom(...DOCUMENT_KINDS), { nil: undefined });
const fixtures = allFixtures();
const jsonFixtures = fixtures.filter((f) => /\.json$/.test(f.name));

/** Every path into a JSON value, so a mutation can land anywhere in a realistic document. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => paths(v, [...prefix, i])));
  if (value && typeof value === 'object') return here.concat(Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k])));
  return here;
}

function replaceAt(root: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = replacement;
  return copy;
}

const policyWords = fc.constantFrom(
  'Allow', 'Deny', '*', 's3:*', 's3:GetObject', 'iam:PassRole', 'iam:Attach*', 'sagemaker:Delete*', 'sagemaker:CreateTrainingJob',
  'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:iam::111122223333:role/*', '${aws:username}', '2012-10-17', 'false', 'true',
);
const policyValue = fc.oneof(policyWords, fc.array(policyWords, { maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }),
  fc.record({ AWS: fc.oneof(policyWords, fc.array(policyWords)) }),
  fc.dictionary(fc.constantFrom('Bool', 'BoolIfExists', 'StringEquals', 'Null', 'NumericLessThan'),
    fc.dictionary(fc.constantFrom('aws:SecureTransport', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:SourceVpce'), fc.oneof(policyWords, fc.boolean(), fc.jsonValue({ maxDepth: 2 })))));
const statement = fc.dictionary(
  fc.constantFrom('Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Actions'),
  policyValue,
);
const policyDocument = fc.record({
  Version: fc.oneof(fc.constant('2012-10-17'), fc.jsonValue({ maxDepth: 1 })),
  Statement: fc.oneof(statement, fc.array(fc.oneof(statement, fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 })),
});

describe('analyzers never crash', () => {
  it('on random JSON, detected or forced to any kind', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), kindOrDetect, (value, kind) => answersSafely('random.json', JSON.stringify(value) ?? 'null', kind)), { numRuns: RUNS });
  });

  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), kindOrDetect, (bytes, kind) => answersSafely('random.bin', bytes, kind)), { numRuns: RUNS });
  });

  it('on random text, including CSV-looking text', () => {
    const csvish = fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 }), { maxLength: 6 }).map((rows) => rows.map((r) => r.join(',')).join('\n'));
    const header = fc.constantFrom('user,arn,user_creation_time,password_enabled,mfa_active\n', 'REQUIREMENTS_ID;STATUS;CHECKID;FRAMEWORK\n', '%7B', '');
    fc.assert(fc.property(header, fc.oneof(fc.string({ maxLength: 500 }), csvish), kindOrDetect, (head, body, kind) => answersSafely('random.csv', head + body, kind)), { numRuns: RUNS });
  });

  it('on every fixture cut short anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.nat(), fc.boolean(), ({ kind, name }, cut, forced) => {
        const bytes = fixtureBytes(kind, name);
        return answersSafely(name, bytes.subarray(0, cut % (bytes.length + 1)), forced ? (kind as DocumentKind) : undefined);
      }),
      { numRuns: RUNS },
    );
  });

  it('on every JSON fixture with any part replaced by random JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...jsonFixtures), fc.nat(), fc.jsonValue({ maxDepth: 4 }), fc.boolean(), ({ kind, name }, pick, replacement, forced) => {
        const root = JSON.parse(fixtureBytes(kind, name).toString('utf8')) as unknown;
        const all = paths(root);
        const mutated = replaceAt(root, all[pick % all.length] ?? [], replacement);
        return answersSafely(name, JSON.stringify(mutated) ?? 'null', forced ? (kind as DocumentKind) : undefined);
      }),
      { numRuns: RUNS },
    );
  });

  it('on policy-shaped documents, as identity and as bucket policies, raw or wrapped', () => {
    fc.assert(
      fc.property(policyDocument, fc.constantFrom('raw', 'policy-version', 'bucket-policy', 'url-encoded'), fc.constantFrom<DocumentKind | undefined>('iam-policy', 's3-bucket-policy', undefined), (doc, wrap, kind) => {
        const json = JSON.stringify(doc);
        const content =
          wrap === 'raw' ? json
            : wrap === 'policy-version' ? JSON.stringify({ PolicyVersion: { Document: doc, VersionId: 'v1' } })
              : wrap === 'bucket-policy' ? JSON.stringify({ Policy: json })
                : encodeURIComponent(json);
        return answersSafely('policy.json', content, kind);
      }),
      { numRuns: RUNS },
    );
  });
});
