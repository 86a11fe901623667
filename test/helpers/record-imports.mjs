// Records every module a process loads: `node --import ./test/helpers/record-imports.mjs …` with
// CWB_RECORD_IMPORTS naming the file that gets one URL per line. Lets a test see what a command
// really loads (test/unit/cli/compiled.test.ts).
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (process.env.CWB_RECORD_IMPORTS) appendFileSync(process.env.CWB_RECORD_IMPORTS, url + '\\n');
  return next(url, context);
}`)}`,
);
