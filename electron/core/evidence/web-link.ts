// The one rule for links the app attaches, imports and writes into reports: a full http or https
// URL. `javascript:`, `data:`, `file:` and the like are refused wherever a link enters, and
// report writers drop them as a second line of defence.
import { z } from 'zod';

const WEB_SCHEME = /^https?:\/\//i;

export function isWebLink(url: string): boolean {
  if (!WEB_SCHEME.test(url)) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export const WebLinkUrl = z
  .string()
  .url('a link must be a full URL such as https://…')
  .refine(isWebLink, 'only http and https links can be attached');
