// Window hardening, kept apart from lifecycle code so tests can drive it with a mocked electron:
// no navigation, no new windows, no permissions, external http(s) links to the system browser.
import type { App, Session, WebContents, IpcMainInvokeEvent, Shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export const WEB_PREFERENCES = {
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  sandbox: true,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  // a middle click must not open a window or follow a link behind the window-open handler's back
  disableBlinkFeatures: 'Auxclick',
} as const;

/**
 * Is this URL the app's own page? `appOrigin` is app://workbench (see app-protocol.ts), or the dev
 * server's origin in development. Nothing else is: no file: URL, whatever folder it is in.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const u = new URL(url);
    // compared by scheme and host: WHATWG URLs give a custom scheme the opaque origin "null"
    return `${u.protocol}//${u.host}` === appOrigin;
  } catch {
    return false;
  }
}

export function isExternalHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export function guardWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>, appOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpUrl(url) && !isAppUrl(url, appOrigin)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

/** Every webContents ever created gets the guard, including ones we did not open ourselves. */
export function installGlobalGuards(app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>, appOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, shell, appOrigin));
}

/** IPC is answered only for the main frame of a window we created, showing our own page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, trustedIds: ReadonlySet<number>, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!trustedIds.has(event.sender.id)) return false;
  return isAppUrl(frame.url, appOrigin);
}
