// Passphrase encryption of a whole bundle: AES-256-GCM with a key derived by scrypt. The header
// (magic, format, KDF parameters, salt, nonce) is authenticated with the ciphertext, so changing
// any byte of the file makes decryption fail.
//   magic "CWB-ENC\0" (8) | format (1) | kdf=1 scrypt (1) | log2 N (1) | r (1) | p (1) | salt (16) | nonce (12) | ciphertext | tag (16)
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { bundleInvalid } from './errors';
import { BUNDLE_FORMAT } from './format';

const MAGIC = Buffer.from('CWB-ENC\0', 'latin1');
const HEADER_LENGTH = MAGIC.length + 5 + 16 + 12;
const TAG_LENGTH = 16;
const KDF_SCRYPT = 1;
export const SCRYPT = { log2N: 15, r: 8, p: 1 } as const;

export function isEncryptedBundle(bytes: Buffer): boolean {
  return bytes.length >= MAGIC.length && bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

function deriveKey(passphrase: string, salt: Buffer, log2N: number, r: number, p: number): Buffer {
  const N = 2 ** log2N;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}

export function encryptBundle(zip: Buffer, passphrase: string, params: { log2N: number; r: number; p: number } = SCRYPT): Buffer {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const header = Buffer.concat([MAGIC, Buffer.from([BUNDLE_FORMAT, KDF_SCRYPT, params.log2N, params.r, params.p]), salt, nonce]);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, params.log2N, params.r, params.p), nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(zip), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function decryptBundle(bytes: Buffer, passphrase: string | undefined): Buffer {
  if (bytes.length < HEADER_LENGTH + TAG_LENGTH) throw bundleInvalid('the encrypted file is cut short');
  const at = MAGIC.length;
  const [format, kdf, log2N, r, p] = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3], bytes[at + 4]] as number[];
  if (format! > BUNDLE_FORMAT) {
    throw bundleInvalid(`it was written by a newer version of Compliance Workbench (encrypted bundle format ${format}, this version reads up to ${BUNDLE_FORMAT}); update the app to import it`);
  }
  // Refuse parameters we never write: a crafted header must not make us burn memory or time.
  if (format !== BUNDLE_FORMAT || kdf !== KDF_SCRYPT || log2N! < 10 || log2N! > 20 || r! < 1 || r! > 32 || p! < 1 || p! > 16) {
    throw bundleInvalid('its encryption header is damaged or uses settings this version does not know');
  }
  if (passphrase === undefined || passphrase === '') throw bundleInvalid('it is encrypted; give its passphrase');
  const salt = bytes.subarray(at + 5, at + 21);
  const nonce = bytes.subarray(at + 21, HEADER_LENGTH);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt, log2N!, r!, p!), nonce);
  decipher.setAAD(bytes.subarray(0, HEADER_LENGTH));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_LENGTH));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(HEADER_LENGTH, bytes.length - TAG_LENGTH)), decipher.final()]);
  } catch {
    throw bundleInvalid('the passphrase is wrong, or the bundle is damaged (it could not be decrypted)');
  }
}
