// Finds PII entities inside one field's bytes. A parser hands over a field only when its cheap
// features (an '@', a ':', enough digits, upper-case letters) make an entity possible; each
// scanner then looks for its shape and confirms it with a validator before it counts.
import { B, F_AT, F_COLON, F_DOT, F_UPPER } from './bytes';
import {
  IBAN_LENGTHS,
  birthDateValid,
  ibanChecksumValid,
  ipv4Valid,
  ipv6Valid,
  luhnValid,
  passportValid,
  readInt,
  ssnPartsValid,
} from './entities';

/** Entity indices used on the hot path; order matches PII_ENTITIES in shared/dataprotection. */
export const E_EMAIL = 0;
export const E_SSN = 1;
export const E_CARD = 2;
export const E_PHONE = 3;
export const E_IP = 4;
export const E_IBAN = 5;
export const E_AWS = 6;
export const E_PASSPORT = 7;
export const E_DOB = 8;
export const ENTITY_COUNT = 9;

/** What a column's name says about its values: enables formats too ambiguous elsewhere. */
export const HINT_SSN = 1;
export const HINT_PHONE = 2;
export const HINT_DOB = 4;
export const HINT_PASSPORT = 8;

/** Reads hints from a header or the last key of a JSON path ("customer.dateOfBirth"). */
export function columnHints(name: string): number {
  const last = name.split('.').pop() ?? name;
  const words = last
    .replace(/\[\]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const compact = words.join('');
  let hints = 0;
  if (words.includes('ssn') || compact.includes('socialsecurity')) hints |= HINT_SSN;
  if (
    compact.includes('phone') ||
    words.some((w) => ['tel', 'telephone', 'mobile', 'cell', 'fax', 'msisdn'].includes(w))
  ) {
    hints |= HINT_PHONE;
  }
  if (words.includes('dob') || compact.includes('birth')) hints |= HINT_DOB;
  if (compact.includes('passport')) hints |= HINT_PASSPORT;
  return hints;
}

export interface MatchSink {
  hit(entity: number, buf: Uint8Array, start: number, end: number): void;
}

/** Groups read into one numeric token at most; a longer run is read as several tokens. */
const MAX_GROUPS = 24;
const NO_MATCH = 0;
const FOUND = 1;
const DECIDED = 2;
const IBAN_UNKNOWN_MAX = 34;

/** IBAN_LENGTHS indexed by the two country letters, 0 where the country is not listed. */
const IBAN_LENGTH_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(26 * 26);
  for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
    t[(country.charCodeAt(0) - B.A) * 26 + (country.charCodeAt(1) - B.A)] = length;
  }
  return t;
})();

