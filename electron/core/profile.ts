// The local profile: who is using this copy of the app. No account, just a name kept in settings.
import { userInfo } from 'node:os';
import type { Db } from './store/database';

export type Profile = { name: string; email: string };

export function readProfile(db: Db): Profile {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'profile'").get() as { value: string } | undefined;
  if (row) {
    try {
      const p = JSON.parse(row.value) as Partial<Profile>;
      if (typeof p.name === 'string' && p.name) return { name: p.name, email: typeof p.email === 'string' ? p.email : '' };
    } catch {
      // fall through to the OS user
    }
  }
  return { name: process.env.CWB_ACTOR || safeUserName(), email: '' };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'local user';
  } catch {
    return 'local user';
  }
}
