// Validators that separate real identifiers from look-alikes: Luhn for cards, mod-97 for IBANs,
// the SSA's never-issued SSN ranges, real IPv4 octets and IPv6 groups, calendar-valid dates.
// They read bytes in place (no string per candidate) because the scan calls them millions of times.
import { B, isDigit, isHex } from './bytes';

/** Luhn checksum over the digits of buf[s, e), ignoring separators. */
export function luhnValid(buf: Uint8Array, s: number, e: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = e - 1; i >= s; i--) {
    const c = buf[i]!;
    if (c < 48 || c > 57) continue;
    let d = c - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** SSA rules: area 000, 666 and 900-999, group 00 and serial 0000 are never issued. */
export function ssnPartsValid(area: number, group: number, serial: number): boolean {
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}

export function readInt(buf: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) n = n * 10 + (buf[i]! - 48);
  return n;
}

/** Dotted quad with octets 0-255 and no leading zeros ("010" reads as octal in some tools). */
export function ipv4Valid(buf: Uint8Array, s: number, e: number): boolean {
  let parts = 0;
  let i = s;
  while (i <= e) {
    const start = i;
    let n = 0;
    while (i < e) {
      const c = buf[i]!;
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
      i++;
    }
    const len = i - start;
    if (len < 1 || len > 3 || n > 255 || (len > 1 && buf[start] === 48)) return false;
    parts++;
    if (i === e) break;
    if (buf[i] !== 46 /* . */ || parts === 4) return false;
    i++;
  }
  return parts === 4;
}

/** RFC 4291 text form: eight groups, one "::" for a run of zero groups, an IPv4 tail allowed. */
export function ipv6Valid(buf: Uint8Array, s: number, e: number): boolean {
  let i = s;
  let groups = 0;
  let compressed = false;
  if (e - s < 3) return false; // "::" alone names no host; shorter is not an address
  if (buf[i] === B.COLON) {
    if (buf[i + 1] !== B.COLON) return false;
    compressed = true;
    i += 2;
  }
  while (i < e) {
    const start = i;
    while (i < e && isHex(buf[i]!) && i - start < 5) i++;
    if (i < e && buf[i] === B.DOT) {
      if (!ipv4Valid(buf, start, e)) return false;
      groups += 2;
      i = e;
      break;
    }
    const len = i - start;
    if (len < 1 || len > 4) return false;
    groups++;
    if (i === e) break;
    if (buf[i] !== B.COLON) return false;
    i++;
    if (i < e && buf[i] === B.COLON) {
      if (compressed) return false;
      compressed = true;
      i++;
    } else if (i === e) {
      return false;
    }
  }
  return compressed ? groups <= 7 : groups === 8;
}

/** IBAN lengths per country (ISO 13616 registry); unknown countries take any length 15-34. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15,
  PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19,
  SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/**
 * ISO 7064 mod 97-10 over the IBAN's letters and digits in buf[s, e) (spaces skipped): the
 * first four characters move to the end, letters count as 10-35, the remainder must be 1.
 */
export function ibanChecksumValid(buf: Uint8Array, s: number, e: number): boolean {
  let rem = 0;
  // Characters are gathered into a part worth at most 10^7, so every product stays a small
  // integer and the remainder is taken once per part rather than once per character.
  let part = 0;
  let scale = 1;
  let seen = 0;
  let headEnd = s;
  for (let pass = 0; pass < 2; pass++) {
    const to = pass === 0 ? e : headEnd;
    for (let i = s; i < to; i++) {
      const c = buf[i]!;
      const isNum = c >= 48 && c <= 57;
      if (!isNum && !(c >= 65 && c <= 90)) continue;
      if (pass === 0 && ++seen <= 4) {
        headEnd = i + 1;
        continue;
      }
      if (isNum) {
        part = part * 10 + (c - 48);
        scale *= 10;
      } else {
        part = part * 100 + (c - 55); // 'A' counts as 10
        scale *= 100;
      }
      if (scale >= 100000) {
        rem = (rem * scale + part) % 97;
        part = 0;
        scale = 1;
      }
    }
  }
  return (rem * scale + part) % 97 === 1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function calendarDateValid(y: number, m: number, d: number, maxYear: number): boolean {
  if (y < 1900 || y > maxYear || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!;
  return d <= days;
}

/**
 * A whole cell that reads as a birth date: YYYY-MM-DD (also / or . and an optional time part),
 * DD/MM/YYYY or MM/DD/YYYY (either reading), DD.MM.YYYY, DD-MM-YYYY, or YYYYMMDD.
 */
export function birthDateValid(buf: Uint8Array, s: number, e: number, maxYear: number): boolean {
  // Up to three numbers joined by one kind of separator, read without allocating.
  let n0 = 0, n1 = 0, n2 = 0, l0 = 0, l1 = 0, l2 = 0;
  let parts = 0;
  let sep = -1;
  let i = s;
  while (i < e && parts < 3) {
    const start = i;
    let v = 0;
    while (i < e && isDigit(buf[i]!)) {
      v = v * 10 + (buf[i]! - B.D0);
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 8) return false;
    if (parts === 0) {
      n0 = v;
      l0 = len;
    } else if (parts === 1) {
      n1 = v;
      l1 = len;
    } else {
      n2 = v;
      l2 = len;
    }
    parts++;
    if (parts === 3 || i === e) break;
    const c = buf[i]!;
    if (c !== B.HYPHEN && c !== B.SLASH && c !== B.DOT) return false;
    if (sep !== -1 && c !== sep) return false;
    sep = c;
    i++;
  }
  if (parts === 1) {
    if (l0 !== 8 || i !== e) return false;
    return calendarDateValid(Math.floor(n0 / 10000), Math.floor(n0 / 100) % 100, n0 % 100, maxYear);
  }
  if (parts !== 3) return false;
  if (i < e) {
    // An ISO date may carry a time ("1985-03-14T00:00:00Z"); anything else after it is not a date.
    const c = buf[i]!;
    if (l0 !== 4 || (c !== B.T && c !== B.SPACE)) return false;
  }
  if (l0 === 4 && l1 <= 2 && l2 <= 2) return calendarDateValid(n0, n1, n2, maxYear);
  if (l2 === 4 && l0 <= 2 && l1 <= 2) {
    return calendarDateValid(n2, n1, n0, maxYear) || calendarDateValid(n2, n0, n1, maxYear);
  }
  return false;
}

/** US passport book (9 digits) or next-generation number (a letter and 8 digits), whole cell. */
export function passportValid(buf: Uint8Array, s: number, e: number): boolean {
  if (e - s !== 9) return false;
  const first = buf[s]!;
  if (!isDigit(first) && !(first >= B.A && first <= B.Z)) return false;
  for (let i = s + 1; i < e; i++) if (!isDigit(buf[i]!)) return false;
  return true;
}
