import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MaskResult, type MaskRulesInput } from '../../../shared/dataprotection';
import { DataFileError } from '../../../electron/core/dataprotection/errors';
import { loadMaskRules, maskCsv } from '../../../electron/core/dataprotection/mask';
import { tempDir, writeFile } from './helpers';

const KEY = 'unit-test-key-do-not-leak-0123456789';

const PEOPLE = [
  'name,email,card,age,dob,zip,ssn,notes',
  'Ann Lee,ann@example.com,4111 1111 1111 1111,34,1989-03-14,94107,123-45-6789,"likes tea, not coffee"',
  'Bob Ray,bob@example.com,5500-0000-0000-0004,41,14.03.1982,10001-1234,219-09-9999,"said ""hi"""',
  'Ann Lee,ann@example.com,,29,03/14/1995,SW1A 1AA,,"two',
  'lines"',
  'Cid,,378282246310005,n/a,sometime,?,536-80-4398,',
].join('\n');

const RULES: MaskRulesInput = {
  rules: [
    { column: 'name', method: 'redact' },
    { column: 'card', method: 'partial', keepLast: 4 },
    { column: 'email', method: 'pseudonymize' },
    { column: 'age', method: 'generalize', to: { kind: 'numberRange', width: 10 } },
    { column: 'dob', method: 'generalize', to: { kind: 'date', precision: 'year' } },
    { column: 'zip', method: 'generalize', to: { kind: 'postcode', keep: 3 } },
    { column: 'ssn', method: 'suppress' },
  ],
};

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const pseudonym = (value: string, key = KEY): string => createHmac('sha256', key).update(value).digest('hex').slice(0, 16);

function setup(): { dir: string; input: string; outDir: string } {
  const dir = tempDir();
  const outDir = join(dir, 'out');
  mkdirSync(outDir);
  return { dir, input: writeFile(dir, 'people.csv', PEOPLE), outDir };
}

