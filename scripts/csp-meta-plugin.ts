// A vite plugin for the renderer build: writes the Content-Security-Policy of shared/csp.ts into
// index.html as a <meta http-equiv> too, so a page loaded without our response header (opened
// from disk, or served by anything else) still has it. One source: the header and the tag come
// from the same constant. Build only: the dev server injects inline scripts of its own.
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

/** Directives a <meta> policy may not carry (browsers ignore them there, with a console error). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

export function metaContentSecurityPolicy(policy: string = CONTENT_SECURITY_POLICY): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !HEADER_ONLY.has(d.split(/\s+/)[0] ?? ''))
    .join('; ');
}

export function cspMetaPlugin(policy: string = CONTENT_SECURITY_POLICY): Plugin {
  return {
    name: 'cwb-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        // first in <head>, before anything it governs; vite escapes the attribute
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy(policy) }, injectTo: 'head-prepend' },
      ],
    },
  };
}
