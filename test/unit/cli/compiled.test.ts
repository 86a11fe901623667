// The shipped `cwb` (bin/cwb.mjs running the compiled out/main/cwb.js), run as a user runs it: a
// child process. `npm test` builds before the unit tests; run alone, this builds once if nothing is built.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../electron/core/version';
import { commandsNeeded, commandWord } from '../../../electron/cli/index';
import { cwb } from '../../helpers/cli';
import { tempDir } from '../../helpers/workbench';

const root = resolve(import.meta.dirname, '..', '..', '..');
const compiled = join(root, 'out', 'main', 'cwb.js');

function shipped(...args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'cwb.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, CWB_DB: '' } });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** The app's source modules a run of the shipped cwb evaluates (from the `// path` marks the bundler leaves in each chunk). */
function sourcesLoaded(...args: string[]): string[] {
  const record = join(tempDir(), 'imports.txt');
  const run = spawnSync(process.execPath, ['--import', join(root, 'test', 'helpers', 'record-imports.mjs'), join(root, 'bin', 'cwb.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CWB_DB: '', CWB_RECORD_IMPORTS: record },
  });
  expect(run.status, run.stderr).toBe(0);
  const chunks = readFileSync(record, 'utf8').split('\n').filter((url) => url.startsWith('file:') && url.includes('/out/main/'));
  return chunks.flatMap((url) => [...readFileSync(fileURLToPath(url), 'utf8').matchAll(/^\/\/ ((?:shared|electron)\/[\w/.-]+\.ts)$/gm)].map((m) => m[1]!));
}

beforeAll(() => {
  if (!existsSync(compiled)) execFileSync('npx', ['--no-install', 'electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
}, 180_000);

describe('the compiled cwb', () => {
  it('prints its version', () => {
    expect(shipped('--version')).toEqual({ code: 0, out: `${APP_VERSION}\n`, err: '' });
  });

  it('creates a project and lists its checklist exactly as the sources do', async () => {
    const db = join(tempDir(), 'compiled.sqlite');
    const created = shipped('--db', db, 'project', 'create', '--name', 'Claims model', '--frameworks', 'hipaa', '--json');
    expect(created.err).toBe('');
    const project = JSON.parse(created.out) as { id: string };
    const list = shipped('--db', db, 'control', 'list', '--project', project.id, '--json');
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.out) as Array<{ id: string; status: string }>;
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r.status === 'not_assessed')).toBe(true);
    expect(list.out).toBe((await cwb('--db', db, 'control', 'list', '--project', project.id, '--json')).out);
  });

  it('loads for `control list` the project schemas and handlers alone: no team, analysis or report code', () => {
    const db = join(tempDir(), 'lean.sqlite');
    const project = JSON.parse(shipped('--db', db, 'project', 'create', '--name', 'Lean', '--frameworks', 'gdpr', '--json').out) as { id: string };
    const loaded = sourcesLoaded('--db', db, 'control', 'list', '--project', project.id, '--json');
    expect(loaded).toEqual(expect.arrayContaining(['shared/contract-projects.ts', 'electron/core/handlers/projects.ts', 'electron/core/assessments/checklist.ts']));
    const heavy = ['shared/team.ts', 'shared/analysis.ts', 'shared/report-model.ts', 'shared/dataprotection.ts', 'shared/sync.ts', 'shared/framework-import.ts', 'shared/api.ts'];
    expect(loaded.filter((path) => heavy.includes(path) || /^electron\/core\/(analyzers|reports|sessions\/minutes|bundle\/import|sync\/client)/.test(path))).toEqual([]);
  });

  it('refuses an unknown command and a missing project with the usual messages and exit codes', () => {
    const unknown = shipped('contorl', 'list');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'contorl'");
    expect(unknown.err).toContain('control');
    const missing = shipped('--db', join(tempDir(), 'none.sqlite'), 'control', 'list', '--project', 'prj-none');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^cwb: /);
  });
});

describe('which command modules a command line loads', () => {
  it('finds the command word past --db and its value', () => {
    expect(commandWord(['--db', 'control', 'project', 'list'])).toBe('project');
    expect(commandWord(['--version'])).toBeUndefined();
    expect(commandWord(['--', 'audit'])).toBe('audit');
  });

  it('loads none for --version, the named one for a command, all for help or an unknown word', () => {
    expect(commandsNeeded(['--version'])).toEqual([]);
    expect(commandsNeeded(['-V'])).toEqual([]);
    expect(commandsNeeded(['--db', 'x.sqlite', 'control', 'list', '--json'])).toEqual(['control']);
    expect(commandsNeeded(['package', 'verify', 'p.zip'])).toEqual(['package']);
    // every command: the 17 of a laptop and the sync server's two
    const all = commandsNeeded(['--help']);
    expect(all).toEqual(expect.arrayContaining(['project', 'control', 'analyze', 'scan', 'server', 'sync']));
    expect(all.length).toBe(19);
    expect(commandsNeeded(['help', 'control'])).toEqual(all);
    expect(commandsNeeded(['contorl'])).toEqual(all);
  });
});
