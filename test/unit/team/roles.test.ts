import { describe, expect, it } from 'vitest';
import { updateControl, bulkUpdateControls } from '../../../electron/core/assessments/update';
import { addEvidence, removeEvidence, listEvidence } from '../../../electron/core/evidence/evidence';
import { updateProject, createProject } from '../../../electron/core/projects/projects';
import { addMember, listMembers, removeMember, setMemberRole } from '../../../electron/core/members/members';
import { reviewControl } from '../../../electron/core/review/reviews';
import { signOff } from '../../../electron/core/review/baselines';
import { startSession } from '../../../electron/core/sessions/sessions';
import { addActionItem } from '../../../electron/core/sessions/action-items';
import { exportBundle } from '../../../electron/core/bundle/export';
import { rolesFor } from '../../../electron/core/members/permissions';
import { listAuditEvents } from '../../../electron/core/audit/chain';
import { dispatch } from '../../../electron/core/dispatch';
import { createHandlers } from '../../../electron/core/handlers';
import { setProfile } from '../../../electron/core/profile';
import { testWorkbench } from '../../helpers/workbench';
import type { CoreContext } from '../../../electron/core/context';
import { as, countRows, teamProject } from './helpers';

const note = { kind: 'note' as const, text: 'KMS key policy reviewed' };

