// The replay of a one-line history goes on from where it stopped: after every kind of change, and
// after edits made in the tables with no event, it says exactly what a replay of the whole
// history through the history graph says (the way bundles and merged copies are replayed).
import { describe, expect, it } from 'vitest';
import { updateControl } from '../../../electron/core/assessments/update';
import { addEvidence, removeEvidence } from '../../../electron/core/evidence/evidence';
import { addActionItem, updateActionItem } from '../../../electron/core/sessions/action-items';
import { endSession, startSession } from '../../../electron/core/sessions/sessions';
import { reviewControl } from '../../../electron/core/review/reviews';
import { signOff } from '../../../electron/core/review/baselines';
import { setMemberRole } from '../../../electron/core/members/members';
import { updateProject } from '../../../electron/core/projects/projects';
import { readProjectForReplay, replayDifferences, replayProject } from '../../../electron/core/audit/replay';
import type { CoreContext } from '../../../electron/core/context';
import { teamProject } from './helpers';

/** The whole history replayed through the graph, as a bundle is. */
function wholeReplay(ctx: CoreContext, projectId: string) {
  const read = readProjectForReplay(ctx, projectId)!;
  return replayDifferences(read.rows, read.events);
}

describe('the replay of one line of history, gone on from where it stopped', () => {
  it('says what the whole replay says after each change and each edit with no event', async () => {
    const team = await teamProject(['pci', 'gdpr']);
    const { owner, contributor, assessor, projectId: p } = team;
    const db = owner.db;
    let evidenceId = '';
    let itemId = '';
    const steps: Array<[string, () => unknown]> = [
      ['an answer', () => updateControl(contributor, p, 'DS-01', { status: 'non_compliant', owner: 'Linus', note: 'keys are AWS-managed' })],
      ['a session', () => startSession(assessor, p, { title: 'Walkthrough' })],
      ['evidence', () => { evidenceId = addEvidence(contributor, p, 'DS-01', { kind: 'note', text: 'KMS key policy reviewed' }).id; }],
      ['a link', () => addEvidence(contributor, p, 'AC-01', { kind: 'link', url: 'https://example.org/iam' })],
      ['evidence removed', () => removeEvidence(contributor, p, evidenceId)],
      ['an action item', () => { itemId = addActionItem(contributor, p, { controlId: 'DS-01', text: 'Move to a customer-managed key' }).id; }],
      ['its owner', () => updateActionItem(contributor, p, itemId, { owner: 'Linus' })],
      ['another answer', () => updateControl(contributor, p, 'AC-01', { status: 'partial', dueDate: '2026-12-31' })],
      ['a review', () => reviewControl(assessor, p, 'AC-01', { decision: 'approved' })],
      ['the session ends', () => endSession(assessor, p)],
      ['a role', () => setMemberRole(owner, p, 'Erin', 'contributor')],
      ['the project', () => updateProject(owner, { id: p, description: 'Fraud scoring', frameworks: ['pci'] })],
      ['a sign-off', () => signOff(assessor, p, { note: 'first pass' })],
      ['a status edited in the table', () => db.prepare("UPDATE control_assessments SET status = 'compliant' WHERE project_id = ? AND control_id = 'DS-01'").run(p)],
      ['then answered through the app', () => updateControl(contributor, p, 'NS-01', { status: 'partial' })],
      ['a forged action item', () => db.prepare("INSERT INTO action_items (id, project_id, control_id, text, created_at, created_by) VALUES ('act-forged', ?, 'AC-01', 'x', 't', 'Mallory')").run(p)],
      ['a removed evidence put back', () => db.prepare('UPDATE evidence SET removed_at = NULL WHERE id = ?').run(evidenceId)],
      ['a role edited', () => db.prepare("UPDATE project_members SET role = 'owner' WHERE project_id = ? AND member_key = 'Erin'").run(p)],
      ['the edits undone', () => {
        db.prepare("UPDATE control_assessments SET status = 'non_compliant' WHERE project_id = ? AND control_id = 'DS-01'").run(p);
        db.prepare("DELETE FROM action_items WHERE id = 'act-forged'").run();
        db.prepare("UPDATE evidence SET removed_at = 't' WHERE id = ?").run(evidenceId);
        db.prepare("UPDATE project_members SET role = 'contributor' WHERE project_id = ? AND member_key = 'Erin'").run(p);
      }],
      ['one more answer', () => updateControl(contributor, p, 'NS-01', { status: 'compliant' })],
    ];
    const found: Record<string, number> = {};
    for (const [what, step] of steps) {
      step();
      const kept = replayProject(owner, p);
      expect(kept, what).toEqual(wholeReplay(owner, p));
      found[what] = kept!.length;
    }
    // the edits were seen while they stood, and nothing is left once undone
    expect(found['a status edited in the table']).toBe(1);
    expect(found['a role edited']).toBe(4);
    expect(found['one more answer']).toBe(0);
  });

  it('starts again when the chain it stopped at is no longer there', async () => {
    const { owner, contributor, projectId: p } = await teamProject();
    updateControl(contributor, p, 'DS-01', { status: 'partial' });
    updateControl(contributor, p, 'DS-01', { status: 'compliant' });
    expect(replayProject(owner, p)).toEqual([]);
    // the last event cut off (with the append-only guard off, as a program editing the file could)
    const triggers = owner.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").all() as Array<{ name: string; sql: string }>;
    for (const t of triggers) owner.db.prepare(`DROP TRIGGER ${t.name}`).run();
    owner.db.prepare('DELETE FROM audit_events WHERE project_id = ? AND seq = (SELECT max(seq) FROM audit_events WHERE project_id = ?)').run(p, p);
    const cut = replayProject(owner, p);
    expect(cut).toEqual(wholeReplay(owner, p));
    expect(cut!.map((d) => d.sentence)).toEqual(['DS-01 status: table says compliant, history says partial']);
  });
});
