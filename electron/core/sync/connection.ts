// A laptop's connection to a sync server: signs in by challenge–response with the profile key,
// sends JSON with the token, and retries what a restarting server or PostgreSQL refused (every
// request is idempotent: pushes are unique by event hash, pulls read from a cursor).
import { WorkbenchError } from '../errors';
import type { Signer } from '../identity/key-file';
import { ChallengeAnswer, ServerError, TokenAnswer } from '../../../shared/sync';
import { authSigningBytes } from './server-auth';

/**
 * How often a request is sent before the sync gives up, the pause between tries, and how long one
 * try may wait with nothing arriving (default two minutes) before it is sent again: a large
 * evidence file that keeps coming on a slow link is waited for.
 */
export type RetryPolicy = { attempts: number; delayMs: number; idleMs?: number };

const IDLE_MS = 120_000;

/** What went wrong with a request, in the words of its cause (fetch wraps the socket's error). */
function problemOf(err: unknown): string {
  return err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
}

export class SyncConnection {
  private token: string | null = null;
  private readonly base: string;

  constructor(server: string, private readonly signer: Signer, private readonly retry: RetryPolicy = { attempts: 30, delayMs: 300 }) {
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      throw new WorkbenchError('INVALID_INPUT', `--server "${server}" is not a URL (it looks like https://sync.example.org).`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WorkbenchError('INVALID_INPUT', `--server "${server}" must be an http:// or https:// address.`);
    this.base = url.toString().replace(/\/$/, '');
  }

  async signIn(): Promise<void> {
    const publicKey = this.signer.publicKeyPem;
    for (let attempt = 1; ; attempt++) {
      const { challenge } = ChallengeAnswer.parse(await this.send('POST', '/v1/auth/challenge', { publicKey }, false));
      const signature = this.signer.sign(authSigningBytes(challenge));
      try {
        this.token = TokenAnswer.parse(await this.send('POST', '/v1/auth/token', { publicKey, challenge, signature }, false)).token;
        return;
      } catch (err) {
        // a server restarted between the challenge and the answer has forgotten the challenge
        // (challenges live in its memory): ask for a new one, a few times
        const forgotten = err instanceof WorkbenchError && /challenge is unknown, expired or already answered/.test(err.message);
        if (!forgotten || attempt >= 5) throw err;
      }
    }
  }

  post(path: string, body: unknown): Promise<unknown> {
    return this.send('POST', path, body, true);
  }

  get(path: string): Promise<unknown> {
    return this.send('GET', path, undefined, true);
  }

  getBytes(path: string): Promise<Buffer> {
    return this.fetchWithRetry('GET', path, undefined, true, (bytes) => bytes);
  }

  private send(method: string, path: string, body: unknown, authed: boolean): Promise<unknown> {
    return this.fetchWithRetry(method, path, body, authed, (bytes) => JSON.parse(bytes.toString('utf8')) as unknown);
  }

  /**
   * The answer to one request, read whole and then by `read`. A refused request, a server that is
   * down, an answer cut off on the way (a server stopped while sending it) or one that stops coming
   * is asked for again: every request is idempotent.
   */
  private async fetchWithRetry<T>(method: string, path: string, body: unknown, authed: boolean, read: (bytes: Buffer) => T): Promise<T> {
    let lastProblem = '';
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.retry.delayMs));
      const outcome = await this.tryOnce(method, path, body, authed, read);
      if ('value' in outcome) return outcome.value;
      lastProblem = outcome.problem;
      // a restarted server forgot the token: sign in again and repeat the request
      if (outcome.signInAgain) await this.signIn().catch(() => undefined);
    }
    throw new WorkbenchError('INVALID_INPUT', `The sync server at ${this.base} cannot be reached (${lastProblem}); nothing was lost: sync again later.`);
  }

  /**
   * One try: its answer, or why to try again; a refusal to take as final is thrown. A try with
   * nothing arriving for the idle time is abandoned. Its timer is a plain (ref'd) one, unlike
   * AbortSignal.timeout's: a request whose socket vanished without an error still ends, where the
   * sync would otherwise wait on a promise nothing can settle.
   */
  private async tryOnce<T>(method: string, path: string, body: unknown, authed: boolean, read: (bytes: Buffer) => T): Promise<{ value: T } | { problem: string; signInAgain?: boolean }> {
    const idleMs = this.retry.idleMs ?? IDLE_MS;
    const abandon = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const stillWaiting = () => {
      clearTimeout(timer);
      timer = setTimeout(() => abandon.abort(new Error(`nothing arrived for ${idleMs / 1000} s`)), idleMs);
    };
    const why = (err: unknown) => problemOf(abandon.signal.aborted ? abandon.signal.reason : err);
    stillWaiting();
    try {
      let res: Response;
      try {
        res = await fetch(`${this.base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(authed && this.token ? { authorization: `Bearer ${this.token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: abandon.signal,
        });
      } catch (err) {
        return { problem: why(err) }; // the server is down or restarting, or said nothing in time
      }
      if (res.ok) {
        try {
          return { value: read(await wholeBody(res, stillWaiting)) };
        } catch (err) {
          // a body that stopped, or that does not parse (a cut that no error reported)
          return { problem: `its answer was cut off (${why(err)})` };
        }
      }
      const parsed = ServerError.safeParse(await res.json().catch(() => null));
      const error = parsed.success ? parsed.data.error : { code: 'INTERNAL', message: `HTTP ${res.status}` };
      if (res.status === 503) return { problem: error.message };
      if (res.status === 403 && authed && /Sign in first/.test(error.message)) return { problem: error.message, signInAgain: true };
      throw new WorkbenchError(error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN' || error.code === 'INVALID_INPUT' ? error.code : 'INVALID_INPUT', `The sync server refused: ${error.message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** An answer's body, whole; `arrived` is told of every piece as it comes. */
async function wholeBody(res: Response, arrived: () => void): Promise<Buffer> {
  const pieces: Buffer[] = [];
  if (res.body) {
    for await (const piece of res.body) {
      arrived();
      pieces.push(Buffer.from(piece));
    }
  }
  return Buffer.concat(pieces);
}
