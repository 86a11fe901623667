// Masks the examples a scan shows, so a finding proves what kind of value is there without
// copying the value into a report. Only the shape and a few trailing characters survive.
import type { PiiEntity } from '../../../shared/dataprotection';

/** Trailing letters/digits left visible per entity; all others become '*'. */
const KEEP_LAST: Record<PiiEntity, number> = {
  EMAIL_ADDRESS: 0,
  US_SSN: 4,
  CREDIT_CARD: 4,
  PHONE_NUMBER: 2,
  IP_ADDRESS: 0,
  IBAN_CODE: 4,
  AWS_ACCESS_KEY: 2,
  US_PASSPORT: 2,
  DATE_OF_BIRTH: 0,
};

const ALNUM = /[\p{L}\p{N}]/u;

function maskTail(text: string, keepLast: number): string {
  const chars = Array.from(text);
  const alnum = chars.filter((c) => ALNUM.test(c)).length;
  // Never leave more than a third of a value visible, whatever the entity allows.
  let keep = Math.min(keepLast, Math.floor(alnum / 3));
  let out = '';
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i]!;
    if (ALNUM.test(c)) {
      if (keep > 0) {
        keep--;
        out = c + out;
      } else out = `*${out}`;
    } else out = c + out;
  }
  return out;
}

export function maskSample(entity: PiiEntity, raw: string): string {
  if (entity === 'EMAIL_ADDRESS') {
    const at = raw.lastIndexOf('@');
    const domain = raw.slice(at + 1);
    const dot = domain.lastIndexOf('.');
    const local = raw.slice(0, at);
    return `${local.slice(0, 1)}***@${'*'.repeat(Math.max(1, dot))}${domain.slice(dot)}`;
  }
  if (entity === 'AWS_ACCESS_KEY') return raw.slice(0, 4) + maskTail(raw.slice(4), KEEP_LAST[entity]);
  return maskTail(raw, KEEP_LAST[entity]);
}
