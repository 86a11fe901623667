// Lint, and the one direction of imports (ARCHITECTURE.md): shared imports nothing of the app;
// the renderer never reaches Node, Electron or core; core never imports Electron.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import local from './eslint-rules/sql-text.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { local },
    rules: {
      'local/sql-text': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name=/^(it|test|describe|suite)$/][property.name='only']", message: 'A focused test (.only) silently skips the rest of the suite: remove .only before committing.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      { group: ['**/electron/**', '**/renderer/**', '../electron', '../renderer'], message: 'shared/ holds contracts only: it imports nothing of the app.' },
      { regex: '^(?!zod$|\\./[^/]+$)', message: 'shared/ may import zod and other shared files only.' },
    ], nodeBuiltins.map((name) => ({ name, message: 'shared/ runs in the renderer too: no Node modules.' }))),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      ...restrict(
        [
          { group: ['**/electron/**', '**/electron'], message: 'The renderer talks only to window.workbench (the contract in shared/); never to core, main or Electron.' },
          { group: ['better-sqlite3', 'node:*'], message: 'The renderer cannot reach Node.' },
        ],
        [{ name: 'electron', message: 'The renderer never imports electron.' }, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer cannot reach Node.' }))],
      ),
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: restrict(
      [
        { group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], message: 'core, host and cli stand below the shells: they import core and shared only.' },
        // the same, written relative to electron/ ('../main/ipc'), which the globs above miss
        { regex: '(^|/)(main|preload|renderer)/', message: 'core, host and cli stand below the shells: they import core and shared only.' },
      ],
      [{ name: 'electron', message: 'core, host and cli run in plain Node: never import electron.' }],
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([{ group: ['**/core/**', 'better-sqlite3', 'node:*'], message: 'The preload exposes the contract and nothing else.' }]),
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bin/**/*.mjs', '*.config.*'],
    // tests fingerprint whatever tables a database has, by the names sqlite_master gives them
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'local/sql-text': 'off' },
  },
);
