import { describe, expect, it } from 'vitest';
import {
  controlsForRequirement,
  frameworkOfLabel,
  normalizeRequirement,
  requirementAncestry,
  requirementsFromGroup,
  requirementsFromReference,
} from '../../../electron/core/analyzers/requirements';
import { controlsForCheck } from '../../../electron/core/analyzers/checks';
import { requirementControls } from './helpers';

describe('requirement ids to the catalog\'s forms', () => {
  it.each([
    ['164_312_b', '164.312(b)'],
    ['164.312(b)', '164.312(b)'],
    ['§ 164.312(b)', '164.312(b)'],
    ['45 CFR 164.312(a)(2)(iv)', '164.312(a)(2)(iv)'],
    ['164_312_a_2_iv', '164.312(a)(2)(iv)'],
    ['164_308_a_1_ii_a', '164.308(a)(1)(ii)(A)'],
    ['164.308(A)(1)(II)(a)', '164.308(a)(1)(ii)(A)'],
    ['164_312_e_2_i', '164.312(e)(2)(i)'],
    ['164_312', '164.312'],
    ['164_312_1', null], // a number where a letter belongs
    ['cc_6_7', null],
    ['article_32', null],
  ])('HIPAA %s → %s', (raw, expected) => {
    expect(normalizeRequirement('hipaa', raw)).toBe(expected);
  });

  it.each([
    ['3.5.1', '3.5.1'],
    ['PCI DSS 3.5.1', '3.5.1'],
    ['Requirement 10.2.1', '10.2.1'],
    ['1.2.5.15', '1.2.5.15'],
    ['a3.2.5', 'A3.2.5'],
    ['kms', null],
    ['3.5.1a', null],
  ])('PCI %s → %s', (raw, expected) => {
    expect(normalizeRequirement('pci', raw)).toBe(expected);
  });

  it.each([
    ['article_32', 'Art. 32'],
    ['Article 32', 'Art. 32'],
    ['Art. 32(1)(a)', 'Art. 32(1)(a)'],
    ['art_32_1_b', 'Art. 32(1)(b)'],
    ['25', 'Art. 25'],
    ['recital_26', 'Recital 26'],
    ['Recital 83', 'Recital 83'],
    ['recital_999', null],
    ['article_132', null],
  ])('GDPR %s → %s', (raw, expected) => {
    expect(normalizeRequirement('gdpr', raw)).toBe(expected);
  });

  it.each([
    ['HIPAA', 'hipaa'],
    ['GDPR', 'gdpr'],
    ['General-Data-Protection-Regulation(GDPR)', 'gdpr'],
    ['PCI-4.0', 'pci'],
    ['PCI DSS v4.0.1', 'pci'],
    ['PCI', 'pci'],
    ['PCI-3.2.1', null], // numbered differently from v4
    ['CIS-3.0', null],
    ['SOC2', null],
  ])('framework label %s → %s', (label, expected) => {
    expect(frameworkOfLabel(label)).toBe(expected);
  });

  it.each([
    ['PCI DSS v4.0.1/3.5.1', [{ framework: 'pci', requirement: '3.5.1' }]],
    ['PCI DSS v3.2.1/3.4', []],
    ['PCI DSS 3.5.1', [{ framework: 'pci', requirement: '3.5.1' }]],
    ['HIPAA 164.312(b)', [{ framework: 'hipaa', requirement: '164.312(b)' }]],
    ['HIPAA 164_308_a_1_ii_a 164_312_e_1', [{ framework: 'hipaa', requirement: '164.308(a)(1)(ii)(A)' }, { framework: 'hipaa', requirement: '164.312(e)(1)' }]],
    ['PCI-4.0 1.2.5.15 3.5.1', [{ framework: 'pci', requirement: '1.2.5.15' }, { framework: 'pci', requirement: '3.5.1' }]],
    ['GDPR article_25 article_32', [{ framework: 'gdpr', requirement: 'Art. 25' }, { framework: 'gdpr', requirement: 'Art. 32' }]],
    ['GDPR Art. 32(1)(a)', [{ framework: 'gdpr', requirement: 'Art. 32(1)(a)' }]],
    ['GDPR Recital 26 article_17', [{ framework: 'gdpr', requirement: 'Recital 26' }, { framework: 'gdpr', requirement: 'Art. 17' }]],
    ['NIST.800-53.r5 SC-12', []],
    ['CIS AWS Foundations Benchmark v1.2.0/2.8', []],
  ])('reference %s', (reference, expected) => {
    expect(requirementsFromReference(reference)).toEqual(expected);
  });
});

