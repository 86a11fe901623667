import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyzeDocument, AnalyzerError, PROWLER_CHECK_CONTROLS, SECURITY_HUB_CONTROL_CONTROLS, suggestStatusesForResults } from '../../../electron/core/analyzers/index';
import { importOf, requirementControls } from './helpers';
import { STANDARD_SECURITY_CONTROLS, controlsForCheck } from '../../../electron/core/analyzers/checks';

const lookup = { requirementControls };
const byId = <T extends { id: string }>(items: T[], part: string): T => {
  const found = items.find((i) => i.id.includes(part));
  if (!found) throw new Error(`no finding with ${part}`);
  return found;
};

describe('Prowler JSON-OCSF', () => {
  it('keeps each finding with its id and status, maps through requirements and check ids', () => {
    const imported = importOf('prowler-ocsf', 'findings.ocsf.json', lookup);
    expect(imported.counts).toEqual({ total: 4, failed: 3, mapped: 3, unmapped: 1 });
    const kms = byId(imported.findings, 'kms_cmk_rotation_enabled');
    expect(kms).toMatchObject({
      source: 'prowler',
      id: 'prowler-aws-kms_cmk_rotation_enabled-111122223333-eu-west-1-1234abcd-12ab-34cd-56ef-1234567890ab',
      status: 'fail',
      severity: 'high',
      checkId: 'kms_cmk_rotation_enabled',
      mapped: true,
    });
    // PCI-3.2.1 and CIS ids are dropped; HIPAA, GDPR and PCI 4 are normalised.
    expect(kms.requirements).toEqual([
      { framework: 'hipaa', requirement: '164.308(a)(4)(ii)(A)' },
      { framework: 'hipaa', requirement: '164.312(a)(2)(iv)' },
      { framework: 'gdpr', requirement: 'Art. 32' },
      { framework: 'pci', requirement: '3.6.1' },
      { framework: 'pci', requirement: '3.7.4' },
    ]);
    // The check id says exactly what was tested, so the broad requirement mapping is not used.
    expect(kms.controls).toEqual(['DS-03']);
    expect(kms.mappedBy).toBe('check');
  });

  it('a check only our table knows is mapped; a check with no link is listed as unmapped', () => {
    const imported = importOf('prowler-ocsf', 'findings.ocsf.json', lookup);
    expect(byId(imported.findings, 'intercontainer')).toMatchObject({ requirements: [], controls: ['MP-03'], mapped: true, mappedBy: 'check' });
    expect(byId(imported.findings, 'imdsv2')).toMatchObject({ status: 'fail', controls: [], mapped: false, mappedBy: null });
    expect(byId(imported.findings, 'cloudtrail_multi_region')).toMatchObject({ status: 'pass', controls: ['LM-01'] });
  });

  it('without the catalog lookup only check ids map', () => {
    const imported = importOf('prowler-ocsf', 'findings.ocsf.json');
    expect(byId(imported.findings, 'kms_cmk').controls).toEqual(['DS-03']);
  });
});

