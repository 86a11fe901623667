// Who is using this copy of the app: chosen on first start, switchable from the sidebar.
// Every change the app records names this person.
import { useState } from 'react';
import { write } from '../../data/queries';
import { Dialog } from '../Dialog';
import type { Profile } from '../../../../shared/team';

export function ProfileDialog({ open, profile, firstStart, onClose }: { open: boolean; profile: Profile | undefined; firstStart: boolean; onClose: () => void }) {
  const [name, setName] = useState(profile?.chosen ? profile.name : '');
  const [email, setEmail] = useState(profile?.email ?? '');
  const [error, setError] = useState<string>();
  const save = async () => {
    try {
      // who is working changes membership, roles and what may be changed: every read is refetched
      await write('setProfile', { name, email });
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Dialog open={open} title={firstStart ? 'Who is using this workbench?' : 'Switch profile'} onClose={onClose} testId="profile-dialog">
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <p className="muted">Your name goes on every change you make, in the audit trail and in reports. It stays on this machine.</p>
        <label>Name<input autoFocus required value={name} onChange={(e) => setName(e.target.value)} data-testid="profile-name" /></label>
        <label>Email (optional)<input type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="profile-email" /></label>
        {error ? <p className="error-text" role="alert">{error}</p> : null}
        <div className="form-actions">
          {!firstStart ? <button type="button" onClick={onClose}>Cancel</button> : <button type="button" onClick={onClose}>Later</button>}
          <button type="submit" className="primary" data-testid="profile-save">Save</button>
        </div>
      </form>
    </Dialog>
  );
}
