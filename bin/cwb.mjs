#!/usr/bin/env node
// The package's `cwb` binary: runs the compiled CLI (out/main/cwb.js, made by `npm run build`).
// No TypeScript is transpiled at start; `npm run cwb` runs the sources through tsx during development.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../out/main/cwb.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write(
    'cwb: the command line is not built yet (out/main/cwb.js is missing).\n' +
      'Run `npm run build` in the Compliance Workbench folder, or `npm run cwb -- <args>` to run it from the sources.\n',
  );
  process.exit(1);
}
await import(compiled.href);
