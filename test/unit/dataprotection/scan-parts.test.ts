// The PII scan on every core (scan-parts.ts) against the single pass: the same result, byte for
// byte, on CSV, TSV and text files cut into two and three parts, including quoted fields that
// span lines, a stray quote that misleads the cut, JSON and JSON Lines cut between records, a JSON
// cut that falls inside a nested array, and errors reported by the single pass.
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { scanFile, type ScanOptions } from '../../../electron/core/dataprotection/scan';
import { scanInParts } from '../../../electron/core/dataprotection/scan-parts';
import { tempDir, writeFile } from './helpers';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Customer rows with personal data, repeated values (so which samples are kept matters) and multi-line quoted notes. */
function customers(rows: number, seed: number, delimiter = ','): string {
  const r = mulberry32(seed);
  const int = (n: number) => Math.floor(r() * n);
  const names = ['ann', 'bob', 'chen', 'dana', 'eve'];
  const lines = [['id', 'email', 'phone', 'ssn', 'card', 'ip', 'notes'].join(delimiter)];
  for (let i = 0; i < rows; i++) {
    const note = [
      '',
      delimiter === ',' ? `"call ${names[int(5)]}@example.com, then
write to ${int(900) + 100}-55-${String(1000 + int(8999))}"` : `call ${names[int(5)]}@example.com`,
      `login from 10.${int(256)}.${int(256)}.${int(256)}`,
      delimiter === ',' ? '"said ""no"", hung up"' : 'said no',
    ][int(4)];
    lines.push([
      String(i),
      `${names[int(5)]}.${int(40)}@example.org`,
      `(${200 + int(800)}) 555-${String(1000 + int(8999))}`,
      `${String(1 + int(600)).padStart(3, '0')}-${String(10 + int(89))}-${String(1000 + int(8999))}`,
      int(3) === 0 ? '4111 1111 1111 1111' : `4${String(int(1e9)).padStart(9, '0')}00000`,
      `${int(256)}.${int(256)}.${int(256)}.${int(300)}`,
      note,
    ].join(delimiter));
  }
  return `${lines.join('\n')}\n`;
}

async function both(file: string, extra: ScanOptions = {}) {
  // The parts really run (a fallback to the single pass would pass the comparison unseen).
  const format = file.endsWith('.csv') ? 'csv' : file.endsWith('.tsv') ? 'tsv' : file.endsWith('.jsonl') ? 'jsonl' : file.endsWith('.json') ? 'json' : 'text';
  expect(await scanInParts(file, format, statSync(file).size, { parts: 2 }), `${file} in parts`).not.toBeNull();
  const one = await scanFile(file, { ...extra, workers: 1 });
  const results = [];
  for (const workers of [2, 3]) {
    const progress: Array<[number, number]> = [];
    const parts = await scanFile(file, { ...extra, workers, parallelFromBytes: 0, onProgress: (d, t) => progress.push([d, t]) });
    results.push({ parts, progress });
  }
  return { one, results };
}

