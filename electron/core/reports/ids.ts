// Deterministic identifiers: RFC 4122 version-5 UUIDs (SHA-1 of a namespace and a name) for
// OSCAL, and the file name each evidence item gets inside an evidence package. Same input, same
// output, on every machine: that is what makes two exports of one state byte-identical.
import { hash } from 'node:crypto';

/** Our namespace: uuidV5(URL namespace, "urn:compliance-workbench:oscal"). */
export const WORKBENCH_NAMESPACE = 'b5454087-e3e2-5c41-be9c-ea84f7b0b360';
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** Namespace bytes, parsed once per namespace (an OSCAL export asks for tens of thousands of ids). */
const namespaceBytes = new Map<string, Buffer>();
/** The namespace and the name, hashed together: one buffer reused while names fit in it. */
let scratch = Buffer.alloc(1024);

export function uuidV5(namespace: string, name: string): string {
  let ns = namespaceBytes.get(namespace);
  if (!ns) {
    ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
    namespaceBytes.set(namespace, ns);
  }
  const size = 16 + Buffer.byteLength(name, 'utf8');
  if (size > scratch.length) scratch = Buffer.alloc(size * 2);
  ns.copy(scratch, 0);
  scratch.write(name, 16, 'utf8');
  // one call, no Hash object: the SHA-1's first 16 bytes, as hex
  const h = hash('sha1', scratch.subarray(0, size), 'hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`; // version 5
}

/** A UUID for `parts` (joined unambiguously) within the workbench namespace. */
export function stableUuid(...parts: string[]): string {
  return uuidV5(WORKBENCH_NAMESPACE, stableUuidName(...parts));
}

/** Text JSON.stringify writes as it is: no quote, backslash, control character or surrogate. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** The name stableUuid hashes for `parts`: JSON.stringify(parts), written out directly for plain ids. */
export function stableUuidName(...parts: string[]): string {
  for (const part of parts) if (!PLAIN.test(part)) return JSON.stringify(parts);
  return `["${parts.join('","')}"]`;
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
