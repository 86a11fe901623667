// Each local profile's key pair, kept in a 0600 file in a 0700 folder beside the database
// (`<db>.identity-keys/`, one file per profile). The private key never leaves this machine: it is
// stored wrapped when a wrapping is given (the desktop app's OS keychain through Electron
// safeStorage, injected from main; or a passphrase in the CLI and browser mode) and unwrapped only
// when something is signed. Databases from before per-profile keys had one key file
// (`<db>.identity-key`); migrateLegacyKey moves it, unchanged, to the profile that used it.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../errors';
import { keyIdOf, newKeyPair, parsePublicKeyPem, privateKeyDer, privateKeyFromDer, publicKeyPem, signBytes, type KeyId } from './keys';

/** Protects the private key at rest. Core never knows how; main (Electron) or the CLI supplies it. */
export type KeyWrapping = {
  /** Recorded in the key file, so the file says what can open it. */
  name: string;
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
};

/** Who signs on this machine: the key id and public key are readable without unwrapping. */
export type Signer = {
  keyId: KeyId;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** Signs with the private key (unwrapped on first use); returns the base64 signature. */
  sign(data: Buffer): string;
};

const KeyFile = z.object({
  format: z.literal(1),
  wrapping: z.string(),
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  publicKey: z.string(),
  privateKey: z.string(),
  /** The profile the key belongs to, as it was named when the key was made (files from before per-profile keys have none). */
  profile: z.string().optional(),
});
type KeyFile = z.infer<typeof KeyFile>;

/** The one key file of a database from before per-profile keys; migrateLegacyKey moves it into the folder. */
export function keyFilePath(dbPath: string): string {
  return `${dbPath}.identity-key`;
}

/** The folder that holds one key file per local profile of the database at dbPath. */
export function profileKeysDir(dbPath: string): string {
  return `${dbPath}.identity-keys`;
}

/** A profile is its name as events record it; letter case and surrounding spaces do not make another profile. */
export function profileKeyName(profile: string): string {
  return profile.normalize('NFC').trim().toLowerCase();
}

/** The key file of one profile: named by a hash of the profile's name, so any name makes a safe file name. */
export function profileKeyPath(dbPath: string, profile: string): string {
  const id = createHash('sha256').update(profileKeyName(profile), 'utf8').digest('hex').slice(0, 32);
  return join(profileKeysDir(dbPath), `${id}.key`);
}

/** Passphrase wrapping: AES-256-GCM under a scrypt-derived key; salt and nonce travel with it. */
export function passphraseWrapping(passphrase: string): KeyWrapping {
  const derive = (salt: Buffer) => scryptSync(passphrase.normalize('NFC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return {
    name: 'passphrase',
    wrap(plain) {
      const salt = randomBytes(16);
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', derive(salt), nonce);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([salt, nonce, body, cipher.getAuthTag()]);
    },
    unwrap(wrapped) {
      const decipher = createDecipheriv('aes-256-gcm', derive(wrapped.subarray(0, 16)), wrapped.subarray(16, 28));
      decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
      try {
        return Buffer.concat([decipher.update(wrapped.subarray(28, wrapped.length - 16)), decipher.final()]);
      } catch {
        throw new WorkbenchError('FORBIDDEN', 'The passphrase of your signing key is wrong (CWB_KEY_PASSPHRASE). Nothing was changed.');
      }
    },
  };
}

function readKeyFile(path: string): KeyFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw new WorkbenchError('INTERNAL', `Your signing key ${path} cannot be read (${(err as Error).message}).`);
  }
  let parsed: ReturnType<typeof KeyFile.safeParse>;
  try {
    parsed = KeyFile.safeParse(JSON.parse(text));
  } catch {
    parsed = KeyFile.safeParse(null);
  }
  if (!parsed.success) throw new WorkbenchError('DB_CORRUPT', `Your signing key ${path} is damaged. Restore it from your own backup; without it this profile cannot sign changes.`);
  return parsed.data;
}

function createKeyFile(path: string, wrapping: KeyWrapping | undefined, profile: string | undefined): KeyFile {
  const pair = newKeyPair();
  const der = privateKeyDer(pair.privateKey);
  const file: KeyFile = {
    format: 1,
    wrapping: wrapping?.name ?? 'none',
    keyId: keyIdOf(pair.publicKey),
    publicKey: publicKeyPem(pair.publicKey),
    privateKey: (wrapping ? wrapping.wrap(der) : der).toString('base64'),
    ...(profile === undefined ? {} : { profile }),
  };
  try {
    // wx: two processes opening a new database at once must not each write their own key
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'EEXIST') return readKeyFile(path) as KeyFile;
    throw err;
  }
  chmodSync(path, 0o600); // the umask may have narrowed it further, never widened; make it exact
  return file;
}

