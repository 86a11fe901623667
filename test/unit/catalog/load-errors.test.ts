// A bad catalog file is refused whole, and the error names the file, the entry and the problem.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  builtinCatalogFiles,
  CatalogError,
  loadBuiltinCatalog,
  parseCatalogFiles,
  type CatalogFileInput,
} from '../../../electron/core/catalog/load';
import { WorkbenchError } from '../../../electron/core/errors';

type Json = Record<string, any>;

/** A deep copy of the built-in files with one file changed by `edit`. */
function withEdit(name: string, edit: (content: Json) => void): CatalogFileInput[] {
  const files = structuredClone(builtinCatalogFiles()) as CatalogFileInput[];
  const file = files.find((f) => f.name === name);
  if (!file) throw new Error(`no built-in file ${name}`);
  edit(file.content as Json);
  return files;
}

function refusal(files: CatalogFileInput[]): CatalogError {
  try {
    parseCatalogFiles(files);
  } catch (e) {
    if (e instanceof CatalogError) return e;
    throw e;
  }
  throw new Error('the catalog was accepted');
}

function control(content: Json, id: string): Json {
  const c = (content.controls as Json[]).find((x) => x.id === id);
  if (!c) throw new Error(`no control ${id}`);
  return c;
}

const tmp = mkdtempSync(join(tmpdir(), 'cwb-catalog-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('parseCatalogFiles refuses bad catalogs', () => {
  it('names file, control and path for a mapping to a requirement that does not exist', () => {
    const err = refusal(withEdit('controls/data_security.json', (c) => {
      control(c, 'DS-01').mappings[0].requirement = '164.312(a)(2)(v)';
    }));
    expect(err).toBeInstanceOf(WorkbenchError);
    expect(err.code).toBe('CATALOG_INVALID');
    expect(err.problems).toEqual([{
      file: 'controls/data_security.json',
      entry: 'control DS-01 (controls[0].mappings[0].requirement)',
      problem: '"164.312(a)(2)(v)" is not a requirement of hipaa.',
    }]);
    expect(err.message).toContain(
      'controls/data_security.json: control DS-01 (controls[0].mappings[0].requirement): "164.312(a)(2)(v)" is not a requirement of hipaa.');
    expect(err.message).toMatch(/^The catalog was refused: 1 problem found\./);
    expect(err.details).toEqual({ problems: err.problems });
  });

  it('refuses a mapping to a framework the catalog does not have', () => {
    const files = withEdit('controls/access_control.json', (c) => {
      control(c, 'AC-02').mappings.push({ framework: 'sox', requirement: '404', coverage: 'full' });
    });
    const err = refusal(files);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.file).toBe('controls/access_control.json');
    expect(err.problems[0]?.entry).toBe('control AC-02 (controls[1].mappings[4].framework)');
    expect(err.problems[0]?.problem).toMatch(/^Invalid option: expected one of "hipaa"\|"gdpr"\|"pci"/);
  });

  it('refuses a duplicate control id', () => {
    const err = refusal(withEdit('controls/data_security.json', (c) => {
      c.controls.push(structuredClone(control(c, 'DS-01')));
    }));
    expect(err.problems).toEqual([{
      file: 'controls/data_security.json',
      entry: 'control DS-01 (controls[20].id)',
      problem: 'control id "DS-01" is already used (in controls/data_security.json); control ids must be unique.',
    }]);
  });

  it('refuses a duplicate control id across files, naming both files', () => {
    const err = refusal(withEdit('controls/governance.json', (c) => {
      c.controls.push({ ...structuredClone(control(c, 'GV-01')), id: 'AC-01' });
    }));
    expect(err.problems).toEqual([{
      file: 'controls/governance.json',
      entry: 'control AC-01 (controls[23].id)',
      problem: 'control id "AC-01" is already used (in controls/access_control.json); control ids must be unique.',
    }]);
  });

  it('refuses a missing field', () => {
    const err = refusal(withEdit('controls/data_security.json', (c) => {
      delete control(c, 'DS-02').objective;
    }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: 'controls/data_security.json', entry: 'control DS-02 (controls[1].objective)' });
    expect(err.problems[0]?.problem).toMatch(/expected string, received undefined/);
  });

  it('refuses fields of the wrong type', () => {
    const err = refusal(withEdit('controls/network_security.json', (c) => {
      control(c, 'NS-01').priority = 5;
      control(c, 'NS-02').verification.steps = 'check it';
    }));
    expect(err.problems.map((p) => p.entry)).toEqual([
      'control NS-01 (controls[0].priority)',
      'control NS-02 (controls[1].verification.steps)',
    ]);
    expect(err.problems[0]?.problem).toMatch(/expected one of "critical"\|"high"\|"medium"\|"low"/);
    expect(err.problems[1]?.problem).toMatch(/expected array, received string/);
  });

  it('refuses an unknown field, so typos are not silently dropped', () => {
    const err = refusal(withEdit('controls/ml_platform.json', (c) => {
      control(c, 'MP-03').objectve = 'typo';
    }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.entry).toBe('control MP-03 (controls[2])');
    expect(err.problems[0]?.problem).toMatch(/Unrecognized key: "objectve"/);
  });

  it('refuses unknown fields in framework files and requirements too', () => {
    const err = refusal(withEdit('gdpr.json', (c) => {
      c.sourceUrl = 'https://example.org';
      c.requirements[0].note = 'not a field';
    }));
    expect(err.problems.map((p) => [p.file, p.entry, p.problem])).toEqual([
      ['gdpr.json', 'requirement Art. 1 (requirements[0])', 'Unrecognized key: "note"'],
      ['gdpr.json', '(whole file)', 'Unrecognized key: "sourceUrl"'],
    ]);
  });

  it('refuses a control id that does not look like DS-01', () => {
    const err = refusal(withEdit('controls/governance.json', (c) => {
      control(c, 'GV-15').id = 'gv15';
    }));
    expect(err.problems[0]).toMatchObject({ file: 'controls/governance.json', entry: 'control gv15 (controls[14].id)' });
    expect(err.problems[0]?.problem).toBe('a control id looks like DS-01');
  });

  it('refuses a control that maps to nothing', () => {
    // MP-04's requirements are all mapped by other controls too, so only this problem remains.
    const err = refusal(withEdit('controls/ml_platform.json', (c) => {
      const mp = control(c, 'MP-04');
      mp.mappings = [];
      mp.noMapping.push(
        { framework: 'hipaa', reason: 'Only here so that the framework check passes for this test.' },
        { framework: 'gdpr', reason: 'Only here so that the framework check passes for this test.' },
      );
    }));
    expect(err.problems).toEqual([{
      file: 'controls/ml_platform.json',
      entry: 'control MP-04 (controls[3].mappings)',
      problem: 'the control maps to no requirement; add at least one mapping.',
    }]);
  });

  it('refuses a control that neither maps to a framework nor says why', () => {
    const err = refusal(withEdit('controls/governance.json', (c) => {
      control(c, 'GV-03').noMapping = [];
    }));
    expect(err.problems).toEqual([{
      file: 'controls/governance.json',
      entry: 'control GV-03 (controls[2].noMapping)',
      problem: 'the control neither maps to pci nor says why not; add a mapping or a noMapping entry with the reason.',
    }]);
  });

  it('refuses a control that both maps to a framework and declines it', () => {
    const err = refusal(withEdit('controls/data_security.json', (c) => {
      control(c, 'DS-01').noMapping.push({ framework: 'pci', reason: 'contradicts the pci mapping above' });
    }));
    expect(err.problems).toEqual([{
      file: 'controls/data_security.json',
      entry: 'control DS-01 (controls[0].noMapping[0])',
      problem: 'the control both maps to pci and says it has no pci mapping; keep one.',
    }]);
  });

  it('refuses a requirement that is neither covered nor out of scope', () => {
    const err = refusal(withEdit('hipaa.json', (c) => {
      c.outOfScope = c.outOfScope.filter((o: Json) => o.requirement !== '164.308(a)(1)(ii)(C)');
    }));
    const index = (withEdit('hipaa.json', () => {}).find((f) => f.name === 'hipaa.json')?.content as Json).requirements
      .findIndex((r: Json) => r.id === '164.308(a)(1)(ii)(C)');
    expect(err.problems).toEqual([{
      file: 'hipaa.json',
      entry: `requirement 164.308(a)(1)(ii)(C) (requirements[${index}])`,
      problem: 'no control maps to this requirement and it is not listed in outOfScope; map a control to it, or list it out of scope as "no-control" or "not-applicable" with the reason.',
    }]);
  });

  it('refuses a requirement that is both mapped and out of scope', () => {
    const err = refusal(withEdit('hipaa.json', (c) => {
      c.outOfScope.push({ requirement: '164.312(b)', kind: 'no-control', reason: 'Pretend the audit controls were out of scope.' });
    }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.file).toBe('hipaa.json');
    expect(err.problems[0]?.entry).toMatch(/^requirement 164\.312\(b\) \(requirements\[\d+\]\)$/);
    expect(err.problems[0]?.problem).toMatch(/^listed out of scope but mapped by LM-01, /);
  });

  it('refuses a parent listed out of scope while a child is mapped', () => {
    const err = refusal(withEdit('pci.json', (c) => {
      c.outOfScope.push({ requirement: '12', kind: 'not-applicable', reason: 'Pretend requirement 12 did not apply at all.' });
    }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.problem).toMatch(/^listed out of scope but "12\.\d+\.\d+" beneath it is mapped by [A-Z]{2}-\d{2}/);
  });

  it('refuses a leaf whose only cover is a mapping to the requirement above it', () => {
    // Art. 28(3) is mapped itself (GV-02); a point beneath it still needs its own mapping or reason.
    const err = refusal(withEdit('controls/governance.json', (c) => {
      const gv02 = control(c, 'GV-02');
      gv02.mappings = gv02.mappings.filter((m: Json) => m.requirement !== 'Art. 28(3)(h)');
    }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: 'gdpr.json', entry: expect.stringMatching(/^requirement Art\. 28\(3\)\(h\) /) });
    expect(err.problems[0]?.problem).toMatch(/"no-control" or "not-applicable"/);
  });

  it('refuses an out-of-scope entry without its kind, naming the entry', () => {
    const err = refusal(withEdit('hipaa.json', (c) => {
      delete c.outOfScope[0].kind;
    }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: 'hipaa.json', entry: 'out-of-scope entry 164.306(c) (outOfScope[0].kind)' });
  });

  it('refuses a parent listed out of scope while a leaf beneath it is not', () => {
    const err = refusal(withEdit('hipaa.json', (c) => {
      c.outOfScope = c.outOfScope.filter((o: Json) => o.requirement !== '164.310(a)(2)(iv)');
      c.outOfScope.push({ requirement: '164.310(a)(2)(iv)', kind: 'no-control', reason: 'x'.repeat(50) });
      c.outOfScope = c.outOfScope.filter((o: Json) => o.requirement !== '164.310(a)(2)(iii)');
    }));
    expect(err.problems.map((p) => p.problem)).toEqual([
      'listed out of scope but "164.310(a)(2)(iii)" beneath it is not; list every requirement beneath it, each with its own reason.',
      'no control maps to this requirement and it is not listed in outOfScope; map a control to it, or list it out of scope as "no-control" or "not-applicable" with the reason.',
    ]);
  });

  it('refuses identifiers not written the way the source writes them, and unknown parents', () => {
    const err = refusal(withEdit('hipaa.json', (c) => {
      c.requirements.push({ id: '§164.312(b)', title: 'Audit controls', kind: 'standard' });
      c.outOfScope.push({ requirement: '§164.312(b)', kind: 'no-control', reason: 'Only here to keep the coverage check quiet.' });
      c.requirements.push({ id: '164.312(f)', title: 'Invented', kind: 'standard', parent: '164.312(z)' });
      c.outOfScope.push({ requirement: '164.312(f)', kind: 'no-control', reason: 'Only here to keep the coverage check quiet.' });
    }));
    expect(err.problems.map((p) => p.problem)).toEqual([
      '"§164.312(b)" is not written the way hipaa identifiers are written (for example 164.312(a)(2)(iv)).',
      'parent "164.312(z)" is not a requirement of hipaa.',
    ]);
    expect(err.problems.every((p) => p.file === 'hipaa.json')).toBe(true);
  });

  it('refuses a control filed under the wrong domain file', () => {
    const err = refusal(withEdit('controls/monitoring_logging.json', (c) => {
      control(c, 'LM-11').domain = 'governance';
    }));
    expect(err.problems).toEqual([{
      file: 'controls/monitoring_logging.json',
      entry: 'control LM-11 (controls[10].domain)',
      problem: 'the control is in domain "governance" but the file holds only "monitoring_logging" controls.',
    }]);
  });

  it('refuses files without a known kind, and a catalog without a manifest', () => {
    const noKind = refusal([...builtinCatalogFiles(), { name: 'notes.json', content: ['not', 'a', 'catalog'] }]);
    expect(noKind.problems).toEqual([{
      file: 'notes.json',
      entry: 'kind',
      problem: 'the file must be a JSON object whose "kind" is one of "catalog", "framework", "controls".',
    }]);
    const noManifest = refusal(builtinCatalogFiles().filter((f) => f.name !== 'catalog.json'));
    expect(noManifest.problems).toHaveLength(1);
    expect(noManifest.problems[0]?.entry).toBe('catalog manifest');
    expect(noManifest.problems[0]?.problem).toBe('no file has "kind": "catalog"; add one that gives the catalog version.');
    const badVersion = refusal(withEdit('catalog.json', (c) => { c.version = 'November 2026'; }));
    expect(badVersion.problems).toEqual([{ file: 'catalog.json', entry: 'version', problem: 'a catalog version looks like 2026.11.0' }]);
  });

  it('reports every problem, listing the first ten in the message', () => {
    const err = refusal(withEdit('controls/data_security.json', (c) => {
      for (const ctl of c.controls as Json[]) ctl.priority = 'urgent';
    }));
    expect(err.problems).toHaveLength(20);
    expect(err.message).toMatch(/^The catalog was refused: 20 problems found\./);
    expect(err.message.split('\n').filter((l) => l.startsWith('- controls/'))).toHaveLength(10);
    expect(err.message).toContain('- …and 10 more.');
    expect(err.message.endsWith('nothing was changed.')).toBe(true);
  });

  it('changes nothing: the input files stay as they were and the built-in catalog is untouched', () => {
    const files = withEdit('controls/data_security.json', (c) => { control(c, 'DS-01').mappings[0].requirement = 'nope'; });
    const before = JSON.stringify(files);
    const builtin = loadBuiltinCatalog();
    const builtinBefore = JSON.stringify(builtin);
    refusal(files);
    expect(JSON.stringify(files)).toBe(before);
    expect(loadBuiltinCatalog()).toBe(builtin);
    expect(JSON.stringify(loadBuiltinCatalog())).toBe(builtinBefore);
    expect(Object.isFrozen(builtin.controls[0])).toBe(true);
  });
});

describe('parseCatalogFiles reads catalogs written to disk', () => {
  function writeFiles(files: readonly CatalogFileInput[], dir: string): string[] {
    return files.map((f) => {
      const path = join(dir, f.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(f.content, null, 2));
      return path;
    });
  }
  const readBack = (dir: string, paths: string[]): CatalogFileInput[] =>
    paths.map((p) => ({ name: p.slice(dir.length + 1), content: JSON.parse(readFileSync(p, 'utf8')) }));

  it('accepts the built-in files round-tripped through disk, plus an extra controls file', () => {
    const dir = join(tmp, 'good');
    const extra: CatalogFileInput = {
      name: 'controls/extra.json',
      content: {
        kind: 'controls',
        controls: [{
          id: 'ZZ-01', title: 'Team-specific review of model cards', domain: 'governance',
          objective: 'Model cards describe intended use and limits; reviewing them keeps the documentation honest.',
          verification: { steps: ['Read the model card of each production model.'], commands: ['aws sagemaker list-model-cards'] },
          evidence: ['Reviewed model cards'], priority: 'low',
          mappings: [{ framework: 'gdpr', requirement: 'Art. 24(1)', coverage: 'partial' }],
          noMapping: [
            { framework: 'hipaa', reason: 'No HIPAA requirement concerns model documentation.' },
            { framework: 'pci', reason: 'No PCI DSS requirement concerns model documentation.' },
          ],
        }],
      },
    };
    const paths = writeFiles([...builtinCatalogFiles(), extra], dir);
    const catalog = parseCatalogFiles(readBack(dir, paths));
    expect(catalog.version).toBe('2026.12.0');
    expect(catalog.controls).toHaveLength(116);
    expect(catalog.controls[115]?.id).toBe('ZZ-01');
    expect(catalog.frameworks.map((f) => f.id)).toEqual(['hipaa', 'gdpr', 'pci']);
    expect('kind' in (catalog.frameworks[0] as object)).toBe(false);
  });

  it('refuses a file on disk with a dangling mapping, naming that file', () => {
    const dir = join(tmp, 'bad');
    const files = withEdit('controls/access_control.json', (c) => {
      control(c, 'AC-13').mappings.push({ framework: 'pci', requirement: '7.2.9', coverage: 'full' });
    });
    const err = refusal(readBack(dir, writeFiles(files, dir)));
    expect(err.problems).toEqual([{
      file: 'controls/access_control.json',
      entry: 'control AC-13 (controls[12].mappings[7].requirement)',
      problem: '"7.2.9" is not a requirement of pci.',
    }]);
  });
});
