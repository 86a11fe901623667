import { describe, expect, it } from 'vitest';
import { analyzeDocument, coverageGaps, suggestStatusesForResults } from '../../../electron/core/analyzers/index';
import { analyzeFixture, brief, documentOf } from './helpers';

describe('aws cloudtrail describe-trails', () => {
  it('clean: multi-region, validated, KMS-encrypted', () => {
    const doc = documentOf('cloudtrail-trails', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['LM-01', 'LM-02']);
  });

  it('CT_NO_TRAIL', () => {
    const doc = documentOf('cloudtrail-trails', 'empty.json');
    expect(brief(doc.findings)).toEqual([['CT_NO_TRAIL', 'critical', 'trailList']]);
    expect(doc.evidences).toEqual([]);
  });

  it('CT_NOT_MULTI_REGION, CT_NO_LOG_VALIDATION, CT_NO_KMS', () => {
    const doc = documentOf('cloudtrail-trails', 'single-region.json');
    expect(brief(doc.findings)).toEqual([
      ['CT_NOT_MULTI_REGION', 'high', 'trailList[0].IsMultiRegionTrail'],
      ['CT_NO_LOG_VALIDATION', 'medium', 'trailList[0].LogFileValidationEnabled'],
      ['CT_NO_KMS', 'medium', 'trailList[0].KmsKeyId'],
    ]);
    expect(doc.findings.map((f) => f.controls)).toEqual([['LM-01'], ['LM-02'], ['LM-03']]);
  });

  it('a single-region trail next to a multi-region one is not CT_NOT_MULTI_REGION', () => {
    const trail = (name: string, multi: boolean) => ({ Name: name, IsMultiRegionTrail: multi, LogFileValidationEnabled: true, KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k', CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:ct:*' });
    const result = analyzeDocument({ file: 't.json', content: JSON.stringify({ trailList: [trail('org', true), trail('local', false)] }) });
    expect(result.type === 'document' && result.findings).toEqual([]);
  });

  it('CT_NO_CLOUDWATCH_LOGS: a trail not delivered to CloudWatch Logs cannot be alarmed on (LM-06)', () => {
    const trail = { Name: 'org', IsMultiRegionTrail: true, LogFileValidationEnabled: true, KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k' };
    const result = analyzeDocument({ file: 't.json', content: JSON.stringify({ trailList: [trail] }) });
    expect(result.type === 'document' && result.findings.map((f) => [f.code, f.severity, f.path, f.controls])).toEqual([
      ['CT_NO_CLOUDWATCH_LOGS', 'medium', 'trailList[0].CloudWatchLogsLogGroupArn', ['LM-06']],
    ]);
  });
});

describe('aws cloudtrail get-trail-status', () => {
  it('clean', () => {
    expect(documentOf('cloudtrail-trail-status', 'clean.json').findings).toEqual([]);
  });

  it('CT_NOT_LOGGING', () => {
    const doc = documentOf('cloudtrail-trail-status', 'not-logging.json');
    expect(brief(doc.findings)).toEqual([['CT_NOT_LOGGING', 'high', 'IsLogging']]);
    expect(doc.findings[0]?.controls).toEqual(['LM-01']);
  });
});

describe('LM-01 needs describe-trails and get-trail-status analysed together', () => {
  const trails = () => analyzeFixture('cloudtrail-trails', 'clean.json');
  const status = () => analyzeFixture('cloudtrail-trail-status', 'clean.json');

  it('describe-trails alone: LM-02 compliant, LM-01 not suggested, and the gap says what to export', () => {
    const results = [trails()];
    expect(suggestStatusesForResults(results).map((s) => [s.controlId, s.status])).toEqual([['LM-02', 'compliant']]);
    expect(coverageGaps(results)).toEqual([{ controlId: 'LM-01', missing: ['cloudtrail-trail-status'], note: expect.stringContaining('aws cloudtrail get-trail-status') }]);
  });

  it('get-trail-status alone suggests nothing compliant either', () => {
    expect(suggestStatusesForResults([status()])).toEqual([]);
    expect(coverageGaps([status()]).map((g) => g.missing)).toEqual([['cloudtrail-trails']]);
  });

  it('both together: LM-01 compliant, and the note names what was checked', () => {
    const out = suggestStatusesForResults([trails(), status()]);
    const lm01 = out.find((s) => s.controlId === 'LM-01');
    expect(lm01?.status).toBe('compliant');
    expect(lm01?.note).toContain('cloudtrail-trails (clean.json)');
    expect(lm01?.note).toContain('cloudtrail-trail-status (clean.json)');
    expect(coverageGaps([trails(), status()])).toEqual([]);
  });

  it('a trail that is not logging outweighs the clean trail list', () => {
    const out = suggestStatusesForResults([trails(), analyzeFixture('cloudtrail-trail-status', 'not-logging.json')]);
    expect(out.find((s) => s.controlId === 'LM-01')?.status).toBe('non_compliant');
  });
});

describe('aws kms get-key-rotation-status', () => {
  it('clean', () => {
    const doc = documentOf('kms-key-rotation-status', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['DS-03']);
  });

  it('KMS_ROTATION_DISABLED', () => {
    const doc = documentOf('kms-key-rotation-status', 'disabled.json');
    expect(brief(doc.findings)).toEqual([['KMS_ROTATION_DISABLED', 'medium', 'KeyRotationEnabled']]);
    expect(doc.findings[0]?.controls).toEqual(['DS-03']);
  });
});
