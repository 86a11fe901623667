// Ed25519 keys: a profile's identity is its key pair. The key id is the SHA-256 of the raw public
// key; people compare a short fingerprint of it out of band, as Signal's safety numbers.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { invalidInput } from '../errors';

export type KeyId = string;

/** The 32 raw bytes of an Ed25519 public key (the tail of its SPKI DER). */
function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
}

const keyIds = new WeakMap<KeyObject, KeyId>();
export function keyIdOf(publicKey: KeyObject): KeyId {
  let id = keyIds.get(publicKey);
  if (id === undefined) keyIds.set(publicKey, (id = createHash('sha256').update(rawPublicKey(publicKey)).digest('hex')));
  return id;
}

/** The first 128 bits of the key id in groups of four, short enough to read aloud and compare. */
export function fingerprintOf(keyId: KeyId): string {
  return (keyId.slice(0, 32).match(/.{4}/g) ?? []).join(' ');
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/**
 * Parsed keys by their PEM text: a sync pull checks every teammate's copy against the same
 * members' keys, and parsing a PEM costs more than checking a signature. Bounded; KeyObjects are
 * immutable, so sharing one is safe.
 */
const parsedKeys = new Map<string, KeyObject>();
const PARSED_KEYS_MAX = 4096;

/** Parses a PEM public key, refusing anything but Ed25519 with a message that says what it got. */
export function parsePublicKeyPem(pem: string, where: string): KeyObject {
  const cached = parsedKeys.get(pem);
  if (cached) return cached;
  const key = parseUncached(pem, where);
  if (parsedKeys.size >= PARSED_KEYS_MAX) parsedKeys.clear();
  parsedKeys.set(pem, key);
  return key;
}

function parseUncached(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw invalidInput(`${where} is not a PEM public key (it should start with "-----BEGIN PUBLIC KEY-----"). Nothing was changed.`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw invalidInput(`${where} is a ${key.asymmetricKeyType ?? 'unknown'} key; Compliance Workbench identities are Ed25519 keys (\`cwb profile key --out FILE.pub\`). Nothing was changed.`);
  }
  return key;
}

export function newKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

export function signBytes(privateKey: KeyObject, data: Buffer): string {
  return sign(null, data, privateKey).toString('base64');
}

export function verifyBytes(publicKey: KeyObject, data: Buffer, signatureBase64: string): boolean {
  try {
    return verify(null, data, publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Signatures found to hold in this process, by the key's id, what was signed and the signature
 * (a 128-bit digest of the three): the next `audit verify` or report after one more event checks
 * that event's signature alone, not every one of a long history again (each takes ~70 µs, 14 s
 * over 200,000 events). Only good answers are kept, never written anywhere; bounded.
 */
const heldSignatures = new Set<string>();
const HELD_SIGNATURES_MAX = 1_000_000;

export function verifyBytesRemembered(publicKey: KeyObject, data: Buffer, signatureBase64: string): boolean {
  const seen = createHash('sha256').update(keyIdOf(publicKey)).update('\0').update(data).update('\0').update(signatureBase64).digest().toString('base64', 0, 16);
  if (heldSignatures.has(seen)) return true;
  if (!verifyBytes(publicKey, data, signatureBase64)) return false;
  if (heldSignatures.size >= HELD_SIGNATURES_MAX) heldSignatures.clear();
  heldSignatures.add(seen);
  return true;
}

/** A private key as PKCS#8 DER, and back: what a key wrapping protects. */
export function privateKeyDer(key: KeyObject): Buffer {
  return key.export({ type: 'pkcs8', format: 'der' });
}

export function privateKeyFromDer(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
