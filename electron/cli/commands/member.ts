// cwb member list | add | role | remove
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ROLES, type Role } from '../../../shared/team';
import { call, printJson, printTable, UsageError, withWorkbench, type CliIo } from '../runtime';

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new UsageError(`Unknown role "${value}": use one of ${ROLES.join(', ')}.`);
  return value as Role;
}

/** A key file from `cwb profile key`: the PEM, and the name and email lines before it. */
function readKeyFile(path: string): { pem: string; name?: string; email?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the key file ${path}.`);
  }
  if (text.length > 4000) throw new UsageError(`${path} is too large to be a public key file.`);
  const header = (field: string) => new RegExp(`^${field}: (.+)$`, 'm').exec(text.split('-----BEGIN')[0] ?? '')?.[1]?.trim();
  return { pem: text, name: header('Name'), email: header('Email') };
}

export function memberCommand(io: CliIo): Command {
  const member = new Command('member').description("a project's members and their roles");

  member
    .command('list')
    .requiredOption('--project <id>', 'project id')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; json?: boolean }, cmd: Command) => {
      const list = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'listMembers', { projectId: opts.project }));
      if (opts.json) return printJson(io, list);
      printTable(io, ['KEY', 'NAME', 'EMAIL', 'ROLE', 'FINGERPRINT'], list.map((m) => [m.key, m.name, m.email, m.role, m.fingerprint ?? '(no key)']));
    });

  member
    .command('add')
    .requiredOption('--project <id>', 'project id')
    .option('--name <name>', "the member's name (read from the key file when --key is given)")
    .option('--email <email>', "the member's email (identifies them on every machine)")
    .option('--key <file>', 'their public key, written by `cwb profile key --out FILE.pub` on their machine')
    .requiredOption('--role <role>', ROLES.join(', '))
    .action(async (opts: { project: string; name?: string; email?: string; key?: string; role: string }, cmd: Command) => {
      const role = parseRole(opts.role);
      const keyFile = opts.key === undefined ? null : readKeyFile(opts.key);
      const name = opts.name ?? keyFile?.name;
      if (!name) throw new UsageError('Say who the member is: --name NAME, or --key FILE.pub written by `cwb profile key`.');
      const email = opts.email ?? keyFile?.email;
      const m = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'addMember', { projectId: opts.project, name, email, role, publicKey: keyFile?.pem }));
      io.out(`${m.name} is now ${m.role === 'owner' || m.role === 'assessor' ? 'an' : 'a'} ${m.role} on ${opts.project}.\n`);
      if (m.fingerprint) io.out(`Key fingerprint: ${m.fingerprint}. Compare it with the one ${m.name} reads to you.\n`);
    });

  member
    .command('role')
    .description("change a member's role")
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--member <key>', 'the member, by email (or name when they have none)')
    .requiredOption('--role <role>', ROLES.join(', '))
    .action(async (opts: { project: string; member: string; role: string }, cmd: Command) => {
      const role = parseRole(opts.role);
      const m = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'setMemberRole', { projectId: opts.project, memberKey: opts.member, role }));
      io.out(`${m.name} is now ${m.role === 'owner' || m.role === 'assessor' ? 'an' : 'a'} ${m.role}.\n`);
    });

  member
    .command('remove')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--member <key>', 'the member, by email (or name when they have none)')
    .action(async (opts: { project: string; member: string }, cmd: Command) => {
      await withWorkbench(cmd, 'existing', (wb) => call(wb, 'removeMember', { projectId: opts.project, memberKey: opts.member }));
      io.out(`Removed ${opts.member} from ${opts.project}.\n`);
    });

  return member;
}
