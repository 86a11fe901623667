// cwb control list | set
import { Command } from 'commander';
import { CONTROL_STATUSES, STATUS_LABELS, type ControlStatus } from '../../../shared/domain';
import { call, parseList, printJson, printTable, UsageError, withWorkbench, type CliIo } from '../runtime';

export function controlCommand(io: CliIo): Command {
  const control = new Command('control').description("list and answer a project's controls");

  control
    .command('list')
    .description("the project's checklist")
    .requiredOption('--project <id>', 'project id')
    .option('--status <list>', `only these statuses, comma-separated (${CONTROL_STATUSES.join(', ')})`)
    .option('--owner <text>', 'only controls whose owner contains this text')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; status?: string; owner?: string; json?: boolean }, cmd: Command) => {
      const statuses = opts.status === undefined ? undefined : parseList(opts.status);
      const unknown = statuses?.find((s) => !(CONTROL_STATUSES as readonly string[]).includes(s));
      if (unknown !== undefined) throw new UsageError(`Invalid status "${unknown}" in --status: use ${CONTROL_STATUSES.join(', ')}.`);
      const rows = await withWorkbench(cmd, 'existing', (wb) =>
        call(wb, 'getChecklist', { projectId: opts.project, statuses: statuses as ControlStatus[] | undefined, owner: opts.owner }));
      if (opts.json) {
        return printJson(io, rows.map((r) => ({ id: r.id, title: r.title, domain: r.domain, status: r.status, owner: r.owner, note: r.note, priority: r.priority, dueDate: r.dueDate, frameworks: r.frameworks, evidence: r.evidenceCount })));
      }
      printTable(io, ['ID', 'STATUS', 'OWNER', 'DOMAIN', 'TITLE'], rows.map((r) => [r.id, STATUS_LABELS[r.status], r.owner, r.domain, r.title]));
    });

  control
    .command('set')
    .description("set a control's status, with an optional note and owner")
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--control <id>', 'control id, e.g. DS-01')
    .requiredOption('--status <status>', `one of ${CONTROL_STATUSES.join(', ')}`)
    .option('--note <text>', 'note for the auditor')
    .option('--owner <name>', 'who owns the control')
    .option('--due <date>', 'due date, YYYY-MM-DD')
    .option('--json', 'print the updated row as JSON')
    .action(async (opts: { project: string; control: string; status: string; note?: string; owner?: string; due?: string; json?: boolean }, cmd: Command) => {
      if (!(CONTROL_STATUSES as readonly string[]).includes(opts.status)) {
        throw new UsageError(`Invalid status "${opts.status}": use one of ${CONTROL_STATUSES.join(', ')}.`);
      }
      const row = await withWorkbench(cmd, 'existing', (wb) =>
        call(wb, 'updateControl', {
          projectId: opts.project, controlId: opts.control.toUpperCase(), status: opts.status as ControlStatus,
          note: opts.note, owner: opts.owner, dueDate: opts.due,
        }));
      if (opts.json) printJson(io, row);
      else io.out(`${row.id} is now ${STATUS_LABELS[row.status]}${row.owner ? ` (owner: ${row.owner})` : ''}.\n`);
    });

  return control;
}
