// The lint rules that keep the layers apart and the SQL written, proven by planting a violation
// in each place and expecting ESLint (the repo's own config) to refuse it, and the clean twin to
// pass. A rule that silently stopped matching would fail here.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The rule ids ESLint reports for `code` as if it were the file at `path` (nothing is written). */
async function rulesFired(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layer boundaries', () => {
  it.each([
    ['renderer/src/planted.tsx', "import { openWorkbench } from '../../electron/core/workbench';\nexport const x = openWorkbench;\n", 'the renderer importing core'],
    ['renderer/src/planted.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'the renderer importing Node'],
    ['renderer/src/planted.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'the renderer importing electron'],
    ['shared/planted.ts', "import { WorkbenchError } from '../electron/core/errors';\nexport const x = WorkbenchError;\n", 'shared importing core'],
    ['shared/planted.ts', "import { join } from 'node:path';\nexport const x = join;\n", 'shared importing Node'],
    ['electron/core/planted.ts', "import { app } from 'electron';\nexport const x = app;\n", 'core importing electron'],
    ['electron/core/planted.ts', "import { registerIpc } from '../main/ipc';\nexport const x = registerIpc;\n", 'core importing the Electron shell'],
    ['electron/preload/planted.ts', "import { dispatch } from '../core/dispatch';\nexport const x = dispatch;\n", 'the preload importing core'],
  ])('refuses %s (%s)', async (path, code) => {
    expect(await rulesFired(path, code)).toContain('no-restricted-imports');
  });

  it('lets core import shared, and the renderer import shared', async () => {
    expect(await rulesFired('electron/core/planted.ts', "import { contract } from '../../shared/api';\nexport const x = contract;\n")).toEqual([]);
    expect(await rulesFired('renderer/src/planted.ts', "import { contract } from '../../shared/api';\nexport const x = contract;\n")).toEqual([]);
  });
});

describe('SQL text (local/sql-text)', () => {
  const file = 'electron/core/planted.ts';
  const head = "import type { Db } from './store/database';\nimport { ident, idents, placeholders } from './store/sql';\n";
  it.each([
    ['a value interpolated into prepare', 'export const f = (db: Db, name: string) => db.prepare(`SELECT * FROM projects WHERE name = \'${name}\'`).all();\n'],
    ['a column name from a variable', 'export const f = (db: Db, col: string) => db.prepare(`SELECT ${col} FROM projects`).all();\n'],
    ['a value concatenated into prepare', "export const f = (db: Db, id: string) => db.prepare('SELECT * FROM projects WHERE id = ' + id).all();\n"],
    ['a value interpolated into exec', 'export const f = (db: Db, t: string) => db.exec(`DROP TABLE ${t}`);\n'],
    ['a let that could be anything', "export const f = (db: Db) => { let sql = 'SELECT 1'; sql += ''; return db.prepare(sql).get(); };\n"],
  ])('refuses %s', async (_what, code) => {
    expect(await rulesFired(file, head + code)).toContain('local/sql-text');
  });

  it.each([
    ['parameters', "export const f = (db: Db, id: string) => db.prepare('SELECT * FROM projects WHERE id = ?').get(id);\n"],
    ['checked identifiers and placeholders', 'export const f = (db: Db, t: string, cols: string[]) => db.prepare(`INSERT INTO ${ident(t)} (${idents(cols)}) VALUES (${placeholders(cols.length)})`).run();\n'],
    ['a const of written SQL', "const COLS = 'id, name';\nexport const f = (db: Db) => db.prepare(`SELECT ${COLS} FROM projects`).all();\n"],
    ['RegExp#exec, which is not SQL', 'export const f = (s: string) => /a/.exec(`${s}`);\n'],
  ])('allows %s', async (_what, code) => {
    expect((await rulesFired(file, head + code)).filter((r) => r === 'local/sql-text')).toEqual([]);
  });
});

describe('focused tests', () => {
  it.each(['it', 'describe', 'test'])('refuses %s.only', async (fn) => {
    const code = `import { ${fn} } from 'vitest';\n${fn}.only('x', () => undefined);\n`;
    expect(await rulesFired('test/unit/planted.test.ts', code)).toContain('no-restricted-syntax');
  });
});
