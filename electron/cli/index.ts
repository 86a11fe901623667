// `cwb`: the headless command line over core, for CI pipelines and scripting.
import { Command, CommanderError } from 'commander';
import { WorkbenchError } from '../core/errors';
import { APP_VERSION } from '../core/version';
import { CheckFailed, UsageError, type CliIo } from './runtime';
import { projectCommand } from './commands/project';
import { controlCommand } from './commands/control';
import { auditCommand } from './commands/audit';
import { bundleCommand } from './commands/bundle';
import { memberCommand } from './commands/member';
import { profileCommand } from './commands/profile';
import { sessionCommand } from './commands/session';
import { conflictCommand } from './commands/conflict';
import { packageCommand, reportCommand } from './commands/report';
import { catalogCommand } from './commands/catalog';
import { frameworkCommand } from './commands/framework';
import { analyzeCommand, FailOn } from './commands/analyze';
import { kanonCommand, maskCommand, scanCommand } from './commands/data';
import { backupCommand } from './commands/backup';
import { serverCommand } from './commands/server';
import { syncCommand } from './commands/sync';

export function buildProgram(io: CliIo): Command {
  const program = new Command('cwb')
    .description('Compliance Workbench: prepare an ML workload on AWS for HIPAA, GDPR and PCI DSS assessments.')
    .version(APP_VERSION)
    .option('--db <path>', 'database file (default: $CWB_DB, else the desktop app\'s own)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const commands = [projectCommand(io), controlCommand(io), catalogCommand(io), frameworkCommand(io), reportCommand(io), packageCommand(io), analyzeCommand(io), scanCommand(io), maskCommand(io), kanonCommand(io), backupCommand(io), profileCommand(io), memberCommand(io), sessionCommand(io), auditCommand(io), bundleCommand(io), conflictCommand(io), serverCommand(io), syncCommand(io)];
  for (const c of commands) program.addCommand(c);
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
  const program = buildProgram(io);
  try {
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
    if (err instanceof WorkbenchError || err instanceof CheckFailed) {
      io.err(`cwb: ${err.message}\n`);
      return 1;
    }
    io.err(`cwb: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
