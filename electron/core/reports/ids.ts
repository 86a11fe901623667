// Deterministic identifiers: RFC 4122 version-5 UUIDs (SHA-1 of a namespace and a name) for
// OSCAL, and the file name each evidence item gets inside an evidence package. Same input, same
// output, on every machine: that is what makes two exports of one state byte-identical.
import { createHash } from 'node:crypto';

/** Our namespace: uuidV5(URL namespace, "urn:compliance-workbench:oscal"). */
export const WORKBENCH_NAMESPACE = 'b5454087-e3e2-5c41-be9c-ea84f7b0b360';
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** Namespace bytes, parsed once per namespace (an OSCAL export asks for tens of thousands of ids). */
const namespaceBytes = new Map<string, Buffer>();

export function uuidV5(namespace: string, name: string): string {
  let ns = namespaceBytes.get(namespace);
  if (!ns) {
    ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
    namespaceBytes.set(namespace, ns);
  }
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x50; // version 5
  b[8] = ((b[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A UUID for `parts` (joined unambiguously) within the workbench namespace. */
export function stableUuid(...parts: string[]): string {
  return uuidV5(WORKBENCH_NAMESPACE, stableUuidName(...parts));
}

/** The name stableUuid hashes for `parts`. */
export function stableUuidName(...parts: string[]): string {
  return JSON.stringify(parts);
}

const SAFE_AS_IS = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9])?$/;

/**
 * `evidence/<sha256>-<safe name>`: the hash keeps names unique and verifiable; the safe name
 * keeps only characters every file system and zip tool accepts, so a hostile name like
 * `../../etc/passwd` can never leave the folder.
 */
export function evidenceFileName(sha256: string, name: string): string {
  // the usual name (ASCII letters, digits, dots, dashes, underscores; no '..'; not starting or
  // ending with a dot, dash or underscore; 80 characters at most) is already safe as it is
  if (SAFE_AS_IS.test(name) && !name.includes('..')) return `${sha256}-${name}`;
  const safe = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/\s+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._-]+/, '');
  // Cut by code point, never inside a surrogate pair (that would not survive UTF-8).
  const short = Array.from(safe).slice(0, 80).join('').replace(/[._-]+$/, '');
  return short === '' ? sha256 : `${sha256}-${short}`;
}
