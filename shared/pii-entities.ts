// The PII entity names, without zod: the scan's worker threads need the list and nothing else of
// the contract (dataprotection.ts re-exports it), so a worker starts without building schemas.

/** Entity names follow Microsoft Presidio so findings read the same as in other tools. */
export const PII_ENTITIES = [
  'EMAIL_ADDRESS',
  'US_SSN',
  'CREDIT_CARD',
  'PHONE_NUMBER',
  'IP_ADDRESS',
  'IBAN_CODE',
  'AWS_ACCESS_KEY',
  'US_PASSPORT',
  'DATE_OF_BIRTH',
] as const;