/**
 * A signer of the database at dbPath: the key file of `profile` (or, without one, the database's
 * key file from before per-profile keys), read, or created when `create` is set. Returns null when
 * there is no key file and none may be created (a read-only open).
 */
export function loadSigner(dbPath: string, options: { wrapping?: KeyWrapping; create: boolean; profile?: string }): Signer | null {
  const path = options.profile === undefined ? keyFilePath(dbPath) : profileKeyPath(dbPath, options.profile);
  if (options.profile !== undefined && options.create) {
    mkdirSync(profileKeysDir(dbPath), { recursive: true, mode: 0o700 });
  }
  const file = readKeyFile(path) ?? (options.create ? createKeyFile(path, options.wrapping, options.profile?.trim()) : null);
  if (!file) return null;
  const publicKey = parsePublicKeyPem(file.publicKey, path);
  if (keyIdOf(publicKey) !== file.keyId) throw new WorkbenchError('DB_CORRUPT', `Your signing key ${path} is damaged (its key id does not match its public key).`);
  let privateKey: KeyObject | null = null;
  const unlock = (): KeyObject => {
    const stored = Buffer.from(file.privateKey, 'base64');
    if (file.wrapping === 'none') return privateKeyFromDer(stored);
    if (!options.wrapping || options.wrapping.name !== file.wrapping) {
      const how = file.wrapping === 'passphrase' ? 'set CWB_KEY_PASSPHRASE to its passphrase' : `open this database with the app that wrapped it (${file.wrapping})`;
      throw new WorkbenchError('FORBIDDEN', `Your signing key ${path} is protected (${file.wrapping}); to sign changes, ${how}. Nothing was changed.`);
    }
    return privateKeyFromDer(options.wrapping.unwrap(stored));
  };
  return {
    keyId: file.keyId,
    publicKey,
    publicKeyPem: file.publicKey,
    sign(data) {
      privateKey ??= unlock();
      return signBytes(privateKey, data);
    },
  };
}

/** The key id of the database's key file from before per-profile keys, if it still has one. */
export function legacyKeyId(dbPath: string): string | null {
  return readKeyFile(keyFilePath(dbPath))?.keyId ?? null;
}

/**
 * Moves the database's single key file from before per-profile keys to the profile that used it,
 * byte for byte (a hard link, then the old name removed): the key, its wrapping and every
 * signature made with it stay as they are. Returns false, and leaves the old file, when that
 * profile has a key file already.
 */
export function migrateLegacyKey(dbPath: string, profile: string): boolean {
  const legacy = keyFilePath(dbPath);
  if (!existsSync(legacy)) return false;
  const target = profileKeyPath(dbPath, profile);
  mkdirSync(profileKeysDir(dbPath), { recursive: true, mode: 0o700 });
  try {
    linkSync(legacy, target);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'EEXIST') return false;
    throw new WorkbenchError('INTERNAL', `Your signing key ${legacy} cannot be moved to ${target} (${(err as Error).message}); it was left where it is.`);
  }
  unlinkSync(legacy);
  return true;
}

/** The signers of a database's local profiles, one key per profile, each read or made on first use. */
export type Keyring = {
  /** The signer of the named profile; null when it has no key and none may be made (a read-only open). */
  signerFor(profile: string): Signer | null;
};

/**
 * The keyring of the database at dbPath. `legacyOwner` names the profile that used the database's
 * key file from before per-profile keys, when that file could not be moved (a read-only open).
 */
export function openKeyring(dbPath: string, options: { wrapping?: KeyWrapping; create: boolean; legacyOwner?: string }): Keyring {
  const loaded = new Map<string, Signer>();
  return {
    signerFor(profile) {
      const name = profileKeyName(profile);
      const known = loaded.get(name);
      if (known) return known;
      const legacy = options.legacyOwner !== undefined && profileKeyName(options.legacyOwner) === name && !existsSync(profileKeyPath(dbPath, profile));
      const signer = legacy
        ? loadSigner(dbPath, { wrapping: options.wrapping, create: false })
        : loadSigner(dbPath, { wrapping: options.wrapping, create: options.create, profile });
      if (signer) loaded.set(name, signer);
      return signer;
    },
  };
}
