// Project members and their roles. Roles are enforced in core; this only lets an owner change them.
import { useState } from 'react';
import { useWorkbench, write } from '../../data/queries';
import { useToast } from '../Toasts';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/team';

export const ROLE_RIGHTS: Record<Role, string> = {
  owner: 'everything, including members and roles',
  assessor: 'approves or rejects answers, signs off',
  contributor: 'answers controls, attaches evidence',
  viewer: 'reads and exports',
};

export function MembersPanel({ projectId }: { projectId: string }) {
  const members = useWorkbench('listMembers', { projectId });
  const myKey = useWorkbench('getProfileKey', {});
  const toast = useToast();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('contributor');

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      toast.info(done);
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <section className="panel" aria-labelledby="members-title" data-testid="members-panel">
      <h2 id="members-title">Members and roles</h2>
      {myKey.data && (
        <p className="muted" data-testid="my-fingerprint">
          Your key fingerprint: <code>{myKey.data.fingerprint}</code>. Teammates compare it with the one they see for you, out of band.
        </p>
      )}
      <table className="table">
        <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Key fingerprint</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {members.data?.map((m) => (
            <tr key={m.key} data-testid="member-row">
              <td>{m.name}</td>
              <td className="muted">{m.email || '—'}</td>
              <td>
                <select className="role-select" aria-label={`Role of ${m.name}`} value={m.role}
                  onChange={(e) => void run(() => write('setMemberRole', { projectId, memberKey: m.key, role: e.target.value as Role }), `${m.name} is now ${ROLE_LABELS[e.target.value as Role]}`)}>
                  {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
                </select>
              </td>
              <td className="muted"><code data-testid="member-fingerprint">{m.fingerprint ?? 'no key'}</code></td>
              <td><button type="button" className="ghost small" onClick={() => void run(() => write('removeMember', { projectId, memberKey: m.key }), `${m.name} removed`)}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void run(() => write('addMember', { projectId, name, email: email || undefined, role }), `${name} added`).then(() => { setName(''); setEmail(''); }); }}>
        <input required placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} aria-label="New member name" data-testid="member-name" />
        <input type="email" placeholder="Email (optional)" value={email} onChange={(e) => setEmail(e.target.value)} aria-label="New member email" />
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label="New member role" data-testid="member-role">
          {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </select>
        <button type="submit" className="primary small" data-testid="add-member">Add</button>
      </form>
      <ul className="muted small role-help">{ROLES.map((r) => <li key={r}><strong>{ROLE_LABELS[r]}</strong>: {ROLE_RIGHTS[r]}</li>)}</ul>
    </section>
  );
}
