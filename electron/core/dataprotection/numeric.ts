// Numbers in a field: runs of digits joined by single separators, read as one token and
// classified as a card (Luhn), an SSN (SSA ranges), a phone number (E.164, NANP, European
// national formats) or an IPv4 address, or as nothing.
import { C_DIGIT, C_WORD, CLS, afterIbanHead } from './charclass';
import { ipv4Valid, luhnValid, readInt, ssnPartsValid } from './entities';
import { E_CARD, E_IP, E_PHONE, E_SSN, HINT_PHONE, HINT_SSN } from './entityindex';

/** What the numeric scanner needs from the matcher: reporting a hit, and the ranges taken. */
export interface ClaimOwner {
  readonly claims: number;
  claimed(pos: number): boolean;
  found(entity: number, buf: Uint8Array, s: number, e: number): void;
}

/** Groups read into one numeric token at most; a longer run is read as several tokens. */
const MAX_GROUPS = 24;
/** The most digits any numeric entity has: a card number (19). */
const MAX_ENTITY_DIGITS = 19;
const NO_MATCH = 0;
const FOUND = 1;
const DECIDED = 2;

export class NumericScanner {
  private readonly gStart = new Int32Array(MAX_GROUPS);
  private readonly gEnd = new Int32Array(MAX_GROUPS);
  private readonly gSep = new Int32Array(MAX_GROUPS);
  private readonly gParen = new Uint8Array(MAX_GROUPS);
  private readonly wordAt = new Int32Array(MAX_GROUPS + 1);
  /** Digits and parenthesised groups before group k: a span's totals in two subtractions, however many spans are tried. */
  private readonly digitsBefore = new Int32Array(MAX_GROUPS + 1);
  private readonly parensBefore = new Int32Array(MAX_GROUPS + 1);
  private groups = 0;
  private tokenDigits = 0;
  private tokenStart = 0;
  private plus = false;

  constructor(private readonly owner: ClaimOwner) {}

  /**
   * Runs of digits joined by single separators: cards, SSNs, phones, IPv4 addresses. A token is
   * read whole ("4111 1111 1111 1111", "(212) 555-1234"); when it is not one entity, its
   * space-separated words are tried as shorter spans, longest first from the left, so numbers
   * that merely sit next to each other in text ("(621) 418-6247 315-25-8819") are found apart.
   */
  scan(buf: Uint8Array, s: number, e: number, hints: number): void {
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
          i++;
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
      if ((this.tokenDigits >= 7 || this.groups >= 4) && !(this.owner.claims > 0 && this.owner.claimed(i))) {
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
    const digitsBefore = this.digitsBefore;
    const parensBefore = this.parensBefore;
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
      digitsBefore[n + 1] = digits;
      parensBefore[n + 1] = parensBefore[n]! + (paren ? 1 : 0);
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
    const digits = this.digitsBefore[gb]! - this.digitsBefore[ga]!;
    if (digits < 7 && !(n === 4 && digits >= 4)) return NO_MATCH;
    // Every entity below has at most 19 digits (a card): longer spans of a run of numbers in
    // text ("555-1234 123-45-6789 1990-01-02 ...") are refused before their shape is read.
    if (digits > MAX_ENTITY_DIGITS) return NO_MATCH;
    const anyParen = this.parensBefore[gb]! - this.parensBefore[ga]! > 0;
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
        this.owner.found(E_IP, buf, start, end);
        return FOUND;
      }
      return DECIDED;
    }
    if (plain && digits >= 13 && digits <= 19 && (n === 1 || (sameSep && (sep === 32 || sep === 45) && n <= 5))) {
      if (luhnValid(buf, start, end)) {
        this.owner.found(E_CARD, buf, start, end);
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
        this.owner.found(E_SSN, buf, start, end);
        return FOUND;
      }
      return DECIDED;
    }
    if (this.isPhone(buf, ga, gb, digits, sameSep, plus, anyParen, hints)) {
      this.owner.found(E_PHONE, buf, start, end);
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
    // No closures here: tsx/esbuild wrap every inner function in a naming helper, which costs
    // more than the whole check on this path.
    const gStart = this.gStart;
    const gEnd = this.gEnd;
    const n = gb - ga;
    const first = gStart[ga]!;
    const d0 = buf[first]!;
    const len0 = gEnd[ga]! - first;
    if (plus) {
      // E.164 and international formats: country code 1-9, 8 to 15 digits in all.
      return digits >= 8 && digits <= 15 && d0 !== 48;
    }
    // North American numbering plan, optionally after a trunk "1": area and exchange start 2-9.
    const k0 = n === 4 && len0 === 1 && d0 === 49 ? ga + 1 : ga;
    if (
      gb - k0 === 3 &&
      gEnd[k0]! - gStart[k0]! === 3 &&
      gEnd[k0 + 1]! - gStart[k0 + 1]! === 3 &&
      gEnd[k0 + 2]! - gStart[k0 + 2]! === 4
    ) {
      const areaOk = buf[gStart[k0]!]! >= 50;
      const exchangeOk = buf[gStart[k0 + 1]!]! >= 50;
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
    if (len0 >= 2 && d0 === 48 && buf[first + 1] === 48) {
      return buf[first + 2] !== 48 && digits - 2 >= 8 && digits - 2 <= 15;
    }
    // European national formats: trunk 0 and an area code, 10 or 11 digits (020 7946 0958).
    if (d0 === 48 && len0 >= 2 && len0 <= 5 && digits >= 10 && digits <= 11) {
      for (let k = ga; k < gb; k++) if (gEnd[k]! - gStart[k]! < 2) return false;
      return true;
    }
    return false;
  }
}