describe('maskCsv', () => {
  it('applies each method per column and writes a valid CSV', async () => {
    const { input, outDir } = setup();
    const out = join(outDir, 'people.masked.csv');
    const result = await maskCsv(input, RULES, out, { key: KEY });
    expect(MaskResult.parse(result)).toEqual(result);
    expect(result.rows).toBe(4);
    const rows = parse(readFileSync(out, 'utf8')) as string[][];
    expect(rows).toEqual([
      ['name', 'email', 'card', 'age', 'dob', 'zip', 'notes'],
      ['[REDACTED]', pseudonym('ann@example.com'), '**** **** **** 1111', '30-39', '1989', '941**', 'likes tea, not coffee'],
      ['[REDACTED]', pseudonym('bob@example.com'), '****-****-****-0004', '40-49', '1982', '100**-****', 'said "hi"'],
      ['[REDACTED]', pseudonym('ann@example.com'), '', '20-29', '1995', 'SW1* ***', 'two\nlines'],
      ['[REDACTED]', '', '***********0005', '*', '*', '*', ''],
    ]);
    expect(result.columns).toEqual([
      { column: 'name', method: 'redact', cells: 4, unreadable: 0 },
      { column: 'email', method: 'pseudonymize', cells: 3, unreadable: 0 },
      { column: 'card', method: 'partial', cells: 3, unreadable: 0 },
      { column: 'age', method: 'generalize', cells: 4, unreadable: 1 },
      { column: 'dob', method: 'generalize', cells: 4, unreadable: 1 },
      { column: 'zip', method: 'generalize', cells: 4, unreadable: 1 },
      { column: 'ssn', method: 'suppress', cells: 3, unreadable: 0 },
    ]);
  });

  it('pseudonymizes deterministically under one key, differently under another, never writing the key', async () => {
    const { input, outDir } = setup();
    const a = join(outDir, 'a.csv');
    const b = join(outDir, 'b.csv');
    const c = join(outDir, 'c.csv');
    await maskCsv(input, RULES, a, { key: KEY });
    await maskCsv(input, RULES, b, { key: Buffer.from(KEY) });
    await maskCsv(input, RULES, c, { key: `${KEY}-other` });
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    const emailsA = (parse(readFileSync(a, 'utf8')) as string[][]).slice(1).map((r) => r[1]);
    const emailsC = (parse(readFileSync(c, 'utf8')) as string[][]).slice(1).map((r) => r[1]);
    expect(emailsA[0]).toBe(emailsA[2]); // same input, same pseudonym
    expect(emailsA[0]).not.toBe(emailsC[0]);
    for (const file of [a, c]) {
      const bytes = readFileSync(file);
      expect(bytes.includes(KEY)).toBe(false);
      expect(bytes.includes(Buffer.from(KEY).toString('hex'))).toBe(false);
      expect(bytes.includes(Buffer.from(KEY).toString('base64'))).toBe(false);
      expect(bytes.includes('ann@example.com')).toBe(false);
    }
  });

  it('never modifies the original and leaves only the finished file in the destination', async () => {
    const { input, outDir } = setup();
    const before = { hash: sha(input), mtime: statSync(input).mtimeMs };
    await maskCsv(input, RULES, join(outDir, 'masked.csv'), { key: KEY });
    expect(sha(input)).toBe(before.hash);
    expect(statSync(input).mtimeMs).toBe(before.mtime);
    expect(readdirSync(outDir)).toEqual(['masked.csv']);
  });

  it('refuses a rule for a missing column, naming file, line and column, writing nothing', async () => {
    const { input, outDir } = setup();
    const err = await maskCsv(input, { rules: [{ column: 'phone', method: 'redact' }] }, join(outDir, 'x.csv')).catch((e) => e);
    expect(err).toBeInstanceOf(DataFileError);
    expect(err).toMatchObject({ code: 'MISSING_COLUMN', file: input, line: 1 });
    expect(err.message).toContain('people.csv, line 1');
    expect(err.message).toContain('"phone"');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('a bad row late in a large file leaves no output, no temp file, and an older output untouched', async () => {
    const { dir, outDir } = setup();
    const good = Array.from({ length: 40000 }, (_, i) => `${i},user${i}@example.com,${1000 + (i % 500)}`);
    const input = writeFile(dir, 'big.csv', `id,email,amount\n${good.join('\n')}\n40001,oops\n`);
    const out = join(outDir, 'big.masked.csv');
    writeFileSync(out, 'previous release\n');
    const err = await maskCsv(input, { rules: [{ column: 'email', method: 'redact' }] }, out).catch((e) => e);
    expect(err).toMatchObject({ code: 'RAGGED_ROW', line: 40002 });
    expect(readdirSync(outDir)).toEqual(['big.masked.csv']);
    expect(readFileSync(out, 'utf8')).toBe('previous release\n');
  });

  it('refuses to write over the original, and pseudonymization without a key', async () => {
    const { input, outDir } = setup();
    await expect(maskCsv(input, RULES, input, { key: KEY })).rejects.toMatchObject({ code: 'SAME_FILE' });
    await expect(maskCsv(input, RULES, join(outDir, 'k.csv'))).rejects.toMatchObject({ code: 'KEY_REQUIRED' });
    await expect(maskCsv(input, RULES, join(outDir, 'k.csv'), { key: 'short' })).rejects.toMatchObject({ code: 'KEY_REQUIRED' });
    await expect(maskCsv(input, RULES, join(outDir, 'missing', 'k.csv'), { key: KEY })).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('masks a TSV, keeping tabs as the delimiter', async () => {
    const { dir, outDir } = setup();
    const input = writeFile(dir, 'p.tsv', 'name\tcard\nAnn\t4111111111111111\n');
    const out = join(outDir, 'p.tsv');
    await maskCsv(input, { rules: [{ column: 'card', method: 'partial', keepLast: 4, maskChar: '#' }] }, out);
    expect(readFileSync(out, 'utf8')).toBe('name\tcard\nAnn\t############1111\n');
  });
});

describe('rule files', () => {
  it('loads a valid JSON rule file with defaults filled in', async () => {
    const dir = tempDir();
    const path = writeFile(dir, 'rules.json', JSON.stringify({ rules: [{ column: 'email', method: 'redact' }, { column: 'id', method: 'pseudonymize' }] }));
    expect(await loadMaskRules(path)).toEqual({
      rules: [
        { column: 'email', method: 'redact', replacement: '[REDACTED]' },
        { column: 'id', method: 'pseudonymize', length: 16, prefix: '' },
      ],
    });
  });

  it('refuses broken JSON with its line, and rules that break the schema with the rule path', async () => {
    const dir = tempDir();
    const broken = writeFile(dir, 'broken.json', '{\n  "rules": [\n    { "column": "a", }\n  ]\n}');
    await expect(loadMaskRules(broken)).rejects.toMatchObject({ code: 'RULES_INVALID', line: 3 });
    const wrong = writeFile(dir, 'wrong.json', JSON.stringify({ rules: [{ column: 'a', method: 'partial' }] }));
    const err = await loadMaskRules(wrong).catch((e) => e);
    expect(err).toMatchObject({ code: 'RULES_INVALID', file: wrong });
    expect(err.message).toContain('rules.0.keepLast');
    const twice = writeFile(dir, 'twice.json', JSON.stringify({ rules: [{ column: 'a', method: 'suppress' }, { column: 'a', method: 'redact' }] }));
    await expect(loadMaskRules(twice)).rejects.toThrow(/rules\.1\.column: column "a" has more than one rule/);
    await expect(loadMaskRules(join(dir, 'nope.json'))).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});
