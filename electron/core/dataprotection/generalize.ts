// Coarsening of single values, shared by masking rules and k-anonymity suggestions: numbers into
// ranges, dates to month or year, postcodes truncated. A value the rule cannot read returns null
// and the caller writes "*" (it is not kept as it was: that would leak exactly the odd values).
import type { Generalization } from '../../../shared/dataprotection';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!NUMBER.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Rounds away binary noise (0.1 + 0.2) so range bounds print as people write them. */
function tidy(v: number): string {
  return String(Number(v.toPrecision(12)));
}

export function numberRange(v: number, width: number): string {
  const lo = Math.floor(v / width) * width;
  if (Number.isInteger(width) && Number.isInteger(v)) return `${tidy(lo)}-${tidy(lo + width - 1)}`;
  return `[${tidy(lo)},${tidy(lo + width)})`;
}

export interface YearMonth {
  year: number;
  month: number;
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/;
const DMY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?: .*)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Reads the year and month of a date: YYYY-MM-DD (also / or ., with a time), DD.MM.YYYY,
 * DD-MM-YYYY, MM/DD/YYYY (US order unless the first number is over 12), YYYYMMDD.
 */
export function parseYearMonth(text: string): YearMonth | null {
  const t = text.trim();
  let year: number;
  let month: number;
  let day: number;
  let m = ISO.exec(t) ?? COMPACT.exec(t);
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else {
    m = DMY.exec(t);
    if (!m) return null;
    const a = Number(m[1]);
    const b = Number(m[3]);
    year = Number(m[4]);
    const usOrder = m[2] === '/' && a <= 12;
    month = usOrder ? a : b;
    day = usOrder ? b : a;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1) return null;
  return { year, month };
}

export function truncatePostcode(text: string, keep: number): string | null {
  const t = text.trim();
  if (t === '' || !/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u.test(t)) return null;
  let kept = 0;
  let out = '';
  for (const ch of t) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      out += kept < keep ? ch : '*';
      kept++;
    } else out += ch;
  }
  return out;
}

/** The generalized form of `value`, or null when the value is not of the rule's kind. */
export function generalizeValue(value: string, rule: Generalization): string | null {
  switch (rule.kind) {
    case 'numberRange': {
      const v = parseNumber(value);
      return v === null ? null : numberRange(v, rule.width);
    }
    case 'date': {
      const d = parseYearMonth(value);
      if (!d) return null;
      return rule.precision === 'year' ? String(d.year) : `${d.year}-${String(d.month).padStart(2, '0')}`;
    }
    case 'postcode':
      return truncatePostcode(value, rule.keep);
  }
}
