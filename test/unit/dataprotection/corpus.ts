// A customer table full of look-alikes: per column, values that are real identifiers and values
// that only resemble one. The scan must count exactly the first list of each column.
import type { PiiEntity } from '../../../shared/dataprotection';

export interface ColumnFixture {
  column: string;
  entity: PiiEntity | null;
  valid: string[];
  lookalikes: string[];
}

export const COLUMNS: ColumnFixture[] = [
  {
    column: 'email',
    entity: 'EMAIL_ADDRESS',
    valid: ['ann@example.com', 'bob.smith+tag@mail.example.co.uk', 'x_y@sub-domain.example.org'],
    lookalikes: ['bob@@example.com', 'user@localhost', 'user@example.c', '@example.com', 'user.@example.com', 'user@-bad.example.com', 'user@example..com'],
  },
  {
    column: 'ssn',
    entity: 'US_SSN',
    valid: ['123-45-6789', '219-09-9999', '536 80 4398'],
    lookalikes: ['000-12-3456', '666-12-3456', '900-12-3456', '999-99-9999', '123-00-4567', '123-45-0000', '12-345-6789'],
  },
  {
    column: 'card',
    entity: 'CREDIT_CARD',
    valid: ['4111111111111111', '5500 0000 0000 0004', '3782-822463-10005', '6011000990139424', '4222222222222'],
    // The 20-digit look-alikes hold a valid card in their first 16 digits: still not a card.
    lookalikes: ['4111111111111112', '5500 0000 0000 0005', '123456789012', '41111111111111112222', '4111 1111 1111 1111 2222', '4111 1111 1111', '378282246310006'],
  },
  {
    column: 'phone',
    entity: 'PHONE_NUMBER',
    // A bare run of ten digits counts here only because the column is named for phones.
    valid: ['(212) 555-1234', '+1 415 555 2671', '+14155552671', '+44 20 7946 0958', '020 7946 0958', '+49 30 12345678', '212.555.1234', '1-800-555-0199', '2125551234'],
    lookalikes: ['555-1234', '(012) 555-1234', '123-456-7890', '+0 123 456 789', '1125551234'],
  },
  {
    column: 'ip',
    entity: 'IP_ADDRESS',
    valid: ['192.168.1.10', '8.8.8.8', '2001:db8::1', 'fe80::1ff:fe23:4567:890a', '::ffff:192.0.2.128'],
    lookalikes: ['256.1.1.1', '1.2.3', '192.168.01.1', '1.2.3.4.5', '12:30:45', '2001:db8:::1', '1::2::3', '00:1A:2B:3C:4D:5E'],
  },
  {
    column: 'iban',
    entity: 'IBAN_CODE',
    valid: ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'NL91ABNA0417164300', 'FR1420041010050500013M02606'],
    lookalikes: ['DE88 3704 0044 0532 0130 00', 'GB82WEST1234569876543', 'NL91ABNA0417164301', 'DE89370400440532013000123'],
  },
  {
    column: 'aws_key',
    entity: 'AWS_ACCESS_KEY',
    valid: ['AKIAIOSFODNN7EXAMPLE', 'ASIAY34FZKBOKMUTVV7A'],
    lookalikes: ['AKIAIOSFODNN7EXAMPL', 'AKIAIOSFODNN7EXAMPLE1', 'AKIDIOSFODNN7EXAMPLE', 'akiaiosfodnn7example'],
  },
  {
    column: 'passport_number',
    entity: 'US_PASSPORT',
    valid: ['340020013', 'C03005988'],
    lookalikes: ['34002001', '3400200134', 'AB1234567', 'C0300598'],
  },
  {
    column: 'date_of_birth',
    entity: 'DATE_OF_BIRTH',
    valid: ['1985-03-14', '14/03/1985', '03/14/1985', '14.03.1985', '19850314'],
    lookalikes: ['1985-02-30', '1985-13-01', '31/31/1985', 'not a date', '2999-01-01'],
  },
  {
    // Numbers that are no one's identifier: a 9-digit order id, amounts, a timestamp.
    column: 'order_ref',
    entity: null,
    valid: [],
    lookalikes: ['123456789', '2125551234', '4111.11', '2024-03-01T10:00:00Z', '2024-03-01 10:00:00+01:00', 'ORD-000123456'],
  },
];

/** Free text: entities inside sentences. The expected counts are written out by hand. */
export const NOTES = [
  'Call (212) 555-1234 or mail ann@example.com',
  'Card 4111 1111 1111 1111 expired, replaced by 4111 1111 1111 1112',
  'Order 123456789012 shipped 2024-03-01T10:00:00Z',
  'Server 10.0.0.1 is up, 256.1.1.1 is not an address',
  'release v1.2.3.4 and 1.2.3.4.5 are versions',
  'Rotated AKIAIOSFODNN7EXAMPLE; AKIAIOSFODNN7EXAMPL was a typo',
  'Wire to DE89 3704 0044 0532 0130 00 today',
  '',
];
export const NOTES_EXPECTED: Partial<Record<PiiEntity, number>> = {
  PHONE_NUMBER: 1,
  EMAIL_ADDRESS: 1,
  CREDIT_CARD: 1,
  IP_ADDRESS: 1,
  AWS_ACCESS_KEY: 1,
  IBAN_CODE: 1,
};

function csvCell(v: string, delimiter: string): string {
  return v.includes(delimiter) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The corpus as a CSV (or TSV) table: one fixture per column, values padded with empty cells. */
export function corpusTable(delimiter = ','): { text: string; rows: number } {
  const cols = [...COLUMNS.map((c) => ({ name: c.column, values: [...c.valid, ...c.lookalikes] })), { name: 'notes', values: NOTES }];
  const rows = Math.max(...cols.map((c) => c.values.length));
  const lines = [cols.map((c) => c.name).join(delimiter)];
  for (let r = 0; r < rows; r++) {
    // Interleave so valid values are not all at the top: rotate each column by its index.
    lines.push(cols.map((c, ci) => csvCell(c.values[(r + ci) % rows] ?? '', delimiter)).join(delimiter));
  }
  return { text: `${lines.join('\r\n')}\r\n`, rows };
}

/** Every raw value of the corpus that is a real identifier: samples must contain none of them. */
export const RAW_VALUES: string[] = COLUMNS.flatMap((c) => c.valid);

/** Expected findings as "column|entity" -> count. */
export function expectedFindings(): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of COLUMNS) if (c.entity && c.valid.length) m.set(`${c.column}|${c.entity}`, c.valid.length);
  for (const [entity, n] of Object.entries(NOTES_EXPECTED)) m.set(`notes|${entity}`, n);
  return m;
}
