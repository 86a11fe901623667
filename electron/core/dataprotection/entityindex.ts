// Small integer names for entities and column hints, used on the hot path instead of strings.
// The entity order matches PII_ENTITIES in shared/dataprotection.
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
