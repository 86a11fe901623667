// Browser mode's window.workbench: the same contract, carried over HTTP to the local host.
// The token comes from the address the host printed (#token=…): this tab keeps it and sends it
// as a header, and exchanges it once for the host's HttpOnly cookie, so a bookmark or a link
// opened in another tab (no token in its address) is still connected.
import type { WorkbenchApi } from '../../../shared/api';
import { METHOD_NAMES } from '../../../shared/methods';
import type { Envelope } from '../../../shared/result';

const TOKEN_KEY = 'workbench.token';

export function takeTokenFromLocation(): string | null {
  const match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
    void openCookieSession(token);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The host answers with an HttpOnly cookie that carries the token for other tabs; this tab keeps its header. */
async function openCookieSession(token: string): Promise<void> {
  try {
    await fetch('/session', { method: 'POST', headers: { 'x-workbench-token': token } });
  } catch {
    // the host is not answering: the first API call says so
  }
}

/** Without a token (a new tab, a bookmark) calls go out with the cookie alone. */
export function createHttpWorkbench(token: string | null): WorkbenchApi {
  const callMethod = async (method: string, args: unknown): Promise<Envelope<unknown>> => {
    let res: Response;
    const body = JSON.stringify(args ?? {});
    try {
      res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: token ? { 'content-type': 'application/json', 'x-workbench-token': token } : { 'content-type': 'application/json' },
        body,
        // a small save (a note typed just before a reload) outlives the page; browsers cap keepalive at 64 KiB
        keepalive: body.length < 60_000,
      });
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'The workbench host is not answering. Is `npm run start:web` still running?' } };
    }
    try {
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `The host answered ${res.status} without a readable body.` } };
    }
  };
  return Object.fromEntries(METHOD_NAMES.map((m) => [m, (args: unknown) => callMethod(m, args)])) as WorkbenchApi;
}
