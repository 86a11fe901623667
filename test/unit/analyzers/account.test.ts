import { describe, expect, it } from 'vitest';
import { analyzeDocument, AnalyzerError } from '../../../electron/core/analyzers/index';
import { aboveInfo, brief, documentOf, fixtureBytes, NOW } from './helpers';

describe('aws iam get-account-summary', () => {
  it('clean: root has MFA and no keys; evidences AC-02', () => {
    const doc = documentOf('iam-account-summary', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['AC-02']);
  });

  it('IAM_ROOT_NO_MFA', () => {
    const doc = documentOf('iam-account-summary', 'root-no-mfa.json');
    expect(brief(doc.findings)).toEqual([['IAM_ROOT_NO_MFA', 'critical', 'SummaryMap.AccountMFAEnabled']]);
    expect(doc.findings[0]?.controls).toEqual(['AC-02']);
  });

  it('IAM_ROOT_ACCESS_KEYS', () => {
    const doc = documentOf('iam-account-summary', 'root-access-keys.json');
    expect(brief(doc.findings)).toEqual([['IAM_ROOT_ACCESS_KEYS', 'critical', 'SummaryMap.AccountAccessKeysPresent']]);
    expect(doc.findings[0]?.controls).toEqual(['AC-01', 'AC-11']);
  });

  it('refuses a SummaryMap without the root facts rather than calling it clean', () => {
    const run = () => analyzeDocument({ file: 'summary.json', content: '{"SummaryMap":{"Users":3}}' });
    expect(run).toThrow(AnalyzerError);
    expect(run).toThrow(/^summary\.json: SummaryMap holds neither AccountMFAEnabled nor AccountAccessKeysPresent .* Expected the JSON of aws iam get-account-summary/);
  });
});

describe('aws iam get-credential-report', () => {
  it.each(['clean.csv', 'clean.json'])('clean (%s): no finding, evidences AC-02 and AC-03', (name) => {
    const doc = documentOf('iam-credential-report', name);
    expect(aboveInfo(doc.findings)).toEqual([]);
    expect(doc.evidences).toEqual(['AC-02', 'AC-03']);
    expect(doc.kind).toBe('iam-credential-report');
  });

  it('IAM_USER_NO_MFA: a console password without MFA', () => {
    const doc = documentOf('iam-credential-report', 'user-no-mfa.csv');
    expect(brief(doc.findings)).toEqual([['IAM_USER_NO_MFA', 'high', 'line 4, mfa_active']]);
    expect(doc.findings[0]?.message).toContain('"bob.scientist"');
  });

  it('IAM_ACCESS_KEY_OLD: key 1 is 141 days old at "now", key 2 is 12 days old', () => {
    const doc = documentOf('iam-credential-report', 'access-key-old.csv');
    expect(brief(doc.findings)).toEqual([['IAM_ACCESS_KEY_OLD', 'medium', 'line 4, access_key_1_last_rotated']]);
    expect(doc.findings[0]?.message).toContain('141 days');
  });

  it('"now" is a parameter: the same key is fine 60 days after rotation', () => {
    const result = analyzeDocument({ file: 'r.csv', content: fixtureBytes('iam-credential-report', 'access-key-old.csv'), now: new Date('2025-03-11T00:00:00Z') });
    expect(result.type === 'document' && result.findings).toEqual([]);
  });

  it('root user without MFA and with an active key, from the base64 JSON the CLI prints', () => {
    const doc = documentOf('iam-credential-report', 'root-issues.json');
    expect(brief(doc.findings)).toEqual([
      ['IAM_ROOT_NO_MFA', 'critical', 'line 2, mfa_active'],
      ['IAM_ROOT_ACCESS_KEYS', 'critical', 'line 2, access_key_1_active'],
    ]);
  });

  it('refuses a CSV without the report columns, and a Content that is not base64', () => {
    expect(() => analyzeDocument({ file: 'r.csv', content: 'user,arn,user_creation_time,password_enabled\nbob,arn,2020,true\n', now: NOW }))
      .toThrow(/^r\.csv: the CSV lacks the columns mfa_active, access_key_1_active/);
    try {
      analyzeDocument({ file: 'report.json', content: '{"Content":"not base64!","ReportFormat":"text/csv"}' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AnalyzerError);
      expect((error as AnalyzerError).code).toBe('DOCUMENT_UNREADABLE');
      expect((error as AnalyzerError).message).toMatch(/^report\.json: Content is not base64/);
    }
  });
});
