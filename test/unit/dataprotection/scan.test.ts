import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScanResult, type PiiFinding } from '../../../shared/dataprotection';
import { scanFile } from '../../../electron/core/dataprotection/scan';
import { COLUMNS, NOTES, RAW_VALUES, corpusTable, expectedFindings } from './corpus';
import { ibanOk, luhn, tempDir, writeFile } from './helpers';

function asMap(findings: PiiFinding[]): Map<string, number> {
  return new Map(findings.map((f) => [`${f.column}|${f.entity}`, f.count]));
}

describe('the look-alike corpus', () => {
  it('says what it claims: valid cards pass Luhn and valid IBANs pass mod 97, look-alikes fail', () => {
    const cards = COLUMNS.find((c) => c.column === 'card')!;
    expect(cards.valid.every(luhn)).toBe(true);
    expect(cards.lookalikes.filter((v) => v.replace(/\D/g, '').length >= 13 && v.replace(/\D/g, '').length <= 19).some(luhn)).toBe(false);
    const ibans = COLUMNS.find((c) => c.column === 'iban')!;
    expect(ibans.valid.every(ibanOk)).toBe(true);
    expect(ibanOk('DE88 3704 0044 0532 0130 00')).toBe(false);
  });
});

describe('scanFile on CSV', () => {
  it('finds exactly the valid entities, with exact counts per column, and no look-alike', async () => {
    const dir = tempDir();
    const table = corpusTable();
    const file = writeFile(dir, 'customers.csv', table.text);
    const result = await scanFile(file);
    expect(ScanResult.parse(result)).toEqual(result);
    expect(result.format).toBe('csv');
    expect(result.rows).toBe(table.rows);
    expect(result.bytes).toBe(statSync(file).size);
    expect(result.columns).toEqual([...COLUMNS.map((c) => c.column), 'notes']);
    expect(asMap(result.findings)).toEqual(expectedFindings());
    // The explicit numbers, so a change to the fixture cannot silently change the claim.
    expect(asMap(result.findings).get('card|CREDIT_CARD')).toBe(5);
    expect(asMap(result.findings).get('ssn|US_SSN')).toBe(3);
    expect(asMap(result.findings).get('ip|IP_ADDRESS')).toBe(5);
    expect(asMap(result.findings).get('phone|PHONE_NUMBER')).toBe(9);
    expect(result.findings.some((f) => f.column === 'order_ref')).toBe(false);
  });

  it('shows at most three masked samples and never a raw value', async () => {
    const dir = tempDir();
    const result = await scanFile(writeFile(dir, 'c.csv', corpusTable().text));
    for (const f of result.findings) {
      expect(f.samples.length).toBeGreaterThan(0);
      expect(f.samples.length).toBeLessThanOrEqual(3);
      for (const sample of f.samples) {
        expect(sample).toContain('*');
        for (const raw of RAW_VALUES) expect(sample.includes(raw), `${sample} shows ${raw}`).toBe(false);
      }
    }
    const cards = result.findings.find((f) => f.entity === 'CREDIT_CARD' && f.column === 'card')!;
    expect(cards.samples[0]).toMatch(/^\*{12}\d{4}$|^[* -]+\d{4}$/);
    const emails = result.findings.find((f) => f.entity === 'EMAIL_ADDRESS' && f.column === 'email')!;
    expect(emails.samples).toContain('a***@*******.com');
  });

  it('gives the same counts whatever the read size (fields cut across chunks)', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.csv', corpusTable().text);
    const reference = asMap((await scanFile(file)).findings);
    for (const chunkBytes of [1, 2, 3, 7, 64, 1000]) {
      const r = await scanFile(file, { chunkBytes });
      expect(asMap(r.findings), `chunk ${chunkBytes}`).toEqual(reference);
      expect(r.rows).toBe(corpusTable().rows);
    }
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', async () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      'q.csv',
      'id,notes\n1,"line one, with a comma\nline two: ann@example.com ""quoted"""\n2,"plain 123-45-6789"\n3,\n',
    );
    const r = await scanFile(file);
    expect(r.rows).toBe(3);
    expect(asMap(r.findings)).toEqual(new Map([['notes|EMAIL_ADDRESS', 1], ['notes|US_SSN', 1]]));
  });
});

