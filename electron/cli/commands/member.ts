// cwb member list | add | role | remove
import { Command } from 'commander';
import { ROLES, type Role } from '../../../shared/team';
import { call, printJson, printTable, UsageError, withWorkbench, type CliIo } from '../runtime';

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new UsageError(`Unknown role "${value}": use one of ${ROLES.join(', ')}.`);
  return value as Role;
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
      printTable(io, ['KEY', 'NAME', 'EMAIL', 'ROLE'], list.map((m) => [m.key, m.name, m.email, m.role]));
    });

  member
    .command('add')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--name <name>', "the member's name")
    .option('--email <email>', "the member's email (identifies them on every machine)")
    .requiredOption('--role <role>', ROLES.join(', '))
    .action(async (opts: { project: string; name: string; email?: string; role: string }, cmd: Command) => {
      const role = parseRole(opts.role);
      const m = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'addMember', { projectId: opts.project, name: opts.name, email: opts.email, role }));
      io.out(`${m.name} is now ${m.role === 'owner' || m.role === 'assessor' ? 'an' : 'a'} ${m.role} on ${opts.project}.\n`);
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
