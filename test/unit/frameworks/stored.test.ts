// Bring your own framework, end to end on the real reference files (read in place, never copied):
// the SP 800-53 LOW profile resolved with its catalog and the SP 800-66 CISO Assistant library are
// stored, a few requirements mapped, a project created on each, answered, and reported as
// Markdown, PDF and OSCAL (checked against the OSCAL 1.0.6 schema). Broken files of each kind are
// refused with their place, and the database is left as it was.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { importFramework, listFrameworks, mapFrameworkFile, setFrameworkMapping, frameworkMapping } from '../../../electron/core/frameworks/store';
import { FrameworkImportError } from '../../../electron/core/frameworks/problems';
import { createProject } from '../../../electron/core/projects/projects';
import { updateControl } from '../../../electron/core/assessments/update';
import { projectOverview, checklistRows } from '../../../electron/core/assessments/checklist';
import { frameworkCoverage } from '../../../electron/core/assessments/detail';
import { renderProjectReport } from '../../../electron/core/exports/export';
import { listAuditEvents } from '../../../electron/core/audit/chain';
import { WORKBENCH_CHAIN } from '../../../shared/records';
import { fingerprint } from '../../helpers/db-fingerprint';
import { cwb } from '../../helpers/cli';
import { tempDir, testWorkbench } from '../../helpers/workbench';

const REF = '/work/shared/reference/frameworks';
const doc = (name: string) => ({ name, text: readFileSync(join(REF, name), 'utf8') });
const CATALOG = doc('NIST_SP-800-53_rev5_catalog.json');
const PROFILE = doc('NIST_SP-800-53_rev5_LOW-baseline_profile.json');
const CISO = doc('nist-sp-800-66-rev2.yaml');
const LOW = 'nist-special-publication-800-53-revision-5-1-1-low-impact-basel';
const HIPAA_GUIDE = 'nist-sp-800-66-rev2';

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validateAr = ajv.compile(JSON.parse(readFileSync('/work/shared/reference/oscal-1.0.6/oscal_assessment-results_schema.json', 'utf8')) as object);

async function workbench() {
  return testWorkbench({ catalog: loadBuiltinCatalog() });
}

function refusal(run: () => unknown): FrameworkImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof FrameworkImportError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

