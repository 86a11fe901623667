// Profiling aid: one single-pass scan of FILE, for node --cpu-prof. Run: npx tsx test/bench/pii-profile.ts FILE FORMAT
import { scanFile } from '../../electron/core/dataprotection/scan';

const [file, format] = process.argv.slice(2);
const t = performance.now();
const r = await scanFile(file!, { format: format as 'csv', workers: 1 });
const ms = performance.now() - t;
console.log(JSON.stringify({ ms: Math.round(ms), rows: r.rows, hits: r.findings.reduce((n, f) => n + f.count, 0), mbps: Math.round((r.bytes / 1048576 / ms) * 1000 * 10) / 10 }));
