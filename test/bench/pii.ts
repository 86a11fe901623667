// Benchmark: PII discovery over a generated 200 MB customer CSV on one core, in MB/s and peak
// RSS, side by side with ripgrep counting equivalent patterns in the same file in the same run.
// Our scan runs in a child process so its peak RSS (VmHWM, see peakRssKiB) is its own.
// The file is generated once into the OS temp folder and reused. MB here is 1,048,576 bytes.
// Run directly: npx tsx test/bench/pii.ts
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

const MIB = 1_048_576;
const TARGET_BYTES = 200 * MIB;
const ROUNDS = 3;
const DATA_FILE = join(tmpdir(), 'cwb-pii-bench-v1.csv');
const RG = '/usr/bin/rg';
const BUILT_CWB = fileURLToPath(new URL('../../out/main/cwb.js', import.meta.url));

// ---- the data ---------------------------------------------------------------------------------

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

const FIRST = ['Ann', 'Bob', 'Chen', 'Dana', 'Eve', 'Femi', 'Gus', 'Hana', 'Ivan', 'José', 'Kim', 'Lea'];
const LAST = ['Smith', 'Okafor', 'Müller', 'Nguyen', 'Garcia', 'Rossi', 'Kowalski', 'Dubois', 'Tanaka'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'example.co.uk'];
const HEADER = 'id,first_name,last_name,email,phone,ssn,date_of_birth,card_number,iban,ip_address,amount,postcode,created_at,notes';

/**
 * One customer row per call: valid identifiers mixed with the look-alikes real exports hold
 * (Luhn-failing cards, never-issued SSNs, bad octets, bad IBAN checksums, order numbers,
 * timestamps), so the scan pays for validation as it would on real data.
 */
function rowWriter(seed = 42): (id: number) => string {
  const r = mulberry32(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const digits = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += String(int(10));
    return s;
  };
  const luhnComplete = (body: string): string => {
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = body.charCodeAt(body.length - 1 - i) - 48;
      if (i % 2 === 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return body + String((10 - (sum % 10)) % 10);
  };
  const card = (): string => {
    const good = luhnComplete(`4${digits(14)}`);
    const value = r() < 0.8 ? good : good.slice(0, 15) + String((Number(good[15]) + 1) % 10);
    return r() < 0.5 ? value : value.replace(/(\d{4})(?=\d)/g, '$1 ');
  };
  const iban = (): string => {
    const bban = digits(18);
    let rem = 0;
    for (const ch of `${bban}131400`) rem = (rem * 10 + Number(ch)) % 97; // "DE00" moved to the end
    const check = String(98 - rem).padStart(2, '0');
    return r() < 0.9 ? `DE${check}${bban}` : `DE${check === '01' ? '02' : '01'}${bban}`;
  };
  const ssn = (): string => {
    const area = r() < 0.9 ? 1 + int(665) : [0, 666, 900 + int(99)][int(3)]!;
    return `${String(area).padStart(3, '0')}-${String(1 + int(98)).padStart(2, '0')}-${String(1 + int(9998)).padStart(4, '0')}`;
  };
  const phone = (): string => {
    const k = int(3);
    const a = 200 + int(800);
    const b = 200 + int(800);
    const c = String(int(10000)).padStart(4, '0');
    return k === 0 ? `(${a}) ${b}-${c}` : k === 1 ? `+1 ${a} ${b} ${c}` : `${a}-${b}-${c}`;
  };
  const ip = (): string => `${int(256)}.${int(256)}.${int(256)}.${r() < 0.95 ? int(256) : 256 + int(100)}`;
  const date = (): string => `${1940 + int(65)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  const notes = (): string => {
    switch (int(10)) {
      case 0:
        return `Customer asked to use ${FIRST[int(12)]!.toLowerCase()}.${int(999)}@${DOMAINS[int(4)]} instead`;
      case 1:
        return `"Called back, left voicemail at ${phone()}, will retry"`;
      case 2:
        return `Order ${digits(10)} shipped on ${date()}`;
      case 3:
        return `Login from ${ip()} flagged`;
      case 4:
        return `Rotated key AKIA${digits(4)}EXAMPLE${digits(5)} after review`;
      case 5:
        return `Ticket closed after ${1 + int(40)} minutes`;
      default:
        return '';
    }
  };
  return (id: number): string => {
    const first = FIRST[int(12)]!;
    const last = LAST[int(9)]!;
    const email = `${first.toLowerCase().replace('é', 'e')}.${last.toLowerCase().replace('ü', 'ue')}${int(100)}@${DOMAINS[int(4)]}`;
    const amount = (r() * 5000).toFixed(2);
    const created = `${date()}T${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}:00Z`;
    return [id, first, last, email, phone(), ssn(), date(), card(), iban(), ip(), amount, String(10000 + int(89999)), created, notes()].join(',');
  };
}

/**
 * The same customers as JSON (an array of objects, one per line) or as plain text (the CSV rows
 * with spaces for commas), written once like the CSV. 64 MB each: enough to measure, cheap to make.
 */
export function ensureBenchFile(kind: 'json' | 'text', minBytes = 64 * MIB): string {
  const path = join(tmpdir(), `cwb-pii-bench-v1.${kind === 'json' ? 'json' : 'txt'}`);
  if (existsSync(path) && statSync(path).size >= minBytes) return path;
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  const row = rowWriter(7);
  const keys = HEADER.split(',');
  let written = kind === 'json' ? writeSync(fd, '[\n') : 0;
  let id = 1;
  try {
    while (written < minBytes) {
      const lines: string[] = [];
      for (let k = 0; k < 20_000; k++) {
        const line = row(id++);
        // Notes may be quoted and hold commas: split on the first 13 commas only.
        const cells = line.split(',');
        const values = [...cells.slice(0, 13), cells.slice(13).join(',').replace(/^"|"$/g, '')];
        lines.push(kind === 'json' ? JSON.stringify(Object.fromEntries(keys.map((k2, i) => [k2, values[i] ?? '']))) : values.join(' '));
      }
      written += writeSync(fd, `${lines.join(kind === 'json' ? ',\n' : '\n')}${kind === 'json' ? ',\n' : '\n'}`);
    }
    if (kind === 'json') writeSync(fd, `${JSON.stringify({ id: 0 })}\n]\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return path;
}