describe('lookup in the catalog', () => {
  it('walks up to the parent when the id itself is not in the catalog', () => {
    expect(requirementAncestry('pci', '1.2.5.15')).toEqual(['1.2.5.15', '1.2.5']);
    expect(requirementAncestry('gdpr', 'Art. 32(1)(a)')).toEqual(['Art. 32(1)(a)', 'Art. 32(1)', 'Art. 32']);
    expect(requirementAncestry('hipaa', '164.308(a)(1)(ii)(A)')).toEqual(['164.308(a)(1)(ii)(A)', '164.308(a)(1)(ii)', '164.308(a)(1)', '164.308(a)']);
    expect(controlsForRequirement(requirementControls, { framework: 'gdpr', requirement: 'Art. 32(1)(a)' })).toEqual(['DS-01', 'DS-05']);
    expect(controlsForRequirement(requirementControls, { framework: 'pci', requirement: '7.2.1.4' })).toEqual(['AC-05', 'AC-06']);
    expect(controlsForRequirement(requirementControls, { framework: 'hipaa', requirement: '164.308(a)(6)(ii)' })).toEqual([]);
  });

  it('knows well-known checks, and no check named after an Object property', () => {
    expect(controlsForCheck('kms_cmk_rotation_enabled')).toEqual(['DS-03']);
    expect(controlsForCheck('cloudtrail_multi_region_enabled')).toEqual(['LM-01']);
    expect(controlsForCheck('sagemaker_training_jobs_intercontainer_encryption_enabled')).toEqual(['MP-03']);
    expect(controlsForCheck('vpc_flow_logs_enabled')).toEqual(['LM-05']);
    expect(controlsForCheck('KMS.4')).toEqual(['DS-03']);
    expect(controlsForCheck('cloudwatch_log_metric_filter_root_usage')).toEqual(['LM-06']);
    expect(controlsForCheck('constructor')).toEqual([]);
    expect(controlsForCheck('__proto__')).toEqual([]);
    expect(controlsForCheck(undefined)).toEqual([]);
  });
});

describe('a Prowler compliance group read again', () => {
  it('gives the same refs in a new array each time, which a caller cannot change for the next', () => {
    const first = requirementsFromGroup('HIPAA', ['164_312_b', '164_308_a_1_ii_d', '164_312_b', 7]);
    expect(first).toEqual([{ framework: 'hipaa', requirement: '164.312(b)' }, { framework: 'hipaa', requirement: '164.308(a)(1)(ii)(D)' }]);
    first.push({ framework: 'pci', requirement: '10.2.1' });
    expect(() => { (first[0] as { requirement: string }).requirement = '164.312(a)'; }).toThrow(TypeError);
    const again = requirementsFromGroup('HIPAA', ['164_312_b', '164_308_a_1_ii_d', '164_312_b', 7]);
    expect(again).not.toBe(first);
    expect(again).toEqual([{ framework: 'hipaa', requirement: '164.312(b)' }, { framework: 'hipaa', requirement: '164.308(a)(1)(ii)(D)' }]);
    // the same ids under another label are another group
    expect(requirementsFromGroup('Unknown', ['164_312_b'])).toEqual([]);
  });
});