describe("Prowler's own OCSF test output (prowler-cloud/prowler api/tests/manual)", () => {
  it('keeps each status, maps an unknown check through the CIS control Prowler files it under, and never maps PCI DSS v3.2.1 numbers onto v4.0.1', () => {
    const doc = importOf('prowler-ocsf', 'prowler-repo-api-test-output.ocsf.json', { requirementControls });
    expect(doc.findings.map((f) => [f.checkId, f.status, f.severity, f.controls, f.mappedBy])).toEqual([
      ['accessanalyzer_enabled', 'fail', 'low', ['AC-13'], 'check'],
      // not a Prowler check id, but filed under CIS 1.4 2.1.5 (S3 block public access, Security Hub S3.1)
      ['s3_bucket_public_access_block_enabled', 'pass', 'info', ['AC-16'], 'standard'],
      // FSBP EC2.8 (IMDSv2): no control of ours tests it
      ['ec2_instance_imdsv2_enabled', 'pass', 'info', [], null],
    ]);
    // its "PCI-DSS-3.2.1": ["1.2.1", "1.3.1"] are v3.2.1 numbers: no v4.0.1 requirement comes of them
    expect(doc.findings.flatMap((f) => f.requirements)).toEqual([]);
    expect(doc.counts).toEqual({ total: 3, failed: 1, mapped: 2, unmapped: 1 });
  });

  it('an FSBP control id in the compliance groups maps like the Security Hub control it is', () => {
    const finding = JSON.parse(readFileSync(new URL('../../fixtures/aws/prowler-ocsf/prowler-repo-api-test-output.ocsf.json', import.meta.url), 'utf8'))[0];
    finding.metadata.event_code = 'not_a_prowler_check';
    finding.unmapped.compliance = { 'AWS-Foundational-Security-Best-Practices': ['S3.1'], 'PCI-DSS-3.2.1': ['10.2.1'] };
    const result = analyzeDocument({ file: 'one.ocsf.json', content: JSON.stringify([finding]), requirementControls });
    if (result.type !== 'scanner') throw new Error('not read as a scanner import');
    expect(result.findings.map((f) => [f.controls, f.mappedBy, f.requirements])).toEqual([[['AC-16'], 'standard', []]]);
  });

  it("reads each finding's own compliance groups, even where findings of one check share them (they are read once)", () => {
    const base = JSON.parse(readFileSync(new URL('../../fixtures/aws/prowler-ocsf/prowler-repo-api-test-output.ocsf.json', import.meta.url), 'utf8'))[0];
    const withGroups = (uid: string, compliance: unknown) => ({ ...base, finding_info: { ...base.finding_info, uid }, unmapped: { ...base.unmapped, compliance } });
    const hipaa = { HIPAA: ['164_312_b'] };
    const findings = [withGroups('a', hipaa), withGroups('b', { HIPAA: ['164_312_a_2_iv'] }), withGroups('c', hipaa), withGroups('d', {})];
    const read = () => {
      const result = analyzeDocument({ file: 'four.ocsf.json', content: JSON.stringify(findings), requirementControls });
      if (result.type !== 'scanner') throw new Error('not read as a scanner import');
      return result.findings.map((f) => f.requirements.map((r) => r.requirement));
    };
    const first = read();
    expect(first).toEqual([['164.312(b)'], ['164.312(a)(2)(iv)'], ['164.312(b)'], []]);
    // a finding's list is its own: changing it changes no other finding, nor the next import
    const again = analyzeDocument({ file: 'four.ocsf.json', content: JSON.stringify(findings), requirementControls });
    if (again.type !== 'scanner') throw new Error('not read as a scanner import');
    again.findings[0]!.requirements.length = 0;
    expect(again.findings[2]!.requirements).toHaveLength(1);
    expect(read()).toEqual(first);
  });
});

describe('Prowler compliance CSV', () => {
  it('groups rows per check and resource, keeps manual requirements, and says what is unmapped', () => {
    const imported = importOf('prowler-compliance-csv', 'prowler-output-111122223333-20250601063012_hipaa_aws.csv', lookup);
    expect(imported.counts).toEqual({ total: 5, failed: 3, mapped: 4, unmapped: 1 });
    expect(imported.findings.map((f) => [f.checkId ?? null, f.status, f.severity, f.controls, f.mappedBy])).toEqual([
      ['cloudtrail_multi_region_enabled', 'pass', null, ['LM-01'], 'check'],
      ['kms_cmk_rotation_enabled', 'fail', null, ['DS-03'], 'check'],
      ['s3_bucket_secure_transport_policy', 'fail', null, ['DS-05'], 'check'],
      ['ec2_instance_managed_by_ssm', 'fail', null, ['MP-08'], 'requirement'], // unknown check: through 164.308(a)(5)(ii)(B)
      [null, 'manual', null, [], null], // 164.308(a)(7)(ii)(A) is not in the stand-in catalog
    ]);
    const trail = imported.findings[0];
    expect(trail?.requirements).toEqual([
      { framework: 'hipaa', requirement: '164.312(b)' },
      { framework: 'hipaa', requirement: '164.308(a)(1)(ii)(D)' },
    ]);
    expect(imported.findings[4]).toMatchObject({ id: 'manual|164_308_a_7_ii_a', resource: null, requirements: [{ framework: 'hipaa', requirement: '164.308(a)(7)(ii)(A)' }] });
  });
});

