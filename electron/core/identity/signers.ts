// Which key signs what is written to a database: each local profile has its own (key-file.ts
// Keyring). The workbench registers the database's keyring and who is acting when it opens
// (workbench.ts); appendAuditEvent asks here for the key of the event's actor, so its call
// signature stays the same for every caller. Keyed by the database file, so a restore that
// reopens the connection keeps its keyring.
import type { Db } from '../store/database';
import type { ReadDb } from '../store/access';
import { profileKeyName as profileName, type Keyring, type Signer } from './key-file';
import { keyIdOf, parsePublicKeyPem, type KeyId } from './keys';
import type { KeyObject } from 'node:crypto';

type Registration = { keyring: Keyring; actor: () => string; perProfile: boolean };
const registrations = new Map<string, Registration>();

/** Registers the keyring of a database and who acts on it (the context's actor); null unregisters. */
export function setKeyring(db: Db, keyring: Keyring | null, actor: () => string): void {
  if (keyring) registrations.set(db.name, { keyring, actor, perProfile: true });
  else registrations.delete(db.name);
}

/** One key for every profile: for a process that signs as one key whoever acts (and for tests that play a modified client). */
export function setSigner(db: Db, signer: Signer | null): void {
  if (signer) registrations.set(db.name, { keyring: { signerFor: () => signer }, actor: () => '', perProfile: false });
  else registrations.delete(db.name);
}

/** The signer of the profile acting on this database now. */
export function signerFor(db: Db): Signer | null {
  const r = registrations.get(db.name);
  return r ? signerForActor(db, r.actor()) : null;
}

const recorded = new Set<string>();

/**
 * The signer of a named profile on this database; its key is made on first use when the database
 * is writable, and its public key recorded in the database (recordLocalKey).
 */
export function signerForActor(db: Db, actor: string): Signer | null {
  const r = registrations.get(db.name);
  const signer = r?.keyring.signerFor(actor) ?? null;
  const seen = `${db.name}\u0000${signer?.keyId ?? ''}`;
  if (signer && !db.readonly && !recorded.has(seen)) {
    recordLocalKey(db, signer, r?.perProfile ? actor : undefined);
    recorded.add(seen);
  }
  return signer;
}

/**
 * Trust on first use, on this machine: a member of the project added by name only (no key) who
 * acts here is bound to the key that signs for them, so the member list shows its fingerprint.
 * Only when exactly one keyless member has that name; a member's key is never replaced.
 */
export function bindKeylessMember(db: Db, projectId: string, actor: string, signer: Signer): void {
  // once a member holds this key, every later event of theirs needs no look
  const bound = `${db.name}\u0000${projectId}\u0000${profileName(actor)}\u0000${signer.keyId}`;
  if (boundMembers.has(bound)) return;
  const name = profileName(actor);
  const same = (db.prepare('SELECT member_key, name, role, public_key FROM project_members WHERE project_id = ?').all(projectId) as Array<{ member_key: string; name: string; role: string | null; public_key: string | null }>)
    .filter((m) => profileName(m.name) === name);
  const only = same.length === 1 ? same[0]! : null;
  if (only?.public_key === signer.publicKeyPem) boundMembers.add(bound);
  if (!only || only.role === null || only.public_key !== null) return;
  db.prepare('UPDATE project_members SET public_key = ? WHERE project_id = ? AND member_key = ? AND public_key IS NULL').run(signer.publicKeyPem, projectId, only.member_key);
}

const boundMembers = new Set<string>();

const LOCAL_KEY_SETTING = 'identity_public_key';
const PROFILE_KEYS_SETTING = 'identity_profile_keys';

function recordedProfileKeys(db: ReadDb): Record<string, string> {
  const text = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PROFILE_KEYS_SETTING) as string | undefined;
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
  } catch {
    return {};
  }
}

