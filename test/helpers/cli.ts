// Runs cwb in-process and captures what it prints.
import { runCli } from '../../electron/cli/index';

export type CliRun = { code: number; out: string; err: string };

export async function cwb(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}