/** Writes the CSV once (through a temp name, so a killed run leaves no half file); reuses it after. */
export function ensureBenchCsv(path = DATA_FILE, minBytes = TARGET_BYTES): number {
  if (existsSync(path) && statSync(path).size >= minBytes) return statSync(path).size;
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  const row = rowWriter();
  let written = writeSync(fd, `${HEADER}\n`);
  let id = 1;
  try {
    while (written < minBytes) {
      const lines: string[] = [];
      for (let k = 0; k < 20_000; k++) lines.push(row(id++));
      written += writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return written;
}

// ---- measuring ---------------------------------------------------------------------------------

/** ripgrep patterns for the same entities, ASCII classes (as our scan), counting every match. */
export const RG_PATTERNS = [
  '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}',
  '\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b',
  '\\b[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}\\b',
  '(?:\\+[0-9]{1,3}[ .-]?)?\\(?\\b[0-9]{3}\\)?[ .-]?[0-9]{3}[ .-]?[0-9]{4}\\b',
  '\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b',
  '\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\\b',
  '\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b',
  '(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}',
].map((p) => `(?-u)${p}`);

/** Pins a command to CPU 0 where taskset exists, so both tools get exactly one core. */
function oneCore(cmd: string[]): string[] {
  return existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '0', ...cmd] : cmd;
}

interface Measured {
  seconds: number;
  rssMiB: number;
  detail: string;
}

function runRipgrep(file: string, pinned = true): Measured {
  const cmd = [RG, '--no-config', '--count-matches', ...RG_PATTERNS.flatMap((p) => ['-e', p]), file];
  const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'CWB_TIME %e %M', ...cmd] : cmd;
  const full = pinned ? oneCore(timed) : timed;
  const start = process.hrtime.bigint();
  const out = spawnSync(full[0]!, full.slice(1), { encoding: 'utf8', maxBuffer: 16 * MIB });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (out.status !== 0) throw new Error(`rg failed: ${out.stderr}`);
  const m = /CWB_TIME ([\d.]+) (\d+)/.exec(out.stderr);
  return { seconds: wall, rssMiB: m ? Number(m[2]) / 1024 : NaN, detail: `${out.stdout.trim()} matches` };
}

