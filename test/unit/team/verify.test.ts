// `audit verify` checks that the history explains the state: the chain verifies AND replaying the
// events gives exactly the tables. An edit made straight in the database, with no event, fails it,
// names what differs, and the reports stop saying "verified".
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/index';
import { updateControl } from '../../../electron/core/assessments/update';
import { addEvidence, removeEvidence } from '../../../electron/core/evidence/evidence';
import { addActionItem, updateActionItem } from '../../../electron/core/sessions/action-items';
import { endSession, startSession } from '../../../electron/core/sessions/sessions';
import { reviewControl } from '../../../electron/core/review/reviews';
import { signOff } from '../../../electron/core/review/baselines';
import { setMemberRole } from '../../../electron/core/members/members';
import { updateProject } from '../../../electron/core/projects/projects';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import { verifyProject } from '../../../electron/core/audit/verify';
import { exportProject } from '../../../electron/core/exports/export';
import { readinessHistory } from '../../../electron/core/projects/readiness-history';
import { tempDir } from '../../helpers/workbench';
import { secondLaptop, teamProject } from './helpers';

/** A project with one of every kind of change: answers, evidence, members, items, a session, a review, a baseline. */
async function busyProject() {
  const team = await teamProject();
  const { projectId: p, owner, contributor, assessor } = team;
  startSession(assessor, p, { title: 'Walkthrough' });
  updateControl(contributor, p, 'DS-01', { status: 'non_compliant', owner: 'Linus', note: 'keys are AWS-managed' });
  updateControl(contributor, p, 'AC-01', { status: 'partial', dueDate: '2026-12-31' });
  const ev = addEvidence(contributor, p, 'DS-01', { kind: 'note', text: 'KMS key policy reviewed' });
  addEvidence(contributor, p, 'AC-01', { kind: 'link', url: 'https://example.org/iam' });
  removeEvidence(contributor, p, ev.id);
  const item = addActionItem(contributor, p, { controlId: 'DS-01', text: 'Move to a customer-managed key' });
  updateActionItem(contributor, p, item.id, { owner: 'Linus' });
  reviewControl(assessor, p, 'AC-01', { decision: 'approved' });
  endSession(assessor, p);
  setMemberRole(owner, p, 'Erin', 'contributor');
  updateProject(owner, { id: p, description: 'Fraud scoring', frameworks: ['pci', 'gdpr'] });
  signOff(assessor, p, { note: 'first pass' });
  return team;
}

