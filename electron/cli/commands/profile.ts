// cwb profile show | set
import { Command } from 'commander';
import { call, printJson, withWorkbench, type CliIo } from '../runtime';

export function profileCommand(io: CliIo): Command {
  const profile = new Command('profile').description('who is making changes on this machine');

  profile
    .command('show')
    .description('the local profile')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const p = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'getProfile', {}));
      if (opts.json) return printJson(io, p);
      io.out(`${p.name}${p.email ? ` <${p.email}>` : ''}${p.chosen ? '' : ' (not chosen yet: the user name of this computer)'}\n`);
    });

  profile
    .command('set')
    .description('choose or switch the local profile')
    .requiredOption('--name <name>', 'your name as teammates know it')
    .option('--email <email>', 'your email: identifies you on every machine', '')
    .action(async (opts: { name: string; email: string }, cmd: Command) => {
      const p = await withWorkbench(cmd, 'create', (wb) => call(wb, 'setProfile', { name: opts.name, email: opts.email }));
      io.out(`Changes on this machine are now made by ${p.name}${p.email ? ` <${p.email}>` : ''}.\n`);
    });

  return profile;
}
