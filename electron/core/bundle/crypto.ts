// Passphrase encryption of a whole bundle: AES-256-GCM with a key derived by scrypt. The header
// (magic, format, KDF parameters, salt, nonce) is authenticated with the ciphertext, so changing
// any byte of the file makes decryption fail.
//   magic "CWB-ENC\0" (8) | format (1) | kdf=1 scrypt (1) | log2 N (1) | r (1) | p (1) | salt (16) | nonce (12) | ciphertext | tag (16)
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { bundleInvalid } from './errors';
import { BUNDLE_FORMAT } from './format';

const MAGIC = Buffer.from('CWB-ENC\0', 'latin1');
const HEADER_LENGTH = MAGIC.length + 5 + 16 + 12;
const TAG_LENGTH = 16;
const KDF_SCRYPT = 1;
export const SCRYPT = { log2N: 15, r: 8, p: 1 } as const;
export type ScryptParams = { log2N: number; r: number; p: number };

/**
 * The settings an encrypted bundle may ask for. The header is not authenticated until the key is
 * derived, so anything outside this range is refused before deriving: a crafted 4 KB bundle
 * asking for N=2^20, r=32, p=16 would otherwise take gigabytes and minutes. At the top of the
 * range scrypt needs 128 * 2^17 * 8 bytes = 128 MiB.
 */
export const SCRYPT_LIMITS = { log2N: { min: 10, max: 17 }, r: { min: 1, max: 8 }, p: { min: 1, max: 2 } } as const;

export function scryptParamsProblem(params: ScryptParams): string | null {
  for (const key of ['log2N', 'r', 'p'] as const) {
    const { min, max } = SCRYPT_LIMITS[key];
    const v = params[key];
    if (!Number.isInteger(v) || v < min || v > max) {
      const shown = key === 'log2N' ? `N=2^${v}` : `${key}=${v}`;
      const range = key === 'log2N' ? `2^${min} to 2^${max}` : `${min} to ${max}`;
      return `its encryption header asks for scrypt ${shown}, outside the range this version accepts (${key === 'log2N' ? 'N' : key} from ${range})`;
    }
  }
  return null;
}

export function isEncryptedBundle(bytes: Buffer): boolean {
  return bytes.length >= MAGIC.length && bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

/** Asynchronous (libuv's thread pool): the HTTP host and the app keep answering while it runs. */
function deriveKey(passphrase: string, salt: Buffer, { log2N, r, p }: ScryptParams): Promise<Buffer> {
  const problem = scryptParamsProblem({ log2N, r, p });
  if (problem) return Promise.reject(bundleInvalid(problem));
  const N = 2 ** log2N;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function encryptBundle(zip: Buffer, passphrase: string, params: ScryptParams = SCRYPT): Promise<Buffer> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const header = Buffer.concat([MAGIC, Buffer.from([BUNDLE_FORMAT, KDF_SCRYPT, params.log2N, params.r, params.p]), salt, nonce]);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, params), nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(zip), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export async function decryptBundle(bytes: Buffer, passphrase: string | undefined): Promise<Buffer> {
  if (bytes.length < HEADER_LENGTH + TAG_LENGTH) throw bundleInvalid('the encrypted file is cut short');
  const at = MAGIC.length;
  const [format, kdf, log2N, r, p] = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3], bytes[at + 4]] as number[];
  if (format! > BUNDLE_FORMAT) {
    throw bundleInvalid(`it was written by a newer version of Compliance Workbench (encrypted bundle format ${format}, this version reads up to ${BUNDLE_FORMAT}); update the app to import it`);
  }
  if (format !== BUNDLE_FORMAT || kdf !== KDF_SCRYPT) {
    throw bundleInvalid('its encryption header is damaged or uses settings this version does not know');
  }
  // Refused before the passphrase is even asked for: a crafted header must not burn memory or time.
  const problem = scryptParamsProblem({ log2N: log2N!, r: r!, p: p! });
  if (problem) throw bundleInvalid(problem);
  if (passphrase === undefined || passphrase === '') throw bundleInvalid('it is encrypted; give its passphrase');
  const salt = bytes.subarray(at + 5, at + 21);
  const nonce = bytes.subarray(at + 21, HEADER_LENGTH);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt, { log2N: log2N!, r: r!, p: p! }), nonce);
  decipher.setAAD(bytes.subarray(0, HEADER_LENGTH));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_LENGTH));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(HEADER_LENGTH, bytes.length - TAG_LENGTH)), decipher.final()]);
  } catch {
    throw bundleInvalid('the passphrase is wrong, or the bundle is damaged (it could not be decrypted)');
  }
}