describe('roles', () => {
  it('makes the creator the owner, recorded in the project.create event', async () => {
    const { wb, projectId } = await teamProject();
    expect(listMembers(wb.ctx, projectId).map((m) => [m.name, m.role])).toEqual([
      ['Ada Tester', 'owner'], ['Grace', 'assessor'], ['Linus', 'contributor'], ['Erin', 'viewer'],
    ]);
    const created = listAuditEvents(wb.ctx.db, projectId).at(-1)!;
    expect(created).toMatchObject({ action: 'project.create', after: { owner: { key: 'Ada Tester', name: 'Ada Tester', email: '', role: 'owner' } } });
  });

  it('keys a member by the email lower-cased, and recognises the local profile by it', async () => {
    const wb = await testWorkbench({ actor: undefined });
    setProfile(wb.ctx.db, { name: 'Ada Lovelace', email: 'Ada@Example.org' });
    const p = createProject(wb.ctx, { name: 'p', frameworks: ['pci'] });
    expect(listMembers(wb.ctx, p.id)).toEqual([expect.objectContaining({ key: 'ada@example.org', name: 'Ada Lovelace', role: 'owner' })]);
    // the profile's name changes; the email still says who she is
    setProfile(wb.ctx.db, { name: 'Ada L.', email: 'ada@example.org' });
    expect(updateControl(wb.ctx, p.id, 'DS-01', { status: 'partial' }).updatedBy).toBe('Ada L.');
  });

  // Each write, who may do it: [label, action, roles allowed]
  const writes: Array<[string, (ctx: CoreContext, projectId: string) => unknown, string[]]> = [
    ['answer a control', (c, p) => updateControl(c, p, 'DS-01', { status: 'compliant' }), ['owner', 'assessor', 'contributor']],
    ['bulk-answer controls', (c, p) => bulkUpdateControls(c, p, ['DS-01', 'AC-01'], { owner: 'Priya' }), ['owner', 'assessor', 'contributor']],
    ['attach evidence', (c, p) => addEvidence(c, p, 'DS-01', note), ['owner', 'assessor', 'contributor']],
    ['add an action item', (c, p) => addActionItem(c, p, { controlId: 'DS-01', text: 'Rotate the key' }), ['owner', 'assessor', 'contributor']],
    ['rename the project', (c, p) => updateProject(c, { id: p, name: 'Renamed' }), ['owner']],
    ['add a member', (c, p) => addMember(c, p, { name: 'Newcomer', role: 'viewer' }), ['owner']],
    ['start a session', (c, p) => startSession(c, p, { title: 'Walkthrough' }), ['owner', 'assessor']],
    ['export a bundle', (c, p) => exportBundle(c, p), ['owner', 'assessor', 'contributor', 'viewer']],
  ];
  const roles = ['owner', 'assessor', 'contributor', 'viewer', 'stranger'] as const;

  for (const [label, act, allowed] of writes) {
    for (const role of roles) {
      const ok = allowed.includes(role);
      it(`${ok ? 'lets' : 'refuses'} a ${role} ${label}`, async () => {
        const team = await teamProject();
        const ctx = team[role];
        if (ok) {
          await expect(Promise.resolve().then(() => act(ctx, team.projectId))).resolves.toBeDefined();
        } else {
          const before = countRows(team.wb.ctx);
          await expect(Promise.resolve().then(() => act(ctx, team.projectId))).rejects.toMatchObject({ code: 'FORBIDDEN' });
          expect(countRows(team.wb.ctx)).toEqual(before);
        }
      });
    }
  }

  it('says which roles are needed and what the person is, and changes nothing', async () => {
    const { wb, projectId, viewer, stranger, contributor } = await teamProject();
    const before = countRows(wb.ctx);
    expect(() => updateControl(viewer, projectId, 'DS-01', { status: 'compliant' })).toThrow(
      'Answering a control needs the contributor, assessor or owner role; Erin is a viewer on this project. Nothing was changed.',
    );
    expect(() => reviewControl(contributor, projectId, 'DS-01', { decision: 'approved' })).toThrow(
      'Approving or rejecting an answer needs the assessor or owner role; Linus is a contributor on this project. Nothing was changed.',
    );
    expect(() => signOff(viewer, projectId)).toThrow('Signing off a baseline needs the assessor or owner role; Erin is a viewer on this project.');
    expect(() => addEvidence(stranger, projectId, 'DS-01', note)).toThrow(
      'Attaching or removing evidence needs the contributor, assessor or owner role; Mallory is not a member of this project (an owner can add them). Nothing was changed.',
    );
    expect(countRows(wb.ctx)).toEqual(before);
    expect(rolesFor('review')).toEqual(['assessor', 'owner']);
  });

  it('refuses through the contract too, as a FORBIDDEN envelope', async () => {
    const { wb, projectId } = await teamProject();
    const handlers = createHandlers(as(wb.ctx, 'Erin'), { transport: 'ipc', databasePath: wb.file });
    const res = await dispatch(handlers, 'updateControl', { projectId, controlId: 'DS-01', status: 'compliant' });
    expect(res).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('Erin is a viewer on this project') }) });
  });

  it('removes evidence only for contributors and up', async () => {
    const { projectId, contributor, viewer } = await teamProject();
    const ev = addEvidence(contributor, projectId, 'DS-01', note);
    expect(() => removeEvidence(viewer, projectId, ev.id)).toThrow(/Erin is a viewer/);
    removeEvidence(contributor, projectId, ev.id);
    expect(listEvidence(contributor, projectId)).toEqual([]);
  });

  it('changes roles, removes members, and always keeps one owner', async () => {
    const { wb, projectId, viewer } = await teamProject();
    setMemberRole(wb.ctx, projectId, 'Erin', 'contributor');
    expect(updateControl(viewer, projectId, 'DS-01', { status: 'partial' }).status).toBe('partial');
    removeMember(wb.ctx, projectId, 'Erin');
    expect(() => updateControl(viewer, projectId, 'DS-01', { status: 'compliant' })).toThrow(/Erin is not a member of this project/);
    expect(() => setMemberRole(wb.ctx, projectId, 'Ada Tester', 'viewer')).toThrow('Ada Tester is the only owner of this project; make someone else owner before changing their role. Nothing was changed.');
    expect(() => removeMember(wb.ctx, projectId, 'Ada Tester')).toThrow(/only owner/);
    expect(() => addMember(wb.ctx, projectId, { name: 'Grace', role: 'viewer' })).toThrow('Grace is already an assessor on this project; change their role instead. Nothing was changed.');
    expect(() => addMember(wb.ctx, projectId, { name: 'X', email: 'not-an-email', role: 'viewer' })).toThrow(/an email address looks like/);
    setMemberRole(wb.ctx, projectId, 'Grace', 'owner');
    setMemberRole(wb.ctx, projectId, 'Ada Tester', 'viewer');
    expect(listMembers(wb.ctx, projectId).find((m) => m.name === 'Ada Tester')?.role).toBe('viewer');
    const actions = listAuditEvents(wb.ctx.db, projectId, { entity: 'member' }).map((e) => [e.action, e.entityId, e.after]);
    expect(actions.slice(0, 3)).toEqual([
      ['member.role', 'Ada Tester', { role: 'viewer' }],
      ['member.role', 'Grace', { role: 'owner' }],
      ['member.remove', 'Erin', { role: null }],
    ]);
  });
});
