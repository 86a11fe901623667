// Benchmark: the one CSV reader (electron/core/dataprotection/csv.ts, row mode, as masking and
// k-anonymity use it) against a streaming csv-parse over the same 64 MB customer CSV, in MB/s.
// Both hand every row's values over as strings; the faster one is the one the app keeps.
// Run directly: npx tsx test/bench/csv.ts
import { createReadStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { CsvReader } from '../../electron/core/dataprotection/csv';
import { readThrough } from '../../electron/core/dataprotection/reader';
import { medianMs } from './measure';
import { ensureBenchCsv } from './pii';

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

const MIB = 1_048_576;
const DATA_FILE = join(tmpdir(), 'cwb-csv-bench-v1.csv');
const RUNS = 3;

/** Rows and a checksum of the values' lengths, so neither reader can skip building them. */
type Tally = { rows: number; chars: number };

async function withCsvReader(file: string): Promise<Tally> {
  const t: Tally = { rows: 0, chars: 0 };
  const reader = new CsvReader(file, ',', {
    header: () => undefined,
    row(fields) {
      t.rows++;
      for (const f of fields) t.chars += f.length;
    },
  });
  await readThrough(file, reader);
  return t;
}

async function withCsvParse(file: string): Promise<Tally> {
  const t: Tally = { rows: 0, chars: 0 };
  const rows = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ from_line: 2, skip_empty_lines: true, relax_column_count: false }));
  for await (const row of rows as AsyncIterable<string[]>) {
    t.rows++;
    for (const f of row) t.chars += f.length;
  }
  return t;
}

export async function run(): Promise<Result[]> {
  ensureBenchCsv(DATA_FILE, 64 * MIB);
  const mb = statSync(DATA_FILE).size / MIB;
  const ours = await withCsvReader(DATA_FILE);
  const theirs = await withCsvParse(DATA_FILE);
  if (ours.rows !== theirs.rows || ours.chars !== theirs.chars) {
    throw new Error(`the two readers disagree: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
  }
  const csvParseMs = await medianMs(RUNS, () => withCsvParse(DATA_FILE));
  const readerMs = await medianMs(RUNS, () => withCsvReader(DATA_FILE));
  const rate = (ms: number): number => Math.round((mb / (ms / 1000)) * 10) / 10;
  return [
    {
      name: `CSV rows read as strings, ${Math.round(mb)} MB, median of ${RUNS}`,
      value: rate(readerMs),
      unit: 'MB/s',
      baseline: { name: 'csv-parse 6 streaming (same file, same run)', value: rate(csvParseMs) },
    },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void run().then((rows) => console.table(rows.map((r) => ({ name: r.name, value: `${r.value} ${r.unit}`, csvParse: r.baseline ? `${r.baseline.value} ${r.unit}` : '' }))));
}
