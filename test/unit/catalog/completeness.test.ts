// The official trees are whole: every GDPR article, every HIPAA section of Subparts C and D, every
// PCI DSS requirement the reference mapping names, and every leaf mapped or out of scope.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { leafTotals, requirementTree } from '../../../electron/core/catalog/tree';
import type { FrameworkId } from '../../../shared/domain';

const catalog = loadBuiltinCatalog();

function framework(id: FrameworkId) {
  const f = catalog.frameworks.find((x) => x.id === id);
  if (!f) throw new Error(`framework ${id} missing`);
  return f;
}

describe('complete official trees', () => {
  it('counts leaves per framework: mapped, no control, not applicable, and no gaps', () => {
    const counts = Object.fromEntries((['hipaa', 'gdpr', 'pci'] as const).map((id) => {
      const nodes = requirementTree(catalog, id);
      return [id, { leaves: nodes.filter((n) => n.leaf).length, ...leafTotals(nodes) }];
    }));
    expect(counts).toEqual({
      hipaa: { leaves: 85, mapped: 65, 'no-control': 5, 'not-applicable': 15, gap: 0 },
      gdpr: { leaves: 215, mapped: 109, 'no-control': 45, 'not-applicable': 61, gap: 0 },
      pci: { leaves: 251, mapped: 160, 'no-control': 27, 'not-applicable': 64, gap: 0 },
    });
  });

  it('has GDPR articles 1 to 99 exactly, in order, each with its official title', () => {
    const articles = framework('gdpr').requirements.filter((r) => r.kind === 'article');
    expect(articles.map((r) => r.id)).toEqual(Array.from({ length: 99 }, (_, i) => `Art. ${i + 1}`));
    expect(articles.every((r) => r.parent === undefined && r.titleIsParaphrase !== true)).toBe(true);
    const title = new Map(articles.map((r) => [r.id, r.title]));
    expect(title.get('Art. 1')).toBe('Subject-matter and objectives');
    expect(title.get('Art. 22')).toBe('Automated individual decision-making, including profiling');
    expect(title.get('Art. 49')).toBe('Derogations for specific situations');
    expect(title.get('Art. 68')).toBe('European Data Protection Board');
    expect(title.get('Art. 99')).toBe('Entry into force and application');
  });

  it('carries the GDPR points that carry obligations', () => {
    const ids = new Set(framework('gdpr').requirements.map((r) => r.id));
    const expected = [
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((p) => `Art. 5(1)(${p})`),
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((p) => `Art. 6(1)(${p})`),
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((p) => `Art. 9(2)(${p})`),
      ...['a', 'b', 'c', 'd'].map((p) => `Art. 32(1)(${p})`),
      'Art. 35(3)(a)', 'Art. 37(1)(b)', 'Art. 39(1)(a)', 'Art. 46(2)', 'Art. 49(1)',
    ];
    expect(expected.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('puts the supervisory-authority and Board articles (51–76) out of scope as not applicable, with a reason', () => {
    const out = new Map(framework('gdpr').outOfScope.map((o) => [o.requirement, o]));
    for (let a = 51; a <= 76; a += 1) {
      expect(out.get(`Art. ${a}`)?.kind, `Art. ${a}`).toBe('not-applicable');
      expect(out.get(`Art. ${a}`)?.reason, `Art. ${a}`).toMatch(/supervisory authorities/);
    }
  });

  it('has every PCI DSS requirement id that Prowler\'s PCI DSS 4.0 mapping names', () => {
    // shared/ sits beside the repository (see shared/reference/prowler-compliance/SOURCES.md).
    const file = resolve(__dirname, '../../../../shared/reference/prowler-compliance/pci_4.0_aws.json');
    const prowler = JSON.parse(readFileSync(file, 'utf8')) as { Requirements: Array<{ Attributes: Array<{ Section: string }> }> };
    // Prowler numbers its checks beneath each requirement (1.2.5.1, 1.2.5.2…); the requirement is the Section's id.
    const named = new Set(prowler.Requirements.flatMap((r) => r.Attributes.map((a) => a.Section.split(':')[0]!.trim())));
    expect(named.size).toBeGreaterThan(100);
    const ours = new Set(framework('pci').requirements.map((r) => r.id));
    expect([...named].filter((id) => !ours.has(id))).toEqual([]);
  });

  it('has each x.1.1 (policies and procedures) and x.1.2 (roles) of PCI DSS requirements 1 to 12', () => {
    const ids = new Set(framework('pci').requirements.map((r) => r.id));
    for (let x = 1; x <= 12; x += 1) {
      expect(ids.has(`${x}.1.1`), `${x}.1.1`).toBe(true);
      expect(ids.has(`${x}.1.2`), `${x}.1.2`).toBe(true);
    }
  });

  it('nests PCI DSS requirements by their numbers: principal, x.y, x.y.z, x.y.z.w', () => {
    for (const r of framework('pci').requirements) {
      const dot = r.id.lastIndexOf('.');
      expect(r.parent, r.id).toBe(dot < 0 ? undefined : r.id.slice(0, dot));
    }
  });
});
