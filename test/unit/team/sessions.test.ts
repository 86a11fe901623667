import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateControl } from '../../../electron/core/assessments/update';
import { addEvidence } from '../../../electron/core/evidence/evidence';
import { listAuditEvents, verifyAuditChain } from '../../../electron/core/audit/chain';
import { endSession, getSession, listSessions, startSession } from '../../../electron/core/sessions/sessions';
import { activeSessionId } from '../../../electron/core/sessions/active';
import { addActionItem, listActionItems, updateActionItem } from '../../../electron/core/sessions/action-items';
import { buildMinutes } from '../../../electron/core/sessions/minutes';
import { renderMinutesPdf } from '../../../electron/core/sessions/minutes-pdf';
import { reviewControl } from '../../../electron/core/review/reviews';
import { tempDir } from '../../helpers/workbench';
import { teamProject } from './helpers';

async function sessionWithWork() {
  const team = await teamProject();
  const { wb, clock, projectId, assessor, contributor } = team;
  const session = startSession(assessor, projectId, {
    title: 'PCI walkthrough | day 1',
    attendees: [{ name: 'Linus' }, { name: 'Grace' }, { name: 'Zoë Auditor', email: 'zoe@qsa.example', role: 'QSA', guest: true }],
    scope: { domains: ['data_security'], frameworks: ['pci'] },
  });
  clock.advance(60_000);
  updateControl(contributor, projectId, 'DS-01', { status: 'compliant', note: 'CMK on all training volumes' });
  clock.advance(60_000);
  addEvidence(contributor, projectId, 'DS-01', { kind: 'file', name: 'kms-key-policy.json', content: Buffer.from('{"Version":"2012-10-17"}') });
  clock.advance(60_000);
  updateControl(contributor, projectId, 'AC-01', { status: 'partial', owner: 'Priya' });
  reviewControl(assessor, projectId, 'AC-01', { decision: 'rejected', comment: 'Show the SCP too' });
  addActionItem(contributor, projectId, { controlId: 'AC-01', text: 'Export the SCPs of the ML account', owner: 'Priya', dueDate: '2026-12-05' });
  clock.advance(30 * 60_000);
  const ended = endSession(assessor, projectId);
  clock.advance(60_000);
  updateControl(contributor, projectId, 'NS-01', { status: 'compliant' }); // after the session
  return { ...team, session, ended, wb };
}

