// Lookups over the loaded catalog: controls by id, requirements by framework and id, controls per
// framework and per requirement.
import { describe, expect, it } from 'vitest';
import { catalogIndex, loadBuiltinCatalog } from '../../../electron/core/catalog/load';

const catalog = loadBuiltinCatalog();
const index = catalogIndex(catalog);

describe('catalogIndex', () => {
  it('is built once per catalog object', () => {
    expect(catalogIndex(catalog)).toBe(index);
  });

  it('finds controls, frameworks and requirements by id', () => {
    expect(index.control('DS-01')?.title).toBe('Training data and model artifacts in S3 encrypted with SSE-KMS under a customer-managed key');
    expect(index.control('XX-99')).toBeUndefined();
    expect(index.framework('pci')).toMatchObject({ name: 'PCI DSS v4.0.1', version: 'v4.0.1 (June 2024)' });
    expect(index.requirement('hipaa', '164.312(a)(2)(iv)')).toEqual({
      id: '164.312(a)(2)(iv)', title: 'Encryption and decryption', kind: 'addressable', parent: '164.312(a)(1)',
    });
    expect(index.requirement('gdpr', '164.312(b)')).toBeUndefined();
  });

  it('lists the requirements beneath a standard or article', () => {
    expect(index.children('hipaa', '164.312(a)(1)').map((r) => r.id)).toEqual([
      '164.312(a)(2)(i)', '164.312(a)(2)(ii)', '164.312(a)(2)(iii)', '164.312(a)(2)(iv)',
    ]);
    expect(index.children('gdpr', 'Art. 28(3)').map((r) => r.id)).toEqual([
      'Art. 28(3)(a)', 'Art. 28(3)(b)', 'Art. 28(3)(c)', 'Art. 28(3)(d)', 'Art. 28(3)(e)', 'Art. 28(3)(f)', 'Art. 28(3)(g)', 'Art. 28(3)(h)',
    ]);
    expect(index.children('pci', '5').map((r) => r.id)).toEqual(['5.1', '5.2', '5.3', '5.4']);
    expect(index.children('pci', '5.2').map((r) => r.id)).toEqual(['5.2.1', '5.2.2', '5.2.3']);
    expect(index.children('pci', '5.2.1')).toEqual([]);
  });

  it('lists the controls that answer a framework, in catalog order', () => {
    const pci = index.controlsForFramework('pci').map((c) => c.id);
    expect(pci).toHaveLength(92);
    expect(pci.slice(0, 3)).toEqual(['DS-01', 'DS-02', 'DS-03']);
    expect(pci).not.toContain('GV-03');
    expect(pci).not.toContain('MP-01');
    expect(index.controlsForFramework('hipaa')).toHaveLength(101);
    expect(index.controlsForFramework('gdpr')).toHaveLength(111);
  });

  it('maps a requirement to its controls, with coverage', () => {
    expect(index.controlsForRequirement('pci', '7.2.4').map((r) => [r.control.id, r.coverage])).toEqual([['AC-13', 'full']]);
    expect(index.controlsForRequirement('hipaa', '164.312(a)(2)(ii)').map((r) => r.control.id)).toEqual(['AC-18']);
    expect(index.controlsForRequirement('pci', '12')).toEqual([]);
    const underTwelveTen = index.controlsForRequirement('pci', '12', { includeDescendants: true })
      .filter((r) => r.requirement.startsWith('12.10.'))
      .map((r) => `${r.control.id} ${r.requirement}`);
    expect(underTwelveTen).toEqual(expect.arrayContaining(['GV-06 12.10.1', 'GV-06 12.10.2', 'LM-07 12.10.7', 'DS-08 12.10.7']));
  });

  it('gives the reason a requirement is out of scope', () => {
    expect(index.outOfScopeReason('hipaa', '164.310(a)(1)')).toMatch(/^Physical access to the data centres/);
    expect(index.outOfScopeReason('hipaa', '164.314(b)(1)')).toMatch(/^Applies only to group health plans/);
    expect(index.outOfScopeReason('pci', '5')).toBeUndefined();
    expect(index.outOfScopeReason('hipaa', '164.312(b)')).toBeUndefined();
  });
});
