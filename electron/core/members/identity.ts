// Who is acting, as a project knows people: a member is keyed by the email lower-cased when
// there is one, else by the name as typed. The acting person is the context's actor, with the
// email of the local profile when the profile is that person.
import type { CoreContext } from '../context';
import { readProfile } from '../profile';
import type { Db } from '../store/database';
import type { Member, Role } from '../../../shared/team';
import { fingerprintOf, keyIdOf, parsePublicKeyPem } from '../identity/keys';

export type Person = { name: string; email: string };

export function memberKey(person: Person): string {
  const email = person.email.trim().toLowerCase();
  return email || person.name.trim();
}

export function currentPerson(ctx: CoreContext): Person {
  const name = ctx.actor();
  const profile = readProfile(ctx.db);
  return { name, email: profile.name === name ? profile.email : '' };
}

export type MemberRow = {
  project_id: string; member_key: string; name: string; email: string; role: Role | null; added_at: string; added_by: string;
  public_key: string | null;
};

function fingerprintOfPem(pem: string | null): string | null {
  if (!pem) return null;
  try {
    return fingerprintOf(keyIdOf(parsePublicKeyPem(pem, 'a member key')));
  } catch {
    return null;
  }
}

export function toMember(row: MemberRow & { role: Role }): Member {
  return { key: row.member_key, name: row.name, email: row.email, role: row.role, addedAt: row.added_at, addedBy: row.added_by, fingerprint: fingerprintOfPem(row.public_key) };
}

/**
 * The member row of a person: by key first; a person known only by name also matches a member
 * row of the same name (case aside) when exactly one such row exists, so a teammate whose profile
 * has no email is still recognised.
 */
export function findMember(db: Db, projectId: string, person: Person): (MemberRow & { role: Role }) | null {
  const byKey = db
    .prepare('SELECT * FROM project_members WHERE project_id = ? AND member_key = ? AND role IS NOT NULL')
    .get(projectId, memberKey(person)) as (MemberRow & { role: Role }) | undefined;
  if (byKey) return byKey;
  const byName = (db
    .prepare('SELECT * FROM project_members WHERE project_id = ? AND role IS NOT NULL')
    .all(projectId) as Array<MemberRow & { role: Role }>)
    .filter((m) => m.name.toLowerCase() === person.name.trim().toLowerCase() && (!person.email || !m.email));
  return byName.length === 1 ? byName[0]! : null;
}
