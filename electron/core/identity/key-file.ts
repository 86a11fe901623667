// The local profile's key pair, kept in a 0600 file beside the database. The private key never
// leaves this machine: it is stored wrapped when a wrapping is given (the desktop app's OS
// keychain through Electron safeStorage, injected from main; or a passphrase in the CLI and
// browser mode) and unwrapped only when something is signed.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
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
});
type KeyFile = z.infer<typeof KeyFile>;

export function keyFilePath(dbPath: string): string {
  return `${dbPath}.identity-key`;
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

function createKeyFile(path: string, wrapping: KeyWrapping | undefined): KeyFile {
  const pair = newKeyPair();
  const der = privateKeyDer(pair.privateKey);
  const file: KeyFile = {
    format: 1,
    wrapping: wrapping?.name ?? 'none',
    keyId: keyIdOf(pair.publicKey),
    publicKey: publicKeyPem(pair.publicKey),
    privateKey: (wrapping ? wrapping.wrap(der) : der).toString('base64'),
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
 * The signer of the database at dbPath: its key file read, or created when `create` is set.
 * Returns null when there is no key file and none may be created (a read-only open).
 */
export function loadSigner(dbPath: string, options: { wrapping?: KeyWrapping; create: boolean }): Signer | null {
  const path = keyFilePath(dbPath);
  const file = readKeyFile(path) ?? (options.create ? createKeyFile(path, options.wrapping) : null);
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
