// cwb project create | list | show
import { Command } from 'commander';
import { FRAMEWORK_IDS, frameworkLabel, STATUS_LABELS, CONTROL_STATUSES, FrameworkRef } from '../../../shared/domain';
import { readinessText } from '../../../shared/gaps';
import { call, parseList, printJson, printTable, UsageError, withWorkbench, type CliIo } from '../runtime';

/** Built-in ids or imported ones; whether an imported id exists is core's to say. */
function parseFrameworks(value: string): FrameworkRef[] {
  const list = parseList(value.toLowerCase());
  const unknown = list.filter((f) => !FrameworkRef.safeParse(f).success);
  if (unknown.length) throw new UsageError(`Unknown framework "${unknown[0]}": use any of ${FRAMEWORK_IDS.join(', ')} or an imported framework's id (cwb framework list), separated by commas.`);
  if (!list.length) throw new UsageError(`Name at least one framework: ${FRAMEWORK_IDS.join(', ')}.`);
  return list;
}

const percent = readinessText;

export function projectCommand(io: CliIo): Command {
  const project = new Command('project').description('create, list and inspect projects');

  project
    .command('create')
    .description('create a project with the frameworks in scope')
    .requiredOption('--name <name>', 'project name')
    .requiredOption('--frameworks <list>', `frameworks in scope, comma-separated: ${FRAMEWORK_IDS.join(',')} or imported ones (cwb framework list)`)
    .option('--description <text>', 'what the workload is', '')
    .option('--json', 'print the created project as JSON')
    .action(async (opts: { name: string; frameworks: string; description: string; json?: boolean }, cmd: Command) => {
      const frameworks = parseFrameworks(opts.frameworks);
      const created = await withWorkbench(cmd, 'create', (wb) => call(wb, 'createProject', { name: opts.name, description: opts.description, frameworks }));
      if (opts.json) printJson(io, created);
      else io.out(`Created project ${created.id} "${created.name}" (${created.frameworks.join(', ')}).\n`);
    });

  project
    .command('list')
    .description('list projects')
    .option('--all', 'include archived projects')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }, cmd: Command) => {
      const list = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'listProjects', { includeArchived: Boolean(opts.all) }));
      if (opts.json) return printJson(io, list.map((s) => ({ ...s.project, readiness: s.overall.percent })));
      if (!list.length) return io.out('No projects yet. Create one with: cwb project create --name NAME --frameworks hipaa,gdpr,pci\n');
      printTable(io, ['ID', 'NAME', 'FRAMEWORKS', 'READINESS', 'UPDATED'],
        list.map((s) => [s.project.id, s.project.name, s.project.frameworks.join(','), percent(s.overall.percent), s.project.updatedAt.slice(0, 10)]));
    });

  project
    .command('show')
    .description('readiness per framework and counts by status')
    .argument('<id>', 'project id (see cwb project list)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const overview = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'getOverview', { projectId: id }));
      if (opts.json) return printJson(io, overview);
      const p = overview.project;
      io.out(`${p.name} (${p.id})\n${p.description ? `${p.description}\n` : ''}Catalog ${p.catalogVersion} · ${overview.overall.inScope} controls in scope · overall readiness ${percent(overview.overall.percent)}\n\n`);
      printTable(io, ['FRAMEWORK', 'CONTROLS', 'READINESS', ...CONTROL_STATUSES.map((s) => STATUS_LABELS[s].toUpperCase())],
        overview.byFramework.map((f) => [frameworkLabel(f.framework), f.readiness.inScope, percent(f.readiness.percent), ...CONTROL_STATUSES.map((s) => f.readiness.counts[s])]));
      if (overview.topGaps.length) {
        io.out('\nTop gaps\n');
        printTable(io, ['CONTROL', 'PRIORITY', 'STATUS', 'TITLE'], overview.topGaps.map((g) => [g.controlId, g.priority, STATUS_LABELS[g.status], g.title]));
      }
      const { controls, actionItems } = overview.overdue;
      if (controls.length || actionItems.length) {
        io.out(`\nOverdue (${controls.length} control${controls.length === 1 ? '' : 's'}, ${actionItems.length} action item${actionItems.length === 1 ? '' : 's'})\n`);
        printTable(io, ['DUE', 'CONTROL', 'OWNER', 'WHAT'], [
          ...controls.map((c) => [c.dueDate, c.controlId, c.owner || '—', `${STATUS_LABELS[c.status]}: ${c.title}`]),
          ...actionItems.map((a) => [a.dueDate, a.controlId, a.owner || '—', `Action: ${a.text}`]),
        ]);
      }
    });

  return project;
}
