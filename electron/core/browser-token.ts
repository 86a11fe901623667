// The stable browser-mode token (`npm run start:web -- --keep-token`): kept with the database in
// settings, so a bookmarked address keeps working after the host restarts. Opt-in: by default
// every run makes a fresh token.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

const KEY = 'browser_mode_token';

export function keptBrowserToken(db: Database.Database): string {
  const kept = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (kept && /^[A-Za-z0-9_-]{32}$/.test(kept)) return kept;
  const token = randomBytes(24).toString('base64url');
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, token);
  return token;
}
