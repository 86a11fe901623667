// Challenge–response by key: the server hands out a random challenge, the laptop signs it with its
// profile's Ed25519 key, and gets a short-lived token. A challenge answers once; a token names the
// key it proved, never a person. Both live in memory: a restarted server simply asks again.
import { randomBytes } from 'node:crypto';
import { WorkbenchError } from '../errors';
import { keyIdOf, parsePublicKeyPem, verifyBytes } from '../identity/keys';

const CHALLENGE_SECONDS = 120;
const TOKEN_SECONDS = 15 * 60;

export function authSigningBytes(challenge: string): Buffer {
  return Buffer.from(`cwb-sync-auth/1\n${challenge}`, 'utf8');
}

export type SyncAuth = {
  challenge(publicKeyPem: string): { challenge: string; expiresInSeconds: number };
  token(publicKeyPem: string, challenge: string, signature: string): { token: string; keyId: string; expiresInSeconds: number };
  /** The key a bearer token proved, with its PEM; throws UNAUTHENTICATED-style FORBIDDEN otherwise. */
  keyOf(token: string | undefined): { keyId: string; publicKeyPem: string };
};

export function syncAuth(now: () => number = Date.now): SyncAuth {
  const challenges = new Map<string, { keyId: string; expires: number }>();
  const tokens = new Map<string, { keyId: string; publicKeyPem: string; expires: number }>();
  const sweep = () => {
    const t = now();
    for (const [k, v] of challenges) if (v.expires < t) challenges.delete(k);
    for (const [k, v] of tokens) if (v.expires < t) tokens.delete(k);
  };
  return {
    challenge(publicKeyPem) {
      sweep();
      const keyId = keyIdOf(parsePublicKeyPem(publicKeyPem, 'The public key'));
      const challenge = randomBytes(32).toString('base64');
      challenges.set(challenge, { keyId, expires: now() + CHALLENGE_SECONDS * 1000 });
      return { challenge, expiresInSeconds: CHALLENGE_SECONDS };
    },
    token(publicKeyPem, challenge, signature) {
      const key = parsePublicKeyPem(publicKeyPem, 'The public key');
      const keyId = keyIdOf(key);
      const issued = challenges.get(challenge);
      // used once, whatever the outcome: a replayed answer finds nothing
      challenges.delete(challenge);
      if (!issued || issued.expires < now() || issued.keyId !== keyId) {
        throw new WorkbenchError('FORBIDDEN', 'The challenge is unknown, expired or already answered; ask for a new one.');
      }
      if (!verifyBytes(key, authSigningBytes(challenge), signature)) throw new WorkbenchError('FORBIDDEN', 'The answer to the challenge is not signed by that key.');
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { keyId, publicKeyPem, expires: now() + TOKEN_SECONDS * 1000 });
      return { token, keyId, expiresInSeconds: TOKEN_SECONDS };
    },
    keyOf(token) {
      const found = token ? tokens.get(token) : undefined;
      if (!found || found.expires < now()) throw new WorkbenchError('FORBIDDEN', 'Sign in first: the request carries no valid token (it expired, or the server restarted).', { reauthenticate: true });
      return { keyId: found.keyId, publicKeyPem: found.publicKeyPem };
    },
  };
}