/**
 * Records a local profile's public key in the database, so verify knows it without the key file:
 * the acting profile's as the local key, and every profile's by name. `profile` omitted records
 * only the local key (as before per-profile keys).
 */
export function recordLocalKey(db: Db, signer: Signer, profile?: string): void {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const current = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LOCAL_KEY_SETTING) as string | undefined;
  if (current !== signer.publicKeyPem) upsert.run(LOCAL_KEY_SETTING, signer.publicKeyPem);
  if (profile === undefined) return;
  const name = profileName(profile);
  const keys = recordedProfileKeys(db);
  if (keys[name] === signer.publicKeyPem) return;
  upsert.run(PROFILE_KEYS_SETTING, JSON.stringify({ ...keys, [name]: signer.publicKeyPem }));
}

export type KnownKey = { keyId: KeyId; publicKey: KeyObject; publicKeyPem: string; owner: string };

/**
 * A local profile's public key as this database records it, if any: the named profile's, or
 * without a name the key of the profile that last acted here.
 */
export function localKey(db: ReadDb, profile?: string): KnownKey | null {
  const pem = profile === undefined
    ? (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LOCAL_KEY_SETTING) as string | undefined)
    : recordedProfileKeys(db)[profileName(profile)];
  if (!pem) return null;
  const publicKey = parsePublicKeyPem(pem, 'the local profile key');
  return { keyId: keyIdOf(publicKey), publicKey, publicKeyPem: pem, owner: profile === undefined ? 'the local profile' : `the local profile ${profile}` };
}

/** Every local profile's public key this database records. */
export function localKeys(db: ReadDb): KnownKey[] {
  const out: KnownKey[] = [];
  for (const [name, pem] of Object.entries(recordedProfileKeys(db))) {
    try {
      const publicKey = parsePublicKeyPem(pem, 'a local profile key');
      out.push({ keyId: keyIdOf(publicKey), publicKey, publicKeyPem: pem, owner: `the local profile ${name}` });
    } catch {
      // a damaged record trusts nothing
    }
  }
  return out;
}

/**
 * The profile that used the database's key file from before per-profile keys: the member whose
 * key it is, else the author of the latest event signed with it, else the profile acting now.
 */
export function legacyKeyOwner(db: ReadDb, keyId: KeyId, acting: string): string {
  const members = db.prepare('SELECT name, public_key FROM project_members WHERE public_key IS NOT NULL ORDER BY added_at, rowid').all() as Array<{ name: string; public_key: string }>;
  for (const m of members) {
    try {
      if (keyIdOf(parsePublicKeyPem(m.public_key, 'a member key')) === keyId) return m.name;
    } catch {
      // not this one
    }
  }
  const latest = db.prepare('SELECT actor FROM audit_events WHERE key_id = ? ORDER BY id DESC LIMIT 1').pluck().get(keyId) as string | undefined;
  return latest ?? acting;
}

/**
 * The keys this copy trusts for a project: this machine's own key and every member's key
 * (removed members too: their events stay in the history).
 */
export function projectKeys(db: ReadDb, projectId: string): Map<KeyId, KnownKey> {
  const keys = new Map<KeyId, KnownKey>();
  const rows = db
    .prepare('SELECT name, email, public_key FROM project_members WHERE project_id = ? AND public_key IS NOT NULL')
    .all(projectId) as Array<{ name: string; email: string; public_key: string }>;
  for (const r of rows) {
    try {
      const publicKey = parsePublicKeyPem(r.public_key, `the key of member ${r.name}`);
      const keyId = keyIdOf(publicKey);
      keys.set(keyId, { keyId, publicKey, publicKeyPem: r.public_key, owner: r.email ? `${r.name} <${r.email}>` : r.name });
    } catch {
      // a damaged member key trusts nothing; events signed by it are reported as unknown signers
    }
  }
  for (const local of [localKey(db), ...localKeys(db)]) if (local && !keys.has(local.keyId)) keys.set(local.keyId, local);
  return keys;
}
