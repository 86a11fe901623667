// The local profile: who is using this copy of the app. No account, just a name kept in settings.
import { userInfo } from 'node:os';
import type { ReadDb } from './store/access';
import type { Db } from './store/database';
import { ProfileInput } from '../../shared/domain';

/** `chosen` is false until someone picks a profile on this machine: the name is then the OS user's. */
export type Profile = { name: string; email: string; chosen: boolean };

export function readProfile(db: ReadDb): Profile {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'profile'").get() as { value: string } | undefined;
  if (row) {
    try {
      const p = JSON.parse(row.value) as Partial<Profile>;
      if (typeof p.name === 'string' && p.name) return { name: p.name, email: typeof p.email === 'string' ? p.email : '', chosen: true };
    } catch {
      // fall through to the OS user
    }
  }
  return { name: process.env.CWB_ACTOR || safeUserName(), email: '', chosen: false };
}

/** Chooses (or switches) the local profile: a name, and an email that identifies the person across machines. */
export function setProfile(db: Db, input: { name: string; email?: string }): Profile {
  const { name, email } = ProfileInput.parse(input);
  db.prepare("INSERT INTO settings (key, value) VALUES ('profile', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    .run(JSON.stringify({ name, email }));
  return { name, email, chosen: true };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'local user';
  } catch {
    return 'local user';
  }
}
