// Project members: who may do what on a project. The creator is its first owner; owners add,
// remove and change members, and a project always keeps at least one owner.
import type { CoreContext } from '../context';
import { readOne } from '../store/access';
import type { ReadContext } from '../store/access';
import { inTransaction } from '../store/database';
import { invalidInput, notFound, WorkbenchError } from '../errors';
import { appendChange, applyChange } from '../audit/changes';
import { Email, PersonName, Role } from '../../../shared/domain';
import type { Member } from '../../../shared/team';
import { currentPerson, memberKey, toMember, type MemberRow } from './identity';
import { requireRole } from './permissions';
import { signerFor } from '../identity/signers';
import { keyIdOf, parsePublicKeyPem, publicKeyPem as publicKeyPemOf } from '../identity/keys';

export function listMembers(ctx: ReadContext, projectId: string): Member[] {
  const rows = ctx.db
    .prepare("SELECT * FROM project_members WHERE project_id = ? AND role IS NOT NULL ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'assessor' THEN 1 WHEN 'contributor' THEN 2 ELSE 3 END, name, member_key")
    .all(projectId) as Array<MemberRow & { role: Role }>;
  return rows.map(toMember);
}

function memberRow(ctx: CoreContext, projectId: string, key: string): MemberRow | undefined {
  return readOne<MemberRow>(ctx.db, 'SELECT * FROM project_members WHERE project_id = ? AND member_key = ?', projectId, key);
}

/** Adds the acting person as owner of a new project; called inside createProject's transaction. */
export function addCreatorAsOwner(ctx: CoreContext, projectId: string, at: string): { key: string; name: string; email: string; role: 'owner'; keyId?: string } {
  const person = currentPerson(ctx);
  const key = memberKey(person);
  // the creator's key is their profile's: teammates learn it from the bundle and compare its
  // fingerprint, and the history names it (verify binds the creator's events to it)
  const signer = signerFor(ctx.db);
  ctx.db
    .prepare("INSERT INTO project_members (project_id, member_key, name, email, role, added_at, added_by, public_key) VALUES (?, ?, ?, ?, 'owner', ?, ?, ?)")
    .run(projectId, key, person.name, person.email, at, person.name, signer?.publicKeyPem ?? null);
  return { key, name: person.name, email: person.email, role: 'owner', ...(signer ? { keyId: signer.keyId } : {}) };
}

export function addMember(ctx: CoreContext, projectId: string, input: { name: string; email?: string; role: Role; publicKey?: string }): Member {
  requireRole(ctx, projectId, 'members.manage');
  const name = PersonName.parse(input.name);
  const email = input.email?.trim() ? Email.parse(input.email) : '';
  const role = Role.parse(input.role);
  // a teammate added by key: their signed events and bundles are trusted from then on
  const publicKey = input.publicKey === undefined ? null : parsePublicKeyPem(input.publicKey, 'The key file');
  const publicKeyPem = publicKey ? publicKeyPemOf(publicKey) : null;
  const key = memberKey({ name, email });
  const at = ctx.now().toISOString();
  return inTransaction(ctx.db, () => {
    const existing = memberRow(ctx, projectId, key);
    if (existing?.role) {
      throw new WorkbenchError('CONFLICT', `${existing.name} is already ${existing.role === 'owner' || existing.role === 'assessor' ? 'an' : 'a'} ${existing.role} on this project; change their role instead. Nothing was changed.`);
    }
    if (publicKey) {
      const holder = (ctx.db.prepare('SELECT name, public_key FROM project_members WHERE project_id = ? AND public_key IS NOT NULL AND role IS NOT NULL').all(projectId) as Array<{ name: string; public_key: string }>)
        .find((m) => keyIdOf(parsePublicKeyPem(m.public_key, 'a member key')) === keyIdOf(publicKey));
      if (holder) throw new WorkbenchError('CONFLICT', `That key is already ${holder.name}'s on this project; one key is one person. Nothing was changed.`);
    }
    ctx.db
      .prepare(
        `INSERT INTO project_members (project_id, member_key, name, email, role, added_at, added_by, public_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, member_key) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
           added_at = excluded.added_at, added_by = excluded.added_by, public_key = coalesce(excluded.public_key, public_key)`,
      )
      .run(projectId, key, name, email, role, at, ctx.actor(), publicKeyPem);
    appendChange(ctx, {
      projectId, at, entity: 'member', entityId: key, action: 'member.add', before: null,
      after: { name, email, role, ...(publicKey ? { keyId: keyIdOf(publicKey) } : {}) },
    });
    return toMember({ ...(memberRow(ctx, projectId, key) as MemberRow), role });
  });
}

function requireExisting(ctx: CoreContext, projectId: string, key: string): MemberRow & { role: Role } {
  // an exact key first; else the same key in other letter case (emails are stored lower-cased)
  const row = memberRow(ctx, projectId, key) ?? (ctx.db
    .prepare('SELECT * FROM project_members WHERE project_id = ? AND member_key = ? COLLATE NOCASE AND role IS NOT NULL')
    .get(projectId, key.trim()) as MemberRow | undefined);
  if (!row || row.role === null) throw notFound('member of this project', key, 'List members with `cwb member list --project ID`.');
  return row as MemberRow & { role: Role };
}

function refuseLastOwner(ctx: CoreContext, projectId: string, row: MemberRow, doing: string): void {
  if (row.role !== 'owner') return;
  const owners = ctx.db.prepare("SELECT count(*) FROM project_members WHERE project_id = ? AND role = 'owner'").pluck().get(projectId) as number;
  if (owners <= 1) throw invalidInput(`${row.name} is the only owner of this project; make someone else owner before ${doing}. Nothing was changed.`);
}

export function setMemberRole(ctx: CoreContext, projectId: string, key: string, role: Role): Member {
  requireRole(ctx, projectId, 'members.manage');
  const next = Role.parse(role);
  return inTransaction(ctx.db, () => {
    const row = requireExisting(ctx, projectId, key);
    if (row.role === next) return toMember(row);
    if (next !== 'owner') refuseLastOwner(ctx, projectId, row, 'changing their role');
    applyChange(ctx, { projectId, record: 'member', id: row.member_key, patch: { role: next }, action: 'member.role' });
    return toMember({ ...row, role: next });
  });
}

export function removeMember(ctx: CoreContext, projectId: string, key: string): { removed: true } {
  requireRole(ctx, projectId, 'members.manage');
  return inTransaction(ctx.db, () => {
    const row = requireExisting(ctx, projectId, key);
    refuseLastOwner(ctx, projectId, row, 'removing them');
    applyChange(ctx, { projectId, record: 'member', id: row.member_key, patch: { role: null }, action: 'member.remove' });
    return { removed: true as const };
  });
}
