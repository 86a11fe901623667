// Tests run core from its TypeScript source: worker threads (the PII scan's parts, the PDF report)
// start from source through tsx's loader, registered here, where the built app starts its built
// workers. Imported by vitest's setup and by the e2e fixtures.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { setSourceWorkerStarter, type SourceWorkerStarter } from '../../electron/core/worker-start';

const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;

export const startSourceWorker: SourceWorkerStarter = (source, workerData, resourceLimits) => {
  const boot = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(boot, { eval: true, workerData, ...(resourceLimits ? { resourceLimits } : {}) });
};

setSourceWorkerStarter(startSourceWorker);
