// Finds PII entities inside one field's bytes. A parser hands over a field only when its cheap
// features (an '@', a ':', enough digits, upper-case letters) make an entity possible; each
// scanner then looks for its shape and confirms it with a validator before it counts.
import { B, F_AT, F_COLON, F_DOT, F_UPPER } from './bytes';
import { C_DIGIT, C_UPPER, C_V6, C_WORD, CLS, domainEnd, isoTimestamp } from './charclass';
import { IBAN_LENGTHS, birthDateValid, ipv6Valid, passportValid } from './entities';
import { E_AWS, E_DOB, E_EMAIL, E_IBAN, E_IP, E_PASSPORT, HINT_DOB, HINT_PASSPORT } from './entityindex';
import { NumericScanner } from './numeric';

export * from './entityindex';
export { isoTimestamp } from './charclass';

export interface MatchSink {
  hit(entity: number, buf: Uint8Array, start: number, end: number): void;
}

const IBAN_UNKNOWN_MAX = 34;

/** IBAN_LENGTHS indexed by the two country letters, 0 where the country is not listed. */
const IBAN_LENGTH_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(26 * 26);
  for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
    t[(country.charCodeAt(0) - B.A) * 26 + (country.charCodeAt(1) - B.A)] = length;
  }
  return t;
})();

export class EntityMatcher {
  private readonly claimStart = new Int32Array(64);
  private readonly claimEnd = new Int32Array(64);
  /** Ranges already matched in the current field; scanners skip positions inside them. */
  claims = 0;
  private fieldStart = 0;
  private fieldEnd = 0;
  private covered = false;
  private readonly numeric = new NumericScanner(this);
  private readonly maxBirthYear = new Date().getUTCFullYear();
  /**
   * Where the next field's rare bytes lie, when the parser noted them while reading it (text
   * lines are long, and these bytes few in them): the first and last '@', the first and last ':',
   * and the first and last start of two capitals in a row (-1: none). Used by the next `inspect` only.
   * The email, IPv6 and IBAN/AWS scanners then read only between them.
   */
  private atFrom = -1;
  private atTo = -1;
  private colonFrom = -1;
  private colonTo = -1;
  private capsFrom = -1;
  private capsTo = -1;
  private landmarked = false;

  landmarks(atFrom: number, atTo: number, colonFrom: number, colonTo: number, capsFrom: number, capsTo: number): void {
    this.atFrom = atFrom;
    this.atTo = atTo;
    this.colonFrom = colonFrom;
    this.colonTo = colonTo;
    this.capsFrom = capsFrom;
    this.capsTo = capsTo;
    this.landmarked = true;
  }

  constructor(private readonly sink: MatchSink) {}

  /**
   * Scans buf[s, e). `features` and `digits` come from the parser; a caller without them
   * passes ALL_FEATURES and the field length.
   */
  inspect(buf: Uint8Array, s: number, e: number, features: number, digits: number, hints: number): void {
    // Without landmarks every scanner reads the whole field.
    const known = this.landmarked;
    const atFrom = known && this.atFrom >= s ? this.atFrom : s;
    const atTo = known ? this.atTo : e;
    const colonFrom = known && this.colonFrom >= s ? this.colonFrom : s;
    const colonTo = known ? this.colonTo : e;
    const capsFrom = known && this.capsFrom >= s ? this.capsFrom : s;
    const capsTo = known ? this.capsTo : e;
    this.landmarked = false;
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
      this.scanEmail(buf, s, e, atFrom, atTo);
      if (this.covered) return;
    } else if (digits >= 8 && e - s <= 35 && isoTimestamp(buf, s, e)) {
      // Timestamps fill many columns of real exports and hold no entity: skip every scanner.
      return;
    }
    if (features & F_UPPER && e - s >= 15) {
      this.scanCapitalTokens(buf, s, e, capsFrom, capsTo);
      if (this.covered) return;
    }
    if (features & F_COLON) {
      this.scanIpv6(buf, s, e, colonFrom, colonTo);
      if (this.covered) return;
    }
    if (digits >= 7 || (features & F_DOT && digits >= 4)) this.numeric.scan(buf, s, e, hints);
  }

  private claim(s: number, e: number): void {
    if (this.claims < 64) {
      this.claimStart[this.claims] = s;
      this.claimEnd[this.claims] = e;
      this.claims++;
    }
  }

  claimed(pos: number): boolean {
    for (let k = 0; k < this.claims; k++) {
      if (pos >= this.claimStart[k]! && pos < this.claimEnd[k]!) return true;
    }
    return false;
  }

  found(entity: number, buf: Uint8Array, s: number, e: number): void {
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

  /** No '@' lies in buf[s, from) nor after `to`. */
  private scanEmail(buf: Uint8Array, s: number, e: number, from: number, to: number): void {
    const cls = CLS;
    for (let i = from > s ? from : s + 1; i < e - 3 && i <= to; i++) {
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
  private scanCapitalTokens(buf: Uint8Array, s: number, e: number, from: number, to: number): void {
    // No two capitals in a row start in buf[s, from) nor after `to`.
    const cls = CLS;
    for (let i = from; i + 15 <= e && i <= to; i++) {
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

  /**
   * Country code, check digits, then the country's length in groups of four. The ISO 7064
   * mod 97-10 check is computed while reading (the first four characters are folded in last, as
   * the standard moves them to the end). Returns the end, or 0.
   */
  private ibanAt(buf: Uint8Array, i: number, e: number): number {
    if ((CLS[buf[i + 2]!]! & CLS[buf[i + 3]!]! & C_DIGIT) === 0) return 0;
    const want = IBAN_LENGTH_TABLE[(buf[i]! - 65) * 26 + (buf[i + 1]! - 65)]!;
    const max = want || IBAN_UNKNOWN_MAX;
    let n = 0;
    let j = i;
    let rem = 0;
    let part = 0;
    let scale = 1;
    while (j < e && n < max) {
      const c = buf[j]!;
      if ((CLS[c]! & (C_UPPER | C_DIGIT)) !== 0) {
        n++;
        j++;
        if (n <= 4) continue;
        // Digits count as themselves, letters as 10-35; remainders stay small integers.
        if (c <= 57) {
          part = part * 10 + (c - 48);
          scale *= 10;
        } else {
          part = part * 100 + (c - 55);
          scale *= 100;
        }
        if (scale >= 100000) {
          rem = (rem * scale + part) % 97;
          part = 0;
          scale = 1;
        }
      } else if (c === 32 && (n & 3) === 0 && n > 0 && j + 1 < e && (CLS[buf[j + 1]!]! & (C_UPPER | C_DIGIT)) !== 0) {
        // Groups of four may be separated by one space each.
        j++;
      } else break;
    }
    if (want ? n !== want : n < 15) return 0;
    if (j < e && (CLS[buf[j]!]! & C_WORD) !== 0) return 0;
    rem = (rem * scale + part) % 97;
    // The head: two letters (country) and two digits (check).
    rem = (rem * 100 + (buf[i]! - 55)) % 97;
    rem = (rem * 100 + (buf[i + 1]! - 55)) % 97;
    rem = (rem * 100 + (buf[i + 2]! - 48) * 10 + (buf[i + 3]! - 48)) % 97;
    if (rem !== 1 || this.claimed(i)) return 0;
    this.found(E_IBAN, buf, i, j);
    return j;
  }

  /** Finds each ':' and reads the run of hex digits, ':' and '.' around it. */
  private scanIpv6(buf: Uint8Array, s: number, e: number, from: number, to: number): void {
    // No ':' lies in buf[s, from) nor after `to`.
    let i = from;
    while (i < e && i <= to) {
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

}
