import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cwb } from '../../helpers/cli';
import { tempDir } from '../../helpers/workbench';
import { openDatabase } from '../../../electron/core/store/database';

async function withProject(frameworks = 'hipaa,pci') {
  const db = join(tempDir(), 'cli.sqlite');
  const created = await cwb('--db', db, 'project', 'create', '--name', 'Claims model', '--frameworks', frameworks, '--json');
  expect(created.err).toBe('');
  const project = JSON.parse(created.out) as { id: string; name: string; frameworks: string[] };
  return { db, project };
}

describe('cwb', () => {
  it('creates, lists and shows a project', async () => {
    const { db, project } = await withProject();
    expect(project).toMatchObject({ name: 'Claims model', frameworks: ['hipaa', 'pci'] });
    const list = await cwb('--db', db, 'project', 'list', '--json');
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ id: project.id, name: 'Claims model', readiness: 0 })]);
    const shown = await cwb('--db', db, 'project', 'show', project.id);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Claims model');
    expect(shown.out).toMatch(/HIPAA Security Rule\s+\d+\s+0%/);
  });

  it('project show lists overdue controls (not done, due before today) and no section when nothing is late', async () => {
    const { db, project } = await withProject('pci');
    expect((await cwb('--db', db, 'project', 'show', project.id)).out).not.toContain('Overdue');
    // dates far from any day the test can run on, since the CLI reads the real clock
    expect(await cwb('--db', db, 'control', 'set', '--project', project.id, '--control', 'DS-01', '--status', 'partial', '--owner', 'Sam', '--due', '2020-01-31')).toMatchObject({ code: 0 });
    expect(await cwb('--db', db, 'control', 'set', '--project', project.id, '--control', 'AC-01', '--status', 'compliant', '--due', '2020-01-31')).toMatchObject({ code: 0 });
    expect(await cwb('--db', db, 'control', 'set', '--project', project.id, '--control', 'NS-01', '--status', 'partial', '--due', '2999-12-31')).toMatchObject({ code: 0 });
    const shown = await cwb('--db', db, 'project', 'show', project.id);
    expect(shown.out).toContain('Overdue (1 control, 0 action items)');
    expect(shown.out).toMatch(/2020-01-31\s+DS-01\s+Sam\s+Partial/);
    expect(shown.out.slice(shown.out.indexOf('Overdue'))).not.toMatch(/AC-01|NS-01/);
    const json = JSON.parse((await cwb('--db', db, 'project', 'show', project.id, '--json')).out) as { overdue: { controls: Array<{ controlId: string }> } };
    expect(json.overdue.controls.map((c) => c.controlId)).toEqual(['DS-01']);
  });

  it('lists controls and sets a status with note and owner, kept across runs', async () => {
    const { db, project } = await withProject('pci');
    const controls = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', project.id, '--json')).out) as Array<Record<string, unknown>>;
    expect(controls.length).toBeGreaterThan(0);
    expect(Object.keys(controls[0]!)).toEqual(expect.arrayContaining(['id', 'title', 'domain', 'status', 'owner', 'note']));
    const target = controls[0]!.id as string;
    const set = await cwb('--db', db, 'control', 'set', '--project', project.id, '--control', target, '--status', 'partial', '--note', 'two of three', '--owner', 'Priya');
    expect(set).toMatchObject({ code: 0, err: '' });
    const after = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', project.id, '--json')).out) as Array<Record<string, unknown>>;
    expect(after.find((c) => c.id === target)).toMatchObject({ status: 'partial', note: 'two of three', owner: 'Priya' });
    const show = JSON.parse((await cwb('--db', db, 'project', 'show', project.id, '--json')).out) as { overall: { counts: { partial: number } } };
    expect(show.overall.counts.partial).toBe(1);
  });

  it('says what is wrong, on stderr with a non-zero exit, and writes nothing', async () => {
    const { db, project } = await withProject('pci');
    const before = readFileSync(db);
    const unknownProject = await cwb('--db', db, 'control', 'list', '--project', 'prj-nosuchthin');
    expect(unknownProject).toMatchObject({ code: 1, out: '', err: 'cwb: No project with id "prj-nosuchthin". List projects with `cwb project list`.\n' });
    const badStatus = await cwb('--db', db, 'control', 'set', '--project', project.id, '--control', 'DS-01', '--status', 'done');
    expect(badStatus).toMatchObject({ code: 2, err: expect.stringContaining('Invalid status "done": use one of not_assessed, compliant, partial, non_compliant, not_applicable.') });
    const unknownControl = await cwb('--db', db, 'control', 'set', '--project', project.id, '--control', 'ZZ-99', '--status', 'compliant');
    expect(unknownControl).toMatchObject({ code: 1, err: expect.stringContaining('No control in this project with id "ZZ-99"') });
    const badFramework = await cwb('--db', db, 'project', 'create', '--name', 'x', '--frameworks', 'sox');
    // "sox" could be an imported framework's id: core says this workbench has none by that id
    expect(badFramework).toMatchObject({ code: 1, err: expect.stringContaining('"sox" is not a framework of this workbench') });
    expect(await cwb('--db', db, 'project', 'create', '--name', 'x', '--frameworks', 'SOX 2!')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown framework "sox 2!"') });
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('refuses a missing, a corrupt and a newer database with a sentence a person understands', async () => {
    const dir = tempDir();
    const missing = join(dir, 'nope.sqlite');
    expect(await cwb('--db', missing, 'project', 'list')).toMatchObject({ code: 1, err: expect.stringContaining(`No database at ${missing}`) });
    expect(existsSync(missing)).toBe(false);
    const corrupt = join(dir, 'corrupt.sqlite');
    writeFileSync(corrupt, 'not sqlite at all');
    expect(await cwb('--db', corrupt, 'project', 'list')).toMatchObject({ code: 1, err: expect.stringContaining('is not a Compliance Workbench database or is damaged') });
    const newer = join(dir, 'newer.sqlite');
    const db = await openDatabase(newer, { create: true });
    db.prepare("INSERT INTO schema_migrations VALUES (9999, 'future', 'x', 'y')").run();
    db.close();
    expect(await cwb('--db', newer, 'project', 'list')).toMatchObject({ code: 1, err: expect.stringContaining('newer version of Compliance Workbench') });
  });

  it('reads the database from CWB_DB when --db is not given', async () => {
    const { db, project } = await withProject('gdpr');
    const saved = process.env.CWB_DB;
    process.env.CWB_DB = db;
    try {
      expect(JSON.parse((await cwb('project', 'list', '--json')).out)[0].id).toBe(project.id);
    } finally {
      if (saved === undefined) delete process.env.CWB_DB;
      else process.env.CWB_DB = saved;
    }
  });

  it.each([[], ['project'], ['project', 'create'], ['project', 'list'], ['project', 'show'], ['control'], ['control', 'list'], ['control', 'set'], ['catalog', 'show'], ['catalog', 'coverage'], ['report'], ['package', 'verify']].map((p) => [p.join(' ') || '(top level)', p] as const))('has --help on %s', async (_name, path) => {
    const r = await cwb(...path, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: cwb/);
  });
});
