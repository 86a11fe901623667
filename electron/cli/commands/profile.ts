// cwb profile show | set
import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { call, printJson, UsageError, withWorkbench, type CliIo } from '../runtime';
import { profileKeyFile } from '../../core/identity/handlers';

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

  profile
    .command('key')
    .description("write this profile's public key for teammates, and print its fingerprint to compare out of band")
    .requiredOption('--out <file>', 'where to write the public key (PEM), e.g. ada.pub')
    .option('--json', 'print JSON')
    .action(async (opts: { out: string; json?: boolean }, cmd: Command) => {
      const { key, person } = await withWorkbench(cmd, 'create', async (wb) => ({ key: await call(wb, 'getProfileKey', {}), person: await call(wb, 'getProfile', {}) }));
      try {
        writeFileSync(opts.out, profileKeyFile(key, person), { flag: 'wx' });
      } catch (err) {
        const why = (err as { code?: unknown }).code === 'EEXIST' ? 'the file exists already (choose another name)' : (err as Error).message;
        throw new UsageError(`Cannot write ${opts.out}: ${why}.`);
      }
      if (opts.json) return printJson(io, { ...key, file: opts.out });
      io.out(`Wrote the public key of ${person.name} to ${opts.out}.\nFingerprint: ${key.fingerprint}\nRead it to your teammate, who adds you with \`cwb member add --project ID --key ${opts.out} --role ROLE\` and compares.\n`);
    });

  return profile;
}
