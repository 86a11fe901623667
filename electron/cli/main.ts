// Entry point of the cwb binary.
import { runCli } from './index';

// A command that waits on something that can no longer come (e.g. a network answer cut off in a
// way no error reports) leaves nothing for Node to run: the process would end without a word.
// Say so, and fail: a script must not read that as success.
let finished = false;
process.once('beforeExit', () => {
  if (finished) return;
  process.stderr.write('cwb: the command stopped before it finished: it was waiting for an answer that never came. What it completed is kept; run it again.\n');
  process.exitCode = 1;
});

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
finished = true;
process.exitCode = code;
