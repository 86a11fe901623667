import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/analysis';
import { suggestStatuses, suggestStatusesForResults } from '../../../electron/core/analyzers/index';
import { analyzeFixture, documentOf, importOf, requirementControls } from './helpers';

const f = (code: Finding['code'], severity: Finding['severity'], controls: string[], path = 'X'): Finding => ({ code, severity, message: 'm', path, controls });
const statuses = (s: ReturnType<typeof suggestStatuses>) => s.map((x) => [x.controlId, x.status, x.worstSeverity]);

describe('suggestStatuses', () => {
  it('high or critical → non_compliant; medium or low → partial; info changes nothing', () => {
    const out = suggestStatuses([
      f('IAM_ACTION_WILDCARD', 'critical', ['AC-06']),
      f('IAM_RESOURCE_WILDCARD', 'medium', ['AC-07']),
      f('SM_NO_NETWORK_ISOLATION', 'low', ['NS-02']),
      f('SG_OPEN_INGRESS', 'info', ['NS-05']),
      f('IAM_SERVICE_WILDCARD', 'medium', ['AC-06']),
    ]);
    expect(statuses(out)).toEqual([
      ['AC-06', 'non_compliant', 'critical'],
      ['AC-07', 'partial', 'medium'],
      ['NS-02', 'partial', 'low'],
    ]);
    expect(out[0]?.basis.map((b) => b.ref)).toEqual(['IAM_ACTION_WILDCARD', 'IAM_SERVICE_WILDCARD']);
  });

  it('a control the document evidences, with only info findings, → compliant; others are not suggested', () => {
    const out = suggestStatuses([f('SG_OPEN_INGRESS', 'info', ['NS-05']), f('KMS_ROTATION_DISABLED', 'medium', ['DS-03'])], ['NS-05', 'DS-03']);
    expect(statuses(out)).toEqual([
      ['DS-03', 'partial', 'medium'],
      ['NS-05', 'compliant', null],
    ]);
    expect(out[1]?.note).toContain('confirm');
  });

  it('a clean document suggests compliant only for its evidenced controls', () => {
    const doc = documentOf('iam-policy', 'clean.json');
    expect(statuses(suggestStatuses(doc.findings, doc.evidences))).toEqual([
      ['AC-06', 'compliant', null],
      ['AC-07', 'compliant', null],
      ['AC-08', 'compliant', null],
      ['AC-09', 'compliant', null],
    ]);
  });

  it('an admin policy fails the IAM controls it touches and still calls nothing compliant', () => {
    const doc = documentOf('iam-policy', 'action-wildcard.json');
    expect(statuses(suggestStatuses(doc.findings, doc.evidences))).toEqual([
      ['AC-04', 'non_compliant', 'high'],
      ['AC-06', 'non_compliant', 'critical'],
      ['AC-07', 'non_compliant', 'high'], // resource exposure: Permissions management on "*"
      ['AC-08', 'non_compliant', 'high'],
      ['AC-09', 'non_compliant', 'high'],
      ['AC-10', 'non_compliant', 'high'],
      ['AC-16', 'non_compliant', 'high'],
      ['DS-07', 'non_compliant', 'high'], // credentials exposure
      ['MP-06', 'partial', 'medium'], // data exfiltration
    ]);
  });
});

describe('suggestStatusesForResults', () => {
  it('combines documents: a finding anywhere outweighs a clean document elsewhere', () => {
    const out = suggestStatusesForResults([
      analyzeFixture('kms-key-rotation-status', 'clean.json'),
      analyzeFixture('kms-key-rotation-status', 'disabled.json'),
      analyzeFixture('sagemaker-notebook-instance', 'clean.json'),
    ]);
    expect(statuses(out)).toEqual([
      ['DS-03', 'partial', 'medium'],
      ['MP-05', 'compliant', null],
      ['NS-10', 'compliant', null],
    ]);
    expect(out[0]?.basis).toEqual([{ ref: 'KMS_ROTATION_DISABLED', severity: 'medium', path: 'KeyRotationEnabled', file: 'disabled.json' }]);
  });

  it('scanner failures count by severity (unknown severity as medium); passes vouch only through check ids', () => {
    const out = suggestStatusesForResults([
      importOf('prowler-ocsf', 'findings.ocsf.json', { requirementControls }),
      importOf('prowler-compliance-csv', 'prowler-output-111122223333-20250601063012_hipaa_aws.csv', { requirementControls }),
    ]);
    expect(statuses(out)).toEqual([
      ['DS-03', 'non_compliant', 'high'], // kms_cmk_rotation_enabled failed (High in OCSF)
      ['DS-05', 'partial', 'medium'], // s3_bucket_secure_transport_policy failed, CSV: no severity
      ['LM-01', 'compliant', null], // cloudtrail_multi_region_enabled passed
      ['MP-03', 'partial', 'medium'],
      ['MP-08', 'partial', 'medium'], // mapped through a requirement only
    ]);
  });

  it('a failure tied to controls only through a broad requirement is at most partial', () => {
    const out = suggestStatusesForResults([importOf('securityhub-findings', 'get-findings.json', { requirementControls })]);
    expect(statuses(out)).toEqual([
      ['DS-03', 'partial', 'medium'], // KMS.4 failed, MEDIUM
      ['DS-05', 'compliant', null], // S3.5 passed
      ['LM-01', 'partial', 'medium'],
      ['LM-04', 'partial', 'medium'],
      ['LM-05', 'partial', 'medium'],
    ]);
    const high = importOf('securityhub-findings', 'get-findings.json', { requirementControls });
    const custom = high.findings[3];
    if (!custom) throw new Error('fixture changed');
    custom.severity = 'critical';
    expect(statuses(suggestStatusesForResults([high])).find(([c]) => c === 'LM-04')).toEqual(['LM-04', 'partial', 'medium']);
  });
});
