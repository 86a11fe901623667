// Roles, enforced in core whatever the transport: each write operation names its action here
// and calls requireRole before it changes anything. A refusal says which roles the action needs
// and what the person is, and nothing is written.
import type { CoreContext } from '../context';
import { notFound, WorkbenchError } from '../errors';
import type { Role } from '../../../shared/team';
import { currentPerson, findMember, type MemberRow } from './identity';

export type TeamAction =
  | 'project.edit'
  | 'members.manage'
  | 'control.answer'
  | 'evidence.attach'
  | 'action.manage'
  | 'review'
  | 'signoff'
  | 'session.run'
  | 'bundle.export'
  | 'bundle.merge';

const RULES: Record<TeamAction, { roles: readonly Role[]; what: string }> = {
  'project.edit': { roles: ['owner'], what: "Changing the project's name, description, scope or archive state" },
  'members.manage': { roles: ['owner'], what: 'Adding, removing or changing project members' },
  'control.answer': { roles: ['contributor', 'assessor', 'owner'], what: 'Answering a control' },
  'evidence.attach': { roles: ['contributor', 'assessor', 'owner'], what: 'Attaching or removing evidence' },
  'action.manage': { roles: ['contributor', 'assessor', 'owner'], what: 'Adding or updating an action item' },
  review: { roles: ['assessor', 'owner'], what: 'Approving or rejecting an answer' },
  signoff: { roles: ['assessor', 'owner'], what: 'Signing off a baseline' },
  'session.run': { roles: ['assessor', 'owner'], what: 'Starting or ending an audit session' },
  'bundle.export': { roles: ['viewer', 'contributor', 'assessor', 'owner'], what: 'Exporting a project bundle' },
  'bundle.merge': { roles: ['contributor', 'assessor', 'owner'], what: "Merging a teammate's bundle into this project" },
};

export function rolesFor(action: TeamAction): readonly Role[] {
  return RULES[action].roles;
}

function roleList(roles: readonly Role[]): string {
  if (roles.length === 1) return `the ${roles[0]} role`;
  if (roles.length === 4) return 'a project role (viewer, contributor, assessor or owner)';
  return `the ${roles.slice(0, -1).join(', ')} or ${roles.at(-1)} role`;
}

const article = (role: Role) => (role === 'owner' || role === 'assessor' ? 'an' : 'a');

/** The acting person's member row, or a FORBIDDEN error that changes nothing. */
export function requireRole(ctx: CoreContext, projectId: string, action: TeamAction): MemberRow & { role: Role } {
  const exists = ctx.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId);
  if (!exists) throw notFound('project', projectId, 'List projects with `cwb project list`.');
  const person = currentPerson(ctx);
  const member = findMember(ctx.db, projectId, person);
  const rule = RULES[action];
  if (member && rule.roles.includes(member.role)) return member;
  const who = member
    ? `${person.name} is ${article(member.role)} ${member.role} on this project`
    : `${person.name} is not a member of this project (an owner can add them)`;
  throw new WorkbenchError('FORBIDDEN', `${rule.what} needs ${roleList(rule.roles)}; ${who}. Nothing was changed.`, {
    action,
    needs: rule.roles,
    role: member?.role ?? null,
  });
}