describe('Security Hub ASFF', () => {
  it('native control findings map by SecurityControlId and PCI DSS v4.0.1 requirements; GuardDuty stays unmapped', () => {
    const imported = importOf('securityhub-findings', 'get-findings.json', lookup);
    expect(imported.counts).toEqual({ total: 4, failed: 3, mapped: 3, unmapped: 1 });
    expect(imported.findings.map((f) => [f.source, f.checkId ?? null, f.status, f.severity, f.controls])).toEqual([
      ['securityhub', 'KMS.4', 'fail', 'medium', ['DS-03']],
      ['securityhub', 'S3.5', 'pass', 'medium', ['DS-05']],
      ['securityhub', null, 'fail', 'high', []], // GuardDuty: no compliance check, active → an open issue
      ['securityhub', null, 'fail', 'medium', ['LM-01', 'LM-04', 'LM-05']], // no known check: HIPAA 164.312(b) and PCI 10.2.1
    ]);
    expect(imported.findings[0]?.requirements).toEqual([{ framework: 'pci', requirement: '3.7.4' }]);
    expect(imported.findings[3]?.requirements).toEqual([
      { framework: 'hipaa', requirement: '164.312(b)' },
      { framework: 'pci', requirement: '10.2.1' },
    ]);
  });

  it("Prowler's json-asff output is recognised as coming from Prowler", () => {
    const imported = importOf('securityhub-findings', 'prowler-asff.json', lookup);
    expect(imported.findings).toHaveLength(1);
    expect(imported.findings[0]).toMatchObject({
      source: 'prowler',
      checkId: 'sagemaker_notebook_instance_root_access_disabled',
      status: 'fail',
      controls: ['MP-05'],
      mappedBy: 'check',
      mapped: true,
    });
  });

  it('refuses a Findings array of something else', () => {
    const run = () => analyzeDocument({ file: 'hub.json', content: '{"Findings":[{"Title":"no id"}]}' });
    expect(run).toThrow(AnalyzerError);
    expect(run).toThrow(/^hub\.json: it has no Findings array of ASFF findings/);
  });
});

describe('Security Hub: statuses, severities and standards keep their meaning', () => {
  const imported = importOf('securityhub-findings', 'statuses-and-standards.json', lookup);
  const row = (n: number) => imported.findings[n]!;

  it('archived, suppressed and resolved failures are closed; a resolved pass stays a pass; only open failures count', () => {
    expect(imported.findings.map((f) => f.status)).toEqual(['fail', 'closed', 'closed', 'closed', 'fail', 'pass', 'fail', 'pass']);
    expect(imported.counts.failed).toBe(3);
  });

  it('severity given only under FindingProviderFields is read', () => {
    expect(row(0)).toMatchObject({ checkId: 'EC2.18', severity: 'high', controls: ['NS-05'], mappedBy: 'check' });
  });

  it('CIS recommendations are read per benchmark version: 1.13 of v1.2.0 is root MFA, 1.4 of v1.4.0 is root access keys', () => {
    expect(row(4)).toMatchObject({ checkId: 'CIS-1.2.0/1.13', controls: ['AC-02'] });
    expect(row(5)).toMatchObject({ checkId: 'CIS-1.4.0/1.4', controls: ['AC-01'] });
  });

  it('a PCI DSS v3.2.1 finding maps by its own control id, never by its requirement numbers onto v4.0.1', () => {
    expect(row(6)).toMatchObject({ checkId: 'PCI.IAM.6', requirements: [], controls: ['AC-03'], mappedBy: 'check' });
  });

  it('closed findings never suggest a status', () => {
    const out = suggestStatusesForResults([imported]);
    expect(out.map((s) => s.controlId)).not.toContain('DS-03'); // KMS.4 archived
    expect(out.find((s) => s.controlId === 'AC-16')).toBeUndefined(); // S3.8 resolved
  });
});

describe('check ids we name exist', () => {
  const reference = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));

  it('every Prowler check id is in Prowler\'s own list of AWS checks', () => {
    const known = new Set(reference('/work/shared/reference/prowler-aws-checks.txt').map((l) => l.trim()));
    expect(Object.keys(PROWLER_CHECK_CONTROLS).filter((id) => !known.has(id))).toEqual([]);
  });

  it('every Security Hub control id is in the Security Hub controls reference', () => {
    const known = new Set(reference('/work/shared/reference/securityhub-controls.tsv').map((l) => l.split('\t')[0]));
    expect(Object.keys(SECURITY_HUB_CONTROL_CONTROLS).filter((id) => !known.has(id))).toEqual([]);
  });

  it('every CIS and PCI DSS v3.2.1 control we name is a Security Hub control of that standard', () => {
    const standards = new Map<string, Set<string>>();
    for (const [id = '', standard = ''] of reference('/work/shared/reference/securityhub-controls.tsv').map((l) => l.split('\t'))) {
      standards.set(id, (standards.get(id) ?? new Set()).add(standard));
    }
    const standardOf = (id: string) => (id.startsWith('PCI.') ? 'PCI DSS v3.2.1' : `CIS AWS Foundations Benchmark v${/^CIS-(\d+\.\d+\.\d+)\//.exec(id)?.[1] ?? '?'}`);
    const wrong = Object.entries(STANDARD_SECURITY_CONTROLS).flatMap(([id, controls]) =>
      controls.filter((c) => !standards.get(c)?.has(standardOf(id))).map((c) => `${id} -> ${c} (not in ${standardOf(id)})`));
    expect(wrong).toEqual([]);
    // Each maps to at least one of our controls, through the security control's own mapping.
    expect(Object.keys(STANDARD_SECURITY_CONTROLS).filter((id) => controlsForCheck(id).length === 0)).toEqual([]);
  });

  it('a CIS number keeps the meaning of its own version', () => {
    expect(controlsForCheck('CIS-1.2.0/1.4')).toEqual(['AC-11']); // rotate access keys (IAM.3)
    expect(controlsForCheck('CIS-1.4.0/1.4')).toEqual(['AC-01']); // no root access key (IAM.4)
    expect(controlsForCheck('CIS-3.0.0/3.3')).toEqual(['LM-11']); // AWS Config (Config.1)
    expect(controlsForCheck('CIS-1.2.0/3.3')).toEqual(['LM-06']); // alarm on root use (CloudWatch.1)
    expect(controlsForCheck('PCI.CloudTrail.4')).toEqual(['LM-06']); // CloudTrail.5, not CloudTrail.4
  });
});

