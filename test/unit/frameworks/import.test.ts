// Bring your own framework: the reference OSCAL catalog and profile and the CISO Assistant
// library are read as requirement trees; a broken file of each kind is refused with the file and
// the line or node of the problem. Reference files are read in place, never copied into the repo.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogIndex, loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { importFrameworkFile } from '../../../electron/core/frameworks/import';
import { FrameworkImportError } from '../../../electron/core/frameworks/problems';
import { importedCoverage, readFrameworkMapping } from '../../../electron/core/frameworks/mapping';
import { cwb } from '../../helpers/cli';
import { tempDir } from '../../helpers/workbench';

const REF = '/work/shared/reference/frameworks';
const CATALOG = join(REF, 'NIST_SP-800-53_rev5_catalog.json');
const PROFILE = join(REF, 'NIST_SP-800-53_rev5_LOW-baseline_profile.json');
const RESOLVED = join(REF, 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json');
const CISO = join(REF, 'nist-sp-800-66-rev2.yaml');
const MAPPING = join(REF, 'mapping-nist-sp-800-66-rev2-to-nist-sp-800-53-rev5.yaml');

function refusal(run: () => unknown): FrameworkImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof FrameworkImportError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

function write(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

describe('importing an OSCAL catalog', () => {
  it('reads SP 800-53 rev5: 20 families, the 1,007 controls and enhancements not withdrawn', () => {
    const f = importFrameworkFile(CATALOG);
    expect(f).toMatchObject({ source: 'oscal-catalog', version: '5.0.1', name: expect.stringMatching(/^NIST Special Publication 800-53 Revision 5/) });
    expect(f.requirements.filter((r) => !r.assessable)).toHaveLength(20);
    expect(f.requirements.filter((r) => r.assessable)).toHaveLength(1189 - 182);
    expect(f.requirements.find((r) => r.id === 'ac-2.1')).toEqual({ id: 'ac-2.1', label: 'AC-2(1)', title: 'Automated System Account Management', parent: 'ac-2', assessable: true });
    expect(f.requirements.some((r) => r.id === 'ac-2.10')).toBe(false); // withdrawn
    expect(f.id).not.toMatch(/^(hipaa|gdpr|pci)$/);
  });

  it('refuses broken JSON with its line, and a control without an id with its node', () => {
    const syntax = refusal(() => importFrameworkFile(write('broken.json', '{\n  "catalog": {\n    "metadata": { "title": "x", }\n  }\n}\n')));
    expect(syntax.problems).toHaveLength(1);
    expect(syntax.problems[0]).toMatchObject({ file: 'broken.json', where: 'line 3' });
    const doc = JSON.parse(readFileSync(RESOLVED, 'utf8')) as { catalog: { groups: Array<{ controls: Array<Record<string, unknown>> }> } };
    delete doc.catalog.groups[1]!.controls[2]!.id;
    const node = refusal(() => importFrameworkFile(write('no-id.json', JSON.stringify(doc))));
    expect(node.problems).toEqual([{ file: 'no-id.json', where: 'catalog.groups[1].controls[2]', problem: 'a control needs an "id".' }]);
    expect(node.message).toContain('no-id.json: catalog.groups[1].controls[2]: a control needs an "id".');
  });
});

describe('importing an OSCAL profile', () => {
  it('resolves the LOW baseline against the catalog and agrees with NIST\'s own resolved catalog', () => {
    const f = importFrameworkFile(PROFILE, { catalogFile: CATALOG });
    const resolved = importFrameworkFile(RESOLVED);
    expect(f.source).toBe('oscal-profile');
    expect(f.requirements.filter((r) => r.assessable)).toHaveLength(149);
    const ids = (fw: typeof f) => fw.requirements.filter((r) => r.assessable).map((r) => r.id).sort();
    expect(ids(f)).toEqual(ids(resolved));
    // families above the selected controls are kept as grouping requirements
    expect(f.requirements.find((r) => r.id === 'ac')).toMatchObject({ assessable: false });
  });

  it('refuses a profile whose catalog cannot be found, and a selection of an unknown control', () => {
    const lost = refusal(() => importFrameworkFile(write('profile.json', readFileSync(PROFILE, 'utf8'))));
    expect(lost.problems[0]).toMatchObject({ file: 'profile.json', where: 'profile.imports[0].href' });
    expect(lost.problems[0]?.problem).toMatch(/--catalog FILE/);
    const doc = JSON.parse(readFileSync(PROFILE, 'utf8')) as { profile: { imports: Array<{ 'include-controls': Array<{ 'with-ids': string[] }> }> } };
    doc.profile.imports[0]!['include-controls'][0]!['with-ids'].push('zz-99');
    const unknown = refusal(() => importFrameworkFile(write('unknown.json', JSON.stringify(doc)), { catalogFile: CATALOG }));
    expect(unknown.problems).toEqual([{ file: 'unknown.json', where: 'profile.imports[0].include-controls (zz-99)', problem: '"zz-99" is not a control of the imported catalog (or it is withdrawn).' }]);
  });
});

describe('importing a CISO Assistant library', () => {
  it('reads the SP 800-66 rev2 requirement nodes as a tree', () => {
    const f = importFrameworkFile(CISO);
    expect(f).toMatchObject({ id: 'nist-sp-800-66-rev2', name: 'NIST SP-800-66 rev2 (HIPAA)', version: '2', source: 'ciso-assistant' });
    expect(f.requirements).toHaveLength(179);
    expect(f.requirements.filter((r) => r.assessable)).toHaveLength(152);
    expect(f.requirements.find((r) => r.id === '164.308(a)(1)')).toMatchObject({ parent: '164.308', assessable: false });
    expect(f.requirements.find((r) => r.id === 'node4')).toMatchObject({ parent: '164.308(a)(1)', assessable: true, title: '1. Identify all ePHI and Relevant Information Systems' });
  });

  it('refuses a node whose parent is unknown, and broken YAML, each with its line', () => {
    const text = readFileSync(CISO, 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('parent_urn: urn:intuitem:risk:req_node:nist-sp-800-66-rev2:164.308(a)(1)'));
    lines[at] = lines[at]!.replace('164.308(a)(1)', '164.999(z)');
    const orphan = refusal(() => importFrameworkFile(write('orphan.yaml', lines.join('\n'))));
    expect(orphan.problems).toHaveLength(1);
    // the node starts a few lines above its parent_urn line
    const line = Number(orphan.problems[0]?.where.replace('line ', ''));
    expect(line).toBeGreaterThan(at - 5);
    expect(line).toBeLessThanOrEqual(at + 1);
    expect(orphan.problems[0]?.problem).toMatch(/parent_urn ".*164\.999\(z\)" is not a node above it in the file\./);
    const broken = refusal(() => importFrameworkFile(write('broken.yaml', 'urn: x\nobjects:\n  framework: [unclosed\n')));
    expect(broken.problems[0]).toMatchObject({ file: 'broken.yaml', where: expect.stringMatching(/^line \d+$/) });
  });

  it('says a mapping library alone is not a framework', () => {
    const err = refusal(() => importFrameworkFile(MAPPING));
    expect(err.problems[0]?.problem).toMatch(/no "objects\.framework"/);
  });
});

describe('cwb framework check (reads without storing; storing is in stored.test.ts)', () => {
  it('prints {id, name, version, source, requirements}, and exits 1 naming the file and line of a refused one', async () => {
    const ok = await cwb('framework', 'check', CISO, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ id: 'nist-sp-800-66-rev2', name: 'NIST SP-800-66 rev2 (HIPAA)', version: '2', source: 'ciso-assistant', requirements: 179, assessable: 152 });
    const profile = await cwb('framework', 'check', PROFILE, '--catalog', CATALOG);
    expect(profile.code).toBe(0);
    expect(profile.out).toMatch(/167 requirements, 149 assessable/);
    const bad = await cwb('framework', 'check', write('bad.yaml', 'objects: {framework: {name: x, ref_id: x, requirement_nodes: [{urn: a}]}}\n'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.yaml: line 1: node a: "assessable" must be true or false\./);
  });
});

describe('our catalog exported as OSCAL', () => {
  it('exports a catalog and a profile per framework that our importer reads back, byte-identical each time', async () => {
    const dir = tempDir();
    const catalogFile = join(dir, 'compliance-workbench-catalog.json');
    expect((await cwb('catalog', 'export', '--format', 'oscal-catalog', '--out', catalogFile)).code).toBe(0);
    expect((await cwb('catalog', 'export', '--format', 'oscal-profile', '--framework', 'pci', '--out', join(dir, 'pci.json'))).code).toBe(0);
    const catalog = loadBuiltinCatalog();
    const back = importFrameworkFile(catalogFile);
    expect(back.requirements.filter((r) => r.assessable).map((r) => r.label).sort()).toEqual(catalog.controls.map((c) => c.id).sort());
    expect(back.version).toBe(catalog.version);
    // the profile finds the catalog next to it through its back-matter link
    const pci = importFrameworkFile(join(dir, 'pci.json'));
    expect(pci.requirements.filter((r) => r.assessable).map((r) => r.label)).toEqual(catalogIndex(catalog).controlsForFramework('pci').map((c) => c.id));
    const again = join(dir, 'again.json');
    await cwb('catalog', 'export', '--format', 'oscal-catalog', '--out', again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(catalogFile, 'utf8'));
    // mappings travel as props of each control
    const doc = JSON.parse(readFileSync(catalogFile, 'utf8')) as { catalog: { groups: Array<{ controls: Array<{ id: string; props: Array<{ name: string; value: string; class?: string }> }> }> } };
    const ds01 = doc.catalog.groups.flatMap((g) => g.controls).find((c) => c.id === 'ds-01');
    expect(ds01?.props).toContainEqual(expect.objectContaining({ name: 'mapping', value: 'pci 3.5.1' }));
    const bad = await cwb('catalog', 'export', '--format', 'oscal-profile', '--out', join(dir, 'x.json'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('needs --framework');
  });
});

describe('mapping an imported framework to our controls', () => {
  it('reads a CSV mapping, by OSCAL id or label, and reports the coverage with the gaps', async () => {
    const csv = write('low.csv', 'requirement,control,coverage\nAC-2,AC-17,partial\nau-2,LM-01,full\nAC-2,AC-13\n');
    const low = importFrameworkFile(PROFILE, { catalogFile: CATALOG });
    const c = importedCoverage(low, readFrameworkMapping(csv, low, loadBuiltinCatalog()));
    expect(c).toMatchObject({ assessable: 149, mapped: 2 });
    expect(c.gaps).toHaveLength(147);
    expect(c.requirements.find((x) => x.id === 'ac-2')?.controls).toEqual([{ id: 'AC-17', coverage: 'partial' }, { id: 'AC-13', coverage: 'partial' }]);
    expect(c.requirements.find((x) => x.id === 'au-2')?.controls).toEqual([{ id: 'LM-01', coverage: 'full' }]);
  });

  it('reads a CISO Assistant mapping set whose targets are our control ids', async () => {
    const yaml = [
      'urn: urn:example:risk:library:mapping-800-66-to-cwb',
      'objects:',
      '  requirement_mapping_sets:',
      '  - urn: urn:example:risk:req_mapping_set:800-66-to-cwb',
      '    requirement_mappings:',
      '    - source_requirement_urn: urn:intuitem:risk:req_node:nist-sp-800-66-rev2:node4',
      '      target_requirement_urn: urn:cwb:control:GV-14',
      '      relationship: equal',
      '    - source_requirement_urn: urn:intuitem:risk:req_node:nist-sp-800-66-rev2:node6',
      '      target_requirement_urn: urn:cwb:control:GV-05',
      '      relationship: intersect',
      '',
    ].join('\n');
    const guide = importFrameworkFile(CISO);
    const c = importedCoverage(guide, readFrameworkMapping(write('map.yaml', yaml), guide, loadBuiltinCatalog()));
    expect(c.mapped).toBe(2);
    expect(c.requirements.find((x) => x.id === 'node4')?.controls).toEqual([{ id: 'GV-14', coverage: 'full' }]);
  });

  it('refuses a mapping naming an unknown requirement or control, with the file and line, and a bad header', async () => {
    const csv = write('bad.csv', 'requirement,control\nAC-2,AC-17\nzz-9,AC-17\nAC-3,XX-01\n');
    const low = importFrameworkFile(PROFILE, { catalogFile: CATALOG });
    const r = refusal(() => readFrameworkMapping(csv, low, loadBuiltinCatalog()));
    expect(r.message).toContain('bad.csv: line 3: "zz-9" is not a requirement of');
    expect(r.message).toContain('bad.csv: line 4: "XX-01" is not a control of the catalog');
    const guide = importFrameworkFile(CISO);
    const header = refusal(() => readFrameworkMapping(write('header.csv', 'req,ctl\nnode4,GV-14\n'), guide, loadBuiltinCatalog()));
    expect(header.message).toContain('header.csv: line 1: the header must name the columns "requirement" and "control"');
  });
});