// Character classes, one lookup per byte. The scanners below compare against byte values
// written as literals (with the character in a comment): V8 folds literals, not object fields,
// and these loops run for every candidate field of a multi-gigabyte file.
const C_DIGIT = 1;
const C_UPPER = 2;
const C_WORD = 4; // letters, digits, '_' and UTF-8 bytes of other scripts
const C_HEX = 8;
const C_LOCAL = 16; // allowed in an email local part
const C_DOMAIN = 32; // allowed in an email domain
const C_V6 = 64; // hex digit, ':' or '.' (an IPv6 run)
const CLS: Uint8Array = (() => {
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

export class EntityMatcher {
  private readonly claimStart = new Int32Array(64);
  private readonly claimEnd = new Int32Array(64);
  private claims = 0;
  private fieldStart = 0;
  private fieldEnd = 0;
  private covered = false;
  // Numeric token groups, reused for every token.
  private readonly gStart = new Int32Array(MAX_GROUPS);
  private readonly gEnd = new Int32Array(MAX_GROUPS);
  private readonly gSep = new Int32Array(MAX_GROUPS);
  private readonly gParen = new Uint8Array(MAX_GROUPS);
  private readonly wordAt = new Int32Array(MAX_GROUPS + 1);
  private groups = 0;
  private tokenDigits = 0;
  private tokenStart = 0;
  private plus = false;
  private readonly maxBirthYear = new Date().getUTCFullYear();

  constructor(private readonly sink: MatchSink) {}

  /**
   * Scans buf[s, e). `features` and `digits` come from the parser; a caller without them
   * passes ALL_FEATURES and the field length.
   */
  inspect(buf: Uint8Array, s: number, e: number, features: number, digits: number, hints: number): void {
    this.claims = 0;
    this.fieldStart = s;
    this.fieldEnd = e;
    this.covered = false;
    // Once one entity spans the whole field (the usual case in a typed column) nothing else can
    // be in it, so the remaining scanners are skipped.
    if (hints & (HINT_DOB | HINT_PASSPORT)) {
      this.checkCell(buf, s, e, hints);
      if (this.covered) return;
    }
    if (features & F_AT) {
      this.scanEmail(buf, s, e);
      if (this.covered) return;
    } else if (digits >= 8 && e - s <= 35 && isoTimestamp(buf, s, e)) {
      // Timestamps fill many columns of real exports and hold no entity: skip every scanner.
      return;
    }
    if (features & F_UPPER && e - s >= 15) {
      this.scanCapitalTokens(buf, s, e);
      if (this.covered) return;
    }
    if (features & F_COLON) {
      this.scanIpv6(buf, s, e);
      if (this.covered) return;
    }
    if (digits >= 7 || (features & F_DOT && digits >= 4)) this.scanNumeric(buf, s, e, hints);
  }

  private claim(s: number, e: number): void {
    if (this.claims < 64) {
      this.claimStart[this.claims] = s;
      this.claimEnd[this.claims] = e;
      this.claims++;
    }
  }

  private claimed(pos: number): boolean {
    for (let k = 0; k < this.claims; k++) {
      if (pos >= this.claimStart[k]! && pos < this.claimEnd[k]!) return true;
    }
    return false;
  }

  private found(entity: number, buf: Uint8Array, s: number, e: number): void {
    if (s <= this.fieldStart && e >= this.fieldEnd) this.covered = true;
    this.claim(s, e);
    this.sink.hit(entity, buf, s, e);
  }

  private checkCell(buf: Uint8Array, s: number, e: number, hints: number): void {
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    if (e === s) return;
    this.fieldStart = s;
    this.fieldEnd = e;
    if (hints & HINT_DOB && birthDateValid(buf, s, e, this.maxBirthYear)) this.found(E_DOB, buf, s, e);
    else if (hints & HINT_PASSPORT && passportValid(buf, s, e)) this.found(E_PASSPORT, buf, s, e);
  }

  private scanEmail(buf: Uint8Array, s: number, e: number): void {
    const cls = CLS;
    for (let i = s + 1; i < e - 3; i++) {
      if (buf[i] !== 64 /* @ */) continue;
      // Local part, read backwards: letters, digits and . _ % + -, no "..", no dot at either end.
      let a = i;
      let doubleDot = false;
      while (a > s) {
        const c = buf[a - 1]!;
        if ((cls[c]! & 16) /* C_LOCAL */ === 0) break;
        if (c === 46 && buf[a] === 46) doubleDot = true;
        a--;
      }
      if (a === i || doubleDot || buf[a] === 46 || buf[i - 1] === 46 || i - a > 64) continue;
      const b = domainEnd(buf, i + 1, e);
      if (b < 0) continue;
      if (this.claims > 0 && this.claimed(a)) continue;
      this.found(E_EMAIL, buf, a, b);
      i = b;
    }
  }

  /** IBANs and AWS access key ids both start with capitals at a word start: one pass finds both. */
  private scanCapitalTokens(buf: Uint8Array, s: number, e: number): void {
    const cls = CLS;
    for (let i = s; i + 15 <= e; i++) {
      const c0 = buf[i]!;
      if (c0 < 65 || c0 > 90) continue;
      if (i > s && (cls[buf[i - 1]!]! & 4) /* C_WORD */ !== 0) continue;
      const c1 = buf[i + 1]!;
      if (c1 < 65 || c1 > 90) continue;
      const end = c0 === 65 && (c1 === 75 || c1 === 83) /* AK, AS */ ? this.awsKeyAt(buf, i, e) : this.ibanAt(buf, i, e);
      if (end > 0) i = end - 1;
    }
  }

  /** "AKIA" or "ASIA" and 16 capitals or digits, alone as a word. Returns its end or 0. */
  private awsKeyAt(buf: Uint8Array, i: number, e: number): number {
    if (i + 20 > e || buf[i + 2] !== 73 /* I */ || buf[i + 3] !== 65 /* A */) return 0;
    let j = i + 4;
    while (j < i + 20 && (CLS[buf[j]!]! & (C_UPPER | C_DIGIT)) !== 0) j++;
    if (j < i + 20 || (j < e && (CLS[buf[j]!]! & C_WORD) !== 0)) return 0;
    if (this.claimed(i)) return 0;
    this.found(E_AWS, buf, i, j);
    return j;
  }

  /** Country code, check digits, then the country's length in groups of four. Returns end or 0. */
  private ibanAt(buf: Uint8Array, i: number, e: number): number {
    if ((CLS[buf[i + 2]!]! & CLS[buf[i + 3]!]! & C_DIGIT) === 0) return 0;
    const want = IBAN_LENGTH_TABLE[(buf[i]! - 65) * 26 + (buf[i + 1]! - 65)]!;
    const max = want || IBAN_UNKNOWN_MAX;
    // Characters come in groups of four that may be separated by one space each.
    let n = 0;
    let j = i;
    while (j < e && n < max) {
      const c = buf[j]!;
      if ((CLS[c]! & (C_UPPER | C_DIGIT)) !== 0) {
        n++;
        j++;
      } else if (c === 32 && (n & 3) === 0 && j + 1 < e && (CLS[buf[j + 1]!]! & (C_UPPER | C_DIGIT)) !== 0) {
        j++;
      } else break;
    }
    if (want ? n !== want : n < 15) return 0;
    if (j < e && (CLS[buf[j]!]! & C_WORD) !== 0) return 0;
    if (this.claimed(i) || !ibanChecksumValid(buf, i, j)) return 0;
    this.found(E_IBAN, buf, i, j);
    return j;
  }

  /** Finds each ':' and reads the run of hex digits, ':' and '.' around it. */
  private scanIpv6(buf: Uint8Array, s: number, e: number): void {
    let i = s;
    while (i < e) {
      if (buf[i] !== 58 /* : */) {
        i++;
        continue;
      }
      let a = i;
      while (a > s && (CLS[buf[a - 1]!]! & C_V6) !== 0) a--;
      let j = i + 1;
      let colons = 1;
      while (j < e) {
        const d = buf[j]!;
        if ((CLS[d]! & C_V6) === 0) break;
        if (d === 58) colons++;
        j++;
      }
      i = j;
      if (colons < 2) continue;
      if (a > s && (CLS[buf[a - 1]!]! & C_WORD) !== 0) continue;
      if (j < e && (CLS[buf[j]!]! & C_WORD) !== 0) continue;
      let end = j;
      while (end > a && buf[end - 1] === 46 /* . */) end--;
      if (ipv6Valid(buf, a, end) && !this.claimed(a)) this.found(E_IP, buf, a, end);
    }
  }

  /**
   * Runs of digits joined by single separators: cards, SSNs, phones, IPv4 addresses. A token is
   * read whole ("4111 1111 1111 1111", "(212) 555-1234"); when it is not one entity, its
   * space-separated words are tried as shorter spans, longest first from the left, so numbers
   * that merely sit next to each other in text ("(621) 418-6247 315-25-8819") are found apart.
   */
  private scanNumeric(buf: Uint8Array, s: number, e: number, hints: number): void {
    let i = s;
    while (i < e) {
      const c = buf[i]!;
      if (c < 48 || c > 57) {
        // A token may also open with "+" (international) or "(" (area code).
        if ((c !== 43 && c !== 40) || i + 1 >= e || (CLS[buf[i + 1]!]! & C_DIGIT) === 0) {
          i++;
          continue;
        }
      }
      if (i > s) {
        const p = buf[i - 1]!;
        if ((CLS[p]! & C_WORD) !== 0 || p === 64 /* @ */) {
          // Digits glued to letters ("ID123456789", a UUID) are not a number of their own.
          while (i < e && (CLS[buf[i]!]! & C_WORD) !== 0) i++;
          continue;
        }
      }
      const end = this.readNumericToken(buf, i, e);
      if (end < e) {
        const n = buf[end]!;
        if ((CLS[n]! & C_WORD) !== 0 || n === 64) {
          // The last group runs into letters: that group is not a number of its own, the others
          // still are. A token of one group is skipped with its word.
          if (this.groups <= 1) {
            i = end;
            while (i < e && (CLS[buf[i]!]! & C_WORD) !== 0) i++;
            continue;
          }
          this.groups--;
        }
      }
      // Fewer than 7 digits is no phone, card or SSN; a dotted quad can have as few as 4.
      if ((this.tokenDigits >= 7 || this.groups >= 4) && !(this.claims > 0 && this.claimed(i))) {
        if (afterIbanHead(buf, s, i)) {
          // "DE88 3704 0044 ...": the groups of an IBAN whose checksum failed are no card number.
          i = end;
          continue;
        }
        this.classifySpans(buf, s, hints);
      }
      i = end;
    }
  }

  private readNumericToken(buf: Uint8Array, start: number, e: number): number {
    const gStart = this.gStart;
    const gEnd = this.gEnd;
    const gSep = this.gSep;
    const gParen = this.gParen;
    let n = 0;
    let j = start;
    let sep = 0;
    let digits = 0;
    const plus = buf[j] === 43; // '+'
    if (plus) j++;
    for (;;) {
      let paren = false;
      if (buf[j] === 40 /* ( */) {
        paren = true;
        j++;
      }
      const gs = j;
      while (j < e) {
        const c = buf[j]!;
        if (c < 48 || c > 57) break;
        j++;
      }
      const ge = j;
      if (paren) {
        if (j < e && buf[j] === 41 /* ) */ && ge > gs) j++;
        else {
          // "(" without its ")": the token ends before the "(".
          j = gs - 1;
          break;
        }
      }
      gStart[n] = gs;
      gEnd[n] = ge;
      gSep[n] = sep;
      gParen[n] = paren ? 1 : 0;
      digits += ge - gs;
      n++;
      if (j >= e || n === MAX_GROUPS) break;
      const c = buf[j]!;
      if (c === 32 || c === 45 || c === 46) {
        // ' ', '-', '.' join groups when a digit (or "(digit") follows.
        const next = j + 1 < e ? buf[j + 1]! : 0;
        if ((next >= 48 && next <= 57) || (next === 40 && j + 2 < e && (CLS[buf[j + 2]!]! & C_DIGIT) !== 0)) {
          sep = c;
          j++;
          continue;
        }
        break;
      }
      if (paren && c >= 48 && c <= 57) {
        sep = 41; // "(212)555-1234": the ")" is the separator
        continue;
      }
      break;
    }
    this.groups = n;
    this.tokenDigits = digits;
    this.plus = plus;
    this.tokenStart = start;
    return n === 0 ? start + 1 : j;
  }

  /** Tries the token whole, then spans of its space-separated words, longest first. */
  private classifySpans(buf: Uint8Array, fieldStart: number, hints: number): void {
    const n = this.groups;
    if (this.classifyGroups(buf, 0, n, fieldStart, hints) !== NO_MATCH) return;
    // Word w starts at group wordAt[w]: a new word begins after each space separator.
    const wordAt = this.wordAt;
    let words = 0;
    for (let k = 0; k < n; k++) if (k === 0 || this.gSep[k] === 32) wordAt[words++] = k;
    if (words < 2) return;
    wordAt[words] = n;
    let a = 0;
    while (a < words) {
      let next = a + 1;
      for (let b = Math.min(words - 1, a + 5); b >= a; b--) {
        if (a === 0 && b === words - 1) continue; // the whole token was tried
        const ga = wordAt[a]!;
        const gb = wordAt[b + 1]!;
        // Across several words, a span next to a bare short number ("123 4111 1111 1111 1111")
        // is ambiguous: refuse it rather than guess where the number starts.
        if (b > a && (this.bareShortWord(a - 1) || this.bareShortWord(b + 1, words))) continue;
        const r = this.classifyGroups(buf, ga, gb, fieldStart, hints);
        if (r !== NO_MATCH) {
          next = b + 1;
          break;
        }
      }
      a = next;
    }
  }

  /** Word w is a single group of at most four digits (no separator inside). */
  private bareShortWord(w: number, words = Number.MAX_SAFE_INTEGER): boolean {
    if (w < 0 || w >= words) return false;
    const ga = this.wordAt[w]!;
    const gb = this.wordAt[w + 1]!;
    return gb - ga === 1 && this.gEnd[ga]! - this.gStart[ga]! <= 4 && this.gParen[ga] === 0;
  }

  /**
   * Classifies groups [ga, gb) of the current token. Returns FOUND, DECIDED (a shape that is an
   * entity's or nothing: an invalid SSN or IPv4 is not retried as a phone) or NO_MATCH.
   */
  private classifyGroups(buf: Uint8Array, ga: number, gb: number, fieldStart: number, hints: number): number {
    const gStart = this.gStart;
    const gEnd = this.gEnd;
    const gSep = this.gSep;
    const n = gb - ga;
    let digits = 0;
    let anyParen = false;
    for (let k = ga; k < gb; k++) {
      digits += gEnd[k]! - gStart[k]!;
      if (this.gParen[k] === 1) anyParen = true;
    }
    if (digits < 7 && !(n === 4 && digits >= 4)) return NO_MATCH;
    const plus = ga === 0 && this.plus;
    const start = ga === 0 ? this.tokenStart : this.gParen[ga] === 1 ? gStart[ga]! - 1 : gStart[ga]!;
    const end = this.gParen[gb - 1] === 1 ? gEnd[gb - 1]! + 1 : gEnd[gb - 1]!;
    // One separator kind throughout (the "(212)" form is handled with phones).
    const sep = n > 1 ? gSep[ga + 1]! : 0;
    let sameSep = true;
    for (let k = ga + 2; k < gb; k++) if (gSep[k] !== sep) sameSep = false;
    const plain = !plus && !anyParen;
    const first = gStart[ga]!;
    const len0 = gEnd[ga]! - first;

    if (n === 4 && plain && sameSep && sep === 46) {
      if (len0 > 3 || gEnd[ga + 1]! - gStart[ga + 1]! > 3 || gEnd[ga + 2]! - gStart[ga + 2]! > 3 || gEnd[ga + 3]! - gStart[ga + 3]! > 3) {
        return NO_MATCH;
      }
      // A dotted quad is an address or nothing; after ':' it is the tail of an IPv6 address.
      const afterColon = start > fieldStart && buf[start - 1] === 58;
      if (!afterColon && ipv4Valid(buf, start, end)) {
        this.found(E_IP, buf, start, end);
        return FOUND;
      }
      return DECIDED;
    }
    if (plain && digits >= 13 && digits <= 19 && (n === 1 || (sameSep && (sep === 32 || sep === 45) && n <= 5))) {
      if (luhnValid(buf, start, end)) {
        this.found(E_CARD, buf, start, end);
        return FOUND;
      }
    }
    const ssnShape =
      n === 3 && sameSep && sep !== 41 && len0 === 3 && gEnd[ga + 1]! - gStart[ga + 1]! === 2 && gEnd[ga + 2]! - gStart[ga + 2]! === 4;
    if (plain && (ssnShape || (n === 1 && digits === 9 && (hints & HINT_SSN) !== 0))) {
      const area = readInt(buf, first, first + 3);
      const groupStart = ssnShape ? gStart[ga + 1]! : first + 3;
      const group = readInt(buf, groupStart, groupStart + 2);
      const serialStart = ssnShape ? gStart[ga + 2]! : first + 5;
      const serial = readInt(buf, serialStart, serialStart + 4);
      if (ssnPartsValid(area, group, serial)) {
        this.found(E_SSN, buf, start, end);
        return FOUND;
      }
      return DECIDED;
    }
    if (this.isPhone(buf, ga, gb, digits, sameSep, plus, anyParen, hints)) {
      this.found(E_PHONE, buf, start, end);
      return FOUND;
    }
    return NO_MATCH;
  }

  private isPhone(
    buf: Uint8Array,
    ga: number,
    gb: number,
    digits: number,
    sameSep: boolean,
    plus: boolean,
    anyParen: boolean,
    hints: number,
  ): boolean {
    const gStart = this.gStart;
    const gEnd = this.gEnd;
    const n = gb - ga;
    const first = gStart[ga]!;
    const d0 = buf[first]!;
    const len = (k: number): number => gEnd[ga + k]! - gStart[ga + k]!;
    if (plus) {
      // E.164 and international formats: country code 1-9, 8 to 15 digits in all.
      return digits >= 8 && digits <= 15 && d0 !== 48;
    }
    // North American numbering plan, optionally after a trunk "1": area and exchange start 2-9.
    const k0 = n === 4 && len(0) === 1 && d0 === 49 ? 1 : 0;
    if (n - k0 === 3 && len(k0) === 3 && len(k0 + 1) === 3 && len(k0 + 2) === 4) {
      const areaOk = buf[gStart[ga + k0]!]! >= 50;
      const exchangeOk = buf[gStart[ga + k0 + 1]!]! >= 50;
      return areaOk && exchangeOk && (anyParen || sameSep);
    }
    if (anyParen) return false;
    if (n === 1) {
      // A bare run of digits is a phone number only in a column named for one.
      if ((hints & HINT_PHONE) === 0) return false;
      if (digits === 10 && d0 >= 50 && buf[first + 3]! >= 50) return true;
      if (digits === 11 && d0 === 49 && buf[first + 1]! >= 50 && buf[first + 4]! >= 50) return true;
      return (digits === 10 || digits === 11) && d0 === 48 && buf[first + 1] !== 48;
    }
    if (!sameSep) return false;
    // "00" international prefix: 0044 20 7946 0958.
    if (len(0) >= 2 && d0 === 48 && buf[first + 1] === 48) {
      return buf[first + 2] !== 48 && digits - 2 >= 8 && digits - 2 <= 15;
    }
    // European national formats: trunk 0 and an area code, 10 or 11 digits (020 7946 0958).
    if (d0 === 48 && len(0) >= 2 && len(0) <= 5 && digits >= 10 && digits <= 11) {
      for (let k = 0; k < n; k++) if (len(k) < 2) return false;
      return true;
    }
    return false;
  }
}

/** buf[i] follows "CCdd " (two capitals, two digits, a space) standing at a word start. */
function afterIbanHead(buf: Uint8Array, s: number, i: number): boolean {
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
function domainEnd(buf: Uint8Array, s: number, e: number): number {
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
