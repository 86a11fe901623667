// cwb catalog show | coverage
import { Command } from 'commander';
import { FRAMEWORK_IDS, STATUS_LABELS, type FrameworkId } from '../../../shared/domain';
import { loadBuiltinCatalog } from '../../core/catalog/load';
import { call, printJson, printTable, UsageError, withWorkbench, type CliIo } from '../runtime';

export function catalogCommand(io: CliIo): Command {
  const catalog = new Command('catalog').description('the control catalog: frameworks, requirements, controls, mappings');

  catalog
    .command('show')
    .description('print the catalog')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const c = loadBuiltinCatalog();
      if (opts.json) {
        return printJson(io, {
          version: c.version,
          frameworks: c.frameworks.map((f) => ({ id: f.id, name: f.name, version: f.version, source: f.source, requirements: f.requirements.map((r) => ({ id: r.id, title: r.title })), outOfScope: f.outOfScope })),
          controls: c.controls.map((k) => ({
            id: k.id, title: k.title, domain: k.domain, priority: k.priority, objective: k.objective,
            verification: k.verification, evidence: k.evidence,
            mappings: k.mappings.map((m) => ({ framework: m.framework, requirement: m.requirement, coverage: m.coverage })),
            noMapping: k.noMapping,
          })),
        });
      }
      io.out(`Catalog ${c.version}: ${c.controls.length} controls\n`);
      printTable(io, ['FRAMEWORK', 'NAME', 'VERSION', 'REQUIREMENTS', 'OUT OF SCOPE'], c.frameworks.map((f) => [f.id, f.name, f.version, f.requirements.length, f.outOfScope.length]));
      io.out('\n');
      printTable(io, ['ID', 'DOMAIN', 'PRIORITY', 'TITLE'], c.controls.map((k) => [k.id, k.domain, k.priority, k.title]));
    });

  catalog
    .command('coverage')
    .description("each requirement of a framework with the project's controls that satisfy it")
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--framework <id>', FRAMEWORK_IDS.join(', '))
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; framework: string; json?: boolean }, cmd: Command) => {
      if (!(FRAMEWORK_IDS as readonly string[]).includes(opts.framework)) throw new UsageError(`Unknown framework "${opts.framework}": use one of ${FRAMEWORK_IDS.join(', ')}.`);
      const rows = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'getCoverage', { projectId: opts.project, framework: opts.framework as FrameworkId }));
      if (opts.json) return printJson(io, rows);
      printTable(io, ['REQUIREMENT', 'TITLE', 'CONTROLS'], rows.map((r) => [
        r.requirement.id,
        r.requirement.title,
        r.controls.length ? r.controls.map((c) => `${c.id} ${STATUS_LABELS[c.status]}${c.coverage === 'partial' ? ' (partly)' : ''}`).join(', ') : r.outOfScope ? `outside catalog: ${r.outOfScope}` : r.coveredThrough.length ? `through ${r.coveredThrough.join(', ')}` : '—',
      ]));
    });

  return catalog;
}
