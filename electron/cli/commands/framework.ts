// cwb framework import: read and check a framework file (OSCAL catalog or profile in JSON, CISO
// Assistant library in YAML) and print what it holds; a refused file exits 1 naming the file and
// the line or node of every problem.
import { Command } from 'commander';
import { loadBuiltinCatalog } from '../../core/catalog/load';
import { importFrameworkFile, summarise } from '../../core/frameworks/import';
import { importedCoverage, readFrameworkMapping } from '../../core/frameworks/mapping';
import { printJson, printTable, type CliIo } from '../runtime';

export function frameworkCommand(io: CliIo): Command {
  const framework = new Command('framework').description('frameworks brought by the user: OSCAL catalogs and profiles, CISO Assistant libraries');

  framework
    .command('import')
    .description('read and check a framework file and print its id, name, version, source and requirements')
    .argument('<file>', 'OSCAL catalog or profile (JSON), or CISO Assistant library (YAML)')
    .option('--catalog <file>', 'for an OSCAL profile: the catalog it selects from, when its own link does not reach it')
    .option('--tree', 'also list every requirement')
    .option('--json', 'print JSON')
    .action((file: string, opts: { catalog?: string; tree?: boolean; json?: boolean }) => {
      const imported = importFrameworkFile(file, opts.catalog ? { catalogFile: opts.catalog } : {});
      const summary = summarise(imported);
      if (opts.json) return printJson(io, opts.tree ? { ...summary, tree: imported.requirements } : summary);
      io.out(`${summary.name} (${summary.id}), version ${summary.version}, from ${imported.origin}: ${summary.requirements} requirements, ${summary.assessable} assessable.\n`);
      if (opts.tree) printTable(io, ['ID', 'LABEL', 'PARENT', 'ASSESSABLE', 'TITLE'], imported.requirements.map((r) => [r.id, r.label ?? '', r.parent ?? '', r.assessable ? 'yes' : 'no', r.title]));
    });

  framework
    .command('map')
    .description("map an imported framework's requirements to our controls from a CSV (requirement,control[,coverage]) or CISO Assistant mapping set, and print the coverage")
    .requiredOption('--framework <file>', 'the framework file (as given to "framework import")')
    .requiredOption('--file <mapping>', 'CSV or CISO Assistant mapping library (YAML)')
    .option('--catalog <file>', 'for an OSCAL profile: the catalog it selects from')
    .option('--json', 'print JSON')
    .action((opts: { framework: string; file: string; catalog?: string; json?: boolean }) => {
      const imported = importFrameworkFile(opts.framework, opts.catalog ? { catalogFile: opts.catalog } : {});
      const coverage = importedCoverage(imported, readFrameworkMapping(opts.file, imported, loadBuiltinCatalog()));
      if (opts.json) return printJson(io, coverage);
      io.out(`${imported.name}: ${coverage.mapped} of ${coverage.assessable} assessable requirements mapped to controls; ${coverage.gaps.length} gaps.\n`);
      printTable(io, ['REQUIREMENT', 'TITLE', 'CONTROLS'], coverage.requirements.map((r) => [r.label ?? r.id, r.title, r.controls.length ? r.controls.map((c) => `${c.id}${c.coverage === 'partial' ? ' (partly)' : ''}`).join(', ') : 'gap']));
    });

  return framework;
}
