// The scan's shortcuts give what the long way gives: JSON keys found by their bytes (records
// repeat their keys in order) name the same columns as keys decoded to strings, whatever the
// order, escapes or repeats; spans of a long run of numbers in text too long to be any entity are
// refused without changing what the run's words are found to be.
import { describe, expect, it } from 'vitest';
import { scanFile } from '../../../electron/core/dataprotection/scan';
import { tempDir, writeFile } from './helpers';

const byColumn = (findings: Array<{ column: string; entity: string; count: number }>) =>
  Object.fromEntries(findings.map((f) => [`${f.column}|${f.entity}`, f.count]));

describe('JSON keys matched by their bytes', () => {
  it('names the same key path whatever the key order, escapes and repeats', async () => {
    const records = [
      '{"email":"ann@example.com","ssn":"123-45-6789","note":"x"}',
      '{"email":"bob@example.com","ssn":"123-45-6780","note":"y"}',
      // another order: each key is found, not taken for the one expected next
      '{"note":"z","ssn":"219-09-9999","email":"chen@example.com"}',
      // an escaped key is the same key as written plainly
      '{"em\\u0061il":"dana@example.com","ssn":"078-05-1121"}',
      // a key of the same length as the expected one ("email" vs "eMail") is another key
      '{"eMail":"eve@example.com","ssn":"123-45-6781"}',
      // a key repeated in one object, a nested object with the same key names
      '{"email":"femi@example.com","email":"gus@example.com","contact":{"email":"hana@example.com","ssn":"123-45-6782"}}',
      // non-ASCII keys
      '{"correo_electrónico":"ivan@example.com","email":"jose@example.com"}',
      '{"correo_electrónico":"kim@example.com","email":"lea@example.com"}',
    ];
    const dir = tempDir();
    for (const lines of [true, false]) {
      const file = lines ? writeFile(dir, 'r.jsonl', `${records.join('\n')}\n`) : writeFile(dir, 'r.json', `[\n${records.join(',\n')}\n]\n`);
      const result = await scanFile(file, { workers: 1 });
      expect(result.rows).toBe(records.length);
      expect(result.columns).toEqual(['email', 'ssn', 'note', 'eMail', 'contact.email', 'contact.ssn', 'correo_electrónico']);
      expect(byColumn(result.findings)).toEqual({
        'email|EMAIL_ADDRESS': 8,
        'ssn|US_SSN': 5,
        'eMail|EMAIL_ADDRESS': 1,
        'contact.email|EMAIL_ADDRESS': 1,
        'contact.ssn|US_SSN': 1,
        'correo_electrónico|EMAIL_ADDRESS': 2,
      });
    }
  });
});

describe('long runs of numbers in text', () => {
  it('finds each entity in a run of many numbers joined by spaces, and nothing in spans longer than any entity', async () => {
    // One run of 9 words, 63 digits: the phone, SSN, card and IPv4 address are found apart; the
    // date and the postcode are nothing.
    const line = '(212) 555-0187 123-45-6789 1990-01-02 4111 1111 1111 1111 10.1.2.3 12345';
    const file = writeFile(tempDir(), 'run.txt', `${line}\n${line.replace('4111 1111 1111 1111', '4111 1111 1111 1112')}\n`);
    const result = await scanFile(file, { workers: 1 });
    expect(byColumn(result.findings)).toEqual({
      '(text)|PHONE_NUMBER': 2,
      '(text)|US_SSN': 2,
      '(text)|CREDIT_CARD': 1,
      '(text)|IP_ADDRESS': 2,
    });
  });
});

