#!/usr/bin/env node
// The Electron security check of `npm test`: runs @doyensec/electronegativity on the built app
// (out/: main, preload, renderer), reads its SARIF report, and fails on any finding that the
// reviewed allow-list (security/electronegativity-allowlist.json) does not explain, on any file
// it could not parse (unchecked code), and on allow-list entries that no longer match anything.
//
//   tsx scripts/security-check.mjs [--input out] [--online]
//
// (tsx, so it can read the CSP constant from shared/csp.ts and evaluate it: the scanner itself
// cannot see a CSP that is not a string literal.)
//
// Electronegativity downloads translations and the list of Electron releases on every run. The
// check must give the same answer on an air-gapped machine, so by default those downloads are
// refused up front; --online lets them through (and with them the "security fixes available for
// this Electron version" check, which needs the release list).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONTENT_SECURITY_POLICY } from '../shared/csp.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { input: { type: 'string' }, online: { type: 'boolean', default: false }, sarif: { type: 'string' } } });
const input = resolve(values.input ?? join(root, 'out'));
const sarifPath = resolve(values.sarif ?? join(root, 'test-results', 'electronegativity.sarif'));
const allowListPath = join(root, 'security', 'electronegativity-allowlist.json');

function fail(message) {
  console.error(`security check: ${message}`);
  process.exit(1);
}

if (!existsSync(join(input, 'main', 'index.js'))) fail(`no built app in ${relative(root, input) || input}; run \`npm run build\` first.`);
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));

if (!values.online) {
  // electronegativity requires `got` for its two downloads; hand it one that fails at once
  const gotPath = require.resolve('got', { paths: [toolDir] });
  const offline = () => Promise.reject(new Error('offline: downloads disabled by scripts/security-check.mjs'));
  offline.get = offline;
  offline.head = offline;
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(offline, { default: offline }) };
}

// its messages go through console.log; keep them out of the test output unless asked
const quiet = !process.env.CWB_VERBOSE;
const log = console.log;
if (quiet) console.log = () => {};
let outcome;
try {
  const run = require(join(toolDir, 'dist', 'runner.js'));
  mkdirSync(dirname(sarifPath), { recursive: true });
  rmSync(sarifPath, { force: true }); // never read last run's report
  outcome = await run(
    {
      input,
      output: sarifPath,
      isSarif: true,
      customScan: [],
      excludeFromScan: [],
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: true,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} finally {
  console.log = log;
}

/** The tool writes its report with an fs.writeFile it does not wait for: wait for a whole file. */
async function readSarif() {
  for (let i = 0; i < 200; i++) {
    try {
      return JSON.parse(readFileSync(sarifPath, 'utf8'));
    } catch {
      await sleep(50);
    }
  }
  return fail(`electronegativity wrote no readable report at ${relative(root, sarifPath)}.`);
}

const unparsed = outcome.errors.filter((e) => !e.tolerable);
const sarif = await readSarif();
const findings = sarif.runs.flatMap((r) => r.results ?? []).map((r) => ({
  check: r.ruleId,
  file: r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '?',
  line: r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
  message: r.message?.text ?? '',
}));

const allowList = JSON.parse(readFileSync(allowListPath, 'utf8'));
for (const [i, e] of (allowList.entries ?? []).entries()) {
  const ok = typeof e.check === 'string' && typeof e.file === 'string' && Number.isInteger(e.max) && e.max >= 1 && typeof e.reason === 'string' && e.reason.length >= 40 && /^\d{4}-\d{2}-\d{2}$/.test(e.reviewedOn ?? '');
  if (!ok) fail(`${relative(root, allowListPath)} entry ${i + 1} needs check, file, max (>= 1), reviewedOn (YYYY-MM-DD) and a reason of at least a sentence.`);
}
const groups = new Map();
for (const f of findings) {
  const key = `${f.check} ${f.file}`;
  groups.set(key, [...(groups.get(key) ?? []), f]);
}
const problems = [];
let explained = 0;
for (const [key, list] of groups) {
  const [check, file] = key.split(' ');
  const entry = allowList.entries.find((e) => e.check === check && e.file === file);
  if (!entry) {
    problems.push(`${check} in ${file} (line ${list.map((f) => f.line).join(', ')}): ${list[0].message} — fix it, or explain it in ${relative(root, allowListPath)}.`);
  } else if (list.length > entry.max) {
    problems.push(`${check} in ${file}: ${list.length} findings, the allow-list explains ${entry.max} — a new occurrence needs its own review.`);
  } else {
    explained += list.length;
  }
}
for (const entry of allowList.entries) {
  if (!groups.has(`${entry.check} ${entry.file}`)) problems.push(`allow-list entry ${entry.check} in ${entry.file} matches nothing any more: remove it.`);
}
for (const e of unparsed) problems.push(`could not parse ${relative(input, e.file)} (${e.message}): it was not checked.`);

// The CSP the scanner could not read, evaluated with the scanner's own evaluator.
const cspTool = require(require.resolve('@doyensec/csp-evaluator', { paths: [toolDir] }));
const cspFindings = new cspTool.CspEvaluator(new cspTool.CspParser(CONTENT_SECURITY_POLICY).csp, cspTool.Version.CSP3).evaluate();
for (const f of cspFindings) {
  const text = `CSP ${f.directive} ${f.value ?? ''}: ${f.description}`;
  if (f.severity < cspTool.severities.MEDIUM_MAYBE) problems.push(`${text} (shared/csp.ts)`);
  else console.log(`security check: note: ${text}`);
}

console.log(`security check: electronegativity ${outcome.globalChecks + outcome.atomicChecks} checks on ${relative(root, input) || input} (Electron ${electronVersion}); ${findings.length} finding(s), ${explained} explained by the allow-list; SARIF in ${relative(root, sarifPath)}.`);
if (problems.length > 0) fail(`\n  ${problems.join('\n  ')}`);