describe('PII scan in parts equals the single pass', () => {
  it('CSV with quoted multi-line fields, in two and three parts, with small reads', async () => {
    const file = writeFile(tempDir(), 'customers.csv', customers(3_000, 1));
    const { one, results } = await both(file, { chunkBytes: 64 * 1024 });
    expect(one.findings.length).toBeGreaterThan(5);
    for (const { parts, progress } of results) {
      expect({ ...parts, durationMs: 0 }).toEqual({ ...one, durationMs: 0 });
      expect(progress.at(-1)).toEqual([one.bytes, one.bytes]);
    }
  }, 120_000);

  it('TSV and text', async () => {
    const dir = tempDir();
    const tsv = writeFile(dir, 'customers.tsv', customers(2_500, 2, '\t'));
    const text = writeFile(dir, 'notes.txt', customers(2_500, 3).replace(/,/g, ' '));
    for (const file of [tsv, text]) {
      const { one, results } = await both(file);
      expect(one.findings.length).toBeGreaterThan(3);
      for (const { parts } of results) expect({ ...parts, durationMs: 0 }).toEqual({ ...one, durationMs: 0 });
    }
  }, 120_000);

  it('a stray quote that throws off the cut still gives the single-pass result', async () => {
    const body = customers(4_000, 4);
    // A quote inside an unquoted field, early: counting quotes from the start is off by one after it.
    const lines = body.split('\n');
    lines[2] = lines[2]!.replace('@example.org', '"s@example.org');
    const file = writeFile(tempDir(), 'stray.csv', lines.join('\n'));
    const one = await scanFile(file, { workers: 1 });
    const parts = await scanFile(file, { workers: 2, parallelFromBytes: 0 });
    expect({ ...parts, durationMs: 0 }).toEqual({ ...one, durationMs: 0 });
  }, 120_000);

  it('an error in a later part is the single pass error, with its line', async () => {
    const lines = customers(4_000, 5).split('\n');
    lines[3_500] = 'just,three,fields';
    const file = writeFile(tempDir(), 'ragged.csv', lines.join('\n'));
    const one = await scanFile(file, { workers: 1 }).catch((e: unknown) => e);
    const parts = await scanFile(file, { workers: 2, parallelFromBytes: 0 }).catch((e: unknown) => e);
    expect(one).toMatchObject({ code: 'RAGGED_ROW' });
    expect(parts).toEqual(one);
  }, 120_000);

  it('JSON arrays (one element per line, and pretty-printed with nested arrays) and JSON Lines', async () => {
    const dir = tempDir();
    const rows = customers(2_000, 7).trim().split('\n').slice(1).map((line, i) => {
      const [id, email, phone, ssn, card, ip] = line.split(',');
      // escaped strings, a key that appears only late (a column first met in a later part), nested records
      return { id: Number(id), contact: { email, phone: `tel:\t${phone}` }, ssn, cards: [{ number: card }, { number: card }], ip, ...(i > 1_600 ? { late: `${i}-55-1234 mail ${email}` } : {}) };
    });
    const compact = writeFile(dir, 'compact.json', `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
    const pretty = writeFile(dir, 'pretty.json', `\ufeff${JSON.stringify(rows, null, 2)}\n`);
    const lines = writeFile(dir, 'rows.jsonl', `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    for (const file of [compact, pretty, lines]) {
      const { one, results } = await both(file, { chunkBytes: 64 * 1024 });
      expect(one.findings.length, file).toBeGreaterThan(5);
      expect(one.columns, file).toContain('late');
      for (const { parts, progress } of results) {
        expect({ ...parts, durationMs: 0 }, file).toEqual({ ...one, durationMs: 0 });
        expect(progress.at(-1)).toEqual([one.bytes, one.bytes]);
      }
    }
  }, 120_000);

  it('a JSON cut that lands inside a nested array is caught by the part states: the single pass decides', async () => {
    // A nested array printed at the indentation of the top-level elements looks like a place to
    // cut; the middle element's array is long enough to hold the middle of the file.
    const login = (i: number) => `  {"email": "user${i}@example.org", "ip": "10.0.${i % 250}.7", "ssn": "123-45-${String(1000 + (i % 8999))}"}`;
    const element = (i: number, logins: number) => `  {"id": ${i}, "logins": [\n${Array.from({ length: logins }, (_, k) => login(i + k)).join(',\n')}\n  ]}`;
    const elements = Array.from({ length: 21 }, (_, i) => element(i, i === 10 ? 4_000 : 3));
    const file = writeFile(tempDir(), 'nested.json', `[\n${elements.join(',\n')}\n]\n`);
    expect(await scanInParts(file, 'json', statSync(file).size, { parts: 2 })).toBeNull();
    const one = await scanFile(file, { workers: 1 });
    const parts = await scanFile(file, { workers: 2, parallelFromBytes: 0 });
    expect(one.findings.map((f) => f.column)).toContain('logins[].email');
    expect({ ...parts, durationMs: 0 }).toEqual({ ...one, durationMs: 0 });
  }, 120_000);

  it('a JSON syntax error in a later part is the single pass error, with its line', async () => {
    const body = Array.from({ length: 4_000 }, (_, i) => JSON.stringify({ id: i, email: `u${i}@example.org` }));
    body[3_500] = '{"id": 3500, "email": }';
    const file = writeFile(tempDir(), 'broken.json', `[\n${body.join(',\n')}\n]\n`);
    const one = await scanFile(file, { workers: 1 }).catch((e: unknown) => e);
    const parts = await scanFile(file, { workers: 2, parallelFromBytes: 0 }).catch((e: unknown) => e);
    expect(one).toMatchObject({ code: 'JSON_SYNTAX', line: 3_502 });
    expect(parts).toEqual(one);
  }, 120_000);

  it('stops with an AbortError when cancelled while the parts run', async () => {
    const file = writeFile(tempDir(), 'big.csv', customers(20_000, 6));
    const cancel = new AbortController();
    const scanning = scanFile(file, { workers: 2, parallelFromBytes: 0, chunkBytes: 64 * 1024, signal: cancel.signal, onProgress: () => cancel.abort() });
    await expect(scanning).rejects.toMatchObject({ name: 'AbortError' });
  }, 120_000);
});
