// The contract's identity methods: this profile's public key, for teammates to add by key.
import type { Handlers } from '../../../shared/handlers';
import type { CoreContext } from '../context';
import { WorkbenchError } from '../errors';
import type { ProfileKey } from '../../../shared/team';
import { fingerprintOf } from './keys';
import { localKey, signerFor } from './signers';

/** A PEM a teammate can pass to `cwb member add --key`: who it is, then the key (PEM readers skip the header lines). */
export function profileKeyFile(key: ProfileKey, person: { name: string; email: string }): string {
  return [
    'Compliance Workbench profile key',
    `Name: ${person.name.replace(/[\r\n]/g, ' ')}`,
    ...(person.email ? [`Email: ${person.email.replace(/[\r\n]/g, ' ')}`] : []),
    `Fingerprint: ${key.fingerprint}`,
    key.publicKeyPem.trimEnd(),
    '',
  ].join('\n');
}

/** The ACTIVE profile's key (each profile has its own; it is made on first use when the database is writable). */
export function profileKey(ctx: CoreContext): ProfileKey {
  const signer = signerFor(ctx.db);
  const key = signer ? { keyId: signer.keyId, publicKeyPem: signer.publicKeyPem } : localKey(ctx.db, ctx.actor());
  if (!key) throw new WorkbenchError('NOT_FOUND', 'This profile has no signing key yet: open the workbench for writing once (any cwb command that changes something) to create it.');
  return { keyId: key.keyId, fingerprint: fingerprintOf(key.keyId), publicKeyPem: key.publicKeyPem };
}

export function identityHandlers(ctx: CoreContext): Pick<Handlers, 'getProfileKey'> {
  return { getProfileKey: () => profileKey(ctx) };
}
