// Test workbenches on real SQLite files in temp folders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openWorkbench, type Workbench, type WorkbenchOptions } from '../../electron/core/workbench';
import { miniCatalog } from '../fixtures/mini-catalog';

const dirs: string[] = [];
const open: Workbench[] = [];

afterEach(() => {
  for (const wb of open.splice(0)) {
    try { wb.close(); } catch { /* already closed */ }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cwb-test-'));
  dirs.push(dir);
  return dir;
}

/** A fixed clock that can be moved forward, so times in assertions are exact. */
export function fixedClock(start = '2026-11-28T10:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => { t += ms; } };
}

/**
 * A workbench on a fresh SQLite file. Its clock is fixed (2026-11-28T10:00Z) unless the test
 * passes its own: no test may depend on the day it runs.
 */
export async function testWorkbench(options: WorkbenchOptions & { file?: string } = {}): Promise<Workbench & { file: string }> {
  const file = options.file ?? join(tempDir(), 'workbench.sqlite');
  const wb = await openWorkbench(file, { create: true, catalog: options.catalog ?? miniCatalog(), actor: options.actor ?? 'Ada Tester', now: fixedClock().now, ...options });
  open.push(wb);
  return Object.assign(wb, { file });
}