/** `workers` 1 pins the child to one core; otherwise the scan uses its default, one worker per core. */
function runOurScan(file: string, scan: boolean, format = 'csv', workers = 1): Measured {
  const self = fileURLToPath(import.meta.url);
  const node = [process.execPath, '--import', import.meta.resolve('tsx'), self, scan ? '--child-scan' : '--child-idle', file, format, String(workers)];
  const cmd = workers === 1 ? oneCore(node) : node;
  const out = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', maxBuffer: 16 * MIB });
  if (out.status !== 0) throw new Error(`scan child failed: ${out.stderr}`);
  const r = JSON.parse(out.stdout.trim().split('\n').pop()!) as { ms: number; maxRssKiB: number; rows: number; hits: number };
  return { seconds: r.ms / 1000, rssMiB: r.maxRssKiB / 1024, detail: `${r.rows.toLocaleString('en')} rows, ${r.hits.toLocaleString('en')} findings` };
}

/**
 * The shipped command, whole process: `node out/main/cwb.js scan FILE --json` as a user runs it,
 * its worker threads started from the built out/main/scan-worker.js (not through tsx). The wall
 * time includes node's start, as ripgrep's includes its own.
 */
function runBuiltScan(file: string, format: string): Measured {
  const cmd = [process.execPath, BUILT_CWB, 'scan', file, '--format', format, '--json'];
  const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'CWB_TIME %e %M', ...cmd] : cmd;
  const start = process.hrtime.bigint();
  const out = spawnSync(timed[0]!, timed.slice(1), { encoding: 'utf8', maxBuffer: 64 * MIB, env: { ...process.env, CWB_DB: join(mkdtempSync(join(tmpdir(), 'cwb-pii-bench-')), 'bench.sqlite') } });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (out.status !== 0) throw new Error(`cwb scan failed: ${out.stderr}`);
  const r = JSON.parse(out.stdout) as { rows: number; durationMs: number; findings: Array<{ count: number }> };
  const m = /CWB_TIME ([\d.]+) (\d+)/.exec(out.stderr);
  const hits = r.findings.reduce((n, f) => n + f.count, 0);
  return { seconds: wall, rssMiB: m ? Number(m[2]) / 1024 : NaN, detail: `${r.rows.toLocaleString('en')} rows, ${hits.toLocaleString('en')} findings, scan ${r.durationMs} ms of the process's ${Math.round(wall * 1000)} ms` };
}

async function warmPageCache(file: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    createReadStream(file, { highWaterMark: 4 * MIB }).on('data', () => undefined).on('end', resolve).on('error', reject);
  });
}

