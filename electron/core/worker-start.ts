// Worker threads of core (the PII scan's parts, the PDF report). The build emits each worker as
// out/main/<name>.js; core's code lands in out/main or a chunk folder below it. Tests that run
// core from its TypeScript source register a starter for the source (through tsx, a
// devDependency the packaged app neither has nor needs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

export type SourceWorkerStarter = (source: URL, workerData: unknown, resourceLimits?: ResourceLimits) => Worker;

let sourceStarter: SourceWorkerStarter | null = null;

export function setSourceWorkerStarter(start: SourceWorkerStarter | null): void {
  sourceStarter = start;
}

/**
 * Starts worker `name`: the built `<name>.js` beside the calling module (`from`: its
 * import.meta.url) or one folder up, else, when `fromSource` and a starter is registered, its
 * `<name>.ts` source. Null when neither can start: the caller then works in-process.
 * `resourceLimits` sizes the thread's heap (see the PDF worker's).
 */
export function startCoreWorker(name: string, from: string, workerData: unknown, fromSource: boolean, resourceLimits?: ResourceLimits): Worker | null {
  for (const candidate of [`./${name}.js`, `../${name}.js`]) {
    const built = new URL(candidate, from);
    if (built.protocol === 'file:' && existsSync(fileURLToPath(built))) return new Worker(built, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
  }
  if (!fromSource || !sourceStarter) return null;
  const source = new URL(`./${name}.ts`, from);
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) return null;
  return sourceStarter(source, workerData, resourceLimits);
}
