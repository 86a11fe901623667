// Runs test/helpers/db-child.ts as a real second process. It is bundled once per test file with
// vite (already a dev dependency) into node_modules/.cache, where its packages resolve, so each
// start costs a plain `node` start instead of a TypeScript loader's.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export type Child = {
  proc: ChildProcessWithoutNullStreams;
  /** Every stdout line so far. */
  lines: string[];
  /** Resolves when a stdout line satisfies the test (rejects if the child exits first). */
  waitFor: (test: (line: string) => boolean) => Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
};

export async function bundleChild(entry = 'db-child'): Promise<{ script: string; cleanup: () => void }> {
  const outDir = join(repo, 'node_modules', '.cache', `cwb-test-child-${process.pid}-${randomBytes(4).toString('hex')}`);
  await build({
    configFile: false,
    logLevel: 'silent',
    root: repo,
    build: {
      ssr: join(repo, 'test', 'helpers', `${entry}.ts`),
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: `${entry}.mjs` } },
    },
  });
  return { script: join(outDir, `${entry}.mjs`), cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

export function startChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const proc = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<{ test: (l: string) => boolean; ok: (l: string) => void }> = [];
  let buffer = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8');
  proc.stderr.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (w.test(line)) w.ok(line);
        else waiters.push(w);
      }
    }
  });
  proc.stderr.on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((ok) => {
    proc.on('close', (code, signal) => ok({ code, signal, stderr }));
  });
  const waitFor = (test: (line: string) => boolean) =>
    new Promise<string>((ok, fail) => {
      const seen = lines.find(test);
      if (seen !== undefined) return ok(seen);
      waiters.push({ test, ok });
      void exited.then((e) => fail(new Error(`child exited (${e.code ?? e.signal}) before the awaited line; stderr: ${e.stderr}`)));
    });
  return { proc, lines, waitFor, exited };
}
