import { describe, expect, it } from 'vitest';
import {
  birthDateValid,
  ibanChecksumValid,
  ipv4Valid,
  ipv6Valid,
  luhnValid,
  passportValid,
  ssnPartsValid,
} from '../../../electron/core/dataprotection/entities';
import { columnHints, HINT_DOB, HINT_PASSPORT, HINT_PHONE, HINT_SSN, isoTimestamp } from '../../../electron/core/dataprotection/matcher';
import { maskSample } from '../../../electron/core/dataprotection/samples';
import { ibanOk, luhn } from './helpers';

const on = (fn: (b: Uint8Array, s: number, e: number) => boolean) => (text: string): boolean => {
  // Padding around the value proves validators respect the range they are given.
  const b = Buffer.from(`##${text}##`);
  return fn(b, 2, b.length - 2);
};

describe('validators', () => {
  it('Luhn agrees with an independent implementation on 2,000 generated numbers', () => {
    let seed = 7;
    for (let n = 0; n < 2000; n++) {
      let digits = '';
      const len = 13 + (n % 7);
      for (let i = 0; i < len; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        digits += String(seed % 10);
      }
      expect(on(luhnValid)(digits)).toBe(luhn(digits));
    }
  });

  it('SSN ranges that are never issued are refused', () => {
    expect(ssnPartsValid(123, 45, 6789)).toBe(true);
    expect(ssnPartsValid(0, 45, 6789)).toBe(false);
    expect(ssnPartsValid(666, 45, 6789)).toBe(false);
    expect(ssnPartsValid(900, 45, 6789)).toBe(false);
    expect(ssnPartsValid(999, 45, 6789)).toBe(false);
    expect(ssnPartsValid(899, 45, 6789)).toBe(true);
    expect(ssnPartsValid(123, 0, 6789)).toBe(false);
    expect(ssnPartsValid(123, 45, 0)).toBe(false);
  });

  it('IPv4 needs four octets of 0-255 without leading zeros', () => {
    const v = on(ipv4Valid);
    expect(['0.0.0.0', '255.255.255.255', '10.0.0.1'].map(v)).toEqual([true, true, true]);
    expect(['256.1.1.1', '1.1.1', '1.1.1.1.1', '01.1.1.1', '1..1.1', '1.1.1.'].map(v)).toEqual([false, false, false, false, false, false]);
  });

  it('IPv6 accepts the RFC 4291 text forms and nothing looser', () => {
    const v = on(ipv6Valid);
    const good = ['2001:db8::1', '::1', 'fe80::', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', '::ffff:192.0.2.128', '1:2:3:4:5:6:7::'];
    const bad = ['::', '1:2:3:4:5:6:7:8:9', '2001:db8:::1', '1::2::3', '12:30:45', '12345::1', ':1:2:3:4:5:6:7', '::ffff:300.0.0.1'];
    expect(good.map(v)).toEqual(good.map(() => true));
    expect(bad.map(v)).toEqual(bad.map(() => false));
  });

  it('IBAN mod 97 agrees with a BigInt implementation, spaces allowed', () => {
    const v = on(ibanChecksumValid);
    for (const iban of ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'MT84MALT011000012345MTLCAST001S', 'NO9386011117947']) {
      expect(v(iban)).toBe(true);
      expect(ibanOk(iban)).toBe(true);
    }
    expect(v('DE88 3704 0044 0532 0130 00')).toBe(false);
    expect(v('GB83WEST12345698765432')).toBe(false);
  });

  it('birth dates must be real calendar dates in a plausible year', () => {
    const v = (t: string): boolean => on((b, s, e) => birthDateValid(b, s, e, 2030))(t);
    expect(['1985-03-14', '2000-02-29', '14/03/1985', '03/14/1985', '14.03.1985', '19850314', '1985-03-14T00:00:00Z'].map(v)).toEqual(
      [true, true, true, true, true, true, true],
    );
    expect(['1900-02-29', '1985-02-30', '1985-13-01', '31/31/1985', '1899-12-31', '2031-01-01', '1985-03-14x', '1985/03-14'].map(v)).toEqual(
      [false, false, false, false, false, false, false, false],
    );
  });

  it('US passports are nine digits or a letter and eight digits', () => {
    const v = on(passportValid);
    expect(['340020013', 'C03005988'].map(v)).toEqual([true, true]);
    expect(['34002001', '3400200134', 'AB1234567', 'c03005988'].map(v)).toEqual([false, false, false, false]);
  });

  it('ISO timestamps are recognised whole, so their digits are not taken for numbers', () => {
    const v = on(isoTimestamp);
    expect(['2024-03-01', '2024-03-01T10:00:00Z', '2024-03-01 10:00', '2024-03-01T10:00:00.123+01:00'].map(v)).toEqual([true, true, true, true]);
    expect(['2024-03-01T10', '2024-03-01 call 212-555-1234', '2024-3-1'].map(v)).toEqual([false, false, false]);
  });
});

describe('column hints', () => {
  it('reads what a header or a JSON key says about its values', () => {
    expect(columnHints('ssn')).toBe(HINT_SSN);
    expect(columnHints('Social_Security_Number')).toBe(HINT_SSN);
    expect(columnHints('customer.mobilePhone')).toBe(HINT_PHONE);
    expect(columnHints('tel')).toBe(HINT_PHONE);
    expect(columnHints('hotel')).toBe(0);
    expect(columnHints('dateOfBirth')).toBe(HINT_DOB);
    expect(columnHints('DOB')).toBe(HINT_DOB);
    expect(columnHints('adobe_id')).toBe(0);
    expect(columnHints('passport_no')).toBe(HINT_PASSPORT);
  });
});

describe('masked samples', () => {
  it('keep the shape and a few trailing characters, never the value', () => {
    expect(maskSample('CREDIT_CARD', '4111 1111 1111 1111')).toBe('**** **** **** 1111');
    expect(maskSample('US_SSN', '123-45-6789')).toBe('***-**-*789');
    expect(maskSample('EMAIL_ADDRESS', 'ann@example.com')).toBe('a***@*******.com');
    expect(maskSample('AWS_ACCESS_KEY', 'AKIAIOSFODNN7EXAMPLE')).toBe('AKIA**************LE');
    expect(maskSample('IP_ADDRESS', '10.0.0.1')).toBe('**.*.*.*');
    expect(maskSample('DATE_OF_BIRTH', '1985-03-14')).toBe('****-**-**');
    // A short value shows at most a third of itself.
    expect(maskSample('PHONE_NUMBER', '+1 2')).toBe('+* *');
  });
});