async function cwb(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('audit verify: the history explains the state', () => {
  it('verifies a project after every kind of change, and after a merge both ways', async () => {
    const team = await busyProject();
    expect(verifyProject(team.owner, team.projectId)).toMatchObject({ ok: true, problems: [], replay: { checked: true, differences: 0 } });

    const laptop = await secondLaptop(team.owner, team.projectId);
    expect(verifyProject(laptop.ctx, team.projectId).problems).toEqual([]);
    updateControl(laptop.ctx, team.projectId, 'DS-01', { status: 'compliant' });
    updateControl(team.contributor, team.projectId, 'DS-01', { note: 'rotated yearly' });
    updateControl(team.contributor, team.projectId, 'NS-01', { status: 'partial' });
    updateControl(laptop.ctx, team.projectId, 'NS-01', { status: 'compliant' }); // a conflict
    await importBundle(team.owner, (await exportBundle(laptop.ctx, team.projectId)).bytes);
    await importBundle(laptop.ctx, (await exportBundle(team.owner, team.projectId)).bytes);
    for (const ctx of [team.owner, laptop.ctx]) {
      expect(verifyProject(ctx, team.projectId)).toMatchObject({ ok: true, problems: [] });
    }
  });

  it('fails, naming the difference, when a status is changed in the table with no event', async () => {
    const team = await busyProject();
    team.wb.ctx.db.prepare("UPDATE control_assessments SET status = 'compliant' WHERE project_id = ? AND control_id = 'DS-01'").run(team.projectId);
    const result = verifyProject(team.owner, team.projectId);
    expect(result.ok).toBe(false);
    expect(result.chain.ok).toBe(true); // the chain alone cannot see it
    expect(result.problems).toEqual([{ check: 'replay', sentence: 'DS-01 status: table says compliant, history says non_compliant' }]);

    const md = (await exportProject(team.owner, team.projectId, 'md')).bytes.toString('utf8');
    expect(md).not.toMatch(/Hash chain: verified/);
    expect(md).toContain('Hash chain: NOT verified');
    expect(md).toContain('- DS-01 status: table says compliant, history says non\\_compliant');
  });

  it('names rows and fields of every audited table that the history does not explain', async () => {
    const team = await busyProject();
    const db = team.wb.ctx.db;
    const p = team.projectId;
    const ev = { id: db.prepare('SELECT id FROM evidence WHERE project_id = ? AND removed_at IS NOT NULL').pluck().get(p) as string };
    db.prepare('UPDATE evidence SET removed_at = NULL WHERE id = ?').run(ev.id);
    db.prepare("UPDATE project_members SET role = 'owner' WHERE project_id = ? AND member_key = 'Erin'").run(p);
    db.prepare("UPDATE action_items SET status = 'done' WHERE project_id = ?").run(p);
    db.prepare("INSERT INTO action_items (id, project_id, control_id, text, created_at, created_by) VALUES ('act-forged', ?, 'AC-01', 'x', 't', 'Mallory')").run(p);
    db.prepare("UPDATE reviews SET decision = 'rejected' WHERE project_id = ?").run(p);
    db.prepare("UPDATE projects SET name = 'Renamed' WHERE id = ?").run(p);
    db.prepare("DELETE FROM project_frameworks WHERE project_id = ? AND framework_id = 'gdpr'").run(p);
    const sentences = verifyProject(team.owner, p).problems.map((x) => x.sentence);
    expect(sentences).toEqual(expect.arrayContaining([
      `evidence ${ev.id}: table says attached, history says removed`,
      'member Erin role: table says owner, history says contributor',
      expect.stringMatching(/^action item act-[0-9a-f]+ status: table says done, history says open$/),
      'action item act-forged: the table has a row that no event in the history adds',
      expect.stringMatching(/^review rev-[0-9a-f]+ decision: table says rejected, history says approved$/),
      'project name: table says Renamed, history says "Claims model"',
      'project frameworks: table says pci, history says gdpr, pci',
    ]));
    expect(sentences).toHaveLength(7);
  });

  it('answers again from what it worked out while nothing changed, and checks anew after any write, here or elsewhere', async () => {
    const team = await busyProject();
    const p = team.projectId;
    const first = verifyProject(team.owner, p);
    expect(first.ok).toBe(true);
    // asked again with nothing written: the same answer, not worked out again
    expect(verifyProject(team.owner, p)).toBe(first);
    const history = readinessHistory(team.owner, p);
    expect(readinessHistory(team.owner, p)).toBe(history);
    // a write through core on this connection: worked out anew, the new event counted
    updateControl(team.contributor, p, 'NS-01', { status: 'compliant' });
    const afterWrite = verifyProject(team.owner, p);
    expect(afterWrite).not.toBe(first);
    expect(afterWrite).toMatchObject({ ok: true, chain: { events: first.chain.events + 1 } });
    expect(readinessHistory(team.owner, p)).not.toBe(history);
    // an edit on this connection with no event: seen at once
    team.wb.ctx.db.prepare("UPDATE control_assessments SET owner = 'Mallory' WHERE project_id = ? AND control_id = 'NS-01'").run(p);
    expect(verifyProject(team.owner, p).problems.map((x) => x.sentence)).toEqual(['NS-01 owner: table says Mallory, history says empty']);
    // undone on this connection, then the same edit by another program on the file: seen too
    team.wb.ctx.db.prepare("UPDATE control_assessments SET owner = '' WHERE project_id = ? AND control_id = 'NS-01'").run(p);
    expect(verifyProject(team.owner, p).ok).toBe(true);
    const other = new Database(team.wb.ctx.db.name);
    other.prepare("UPDATE control_assessments SET status = 'partial' WHERE project_id = ? AND control_id = 'NS-01'").run(p);
    other.close();
    expect(verifyProject(team.owner, p).problems.map((x) => x.sentence)).toEqual(['NS-01 status: table says partial, history says compliant']);
  });

  it('cwb audit verify exits 1 and names the difference; the JSON carries every problem', async () => {
    const db = join(tempDir(), 'edited.sqlite');
    const created = await cwb('--db', db, 'project', 'create', '--name', 'p', '--frameworks', 'pci', '--json');
    const P = (JSON.parse(created.out) as { id: string }).id;
    expect((await cwb('--db', db, 'control', 'set', '--project', P, '--control', 'DS-01', '--status', 'non_compliant')).code).toBe(0);
    expect(await cwb('--db', db, 'audit', 'verify', '--project', P)).toMatchObject({ code: 0, err: '' });
    const raw = new Database(db);
    raw.prepare("UPDATE control_assessments SET status = 'compliant' WHERE project_id = ? AND control_id = 'DS-01'").run(P);
    raw.close();
    expect(await cwb('--db', db, 'audit', 'verify', '--project', P)).toEqual({
      code: 1, out: '', err: `cwb: The audit trail of ${P} does not verify: DS-01 status: table says compliant, history says non_compliant.\n`,
    });
    const json = await cwb('--db', db, 'audit', 'verify', '--project', P, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, chain: { ok: true }, replay: { checked: true, differences: 1 } });
  });
});