describe('scanFile on other formats', () => {
  it('scans TSV per column, quotes being ordinary characters', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'p.tsv', 'name\temail\tcard\nAnn\t"ann@example.com"\t4111 1111 1111 1111\nBob\tbob@example\t4111 1111 1111 1112\n');
    const r = await scanFile(file);
    expect(r.format).toBe('tsv');
    expect(r.rows).toBe(2);
    expect(asMap(r.findings)).toEqual(new Map([['email|EMAIL_ADDRESS', 1], ['card|CREDIT_CARD', 1]]));
  });

  it('scans JSON by key path, records being the elements of the top-level array', async () => {
    const dir = tempDir();
    const records = [
      {
        customer: { email: 'ann@example.com', phone: '2125551234', dob: '1985-03-14', ssn: 123456789 },
        items: [{ card: '4111111111111111' }, { card: '4111111111111112' }],
        note: 'seen from 10.0.0.1',
      },
      {
        customer: { email: 'not-an-email', phone: '+44 20 7946 0958', dob: 'unknown', ssn: 666123456 },
        items: [{ card: '5500 0000 0000 0004', sku: 'A-1' }],
        note: 'key AKIAIOSFODNN7EXAMPLE',
        escaped: 'bob\u0040example.com',
      },
    ];
    // The escaped '@' is written as \u0040 in the file: the scan must decode it.
    const text = JSON.stringify(records, null, 2).replace('bob@example.com', 'bob\\u0040example.com');
    const file = writeFile(dir, 'orders.json', text);
    const r = await scanFile(file);
    expect(r.format).toBe('json');
    expect(r.rows).toBe(2);
    expect(asMap(r.findings)).toEqual(
      new Map([
        ['customer.email|EMAIL_ADDRESS', 1],
        ['customer.phone|PHONE_NUMBER', 2],
        ['customer.dob|DATE_OF_BIRTH', 1],
        ['customer.ssn|US_SSN', 1],
        ['items[].card|CREDIT_CARD', 2],
        ['note|IP_ADDRESS', 1],
        ['note|AWS_ACCESS_KEY', 1],
        ['escaped|EMAIL_ADDRESS', 1],
      ]),
    );
    expect(r.columns).toContain('items[].sku');
  });

  it('scans JSON Lines, one record per line, the same key paths and counts at any read size', async () => {
    const dir = tempDir();
    const lines = [
      { user: { email: 'ann@example.com' }, ips: ['192.168.0.1', '300.1.1.1'] },
      { user: { email: 'bob@example.com', ssn: '123-45-6789' }, ips: ['2001:db8::1'] },
      { user: { ssn: '000-45-6789' }, ips: [] },
    ];
    const file = writeFile(dir, 'events.jsonl', `${lines.map((l) => JSON.stringify(l)).join('\n')}\n\n`);
    for (const chunkBytes of [undefined, 5]) {
      const r = await scanFile(file, chunkBytes ? { chunkBytes } : {});
      expect(r.format).toBe('jsonl');
      expect(r.rows).toBe(3);
      expect(asMap(r.findings)).toEqual(
        new Map([
          ['user.email|EMAIL_ADDRESS', 2],
          ['user.ssn|US_SSN', 1],
          ['ips[]|IP_ADDRESS', 2],
        ]),
      );
    }
  });

  it('scans plain text line by line under one "(text)" column', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'ticket.txt', `${NOTES.join('\n')}\nlast line without break 8.8.8.8`);
    const r = await scanFile(file);
    expect(r.format).toBe('text');
    expect(r.rows).toBe(NOTES.length + 1);
    expect(asMap(r.findings)).toEqual(
      new Map([
        ['(text)|EMAIL_ADDRESS', 1],
        ['(text)|PHONE_NUMBER', 1],
        ['(text)|CREDIT_CARD', 1],
        ['(text)|IP_ADDRESS', 2],
        ['(text)|AWS_ACCESS_KEY', 1],
        ['(text)|IBAN_CODE', 1],
      ]),
    );
  });

  it('separates numbers that only sit next to each other in text, and refuses ambiguous runs', async () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      'log.txt',
      [
        '1 Hana (621) 418-6247 315-25-8819 1988-04-06 4566048050201752 19.168.174.237 439.84 94935',
        'ref 4111 1111 1111 1111 2222 and 123 4111 1111 1111 1111',
        'paid with 4111 1111 1111 1111 on 2024-03-01',
      ].join('\n'),
    );
    const r = await scanFile(file);
    expect(asMap(r.findings)).toEqual(
      new Map([
        ['(text)|PHONE_NUMBER', 1],
        ['(text)|US_SSN', 1],
        ['(text)|CREDIT_CARD', 2],
        ['(text)|IP_ADDRESS', 1],
      ]),
    );
  });

  it('sniffs the format of a file without a known extension', async () => {
    const dir = tempDir();
    expect((await scanFile(writeFile(dir, 'a.dat', 'a,b\n1,2\n'))).format).toBe('csv');
    expect((await scanFile(writeFile(dir, 'b.dat', '{"a":1}\n{"a":2}\n'))).format).toBe('jsonl');
    expect((await scanFile(writeFile(dir, 'c.dat', '[{"a":1}]'))).format).toBe('json');
    expect((await scanFile(writeFile(dir, 'd.dat', 'just words here\n'))).format).toBe('text');
  });
});

describe('progress and cancellation', () => {
  it('reports bytes done against the total, rising to the file size', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.csv', corpusTable().text);
    const size = statSync(file).size;
    const calls: Array<[number, number]> = [];
    await scanFile(file, { chunkBytes: 256, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(3);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
    expect(calls.every(([, total]) => total === size)).toBe(true);
    expect(calls.at(-1)).toEqual([size, size]);
  });

  it('stops with an AbortError when the signal fires, before or during the scan', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.csv', corpusTable().text);
    const early = new AbortController();
    early.abort();
    await expect(scanFile(file, { signal: early.signal })).rejects.toMatchObject({ name: 'AbortError' });

    const during = new AbortController();
    let calls = 0;
    const scan = scanFile(file, {
      chunkBytes: 128,
      signal: during.signal,
      onProgress: () => {
        calls++;
        if (calls === 2) during.abort();
      },
    });
    await expect(scan).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(2);
  });
});
