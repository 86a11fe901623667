// Which key signs what is written to a database. The workbench registers its signer when it opens
// (workbench.ts); appendAuditEvent finds it here, so its call signature stays the same for every
// caller. Keyed by the database file, so a restore that reopens the connection keeps its signer.
import type { Db } from '../store/database';
import type { ReadDb } from '../store/access';
import type { Signer } from './key-file';
import { keyIdOf, parsePublicKeyPem, type KeyId } from './keys';
import type { KeyObject } from 'node:crypto';

const signers = new Map<string, Signer>();

export function setSigner(db: Db, signer: Signer | null): void {
  if (signer) signers.set(db.name, signer);
  else signers.delete(db.name);
}

export function signerFor(db: Db): Signer | null {
  return signers.get(db.name) ?? null;
}

const LOCAL_KEY_SETTING = 'identity_public_key';

/** Records this machine's public key in the database, so verify knows it without the key file. */
export function recordLocalKey(db: Db, signer: Signer): void {
  const current = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LOCAL_KEY_SETTING) as string | undefined;
  if (current === signer.publicKeyPem) return;
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LOCAL_KEY_SETTING, signer.publicKeyPem);
}

export type KnownKey = { keyId: KeyId; publicKey: KeyObject; publicKeyPem: string; owner: string };

/** The local profile's public key as this database records it, if any. */
export function localKey(db: ReadDb): KnownKey | null {
  const pem = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LOCAL_KEY_SETTING) as string | undefined;
  if (!pem) return null;
  const publicKey = parsePublicKeyPem(pem, 'the local profile key');
  return { keyId: keyIdOf(publicKey), publicKey, publicKeyPem: pem, owner: 'the local profile' };
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
  const local = localKey(db);
  if (local && !keys.has(local.keyId)) keys.set(local.keyId, local);
  return keys;
}