describe('Prowler default CSV (prowler -M csv)', () => {
  it('is detected and read row by row, with status, severity, check id and compliance groups', () => {
    const imported = importOf('prowler-csv', 'findings.csv', lookup);
    expect(imported.kind).toBe('prowler-csv');
    expect(imported.findings.map((f) => [f.checkId, f.status, f.severity, f.controls])).toEqual([
      ['kms_cmk_rotation_enabled', 'fail', 'medium', ['DS-03']],
      ['sagemaker_notebook_instance_root_access_disabled', 'pass', 'medium', ['MP-05']],
      ['s3_bucket_public_access', 'closed', 'critical', ['AC-16']], // muted in Prowler: accepted, not open
      ['iam_root_hardware_mfa_enabled', 'manual', 'critical', ['AC-02']],
    ]);
    expect(imported.findings[0]?.requirements).toEqual([{ framework: 'hipaa', requirement: '164.312(a)(2)(iv)' }, { framework: 'pci', requirement: '3.7.4' }]);
    expect(imported.counts.failed).toBe(1);
  });

  it('an FSBP control id or a CIS recommendation in COMPLIANCE maps a check we do not know like the Security Hub control it is, as in JSON-OCSF', () => {
    // the EC2 row of Prowler's own api/tests/manual/test_prowler_output.csv (test/fixtures/public)
    const [header, , , ec2] = readFileSync(new URL('../../fixtures/public/prowler-api-test-output.csv', import.meta.url), 'utf8').split('\n');
    const row = (checkId: string, compliance: string) =>
      (ec2 ?? '').replace(';ec2_instance_imdsv2_enabled;', `;${checkId};`).replace('CIS-1.4: 5.6 | CIS-2.0: 5.6 | AWS-Foundational-Security-Best-Practices: EC2.8', compliance);
    const content = [header, row('not_a_prowler_check', 'AWS-Foundational-Security-Best-Practices: S3.1 | PCI-DSS-3.2.1: 10.2.1'), row('another_unknown_check', 'CIS-3.0: 2.1.4'), row('accessanalyzer_enabled', 'CIS-3.0: 2.1.4')].join('\n');
    const result = analyzeDocument({ file: 'prowler-output.csv', content, requirementControls });
    if (result.type !== 'scanner') throw new Error('not read as a scanner import');
    expect(result.findings.map((f) => [f.checkId, f.controls, f.mappedBy, f.requirements])).toEqual([
      ['not_a_prowler_check', ['AC-16'], 'standard', []], // S3.1; the v3.2.1 requirement maps nothing
      ['another_unknown_check', ['AC-16'], 'standard', []], // CIS 3.0.0 2.1.4 is S3.1 and S3.8
      ['accessanalyzer_enabled', ['AC-13'], 'check', []], // a check we know says what it tests: its groups are not used
    ]);
  });
});

describe('Prowler JSON-OCSF validation', () => {
  it('an array of empty finding_info records is refused, naming the first bad record and its missing fields', () => {
    const content = JSON.stringify(Array.from({ length: 1000 }, () => ({ finding_info: {} })));
    expect(() => analyzeDocument({ file: 'fake.ocsf.json', content })).toThrow(/finding \[0\] lacks the OCSF fields finding_info\.uid, finding_info\.title, metadata, severity_id, class_uid, status_code/);
  });
});
