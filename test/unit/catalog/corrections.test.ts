// Errors found in review of the built-in catalog (issue #14), one test per correction, so none can
// come back unnoticed. Each fact is sourced in data/SOURCES.md ("Corrections of issue #14").
import { describe, expect, it } from 'vitest';
import { catalogIndex, loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import type { CatalogControl } from '../../../shared/catalog';
import type { FrameworkId } from '../../../shared/domain';

const catalog = loadBuiltinCatalog();
const index = catalogIndex(catalog);

function control(id: string): CatalogControl {
  const c = index.control(id);
  if (!c) throw new Error(`control ${id} missing`);
  return c;
}

/** Everything a person reads in a control, in one string. */
function text(c: CatalogControl): string {
  return [c.title, c.objective, ...c.verification.steps, ...c.evidence].join('\n');
}

function mapping(id: string, framework: FrameworkId, requirement: string) {
  return control(id).mappings.find((m) => m.framework === framework && m.requirement === requirement);
}

describe('corrections of issue #14', () => {
  it('AC-13 lists unused-access findings with list-findings-v2 (v1 serves only external access analyzers)', () => {
    const commands = control('AC-13').verification.commands;
    expect(commands).toContain('aws accessanalyzer list-findings-v2 --analyzer-arn ANALYZER_ARN');
    expect(commands.some((c) => c.startsWith('aws accessanalyzer list-findings '))).toBe(false);
  });

  it('NS-08 checks CloudFront web ACLs in us-east-1 and reads the association from the distribution', () => {
    const commands = control('NS-08').verification.commands;
    expect(commands).toContain('aws wafv2 list-web-acls --scope CLOUDFRONT --region us-east-1');
    expect(commands.filter((c) => c.includes('--scope CLOUDFRONT')).every((c) => c.includes('--region us-east-1'))).toBe(true);
    expect(commands).toContain('aws cloudfront get-distribution-config --id DISTRIBUTION_ID');
    const forResource = commands.filter((c) => c.startsWith('aws wafv2 get-web-acl-for-resource'));
    expect(forResource.every((c) => !/CLOUDFRONT|DISTRIBUTION/.test(c))).toBe(true);
    expect(text(control('NS-08'))).toMatch(/get-web-acl-for-resource does not answer for CloudFront/);
  });

  it('DS-13 no longer claims deleting the dataset key makes AWS Backup copies unreadable', () => {
    const t = text(control('DS-13'));
    expect(t).not.toMatch(/backups included/);
    expect(t).toMatch(/backup vault's own key/);
    expect(t).toMatch(/DS-15 stay readable/);
    expect(control('DS-13').verification.commands).toContain('aws backup list-recovery-points-by-resource --resource-arn BUCKET_ARN');
  });

  it('LM-10 says endpoint data capture goes to S3 (DestinationS3Uri), not CloudWatch', () => {
    const c = control('LM-10');
    expect(c.title).not.toMatch(/data-capture logs sent to CloudWatch/);
    expect(c.title).toMatch(/data capture to an encrypted S3 location/);
    expect(text(c)).toMatch(/DestinationS3Uri/);
  });

  it('DS-11 ties 3.5.1.2 to disk-level encryption (EBS volumes), not to S3 bucket encryption', () => {
    const t = control('DS-11').objective;
    expect(t).not.toMatch(/Bucket or volume encryption alone/);
    expect(t).toMatch(/3\.5\.1\.2 is about disk- or partition-level encryption/);
    expect(t).toMatch(/EBS volumes/);
    expect(t).toMatch(/does not concern S3 objects/);
  });

  it('PCI DSS 5 is in scope: LM-09 answers 5.2.1, the risk analysis 5.2.3, and HIPAA malware protection stays mapped', () => {
    expect(index.outOfScopeReason('pci', '5')).toBeUndefined();
    expect(index.requirement('pci', '5.2.1')?.parent).toBe('5.2');
    expect(index.requirement('pci', '5.2.3')?.parent).toBe('5.2');
    expect(index.requirement('pci', '5.2')?.parent).toBe('5');
    expect(mapping('LM-09', 'pci', '5.2.1')?.coverage).toBe('partial');
    expect(mapping('GV-05', 'pci', '5.2.3')?.coverage).toBe('partial');
    expect(mapping('LM-09', 'hipaa', '164.308(a)(5)(ii)(B)')).toBeDefined();
    expect(text(control('LM-09'))).toMatch(/Malware Protection/);
  });

  it('corrects the listed mappings', () => {
    expect(mapping('AC-05', 'gdpr', 'Art. 32(4)')).toBeUndefined();
    expect(mapping('AC-05', 'gdpr', 'Art. 32(1)(b)')).toBeDefined();
    expect(mapping('LM-05', 'gdpr', 'Art. 32(1)(d)')).toBeUndefined();
    expect(mapping('LM-10', 'pci', '10.2.1')).toBeUndefined();
    expect(mapping('GV-05', 'hipaa', '164.308(a)(1)(ii)(A)')?.coverage).toBe('partial');
    expect(mapping('AC-17', 'pci', '8.2.2')).toBeDefined();
    expect(mapping('LM-09', 'pci', '12.10.5')).toBeDefined();
    expect(mapping('GV-06', 'pci', '12.10.5')).toBeDefined();
    expect(mapping('MP-11', 'hipaa', '164.312(a)(2)(iv)')).toBeDefined();
    expect(mapping('MP-11', 'gdpr', 'Art. 32(1)(a)')).toBeDefined();
    expect(mapping('NS-05', 'pci', '1.4.2')).toBeDefined();
  });

  it('GV-06 names the HIPAA media notice (§164.406, more than 500 residents of a State)', () => {
    expect(text(control('GV-06'))).toMatch(/media outlets.*more than 500 of its residents.*§164\.406/s);
    expect(index.requirement('hipaa', '164.406(a)')).toMatchObject({ kind: 'standard' });
    expect(mapping('GV-06', 'hipaa', '164.406(a)')).toBeDefined();
    expect(mapping('GV-06', 'hipaa', '164.406(b)')).toBeDefined();
  });

  it('MP-03 and NS-05 agree on the self-referencing UDP 500 and ESP rules inter-container encryption needs', () => {
    const mp03 = text(control('MP-03'));
    const ns05 = text(control('NS-05'));
    for (const t of [mp03, ns05]) {
      expect(t).toMatch(/UDP port 500/);
      expect(t).toMatch(/protocol 50 \(ESP\)|\(ESP\)/);
      expect(t).toMatch(/own security group|group itself/);
    }
    expect(mp03).toMatch(/NS-05/);
    expect(ns05).toMatch(/MP-03/);
  });
});