describe('an imported framework, stored and used by a project', () => {
  it('imports the LOW profile and the CISO library, maps, scopes, answers and reports on them', async () => {
    const wb = await workbench();
    const { ctx } = wb;
    const low = importFramework(ctx, PROFILE, CATALOG);
    expect(low).toMatchObject({ id: LOW, version: '5.1.1+u4', source: 'oscal-profile', requirements: 167, assessable: 149, unchanged: false });
    expect(low.file.name).toBe(PROFILE.name);
    expect(low.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const guide = importFramework(ctx, CISO);
    expect(guide).toMatchObject({ id: HIPAA_GUIDE, requirements: 179, assessable: 152 });
    expect(listFrameworks(ctx).map((f) => [f.id, f.version, f.current, f.mapped])).toEqual([[HIPAA_GUIDE, '2', true, 0], [LOW, '5.1.1+u4', true, 0]]);
    // the imported frameworks are in the one catalog every operation reads
    expect(ctx.catalog.frameworks.map((f) => f.id)).toEqual(['hipaa', 'gdpr', 'pci', HIPAA_GUIDE, LOW]);

    // map: one requirement from the app's call, the rest from a CSV file (by label or id)
    setFrameworkMapping(ctx, LOW, [{ requirement: 'AC-2', controls: [{ control: 'AC-01', coverage: 'partial' }] }]);
    const csv = { name: 'low.csv', text: 'requirement,control,coverage\nau-2,LM-01,full\nSC-13,DS-01,full\nSC-13,DS-02,partial\n' };
    const mapped = mapFrameworkFile(ctx, LOW, csv);
    expect(mapped).toMatchObject({ changed: ['AU-2', 'SC-13'], mapped: 3, assessable: 149 });
    setFrameworkMapping(ctx, HIPAA_GUIDE, [{ requirement: 'node4', controls: [{ control: 'GV-05', coverage: 'partial' }] }]);

    // a project on the imported framework: its scope is the controls mapped to its requirements
    const project = createProject(ctx, { name: 'Claims model on LOW', frameworks: [LOW] });
    expect(project.frameworks).toEqual([LOW]);
    expect(checklistRows(ctx, project.id).map((r) => r.id).sort()).toEqual(['AC-01', 'DS-01', 'DS-02', 'LM-01']);
    updateControl(ctx, project.id, 'AC-01', { status: 'compliant', note: 'SSO only' });
    updateControl(ctx, project.id, 'DS-01', { status: 'partial' });
    updateControl(ctx, project.id, 'LM-01', { status: 'non_compliant' });

    const overview = projectOverview(ctx, project.id);
    expect(overview.byFramework).toEqual([{ framework: LOW, readiness: expect.objectContaining({ inScope: 4, percent: 37.5 }) }]);
    const coverage = frameworkCoverage(ctx, project.id, LOW);
    expect(coverage.find((r) => r.requirement.id === 'AC-2')?.requirement).toMatchObject({ title: 'Account Management' });
    expect(JSON.stringify(coverage)).toContain('AC-01');

    // every report cites the imported requirement ids and titles
    const md = (await renderProjectReport(ctx, project.id, 'md')).bytes.toString('utf8');
    expect(md).toContain('NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE');
    expect(md).toContain('AC-2');
    expect(md).toContain('Account Management');
    expect(md).toContain('SC-13');
    const pdfFile = join(tempDir(), 'low.pdf');
    writeFileSync(pdfFile, (await renderProjectReport(ctx, project.id, 'pdf')).bytes);
    const pdfText = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('AC-2');
    expect(pdfText).toContain('Account Management');
    const oscal = JSON.parse((await renderProjectReport(ctx, project.id, 'oscal')).bytes.toString('utf8')) as object;
    expect(validateAr(oscal), JSON.stringify(validateAr.errors?.slice(0, 3))).toBe(true);
    expect(JSON.stringify(oscal)).toContain('AC-2');
    const csvReport = (await renderProjectReport(ctx, project.id, 'csv')).bytes.toString('utf8');
    expect(csvReport).toContain('AC-2');

    // a second project on the CISO library, with a built-in framework beside it
    const both = createProject(ctx, { name: 'Both', frameworks: [HIPAA_GUIDE, 'hipaa'] });
    expect(both.frameworks).toEqual(['hipaa', HIPAA_GUIDE]);
    const guideMd = (await renderProjectReport(ctx, both.id, 'md', { framework: HIPAA_GUIDE })).bytes.toString('utf8');
    expect(guideMd).toContain('164.308(a)(1) — Security Management Process');
    expect(guideMd).toContain('node4');

    // mapping changes are audited on the workbench's chain, and a project whose scope moves says why
    expect(listAuditEvents(ctx.db, WORKBENCH_CHAIN).map((e) => e.action)).toEqual(['framework.map', 'framework.map', 'framework.map', 'framework.import', 'framework.import']); // newest first
    setFrameworkMapping(ctx, LOW, [{ requirement: 'AC-2', controls: [{ control: 'AC-01', coverage: 'partial' }, { control: 'AC-05', coverage: 'full' }] }]);
    const latest = listAuditEvents(ctx.db, project.id)[0];
    expect(latest).toMatchObject({ action: 'framework.map', after: expect.objectContaining({ framework: LOW, added: ['AC-05'], requirements: ['AC-2'] }) });
    expect(checklistRows(ctx, project.id).map((r) => r.id)).toContain('AC-05');
  });

  it('keeps each version: the same file again changes nothing, a new version carries mappings over and moves projects onto it', async () => {
    const { ctx } = await workbench();
    importFramework(ctx, CISO);
    setFrameworkMapping(ctx, HIPAA_GUIDE, [
      { requirement: 'node4', controls: [{ control: 'GV-05', coverage: 'partial' }] },
      { requirement: 'node6', controls: [{ control: 'GV-14', coverage: 'full' }] },
    ]);
    const project = createProject(ctx, { name: 'Guide', frameworks: [HIPAA_GUIDE] });
    const before = fingerprint(ctx.db);
    expect(importFramework(ctx, CISO)).toMatchObject({ unchanged: true, projects: [] });
    expect(fingerprint(ctx.db)).toBe(before);

    // a changed file under the same version is refused, naming the file and the version
    const tampered = { name: CISO.name, text: CISO.text.replace('1. Identify all ePHI', '1. Identify some ePHI') };
    const same = refusal(() => importFramework(ctx, tampered));
    expect(same.problems[0]).toMatchObject({ file: CISO.name, where: 'version' });
    expect(fingerprint(ctx.db)).toBe(before);

    // version 3 drops node6: its mapping stays with version 2, node4's is carried over
    const v3 = { name: 'nist-sp-800-66-rev2-v3.yaml', text: CISO.text.replace(/^version: 2$/m, 'version: 3').replace(/^ {4}- urn: urn:intuitem:risk:req_node:nist-sp-800-66-rev2:node6\n(?: {6}.*\n)+/m, '') };
    expect(v3.text).not.toBe(CISO.text);
    const upgraded = importFramework(ctx, v3);
    expect(upgraded).toMatchObject({ version: '3', carriedMappings: 1, projects: [{ projectId: project.id, archived: ['GV-14'] }] });
    expect(listFrameworks(ctx).map((f) => [f.version, f.current, f.projects])).toEqual([['3', true, 1], ['2', false, 0]]);
    expect(frameworkMapping(ctx, HIPAA_GUIDE).requirements.find((r) => r.id === 'node4')?.controls.map((c) => c.control)).toEqual(['GV-05']);
    expect(listAuditEvents(ctx.db, project.id)[0]).toMatchObject({ action: 'framework.upgrade', before: { framework: HIPAA_GUIDE, version: '2' } });
  });

  it('refuses a broken file of each kind with its place, and a bad mapping, changing nothing', async () => {
    const { ctx } = await workbench();
    importFramework(ctx, CISO);
    const before = fingerprint(ctx.db);
    const json = refusal(() => importFramework(ctx, { name: 'broken.json', text: '{\n  "catalog": {\n    "metadata": { "title": "x", }\n  }\n}\n' }));
    expect(json.problems[0]).toMatchObject({ file: 'broken.json', where: 'line 3' });
    const profile = JSON.parse(PROFILE.text) as { profile: { imports: Array<{ 'include-controls': Array<{ 'with-ids': string[] }> }> } };
    profile.profile.imports[0]!['include-controls'][0]!['with-ids'].push('zz-99');
    const selected = refusal(() => importFramework(ctx, { name: 'low.json', text: JSON.stringify(profile) }, CATALOG));
    expect(selected.problems.some((p) => p.file === 'low.json' && p.problem.includes('zz-99'))).toBe(true);
    const yaml = refusal(() => importFramework(ctx, { name: 'bad.yaml', text: 'objects: {framework: {name: x, ref_id: x, requirement_nodes: [{urn: a}]}}\n' }));
    expect(yaml.problems[0]).toMatchObject({ file: 'bad.yaml', where: 'line 1' });
    const mapping = refusal(() => mapFrameworkFile(ctx, HIPAA_GUIDE, { name: 'map.csv', text: 'requirement,control\nnode4,GV-05\nnode999,GV-05\n' }));
    expect(mapping.problems).toEqual([{ file: 'map.csv', where: 'line 3', problem: `"node999" is not a requirement of ${HIPAA_GUIDE}.` }]);
    expect(() => setFrameworkMapping(ctx, HIPAA_GUIDE, [{ requirement: 'node4', controls: [{ control: 'XX-99', coverage: 'full' }] }])).toThrow(/"XX-99" \(for node4\) is not a control of the catalog/);
    expect(() => createProject(ctx, { name: 'x', frameworks: ['not-imported'] })).toThrow(/"not-imported" is not a framework of this workbench/);
    expect(fingerprint(ctx.db)).toBe(before);
  });
});

describe('cwb framework', () => {
  it('import prints {id, name, version, source, requirements}, list and map work on the stored framework, a refused file exits 1 with its place', async () => {
    const db = join(tempDir(), 'cli.sqlite');
    const ok = await cwb('--db', db, 'framework', 'import', join(REF, CISO.name), '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ id: HIPAA_GUIDE, name: 'NIST SP-800-66 rev2 (HIPAA)', version: '2', source: 'ciso-assistant', requirements: 179, file: { name: CISO.name } });
    const profile = await cwb('--db', db, 'framework', 'import', join(REF, PROFILE.name), '--catalog', join(REF, CATALOG.name));
    expect(profile.code).toBe(0);
    expect(profile.out).toMatch(/167 requirements, 149 assessable/);
    const list = JSON.parse((await cwb('--db', db, 'framework', 'list', '--json')).out) as Array<{ id: string }>;
    expect(list.map((f) => f.id)).toEqual([HIPAA_GUIDE, LOW]);
    const csv = join(tempDir(), 'map.csv');
    writeFileSync(csv, 'requirement,control,coverage\nAC-2,AC-01,partial\n');
    const map = await cwb('--db', db, 'framework', 'map', '--framework', LOW, '--file', csv, '--json');
    expect(map.code).toBe(0);
    expect(JSON.parse(map.out)).toMatchObject({ changed: ['AC-2'], mapped: 1 });
    const created = await cwb('--db', db, 'project', 'create', '--name', 'Low', '--frameworks', LOW, '--json');
    expect(created.code).toBe(0);
    const bad = join(tempDir(), 'bad.yaml');
    writeFileSync(bad, 'objects: {framework: {name: x, ref_id: x, requirement_nodes: [{urn: a}]}}\n');
    const refused = await cwb('--db', db, 'framework', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/bad\.yaml: line 1: node a: "assessable" must be true or false\./);
  });
});
