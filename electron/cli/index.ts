// `cwb`: the headless command line over core, for CI pipelines and scripting.
// Each command's module is loaded only when that command runs: `cwb --version` loads none of them
// (no contract, no catalog, no pdfmake) and `cwb control list` loads the control command alone.
import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../core/version';
import { CheckFailed, FailOn, UsageError } from './outcomes';
import type { CliIo } from './runtime';

type CommandLoader = (io: CliIo) => Promise<Command>;

/** The top-level commands in the order `cwb --help` lists them, each loaded on demand. */
const COMMANDS: ReadonlyArray<readonly [string, CommandLoader]> = [
  ['project', async (io) => (await import('./commands/project')).projectCommand(io)],
  ['control', async (io) => (await import('./commands/control')).controlCommand(io)],
  ['catalog', async (io) => (await import('./commands/catalog')).catalogCommand(io)],
  ['framework', async (io) => (await import('./commands/framework')).frameworkCommand(io)],
  ['report', async (io) => (await import('./commands/report')).reportCommand(io)],
  ['package', async (io) => (await import('./commands/report')).packageCommand(io)],
  ['analyze', async (io) => (await import('./commands/analyze')).analyzeCommand(io)],
  ['scan', async (io) => (await import('./commands/data')).scanCommand(io)],
  ['mask', async (io) => (await import('./commands/data')).maskCommand(io)],
  ['kanon', async (io) => (await import('./commands/data')).kanonCommand(io)],
  ['backup', async (io) => (await import('./commands/backup')).backupCommand(io)],
  ['profile', async (io) => (await import('./commands/profile')).profileCommand(io)],
  ['member', async (io) => (await import('./commands/member')).memberCommand(io)],
  ['session', async (io) => (await import('./commands/session')).sessionCommand(io)],
  ['audit', async (io) => (await import('./commands/audit')).auditCommand(io)],
  ['bundle', async (io) => (await import('./commands/bundle')).bundleCommand(io)],
  ['conflict', async (io) => (await import('./commands/conflict')).conflictCommand(io)],
  ['server', async (io) => (await import('./commands/server')).serverCommand(io)],
  ['sync', async (io) => (await import('./commands/sync')).syncCommand(io)],
];

/** The command word of an argument list: the first argument that is neither an option nor --db's value. */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db') i++;
    else if (arg === '--') return argv[i + 1];
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * The commands an argument list needs: the one it names; none for a bare `--version`; all of them
 * otherwise (help, `cwb help <command>`, an unknown command that commander answers with suggestions).
 */
export function commandsNeeded(argv: readonly string[]): string[] {
  const word = commandWord(argv);
  const known = COMMANDS.map(([name]) => name);
  if (word !== undefined && known.includes(word)) return [word];
  if (word === undefined && (argv.includes('--version') || argv.includes('-V'))) return [];
  return known;
}

export async function buildProgram(io: CliIo, names: readonly string[] = COMMANDS.map(([name]) => name)): Promise<Command> {
  const program = new Command('cwb')
    .description('Compliance Workbench: prepare an ML workload on AWS for HIPAA, GDPR and PCI DSS assessments.')
    .version(APP_VERSION)
    .option('--db <path>', 'database file (default: $CWB_DB, else the desktop app\'s own)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const [name, load] of COMMANDS) if (names.includes(name)) program.addCommand(await load(io));
  // every subcommand reports usage errors through the same path
  const exitOverride = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: io.out, writeErr: io.err });
    cmd.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}

/** Runs cwb with the given arguments; returns the exit code instead of exiting (for tests). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const program = await buildProgram(io, commandsNeeded(argv));
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? 0 : 2;
    }
    if (err instanceof UsageError) {
      io.err(`cwb: ${err.message}\n`);
      return 2;
    }
    if (err instanceof FailOn) {
      io.err(`cwb: ${err.message}\n`);
      return 3;
    }
    // core's error type comes with zod: loaded here, on the way out, not at every start
    const { WorkbenchError } = await import('../core/errors');
    if (err instanceof WorkbenchError || err instanceof CheckFailed) {
      io.err(`cwb: ${err.message}\n`);
      return 1;
    }
    io.err(`cwb: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
