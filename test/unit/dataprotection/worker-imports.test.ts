// The scan's worker thread starts light: what scan-worker.ts imports at run time (type imports
// aside) never reaches zod, whose schemas cost a worker tens of milliseconds to build at start.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every module reached from `file` through value imports, with the bare package names met. */
function reach(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  seen.set(file, specifiers);
  for (const spec of specifiers) if (spec.startsWith('.')) reach(resolve(dirname(file), `${spec}.ts`), seen);
  return seen;
}

describe('the PII scan worker', () => {
  it('imports no zod, directly or through shared/', () => {
    const graph = reach(resolve(root, 'electron/core/dataprotection/scan-worker.ts'));
    expect([...graph.keys()].some((f) => f.endsWith('tally.ts'))).toBe(true);
    expect([...graph.keys()].some((f) => f.endsWith('shared/pii-entities.ts'))).toBe(true);
    const packages = [...graph.entries()].flatMap(([file, specs]) => specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:')).map((s) => `${s} (from ${file.slice(root.length + 1)})`));
    expect(packages).toEqual([]);
  });
});
