// Byte classes shared by the parsers and the entity scanners. The scan works on raw UTF-8 bytes
// (every entity we look for is ASCII), so one table lookup per byte decides what a byte means.

export const B = {
  NUL: 0,
  TAB: 9,
  LF: 10,
  CR: 13,
  SPACE: 32,
  QUOTE: 34,
  HASH: 35,
  PERCENT: 37,
  LPAREN: 40,
  RPAREN: 41,
  PLUS: 43,
  COMMA: 44,
  HYPHEN: 45,
  DOT: 46,
  SLASH: 47,
  D0: 48,
  D1: 49,
  D9: 57,
  COLON: 58,
  AT: 64,
  A: 65,
  I: 73,
  K: 75,
  S: 83,
  T: 84,
  Z: 90,
  LBRACKET: 91,
  BACKSLASH: 92,
  RBRACKET: 93,
  UNDERSCORE: 95,
  a: 97,
  z: 122,
  LBRACE: 123,
  RBRACE: 125,
} as const;

/** Feature bits the parsers OR together per field; they decide which scanners a field needs. */
export const F_DIGIT = 1;
export const F_AT = 2;
export const F_COLON = 4;
export const F_DOT = 8;
export const F_UPPER = 16;
export const F_PLUS = 32;
/** Not a feature: the byte ends or escapes a field (delimiter, quote, line end, NUL). */
export const F_STRUCT = 128;

/** Feature bits of each byte, without F_STRUCT; parsers copy it and add their own structure. */
export function featureTable(): Uint8Array {
  const t = new Uint8Array(256);
  for (let c = B.D0; c <= B.D9; c++) t[c] = F_DIGIT;
  for (let c = B.A; c <= B.Z; c++) t[c] = F_UPPER;
  t[B.AT] = F_AT;
  t[B.COLON] = F_COLON;
  t[B.DOT] = F_DOT;
  t[B.PLUS] = F_PLUS;
  return t;
}

/** 1 for ASCII digits: parsers add it per byte to count a field's digits. */
export const DIGIT_COUNT: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let c = B.D0; c <= B.D9; c++) t[c] = 1;
  return t;
})();

const WORD: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let c = B.D0; c <= B.D9; c++) t[c] = 1;
  for (let c = B.A; c <= B.Z; c++) t[c] = 1;
  for (let c = B.a; c <= B.z; c++) t[c] = 1;
  t[B.UNDERSCORE] = 1;
  // Bytes of multi-byte UTF-8 characters are letters of some script: "José1234567890" is one word.
  for (let c = 0x80; c < 0x100; c++) t[c] = 1;
  return t;
})();

const HEX: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let c = B.D0; c <= B.D9; c++) t[c] = 1;
  for (let c = B.A; c <= 70; c++) t[c] = 1;
  for (let c = B.a; c <= 102; c++) t[c] = 1;
  return t;
})();

export const isDigit = (c: number): boolean => c >= B.D0 && c <= B.D9;
export const isUpper = (c: number): boolean => c >= B.A && c <= B.Z;
export const isUpperOrDigit = (c: number): boolean => (c >= B.A && c <= B.Z) || (c >= B.D0 && c <= B.D9);
export const isWord = (c: number): boolean => WORD[c] === 1;
export const isHex = (c: number): boolean => HEX[c] === 1;
export const isAlpha = (c: number): boolean => (c >= B.A && c <= B.Z) || (c >= B.a && c <= B.z);

/**
 * The line of the first NUL byte in the first 8 KB, or 0. Text never holds NUL; checking the head
 * of a file first names a binary file as such instead of as malformed CSV or JSON.
 */
export function binaryHeadLine(buf: Uint8Array, end: number): number {
  const stop = Math.min(end, 8192);
  const nul = buf.subarray(0, stop).indexOf(0);
  if (nul < 0) return 0;
  let line = 1;
  for (let i = 0; i < nul; i++) if (buf[i] === 10) line++;
  return line;
}
