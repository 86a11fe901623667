// Byte classes for the entity scanners (one table lookup per byte) and small shape checks they
// share. Scanners compare bytes against literals (the character in a comment): V8 folds a
// literal, not an object field, and these loops run for every candidate field of a large file.

export const C_DIGIT = 1;
export const C_UPPER = 2;
export const C_WORD = 4; // letters, digits, '_' and UTF-8 bytes of other scripts
export const C_HEX = 8;
export const C_LOCAL = 16; // allowed in an email local part
export const C_DOMAIN = 32; // allowed in an email domain
export const C_V6 = 64; // hex digit, ':' or '.' (an IPv6 run)
export const CLS: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) {
    let k = 0;
    const digit = c >= 48 && c <= 57;
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    if (digit) k |= C_DIGIT;
    if (upper) k |= C_UPPER;
    if (digit || upper || lower || c === 95 || c >= 0x80) k |= C_WORD;
    if (digit || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)) k |= C_HEX | C_V6;
    if (c === 58 || c === 46) k |= C_V6;
    if (digit || upper || lower || c === 95 || c === 46 || c === 37 || c === 43 || c === 45) k |= C_LOCAL;
    if (digit || upper || lower || c === 46 || c === 45) k |= C_DOMAIN;
    t[c] = k;
  }
  return t;
})();

/** buf[i] follows "CCdd " (two capitals, two digits, a space) standing at a word start. */
export function afterIbanHead(buf: Uint8Array, s: number, i: number): boolean {
  if (i - s < 5 || buf[i - 1] !== 32) return false;
  const h = i - 5;
  if ((CLS[buf[h]!]! & CLS[buf[h + 1]!]! & C_UPPER) === 0) return false;
  if ((CLS[buf[h + 2]!]! & CLS[buf[h + 3]!]! & C_DIGIT) === 0) return false;
  return h === s || (CLS[buf[h - 1]!]! & C_WORD) === 0;
}

/** How many ASCII digits start at buf[i] (at most `max`). */
function digitRun(buf: Uint8Array, i: number, e: number, max: number): number {
  let n = 0;
  while (n < max && i + n < e) {
    const c = buf[i + n]!;
    if (c < 48 || c > 57) break;
    n++;
  }
  return n;
}

/**
 * The whole field is an ISO 8601 date or timestamp: YYYY-MM-DD, then optionally T or space,
 * hh:mm, :ss, a fraction, and Z or an offset.
 */
export function isoTimestamp(buf: Uint8Array, s: number, e: number): boolean {
  if (digitRun(buf, s, e, 4) !== 4 || buf[s + 4] !== 45 || digitRun(buf, s + 5, e, 2) !== 2) return false;
  if (buf[s + 7] !== 45 || digitRun(buf, s + 8, e, 2) !== 2) return false;
  let i = s + 10;
  if (i === e) return true;
  if (buf[i] !== 84 /* T */ && buf[i] !== 32) return false;
  if (digitRun(buf, i + 1, e, 2) !== 2 || buf[i + 3] !== 58 || digitRun(buf, i + 4, e, 2) !== 2) return false;
  i += 6;
  if (i < e && buf[i] === 58) {
    if (digitRun(buf, i + 1, e, 2) !== 2) return false;
    i += 3;
    if (i < e && (buf[i] === 46 || buf[i] === 44)) {
      const frac = digitRun(buf, i + 1, e, 9);
      if (frac === 0) return false;
      i += 1 + frac;
    }
  }
  if (i === e) return true;
  if (buf[i] === 90 /* Z */) return i + 1 === e;
  if (buf[i] !== 43 && buf[i] !== 45) return false;
  if (digitRun(buf, i + 1, e, 2) !== 2) return false;
  i += 3;
  if (i < e && buf[i] === 58) i++;
  return digitRun(buf, i, e, 2) === 2 && i + 2 === e;
}

/**
 * Reads an email domain from buf[s] in one pass: labels of letters, digits and inner hyphens,
 * at least two, the last alphabetic and 2+ long. Returns its end, or -1. A trailing '.' or '-'
 * (end of a sentence) is left out.
 */
export function domainEnd(buf: Uint8Array, s: number, e: number): number {
  let labelStart = s;
  let lastDot = -1;
  let tldAlpha = true;
  let j = s;
  for (; j < e; j++) {
    const c = buf[j]!;
    if (c === 46 /* . */) {
      // An empty label or one ending in '-' ends the domain here (".." is no domain at all).
      if (j === labelStart || buf[j - 1] === 45) break;
      lastDot = j;
      labelStart = j + 1;
      tldAlpha = true;
      continue;
    }
    if ((CLS[c]! & 32) /* C_DOMAIN */ === 0) break;
    if (c === 45 /* - */) {
      if (j === labelStart) return -1;
    } else if (c < 65 /* digits */) tldAlpha = false;
    if (j - labelStart >= 63) return -1;
  }
  let end = j;
  // Trailing punctuation is not part of the address.
  while (end > s && (buf[end - 1] === 46 || buf[end - 1] === 45)) end--;
  if (end < j) {
    // Re-read the last label after trimming.
    lastDot = -1;
    for (let k = end - 1; k >= s; k--) {
      if (buf[k] === 46) {
        lastDot = k;
        break;
      }
    }
    tldAlpha = true;
    for (let k = lastDot + 1; k < end; k++) if (buf[k]! < 65) tldAlpha = false;
  }
  if (lastDot < s + 1 || end - lastDot - 1 < 2 || !tldAlpha || end - s > 253) return -1;
  return end;
}
