import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { catalogDataPlugin } from './scripts/catalog-data-plugin';
import { cspMetaPlugin } from './scripts/csp-meta-plugin';

export default defineConfig({
  main: {
    plugins: [catalogDataPlugin()],
    build: {
      outDir: 'out/main',
      // zod is many small ES modules: bundled, it is read and compiled as one file at start
      externalizeDeps: { exclude: ['zod'] },
      // the `cwb` CLI and the browser-mode host ship compiled beside the desktop shell: no
      // TypeScript transpiling at every start (bin/cwb.mjs loads out/main/cwb.js)
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          cwb: resolve('electron/cli/main.ts'),
          serve: resolve('electron/host/serve.ts'),
          // the PII scan's worker thread (dataprotection/scan-parts.ts starts ./scan-worker.js)
          'scan-worker': resolve('electron/core/dataprotection/scan-worker.ts'),
          // the PDF report's worker thread (reports/pdf-thread.ts starts ./pdf-worker.js)
          'pdf-worker': resolve('electron/core/reports/pdf-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // a sandboxed preload cannot require packages: bundle everything but electron, as CommonJS
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    // the CSP as a <meta> too, from the same constant main and the host send as a header
    plugins: [react(), cspMetaPlugin()],
    build: {
      outDir: 'out/renderer',
      // ES2021 lowers class private fields (TanStack Query uses them), which the electronegativity
      // scan of `npm run security` cannot parse: every line of the renderer stays checked
      target: 'es2021',
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
