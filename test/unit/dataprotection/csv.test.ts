// The one CSV reader: its rows agree with csv-parse on well-formed files, and scanning counts
// the same rows that row mode hands over, whatever the read size.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../../electron/core/dataprotection/csv';
import { readThrough } from '../../../electron/core/dataprotection/reader';
import { tempDir } from '../../helpers/workbench';

const FILES: Record<string, string> = {
  'trailing delimiter at the end of the file': 'a,b,c\n1,2,\n3,4,',
  'quoted commas, doubled quotes and a line break': 'name,notes\r\n"Lee, Ann","said ""hi"""\r\nBob,"two\nlines"\r\n',
  'blank lines between rows': 'a,b\n\n1,2\n\n\n3,4\n',
  'one column with blank lines': 'id\n1\n\n2\n',
  'an empty quoted field is a value, not a blank line': 'id\n""\n2\n',
};

async function rowsOf(file: string, chunkBytes: number): Promise<{ header: string[]; rows: string[][]; scanned: number }> {
  let header: string[] = [];
  const rows: string[][] = [];
  const reader = new CsvReader(file, ',', { header: (names) => (header = names), row: (fields) => rows.push([...fields]) });
  await readThrough(file, reader, { chunkBytes });
  const scanner = new CsvReader(file, ',');
  await readThrough(file, scanner, { chunkBytes });
  return { header, rows, scanned: scanner.rows };
}

describe('CsvReader', () => {
  it.each(Object.entries(FILES))('reads %s as csv-parse does, at any read size', async (_name, text) => {
    const file = join(tempDir(), 'data.csv');
    writeFileSync(file, text);
    const [head, ...expected] = parse(text, { skip_empty_lines: true, relax_column_count: false }) as string[][];
    for (const chunkBytes of [1, 2, 3, 7, 64 * 1024]) {
      const got = await rowsOf(file, chunkBytes);
      expect(got.header).toEqual(head);
      expect(got.rows).toEqual(expected);
      expect(got.scanned).toBe(expected.length);
    }
  });
});
