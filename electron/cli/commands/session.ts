// cwb session start | end | list | minutes
import { Command } from 'commander';
import { DOMAIN_IDS, FRAMEWORK_IDS, type DomainId, type FrameworkId } from '../../../shared/domain';
import { writeFileAtomic } from '../../core/exports/export';
import { call, parseList, printJson, printTable, UsageError, withWorkbench, type CliIo } from '../runtime';
import { collect, parsePerson } from './team-options';

function pick<T extends string>(value: string | undefined, known: readonly T[], what: string): T[] {
  const list = value ? parseList(value.toLowerCase()) : [];
  const bad = list.find((x) => !(known as readonly string[]).includes(x));
  if (bad) throw new UsageError(`Unknown ${what} "${bad}": use any of ${known.join(', ')}, separated by commas.`);
  return list as T[];
}

export function sessionCommand(io: CliIo): Command {
  const session = new Command('session').description('audit sessions: changes made while one runs are tied to it');

  session
    .command('start')
    .description('start an audit session on a project')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--title <title>', 'what the session is')
    .option('--attendee <person>', 'a member attending, "Name" or "Name <email>" (repeat)', collect, [])
    .option('--guest <person>', 'a guest attending, "Name <email>" (repeat)', collect, [])
    .option('--domains <list>', `domains in scope: ${DOMAIN_IDS.join(',')}`)
    .option('--frameworks <list>', `frameworks in scope: ${FRAMEWORK_IDS.join(',')}`)
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; title: string; attendee: string[]; guest: string[]; domains?: string; frameworks?: string; json?: boolean }, cmd: Command) => {
      const scope = { domains: pick<DomainId>(opts.domains, DOMAIN_IDS, 'domain'), frameworks: pick<FrameworkId>(opts.frameworks, FRAMEWORK_IDS, 'framework') };
      const attendees = [...opts.attendee.map((a) => ({ ...parsePerson(a), guest: false })), ...opts.guest.map((g) => ({ ...parsePerson(g), guest: true }))];
      const s = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'startSession', { projectId: opts.project, title: opts.title, attendees, scope }));
      if (opts.json) return printJson(io, s);
      io.out(`Started session ${s.id} "${s.title}". Changes to ${opts.project} are tied to it until: cwb session end --project ${opts.project}\n`);
    });

  session
    .command('end')
    .description('end the running session and write its minutes')
    .requiredOption('--project <id>', 'project id')
    .option('--session <id>', 'the session (default: the running one)')
    .option('--minutes <file>', 'write the minutes as Markdown to this file')
    .option('--pdf <file>', 'write the minutes as PDF to this file')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; session?: string; minutes?: string; pdf?: string; json?: boolean }, cmd: Command) => {
      const ended = await withWorkbench(cmd, 'existing', async (wb) => {
        const r = await call(wb, 'endSession', { projectId: opts.project, sessionId: opts.session });
        if (opts.pdf) {
          const pdf = await call(wb, 'getSessionMinutes', { projectId: opts.project, sessionId: r.session.id, format: 'pdf' });
          await writeFileAtomic(opts.pdf, Buffer.from(pdf.contentBase64, 'base64'));
        }
        return r;
      });
      if (opts.minutes) await writeFileAtomic(opts.minutes, Buffer.from(ended.minutesMarkdown, 'utf8'));
      if (opts.json) return printJson(io, ended);
      io.out(`Ended session ${ended.session.id} "${ended.session.title}".${opts.minutes ? ` Minutes: ${opts.minutes}.` : ''}${opts.pdf ? ` PDF: ${opts.pdf}.` : ''}\n`);
      if (!opts.minutes && !opts.pdf) io.out(`\n${ended.minutesMarkdown}`);
    });

  session
    .command('list')
    .requiredOption('--project <id>', 'project id')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; json?: boolean }, cmd: Command) => {
      const list = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'listSessions', { projectId: opts.project }));
      if (opts.json) return printJson(io, list);
      if (!list.length) return io.out(`No audit sessions yet. Start one with: cwb session start --project ${opts.project} --title TITLE\n`);
      printTable(io, ['ID', 'TITLE', 'FACILITATOR', 'STARTED', 'ENDED'], list.map((s) => [s.id, s.title, s.facilitator, s.startedAt, s.endedAt ?? 'running']));
    });

  session
    .command('minutes')
    .description("write a session's minutes (a draft while it runs)")
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--session <id>', 'session id')
    .requiredOption('--out <file>', 'file to write; .pdf gives PDF, anything else Markdown')
    .action(async (opts: { project: string; session: string; out: string }, cmd: Command) => {
      const format = opts.out.toLowerCase().endsWith('.pdf') ? 'pdf' : 'markdown';
      const file = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'getSessionMinutes', { projectId: opts.project, sessionId: opts.session, format }));
      const bytes = Buffer.from(file.contentBase64, 'base64');
      await writeFileAtomic(opts.out, bytes);
      io.out(`Wrote ${opts.out} (${bytes.length} bytes).\n`);
    });

  return session;
}
