// cwb framework import | list | show | map | check: frameworks brought by the user (OSCAL catalog
// or profile in JSON, CISO Assistant library in YAML), stored in the workbench and mapped to our
// controls. A refused file exits 1 naming the file and the line or node of every problem, and the
// database is left as it was.
import { Command } from 'commander';
import { importFrameworkFile, linkedCatalog, readDocument, summarise } from '../../core/frameworks/import';
import type { FrameworkDocument } from '../../../shared/framework-import';
import { call, printJson, printTable, withWorkbench, type CliIo } from '../runtime';

/** The file as core gets it; a profile brings the catalog given, or the one its link leads to. */
function documents(file: string, catalogFile: string | undefined): { file: FrameworkDocument; catalog?: FrameworkDocument } {
  const doc = readDocument(file);
  const catalog = catalogFile !== undefined ? readDocument(catalogFile) : linkedCatalog(file, doc.text);
  return catalog ? { file: doc, catalog } : { file: doc };
}

const scopeMoves = (projects: ReadonlyArray<{ projectId: string; added: string[]; archived: string[] }>) =>
  projects.map((p) => `  ${p.projectId}: ${p.added.length} controls joined, ${p.archived.length} left its scope\n`).join('');

export function frameworkCommand(io: CliIo): Command {
  const framework = new Command('framework').description('frameworks brought by the user: OSCAL catalogs and profiles, CISO Assistant libraries');

  framework
    .command('import')
    .description('check a framework file and store it in the workbench (a new version of a framework already imported is kept beside the old one)')
    .argument('<file>', 'OSCAL catalog or profile (JSON), or CISO Assistant library (YAML)')
    .option('--catalog <file>', 'for an OSCAL profile: the catalog it selects from, when its own link does not reach it')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { catalog?: string; json?: boolean }, cmd: Command) => {
      const args = documents(file, opts.catalog);
      const r = await withWorkbench(cmd, 'create', (wb) => call(wb, 'importFramework', args));
      if (opts.json) return printJson(io, r);
      const what = `${r.name} (${r.id}), version ${r.version}, from ${r.file.name} (SHA-256 ${r.file.sha256.slice(0, 12)}…): ${r.requirements} requirements, ${r.assessable} assessable`;
      if (r.unchanged) return io.out(`${what}. Already imported from this same file; nothing changed.\n`);
      io.out(`Imported ${what}.\n`);
      if (r.carriedMappings > 0) io.out(`${r.carriedMappings} mappings carried over from the previous version.\n`);
      if (r.projects.length > 0) io.out(`Projects moved onto this version:\n${scopeMoves(r.projects)}`);
      else io.out(`Map its requirements to our controls: cwb framework map --framework ${r.id} --file MAPPING.csv\n`);
    });

  framework
    .command('list')
    .description('list the imported frameworks, every stored version, newest first')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'listFrameworks', {}));
      if (opts.json) return printJson(io, list);
      if (list.length === 0) return io.out('No imported frameworks yet. Import one with: cwb framework import FILE\n');
      printTable(io, ['ID', 'VERSION', 'CURRENT', 'NAME', 'REQUIREMENTS', 'MAPPED', 'PROJECTS', 'FILE', 'SHA-256', 'IMPORTED'], list.map((f) => [
        f.id, f.version, f.current ? 'yes' : 'no', f.name, `${f.requirements} (${f.assessable} assessable)`, `${f.mapped}/${f.assessable}`, f.projects, f.fileName, f.sha256.slice(0, 12), `${f.importedAt.slice(0, 10)} by ${f.importedBy}`,
      ]));
    });

  framework
    .command('show')
    .description("an imported framework's requirements with the controls each maps to")
    .argument('<id>', 'the framework id (cwb framework list)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const view = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'getFrameworkMapping', { framework: id }));
      if (opts.json) return printJson(io, view);
      const f = view.framework;
      io.out(`${f.name} (${f.id}), version ${f.version}: ${f.mapped} of ${f.assessable} assessable requirements mapped.\n`);
      printTable(io, ['REQUIREMENT', 'TITLE', 'CONTROLS'], view.requirements.map((r) => [
        r.ref, r.title, r.controls.length ? r.controls.map((c) => `${c.control}${c.coverage === 'partial' ? ' (partly)' : ''}`).join(', ') : r.assessable ? 'gap' : '',
      ]));
    });

  framework
    .command('map')
    .description("map an imported framework's requirements to our controls from a CSV (requirement,control[,coverage]) or CISO Assistant mapping set; each requirement named gets exactly the controls the file gives it")
    .requiredOption('--framework <id>', 'the imported framework (cwb framework list)')
    .requiredOption('--file <mapping>', 'CSV or CISO Assistant mapping library (YAML)')
    .option('--json', 'print JSON')
    .action(async (opts: { framework: string; file: string; json?: boolean }, cmd: Command) => {
      const file = readDocument(opts.file);
      const r = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'mapFrameworkFile', { framework: opts.framework, file }));
      if (opts.json) return printJson(io, r);
      io.out(`${r.framework} ${r.version}: ${r.changed.length} requirements changed; ${r.mapped} of ${r.assessable} assessable requirements mapped.\n`);
      if (r.projects.length > 0) io.out(`Projects whose scope followed:\n${scopeMoves(r.projects)}`);
    });

  framework
    .command('check')
    .description('read and check a framework file without storing it, and print what it holds')
    .argument('<file>', 'OSCAL catalog or profile (JSON), or CISO Assistant library (YAML)')
    .option('--catalog <file>', 'for an OSCAL profile: the catalog it selects from')
    .option('--tree', 'also list every requirement')
    .option('--json', 'print JSON')
    .action((file: string, opts: { catalog?: string; tree?: boolean; json?: boolean }) => {
      const imported = importFrameworkFile(file, opts.catalog ? { catalogFile: opts.catalog } : {});
      const summary = summarise(imported);
      if (opts.json) return printJson(io, opts.tree ? { ...summary, tree: imported.requirements } : summary);
      io.out(`${summary.name} (${summary.id}), version ${summary.version}, from ${imported.origin}: ${summary.requirements} requirements, ${summary.assessable} assessable.\n`);
      if (opts.tree) printTable(io, ['ID', 'LABEL', 'PARENT', 'ASSESSABLE', 'TITLE'], imported.requirements.map((r) => [r.id, r.label ?? '', r.parent ?? '', r.assessable ? 'yes' : 'no', r.title]));
    });

  return framework;
}