describe('audit sessions', () => {
  it('ties every change made while the session runs to it, and nothing after it ends', async () => {
    const { wb, projectId, session } = await sessionWithWork();
    const events = listAuditEvents(wb.ctx.db, projectId).reverse();
    const tied = events.filter((e) => e.sessionId === session.id).map((e) => [e.action, e.entityId]);
    expect(tied).toEqual([
      ['session.start', session.id],
      ['control.update', 'DS-01'],
      ['evidence.add', 'DS-01'],
      ['control.update', 'AC-01'],
      ['review.reject', 'AC-01'],
      ['action_item.add', expect.stringMatching(/^act-/)],
      ['session.end', session.id],
    ]);
    expect(events.at(-1)).toMatchObject({ action: 'control.update', entityId: 'NS-01', sessionId: null });
    expect(verifyAuditChain(wb.ctx.db, projectId).ok).toBe(true);
    expect(activeSessionId(wb.ctx.db, projectId)).toBeNull();
  });

  it('checks attendees and refuses a second running session', async () => {
    const { projectId, assessor, owner } = await teamProject();
    expect(() => startSession(assessor, projectId, { title: 't', attendees: [{ name: 'Stranger' }] })).toThrow(
      'Stranger is not a member of this project: add them as a member, or mark them as a guest. Nothing was changed.',
    );
    expect(() => startSession(assessor, projectId, { title: 't', scope: { frameworks: ['hipaa'] } })).toThrow(/hipaa is not in the project's scope/);
    const s = startSession(assessor, projectId, { title: 'Day 1', attendees: [{ name: 'erin' }] });
    expect(s.attendees).toEqual([{ name: 'Erin', role: 'viewer', guest: false }]);
    expect(() => startSession(owner, projectId, { title: 'Day 2' })).toThrow(/The session "Day 1" .* is still running/);
    expect(listSessions(owner, projectId).map((x) => [x.title, x.endedAt])).toEqual([['Day 1', null]]);
    endSession(owner, projectId);
    expect(() => endSession(owner, projectId)).toThrow('No audit session is running on this project. Nothing was changed.');
    expect(() => endSession(owner, projectId, s.id)).toThrow(/already ended/);
  });

  it('writes minutes in Markdown: attendees, times, controls, status changes, evidence, action items', async () => {
    const { ended, session } = await sessionWithWork();
    const md = ended.minutesMarkdown;
    expect(md).toContain('# Minutes: PCI walkthrough \\| day 1');
    expect(md).toContain('- Facilitator: Grace');
    expect(md).toContain('- Started: 2026-11-28 10:00 UTC');
    expect(md).toContain('- Ended: 2026-11-28 10:33 UTC');
    expect(md).toContain('- Scope: PCI DSS v4.0.1; Data security');
    expect(md).toContain(`- Session: ${session.id}\n`);
    expect(md).toContain('## Attendees\n\n- Linus (contributor)\n- Grace (assessor)\n- Zoë Auditor (zoe\\@qsa.example, guest)\n');
    expect(md).toContain('## Controls reviewed (2)\n\n| Control | Title | Changes |\n| --- | --- | --- |\n| DS-01 | Control DS-01 | 2 |\n| AC-01 | Control AC-01 | 3 |\n');
    expect(md).toContain('| DS-01 | Not assessed | Compliant | Linus | 2026-11-28 10:01 UTC |');
    expect(md).toContain('| AC-01 | Not assessed | Partial | Linus | 2026-11-28 10:03 UTC |');
    expect(md).toContain('| DS-01 | kms-key-policy.json | file | ');
    expect(md).toContain('| AC-01 | Rejected | Show the SCP too | Grace |');
    expect(md).toContain('## Action items (1)\n\n| Control | Action | Owner | Due | Status |\n| --- | --- | --- | --- | --- |\n| AC-01 | Export the SCPs of the ML account | Priya | 2026-12-05 | open |');
    expect(md).not.toContain('NS-01');
  });

  it('lists the facilitator among the attendees: first when not listed, once when listed under any case', async () => {
    const { projectId, assessor } = await teamProject();
    startSession(assessor, projectId, { title: 'No list' });
    const alone = endSession(assessor, projectId).minutesMarkdown;
    expect(alone).toContain('- Facilitator: Grace');
    expect(alone).toContain('## Attendees\n\n- Grace (facilitator)\n\n');
    startSession(assessor, projectId, { title: 'Others', attendees: [{ name: 'erin' }, { name: 'Zoë', guest: true }] });
    expect(endSession(assessor, projectId).minutesMarkdown).toContain('## Attendees\n\n- Grace (facilitator)\n- Erin (viewer)\n- Zoë (guest)\n\n');
    startSession(assessor, projectId, { title: 'Listed', attendees: [{ name: 'Erin' }, { name: 'GRACE', guest: true }] });
    const listed = endSession(assessor, projectId).minutesMarkdown;
    expect(listed).toContain('## Attendees\n\n- Erin (viewer)\n- GRACE (guest)\n\n');
    expect(listed.match(/grace/gi)).toHaveLength(2); // the Facilitator line and one attendee
  });

  it('escapes what people typed, so minutes cannot carry links, HTML or broken tables', async () => {
    const { projectId, assessor, contributor } = await teamProject();
    startSession(assessor, projectId, { title: '<img src=x onerror=alert(1)> **Q4** [click](https://evil.example)' });
    updateControl(contributor, projectId, 'DS-01', { status: 'partial' });
    reviewControl(assessor, projectId, 'DS-01', { decision: 'rejected', comment: 'first line | not a cell\n# not a heading' });
    const md = endSession(assessor, projectId).minutesMarkdown;
    expect(md).toContain('# Minutes: \\<img src=x onerror=alert(1)\\> \\*\\*Q4\\*\\* \\[click\\](https\\://evil.example)\n');
    expect(md).toContain('| DS-01 | Rejected | first line \\| not a cell \\# not a heading | Grace |');
    expect(md).not.toMatch(/(?<!\\)<img|(?<!\\)\]\(https:/);
  });

  it('renders the minutes as a PDF whose text says the same', async () => {
    const { wb, projectId, session } = await sessionWithWork();
    const pdf = await renderMinutesPdf(buildMinutes(wb.ctx, getSession(wb.ctx, projectId, session.id)));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(tempDir(), 'minutes.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const s of ['Minutes: PCI walkthrough | day 1', 'Facilitator: Grace', 'Zoë Auditor (zoe@qsa.example, guest)', 'Controls reviewed (2)',
      'Export the SCPs of the ML account', 'kms-key-policy.json', 'Show the SCP too', 'Page 1 of']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/DS-01\s+\? Not assessed\s+✓ Compliant\s+Linus\s+2026-11-28 10:01/);
    // the same minutes give the same bytes
    expect((await renderMinutesPdf(buildMinutes(wb.ctx, getSession(wb.ctx, projectId, session.id)))).equals(pdf)).toBe(true);
  });

  it('keeps action items per control and session, and records each change', async () => {
    const { wb, projectId, contributor, viewer } = await sessionWithWork();
    const [item] = listActionItems(wb.ctx, projectId, { controlId: 'AC-01' });
    expect(item).toMatchObject({ text: 'Export the SCPs of the ML account', owner: 'Priya', dueDate: '2026-12-05', status: 'open', createdBy: 'Linus', sessionId: expect.stringMatching(/^ses-/) });
    const done = updateActionItem(contributor, projectId, item!.id, { status: 'done' });
    expect(done.status).toBe('done');
    expect(listAuditEvents(wb.ctx.db, projectId, { entity: 'action_item' })[0]).toMatchObject({ action: 'action_item.update', before: { status: 'open' }, after: { status: 'done' }, sessionId: null });
    expect(() => updateActionItem(viewer, projectId, item!.id, { status: 'open' })).toThrow(/Erin is a viewer/);
    expect(() => addActionItem(contributor, projectId, { controlId: 'ZZ-99', text: 'x' })).toThrow('No control in this project with id "ZZ-99".');
    expect(listActionItems(wb.ctx, projectId, { status: 'open' })).toEqual([]);
  });
});
