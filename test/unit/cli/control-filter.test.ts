// `cwb control list --status … --owner …`: the checklist filtered in SQL (getChecklist's filter),
// the same rows as the full list filtered by hand; a bad status is refused with a sentence.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cwb } from '../../helpers/cli';
import { tempDir } from '../../helpers/workbench';

type Row = { id: string; status: string; owner: string };

describe('cwb control list filters', () => {
  it('keeps the controls with one of the statuses and an owner containing the text, in any case', async () => {
    const db = join(tempDir(), 'cli.sqlite');
    const { id } = JSON.parse((await cwb('--db', db, 'project', 'create', '--name', 'Filters', '--frameworks', 'hipaa,pci', '--json')).out) as { id: string };
    const set = (control: string, status: string, owner: string) => cwb('--db', db, 'control', 'set', '--project', id, '--control', control, '--status', status, '--owner', owner);
    expect(await set('DS-01', 'partial', 'Sam Lee')).toMatchObject({ code: 0 });
    expect(await set('AC-01', 'non_compliant', 'samira')).toMatchObject({ code: 0 });
    expect(await set('NS-01', 'partial', 'Ops')).toMatchObject({ code: 0 });
    expect(await set('LM-01', 'compliant', 'Sam Lee')).toMatchObject({ code: 0 });

    const all = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', id, '--json')).out) as Row[];
    const filtered = await cwb('--db', db, 'control', 'list', '--project', id, '--status', 'partial,non_compliant', '--owner', 'SAM', '--json');
    expect(filtered.code).toBe(0);
    const rows = JSON.parse(filtered.out) as Row[];
    expect(rows.map((r) => r.id).sort()).toEqual(['AC-01', 'DS-01']);
    // the same rows, in the same order, as filtering the full list
    expect(rows).toEqual(all.filter((r) => ['partial', 'non_compliant'].includes(r.status) && r.owner.toLowerCase().includes('sam')));
    const byStatus = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', id, '--status', 'compliant', '--json')).out) as Row[];
    expect(byStatus.map((r) => r.id)).toEqual(['LM-01']);
  });

  it('refuses an unknown status, naming it', async () => {
    const db = join(tempDir(), 'cli.sqlite');
    const { id } = JSON.parse((await cwb('--db', db, 'project', 'create', '--name', 'Filters', '--frameworks', 'pci', '--json')).out) as { id: string };
    const refused = await cwb('--db', db, 'control', 'list', '--project', id, '--status', 'partial,done');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('Invalid status "done" in --status');
  });
});