export async function run(): Promise<Result[]> {
  const bytes = ensureBenchCsv();
  const mib = bytes / MIB;
  await warmPageCache(DATA_FILE);
  const ours: Measured[] = [];
  const rg: Measured[] = [];
  // Alternate the two tools so a noisy neighbour on the machine hurts both alike.
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(runOurScan(DATA_FILE, true));
    rg.push(runRipgrep(DATA_FILE));
  }
  const idle = runOurScan(DATA_FILE, false);
  // Every core: our scan in worker threads, ripgrep unpinned (one file is one thread for it), then JSON and text.
  const wide = (file: string, format: string) => {
    const o: Measured[] = [];
    const g: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      o.push(runBuiltScan(file, format));
      g.push(runRipgrep(file, false));
    }
    return { o: o.reduce((a, b) => (b.seconds < a.seconds ? b : a)), g: g.reduce((a, b) => (b.seconds < a.seconds ? b : a)), peak: Math.max(...o.map((m) => m.rssMiB)) };
  };
  const cores = availableParallelism();
  if (!existsSync(BUILT_CWB)) throw new Error('out/main/cwb.js is missing: run npm run build first');
  const csvWide = wide(DATA_FILE, 'csv');
  const others = (['json', 'text'] as const).map((kind) => {
    const file = ensureBenchFile(kind);
    return { kind, mib: statSync(file).size / MIB, ...wide(file, kind) };
  });
  const best = (runs: Measured[]): Measured => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const o = best(ours);
  const g = best(rg);
  const oursRate = mib / o.seconds;
  const rgRate = mib / g.seconds;
  const peak = Math.max(...ours.map((m) => m.rssMiB));
  const rgPeak = Math.max(...rg.map((m) => m.rssMiB));
  return [
    {
      name: `PII scan of a ${mib.toFixed(0)} MB CSV, one core (scanFile: parse, pre-filter, validate, count)`,
      value: Math.round(oursRate * 10) / 10,
      unit: 'MB/s',
      baseline: { name: 'ripgrep --count-matches with equivalent patterns, same file, same run', value: Math.round(rgRate * 10) / 10 },
      note: `${(oursRate / rgRate).toFixed(2)}x ripgrep; ${o.detail}; rg ${g.detail}; best of ${ROUNDS}; MB = 2^20 bytes`,
    },
    {
      name: 'PII scan peak RSS (child process, VmHWM)',
      value: Math.round(peak),
      unit: 'MB',
      baseline: { name: 'ripgrep peak RSS (/usr/bin/time %M, mmaps the file)', value: Math.round(rgPeak) },
      note: `an idle node + tsx child peaks at ${Math.round(idle.rssMiB)} MB`,
    },
    {
      name: `PII scan of the ${mib.toFixed(0)} MB CSV on all ${cores} cores: the built \`cwb scan --json\`, whole process (worker threads over parts cut at rows)`,
      value: Math.round((mib / csvWide.o.seconds) * 10) / 10,
      unit: 'MB/s',
      baseline: { name: 'ripgrep --count-matches, unpinned, same file, same run', value: Math.round((mib / csvWide.g.seconds) * 10) / 10 },
      note: `peak RSS ${Math.round(csvWide.peak)} MB (rg ${Math.round(csvWide.g.rssMiB)} MB); ${csvWide.o.detail}; best of ${ROUNDS}`,
    },
    ...others.map((x) => ({
      name: `PII scan of a ${x.mib.toFixed(0)} MB ${x.kind === 'json' ? 'JSON array' : 'text'} file: the built \`cwb scan --json\`, whole process`,
      value: Math.round((x.mib / x.o.seconds) * 10) / 10,
      unit: 'MB/s',
      baseline: { name: 'ripgrep --count-matches, unpinned, same file, same run', value: Math.round((x.mib / x.g.seconds) * 10) / 10 },
      note: `peak RSS ${Math.round(x.peak)} MB (rg ${Math.round(x.g.rssMiB)} MB); ${x.o.detail}; best of ${ROUNDS}`,
    })),
  ];
}

/**
 * Peak RSS of this process in KiB. On Linux, getrusage's maxRSS survives exec: a child spawned by
 * a big parent (npm run bench holds a 200,000-event database) reports the parent's size. VmHWM
 * belongs to this process's own memory map, so it is read first.
 */
function peakRssKiB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1]) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

async function child(mode: string, file: string, format: string, workers: number): Promise<void> {
  let rows = 0;
  let hits = 0;
  const start = performance.now();
  if (mode === '--child-scan') {
    const { scanFile } = await import('../../electron/core/dataprotection/scan');
    const t = performance.now();
    const result = await scanFile(file, { format: format as 'csv' | 'json' | 'text', ...(workers > 0 ? { workers } : {}) });
    rows = result.rows;
    hits = result.findings.reduce((n, f) => n + f.count, 0);
    const ms = performance.now() - t;
    console.log(JSON.stringify({ ms, maxRssKiB: peakRssKiB(), rows, hits }));
    return;
  }
  console.log(JSON.stringify({ ms: performance.now() - start, maxRssKiB: peakRssKiB(), rows, hits }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mode = process.argv[2];
  if (mode === '--child-scan' || mode === '--child-idle') {
    void child(mode, process.argv[3]!, process.argv[4] ?? 'csv', Number(process.argv[5] ?? '1'));
  } else {
    void run().then((rows) => {
      console.table(
        rows.map((r) => ({
          name: r.name,
          value: `${r.value} ${r.unit}`,
          ripgrep: r.baseline ? `${r.baseline.value} ${r.unit}` : '',
          note: r.note ?? '',
        })),
      );
      console.log(`file: ${DATA_FILE}`);
      console.log(`ripgrep: ${oneCore([RG, '--no-config', '--count-matches', ...RG_PATTERNS.flatMap((p) => ['-e', `'${p}'`]), DATA_FILE]).join(' ')}`);
    });
  }
}
