// Signed bundles. The exporter signs manifest.json (which holds the SHA-256 of every other entry)
// with their profile key; manifest.sig carries the signature, their public key and their member
// key. Reading checks the signature, every event's signature and the sender's anchored head
// against the keys the bundle names; importing then decides whether this copy trusts the signer.
import { z } from 'zod';
import type { Signer } from '../identity/key-file';
import { fingerprintOf, keyIdOf, parsePublicKeyPem, verifyBytes } from '../identity/keys';
import { eventSignatureProblem } from '../audit/signatures';
import { headSigningBytes } from '../audit/head';
import { checkActorKeys } from '../audit/actor-keys';
import type { KnownKey } from '../identity/signers';
import { bundleInvalid } from './errors';
import { BUNDLE_JSON, MANIFEST_JSON, MANIFEST_SIG, NONE_HELD, type BundleData, type BundleSigner, type HeldEvents } from './format';

export { MANIFEST_SIG };

const ManifestSignature = z.object({
  format: z.literal(1),
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  memberKey: z.string().max(300),
  publicKey: z.string().max(1000),
  signature: z.string().max(200),
});

export function signManifest(signer: Signer, memberKey: string, manifest: Buffer): Buffer {
  const sig = { format: 1, keyId: signer.keyId, memberKey, publicKey: signer.publicKeyPem, signature: signer.sign(manifest) };
  return Buffer.from(`${JSON.stringify(sig, null, 2)}\n`, 'utf8');
}

/** The manifest's signer, after checking the signature holds under the key it names. */
export function checkManifestSignature(entries: Map<string, Buffer>): BundleSigner {
  const raw = entries.get(MANIFEST_SIG);
  if (!raw) throw bundleInvalid('it is not signed (bundles from before signed identities cannot be imported; ask the sender to export it again)', MANIFEST_SIG);
  let parsed: ReturnType<typeof ManifestSignature.safeParse>;
  try {
    parsed = ManifestSignature.safeParse(JSON.parse(raw.toString('utf8')));
  } catch {
    throw bundleInvalid('its signature is not valid JSON', MANIFEST_SIG);
  }
  if (!parsed.success) throw bundleInvalid('its signature is malformed', MANIFEST_SIG);
  const sig = parsed.data;
  let key;
  try {
    key = parsePublicKeyPem(sig.publicKey, 'its signing key');
  } catch {
    throw bundleInvalid('its signing key is not an Ed25519 public key', MANIFEST_SIG);
  }
  if (keyIdOf(key) !== sig.keyId) throw bundleInvalid('its signature names a key id that is not its public key\'s', MANIFEST_SIG);
  if (!verifyBytes(key, entries.get(MANIFEST_JSON) ?? Buffer.alloc(0), sig.signature)) {
    throw bundleInvalid(`its manifest does not match the signature of key ${fingerprintOf(sig.keyId)} (it was changed after it was signed)`, MANIFEST_SIG);
  }
  return { keyId: sig.keyId, publicKeyPem: sig.publicKey, memberKey: sig.memberKey };
}

/** The keys a bundle vouches for: its signer's, and every member key its (signed) rows carry. */
export function bundleKeys(data: BundleData, signer: BundleSigner): Map<string, KnownKey> {
  const keys = new Map<string, KnownKey>();
  const add = (pem: string, owner: string) => {
    try {
      const publicKey = parsePublicKeyPem(pem, owner);
      keys.set(keyIdOf(publicKey), { keyId: keyIdOf(publicKey), publicKey, publicKeyPem: pem, owner });
    } catch {
      throw bundleInvalid(`the key of ${owner} is not an Ed25519 public key`, BUNDLE_JSON);
    }
  };
  for (const m of data.tables.project_members) if (m.public_key) add(m.public_key, `member ${m.name}`);
  add(signer.publicKeyPem, `the exporter ${signer.memberKey}`);
  return keys;
}

/**
 * Every signed event must be signed by a key the bundle vouches for, and by the key of the member
 * it names as its actor; once the sender's chain is
 * signed, later events must be too; and the chain must reach the sender's signed anchored head,
 * so a bundle whose last events were dropped while the later state was kept is refused. Events
 * this database already holds (`held`, see format.ts) had their signature checked when they came.
 */
export function checkBundleSignatures(data: BundleData, signer: BundleSigner, held: HeldEvents = NONE_HELD): void {
  const keys = bundleKeys(data, signer);
  const projectId = data.project.id;
  let firstSigned: number | null = null;
  for (const e of data.audit.chain) {
    if (e.key_id === null && e.signature === null) {
      if (firstSigned !== null) throw bundleInvalid(`its audit event ${e.seq} is unsigned, but event ${firstSigned} before it is signed`, BUNDLE_JSON);
      continue;
    }
    firstSigned ??= e.seq;
    if (held.has(e.hash)) continue;
    const problem = eventSignatureProblem(projectId, e, keys);
    if (problem) throw bundleInvalid(`its audit ${problem}`, BUNDLE_JSON);
  }
  for (const e of data.audit.imported) {
    if (held.has(e.hash)) continue;
    const problem = eventSignatureProblem(projectId, e, keys);
    if (problem) throw bundleInvalid(`an event of another copy (${e.hash.slice(0, 12)}): ${problem}`, BUNDLE_JSON);
  }
  // each signed event must be signed by the key of the member it names as its actor, as the bundle's own history has them
  const chainHashes = new Set(data.audit.chain.map((e) => e.hash));
  const [impostor] = checkActorKeys([...data.audit.chain, ...data.audit.imported]);
  if (impostor) {
    throw bundleInvalid(chainHashes.has(impostor.hash) ? `its audit ${impostor.problem}` : `an event of another copy (${impostor.hash.slice(0, 12)}): ${impostor.problem}`, BUNDLE_JSON);
  }
  const last = data.audit.chain.at(-1)!;
  const head = data.audit.head;
  if (!head) {
    if (firstSigned !== null) throw bundleInvalid("its sender's anchored head is missing", BUNDLE_JSON);
    return;
  }
  if (head.seq !== last.seq || head.hash !== last.hash) {
    throw bundleInvalid(`its audit chain ends at event ${last.seq}, but the sender's anchored head is event ${head.seq}: the last events were dropped`, BUNDLE_JSON);
  }
  const key = head.key_id ? keys.get(head.key_id) : undefined;
  if (head.key_id !== null && (!key || head.signature === null || !verifyBytes(key.publicKey, headSigningBytes(projectId, head.seq, head.hash), head.signature))) {
    throw bundleInvalid("the sender's anchored head does not carry a valid signature of a member's key", BUNDLE_JSON);
  }
}