describe('JSON strings read without a bounds test per byte', () => {
  const pad = Array.from({ length: 400 }, (_, k) => `{"email":"p${k}@example.com","note":"said \\"hi\\" \\\\ ok"}`);

  it('gives the same findings whatever the read size, escapes falling across reads', async () => {
    const file = writeFile(tempDir(), 'r.json', `[\n${pad.join(',\n')}\n]\n`);
    const whole = await scanFile(file, { workers: 1 });
    expect(byColumn(whole.findings)).toEqual({ 'email|EMAIL_ADDRESS': 400 });
    for (const chunkBytes of [7, 64, 1000]) {
      expect({ ...(await scanFile(file, { workers: 1, chunkBytes })), durationMs: 0 }).toEqual({ ...whole, durationMs: 0 });
    }
  });

  it('says which string is broken and on which line', async () => {
    const dir = tempDir();
    const body = pad.join(',\n'); // 400 lines, past the 8 KB head that is checked for NUL bytes first
    const cases: Array<[string, string, RegExp]> = [
      ['open.json', `[\n${body},\n{"email":"ann@example`, /a string is never closed/],
      ['backslash.json', `[\n${body},\n{"email":"ann@example\\`, /a string is never closed/],
      ['linebreak.json', `[\n${body},\n{"email":"ann@\nexample.com"}]`, /a line break inside a string/],
      ['nul.json', `[\n${body},\n{"email":"ann@\u0000example.com"}]`, /NUL byte inside a string/],
    ];
    for (const [name, text, message] of cases) {
      for (const chunkBytes of [undefined, 64]) {
        const err = await scanFile(writeFile(dir, name, text), { workers: 1, ...(chunkBytes ? { chunkBytes } : {}) }).catch((e: unknown) => e);
        expect(err, name).toMatchObject({ code: 'JSON_SYNTAX', line: 402 });
        expect((err as Error).message, name).toMatch(message);
      }
    }
  });
});

describe('text lines read between landmarks', () => {
  /** Lines with emails, IBANs, AWS keys, IPv6 addresses and timestamps at the start, middle and end, several per line. */
  function lines(count: number, seed: number): string[] {
    let a = seed >>> 0;
    const r = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const words = [
      'ann@example.com', 'b.o+b@mail.example.org', 'x@y', '@example.com', 'mail@', 'DE89370400440532013000', 'DE89 3704 0044 0532 0130 00',
      'GB82WEST12345698765432', 'DE00370400440532013000', 'AKIAIOSFODNN7EXAMPLE', 'ASIAXXXXXXXXXXXXXXXX', 'AKIAshort', '2001:db8::1',
      'fe80::1:2:3', '12:30', '2024-01-02T03:04:05Z', 'ABCDEFGHIJKLMNOPQRS', 'AB', 'Ann', 'and', 'the', '(212) 555-0187', '10.0.0.1',
      '4111 1111 1111 1111', '123-45-6789', ':', '::', 'A:B', 'see', 'ZZ',
    ];
    return Array.from({ length: count }, () => {
      const n = 1 + Math.floor(r() * 12);
      const line = Array.from({ length: n }, () => pick(words)).join(pick([' ', ', ', '; ', ' - ']));
      return r() < 0.2 ? `${line}\r` : line;
    });
  }

  it('finds what a whole-field read finds (a one-column TSV, read without landmarks), samples included', async () => {
    const dir = tempDir();
    const body = lines(3_000, 11);
    const text = await scanFile(writeFile(dir, 'notes.txt', `${body.join('\n')}\n`), { workers: 1 });
    const tsv = await scanFile(writeFile(dir, 'notes.tsv', `x\n${body.join('\n')}\n`), { workers: 1 });
    expect(text.findings.length).toBeGreaterThan(5);
    expect(text.findings.map((f) => ({ ...f, column: 'x' }))).toEqual(tsv.findings);
    const counts = byColumn(text.findings);
    for (const entity of ['EMAIL_ADDRESS', 'IBAN_CODE', 'AWS_ACCESS_KEY', 'IP_ADDRESS']) expect(counts[`(text)|${entity}`], entity).toBeGreaterThan(50);
  });

  it('a line longer than a read piece is read in pieces, each between its own landmarks', async () => {
    // Words without inner spaces or bare numbers, so cutting the line at a space changes nothing.
    const words = lines(200_000, 12).join(' ').replace(/\r/g, '').split(/[ ,;]+/).filter((w) => w !== '-' && !/^[\d(]/.test(w) && !/^\d/.test(w));
    const long = words.join(' ');
    expect(long.length).toBeGreaterThan(2_500_000);
    const dir = tempDir();
    const text = await scanFile(writeFile(dir, 'long.txt', `${long}\n${long.slice(0, 1000)}\n`), { workers: 1, chunkBytes: 256 * 1024 });
    const tsv = await scanFile(writeFile(dir, 'long.tsv', `x\n${long}\n${long.slice(0, 1000)}\n`), { workers: 1 });
    expect(text.rows).toBe(2);
    expect(text.findings.length).toBeGreaterThan(3);
    expect(text.findings.map((f) => ({ ...f, column: 'x' }))).toEqual(tsv.findings);
  });
});
