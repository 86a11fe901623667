// Summarises a `node --cpu-prof` profile: self time by file or package, and by function.
//   node --cpu-prof --cpu-prof-dir=prof bin/cwb.mjs control list --project P --json
//   node scripts/cpu-profile-summary.mjs prof/CPU.*.cpuprofile [top=15]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/cpu-profile-summary.mjs <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 15);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
let totalUs = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  totalUs += dt;
});

/** A file as a person reads it: a package for node_modules, the repo-relative path otherwise. */
function where(url) {
  if (!url) return '(native)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return `package ${inPackage[1]}`;
  return url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
}

const byFile = new Map();
const byFunction = new Map();
for (const [id, us] of selfUs) {
  const frame = nodes.get(id).callFrame;
  const fileKey = where(frame.url);
  const fnKey = `${frame.functionName || '(anonymous)'}  ${fileKey}:${frame.lineNumber + 1}`;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
  byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + us);
}
const table = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
  .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${k}`).join('\n');
process.stdout.write(`${(totalUs / 1000).toFixed(0)} ms sampled\n\nself time by file or package\n${table(byFile)}\n\nself time by function\n${table(byFunction)}\n`);
