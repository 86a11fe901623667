import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_ERROR_CODES, type DataFormat } from '../../../shared/dataprotection';
import { DataFileError } from '../../../electron/core/dataprotection/errors';
import { kAnonymity } from '../../../electron/core/dataprotection/kanon';
import { maskCsv } from '../../../electron/core/dataprotection/mask';
import { scanFile } from '../../../electron/core/dataprotection/scan';
import { corpusTable } from './corpus';
import { tempDir, writeFile } from './helpers';

async function failure(p: Promise<unknown>): Promise<DataFileError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataFileError);
  return err as DataFileError;
}

describe('bad input is refused with the file and the line', () => {
  it('a binary file', async () => {
    const dir = tempDir();
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64), Buffer.from('IHDR')]);
    const file = writeFile(dir, 'photo.csv', png);
    const err = await failure(scanFile(file));
    expect(err).toMatchObject({ code: 'BINARY_FILE', file, line: 3 }); // the NULs follow "\r\n" and "\x1a\n"
    expect(err.message).toMatch(/^photo\.csv, line 3: .*binary/);
    for (const format of ['tsv', 'json', 'jsonl', 'text'] as DataFormat[]) {
      expect((await failure(scanFile(file, { format }))).code).toBe('BINARY_FILE');
    }
    expect((await failure(scanFile(writeFile(dir, 'u16.csv', Buffer.from('\ufeffa,b\n', 'utf16le'))))).code).toBe('BINARY_FILE');
  });

  it('a file that is not a CSV: rows of different lengths', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'notes.csv', 'Dear team,\nplease find attached the figures, as discussed.\nThanks\n');
    const err = await failure(scanFile(file));
    expect(err).toMatchObject({ code: 'RAGGED_ROW', line: 3 });
    expect(err.message).toContain('notes.csv, line 3');
    expect(err.message).toContain('the header has 2');
    const longer = writeFile(dir, 'long.csv', 'a,b\n1,2\n1,2,3\n');
    expect(await failure(scanFile(longer))).toMatchObject({ code: 'RAGGED_ROW', line: 3 });
  });

  it('an unclosed quote, stray text after a quote, broken JSON', async () => {
    const dir = tempDir();
    expect(await failure(scanFile(writeFile(dir, 'q.csv', 'a,b\n1,"open\n2,3\n')))).toMatchObject({ code: 'CSV_SYNTAX', line: 2 });
    expect(await failure(scanFile(writeFile(dir, 'r.csv', 'a,b\n1,"x"y\n')))).toMatchObject({ code: 'CSV_SYNTAX', line: 2 });
    expect(await failure(scanFile(writeFile(dir, 'j.json', '[\n {"a": 1},\n {"a": }\n]')))).toMatchObject({ code: 'JSON_SYNTAX', line: 3 });
    expect(await failure(scanFile(writeFile(dir, 'k.json', '{"a": [1, 2}')))).toMatchObject({ code: 'JSON_SYNTAX', line: 1 });
    expect(await failure(scanFile(writeFile(dir, 'l.jsonl', '{"a":1}\n{"a":2} {"a":3}\n')))).toMatchObject({ code: 'JSON_SYNTAX', line: 2 });
    expect(await failure(scanFile(writeFile(dir, 'm.json', '{"a": "x"')))).toMatchObject({ code: 'JSON_SYNTAX' });
  });

  it('an unreadable path: missing, or a folder', async () => {
    const dir = tempDir();
    const missing = join(dir, 'nowhere.csv');
    const err = await failure(scanFile(missing));
    expect(err).toMatchObject({ code: 'FILE_UNREADABLE', file: missing });
    expect(err.message).toContain('nowhere.csv');
    expect(err.message).toContain('does not exist');
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder);
    expect(await failure(scanFile(folder))).toMatchObject({ code: 'FILE_UNREADABLE' });
    expect(await failure(kAnonymity(missing, ['a'], 2))).toMatchObject({ code: 'FILE_UNREADABLE' });
  });

  it('an empty file', async () => {
    const dir = tempDir();
    expect(await failure(scanFile(writeFile(dir, 'e.csv', '')))).toMatchObject({ code: 'FILE_EMPTY' });
    expect(await failure(scanFile(writeFile(dir, 'e.json', '  \n')))).toMatchObject({ code: 'FILE_EMPTY' });
    const text = await scanFile(writeFile(dir, 'e.txt', ''));
    expect(text).toMatchObject({ rows: 0, findings: [] });
  });

  it('masking a bad file writes nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    const file = writeFile(dir, 'bad.csv', 'a,b\n1,2\n3\n');
    expect(await failure(maskCsv(file, { rules: [{ column: 'a', method: 'redact' }] }, join(out, 'x.csv')))).toMatchObject({
      code: 'RAGGED_ROW',
      line: 3,
    });
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('whatever the bytes, a result or a typed error, never a crash', () => {
  const formats: DataFormat[] = ['csv', 'tsv', 'json', 'jsonl', 'text'];
  const known = new Set<string>(DATA_FILE_ERROR_CODES);

  async function outcome(p: Promise<unknown>): Promise<'ok' | 'typed'> {
    try {
      await p;
      return 'ok';
    } catch (err) {
      if (err instanceof DataFileError && known.has(err.code) && err.message.length > 0) return 'typed';
      throw err;
    }
  }

  it('random bytes in every format, scan, mask and k-anonymity', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          // Mostly-text bytes reach deeper into the parsers than uniform noise does.
          fc.array(fc.constantFrom(...'a,b"\n\r\t{}[]():.@0123456789 -+AKIADE'.split('')), { maxLength: 300 }).map((cs) => Buffer.from(cs.join(''))),
        ),
        fc.constantFrom(...formats),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, format, chunkBytes) => {
          const file = writeFile(dir, `f${n++}.bin`, bytes);
          await outcome(scanFile(file, { format, chunkBytes }));
          if (format === 'csv' || format === 'tsv') {
            await outcome(maskCsv(file, { rules: [{ column: 'a', method: 'redact' }] }, join(out, 'm.csv'), { format }));
            await outcome(kAnonymity(file, ['a'], 2, { format }));
          }
        },
      ),
      { numRuns: 150 },
    );
    // Masking never leaves a temp file behind, whatever happened.
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('digits glued to a word before "(" (a scan once looped forever here)', async () => {
    const dir = tempDir();
    const r = await scanFile(writeFile(dir, 'glued.txt', 'K8 3(6A {D :3 x9(12 (555 1234567 a1(2)345-6789\n'), { format: 'text' });
    expect(r.rows).toBe(1);
  });

  it('a valid file cut at any byte', async () => {
    const dir = tempDir();
    const full = Buffer.from(corpusTable().text);
    const json = Buffer.from(JSON.stringify([{ a: { email: 'ann@example.com', n: [1, 2, 3] } }, { a: { card: '4111111111111111' } }]));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), async (cut, asJson) => {
        const source = asJson ? json : full;
        const file = writeFile(dir, `t${n++}.${asJson ? 'json' : 'csv'}`, source.subarray(0, Math.floor(source.length * cut)));
        await outcome(scanFile(file, { chunkBytes: 97 }));
      }),
      { numRuns: 100 },
    );
  });
});
