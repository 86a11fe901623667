// cwb conflict list | resolve: the fields two copies changed differently, decided by a person.
import { Command } from 'commander';
import { call, printJson, printTable, UsageError, withWorkbench, type CliIo } from '../runtime';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function conflictCommand(io: CliIo): Command {
  const conflict = new Command('conflict').description('merge conflicts: the same field changed differently on two machines');

  conflict
    .command('list')
    .requiredOption('--project <id>', 'project id')
    .option('--all', 'include resolved conflicts')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; all?: boolean; json?: boolean }, cmd: Command) => {
      const list = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'listConflicts', { projectId: opts.project, includeResolved: Boolean(opts.all) }));
      if (opts.json) return printJson(io, list);
      if (!list.length) return io.out('No open merge conflicts.\n');
      printTable(io, ['ID', 'WHAT', 'HERE', 'CANDIDATES', 'RESOLVED'], list.map((c) => [
        c.id, `${c.entity} ${c.entityId} ${c.field}`, show(c.currentValue),
        c.candidates.map((x) => `${show(x.value)} (${x.actor})`).join(' / '), c.resolvedAt ? `${show(c.resolution)} by ${c.resolvedBy}` : '',
      ]));
    });

  conflict
    .command('resolve')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--conflict <id>', 'conflict id (see cwb conflict list)')
    .option('--value <text>', 'the value to keep, as text')
    .option('--value-json <json>', 'the value to keep, as JSON (null, a list…)')
    .action(async (opts: { project: string; conflict: string; value?: string; valueJson?: string }, cmd: Command) => {
      if ((opts.value === undefined) === (opts.valueJson === undefined)) throw new UsageError('Give the value to keep with either --value or --value-json.');
      let value: unknown = opts.value;
      if (opts.valueJson !== undefined) {
        try {
          value = JSON.parse(opts.valueJson);
        } catch {
          throw new UsageError(`--value-json is not valid JSON: ${opts.valueJson}`);
        }
      }
      const c = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'resolveConflict', { projectId: opts.project, conflictId: opts.conflict, value }));
      io.out(`Resolved ${c.id}: ${c.entity} ${c.entityId} ${c.field} is now ${show(c.currentValue)}.\n`);
    });

  return conflict;
}
