// Browser mode's window.workbench: the same contract, carried over HTTP to the local host.
// The token comes from the address the host printed (#token=…) and is kept for this tab only.
import { METHOD_NAMES, type WorkbenchApi } from '../../../shared/api';
import type { Envelope } from '../../../shared/result';

const TOKEN_KEY = 'workbench.token';

export function takeTokenFromLocation(): string | null {
  const match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function createHttpWorkbench(token: string): WorkbenchApi {
  const callMethod = async (method: string, args: unknown): Promise<Envelope<unknown>> => {
    let res: Response;
    const body = JSON.stringify(args ?? {});
    try {
      res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-workbench-token': token },
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
