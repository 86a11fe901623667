// Every PCI DSS id in the catalog was checked one by one against a copy of the standard; the
// checked list lives in SOURCES.md. An id added to (or dropped from) pci.json without being
// checked and recorded there fails here.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dataDir = resolve(__dirname, '../../../electron/core/catalog/data');

function checkedIds(): string[] {
  const md = readFileSync(resolve(dataDir, 'SOURCES.md'), 'utf8');
  const m = /```pci-ids-checked\n([\s\S]*?)```/.exec(md);
  if (!m?.[1]) throw new Error('SOURCES.md has no ```pci-ids-checked block');
  return m[1].split(/\s+/).filter((s) => s.length > 0);
}

function catalogIds(): string[] {
  const pci = JSON.parse(readFileSync(resolve(dataDir, 'pci.json'), 'utf8')) as { requirements: { id: string }[] };
  return pci.requirements.map((r) => r.id);
}

describe('PCI DSS ids are the checked ones', () => {
  it('the checked list has no duplicates and the shape of PCI DSS ids', () => {
    const ids = checkedIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(?:[1-9]|1[0-2]|A[1-3])(?:\.\d+)*$/);
    expect(ids).toHaveLength(366);
  });

  it('pci.json holds exactly the ids of the checked list, none more, none fewer', () => {
    const checked = new Set(checkedIds());
    const ours = catalogIds();
    expect(ours.filter((id) => !checked.has(id))).toEqual([]);
    const mine = new Set(ours);
    expect([...checked].filter((id) => !mine.has(id))).toEqual([]);
  });
});
