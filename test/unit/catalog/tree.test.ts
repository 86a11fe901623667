// Coverage that can fail: a leaf is mapped only by its own mapping, every leaf of the built-in
// catalog is mapped or carries a kind and reason, and a requirement above leaves sums them up.
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { leafTotals, requirementTree } from '../../../electron/core/catalog/tree';
import { FRAMEWORK_IDS } from '../../../shared/domain';

const catalog = loadBuiltinCatalog();

describe('requirementTree', () => {
  it('gives every leaf of every framework a control mapping or an out-of-scope kind and reason', () => {
    for (const framework of FRAMEWORK_IDS) {
      const nodes = requirementTree(catalog, framework);
      expect(nodes).toHaveLength(catalog.frameworks.find((f) => f.id === framework)?.requirements.length ?? -1);
      const gaps = nodes.filter((n) => n.leaf && n.state === 'gap').map((n) => n.requirement.id);
      expect(gaps, framework).toEqual([]);
      for (const n of nodes.filter((x) => x.leaf)) {
        if (n.state === 'mapped') expect(n.controls.length, n.requirement.id).toBeGreaterThan(0);
        else expect(n.outOfScope?.kind, n.requirement.id).toBe(n.state);
      }
    }
  });

  it('lists requirements in reading order, each parent before the requirements beneath it', () => {
    const nodes = requirementTree(catalog, 'pci');
    const position = new Map(nodes.map((n, i) => [n.requirement.id, i]));
    for (const n of nodes) {
      if (n.requirement.parent) {
        expect(position.get(n.requirement.parent)!, n.requirement.id).toBeLessThan(position.get(n.requirement.id)!);
        expect(n.depth).toBe(nodes[position.get(n.requirement.parent)!]!.depth + 1);
      } else {
        expect(n.depth).toBe(0);
      }
    }
    expect(nodes.slice(0, 3).map((n) => n.requirement.id)).toEqual(['1', '1.1', '1.1.1']);
    const five = nodes.find((n) => n.requirement.id === '5');
    expect(five).toMatchObject({ leaf: false, state: 'mapped', leaves: { mapped: 9, 'no-control': 1, 'not-applicable': 1, gap: 0 } });
  });

  it('does not count a mapping to a parent as covering the leaves beneath it', () => {
    // Without LM-09 and GV-05, three leaves of PCI 5 (5.2.1, 5.2.3.1, 5.3.2.1) have no control
    // (LM-14 still answers 5.2.2 and 5.3.1); requirement 5 becomes a gap although GV-05 maps 5.2.3 itself.
    const nodes = requirementTree(catalog, 'pci', { counts: (id) => id !== 'LM-09' && id !== 'GV-05' });
    expect(nodes.find((n) => n.requirement.id === '5.2.1')?.state).toBe('gap');
    expect(nodes.find((n) => n.requirement.id === '5.2.3')).toMatchObject({ leaf: false, state: 'gap', leaves: { gap: 1 } });
    expect(nodes.find((n) => n.requirement.id === '5')).toMatchObject({ state: 'gap', leaves: { gap: 3, mapped: 6 } });
    // GDPR Art. 28(3) is mapped itself, but its state comes from its points.
    const art28 = requirementTree(catalog, 'gdpr', { counts: (id) => id !== 'GV-04' && id !== 'GV-02' });
    const para = art28.find((n) => n.requirement.id === 'Art. 28(3)');
    expect(para?.leaf).toBe(false);
    expect(para?.leaves.mapped).toBe(art28.filter((n) => n.leaf && n.requirement.parent === 'Art. 28(3)' && n.state === 'mapped').length);
  });

  it('sums up the HIPAA leaves, with the facility standard entirely out of scope', () => {
    const nodes = requirementTree(catalog, 'hipaa');
    expect(nodes.find((n) => n.requirement.id === '164.310(a)(1)')).toMatchObject({ leaf: false, state: 'not-applicable', leaves: { 'not-applicable': 4 } });
    const totals = leafTotals(nodes);
    expect(totals.gap).toBe(0);
    expect(totals.mapped + totals['no-control'] + totals['not-applicable']).toBe(nodes.filter((n) => n.leaf).length);
    expect(totals['no-control']).toBe(5);
    // §164.306 and the Breach Notification Rule (§§164.404–164.414) are there, each leaf with its own state
    for (const id of ['164.306(a)', '164.306(e)', '164.404(c)', '164.404(d)', '164.408(a)', '164.410(c)', '164.412', '164.414(b)']) {
      expect(nodes.find((n) => n.requirement.id === id)?.state, id).toBe('mapped');
    }
    expect(nodes.find((n) => n.requirement.id === '164.414(a)')?.state).toBe('no-control');
  });
});
