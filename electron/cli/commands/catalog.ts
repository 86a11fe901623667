// cwb catalog show | coverage | export
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { OUT_OF_SCOPE_LABELS, REQUIREMENT_STATE_LABELS, type LeafCounts } from '../../../shared/catalog';
import { FRAMEWORK_IDS, STATUS_LABELS, type FrameworkId } from '../../../shared/domain';
import { loadBuiltinCatalog } from '../../core/catalog/load';
import { OSCAL_CATALOG_FILE, oscalCatalog, oscalProfile } from '../../core/catalog/oscal-export';
import { leafTotals, requirementTree, type RequirementNode } from '../../core/catalog/tree';
import { call, printJson, printTable, UsageError, withWorkbench, type CliIo } from '../runtime';

function frameworkOption(value: string | undefined): FrameworkId | undefined {
  if (value === undefined) return undefined;
  if (!(FRAMEWORK_IDS as readonly string[]).includes(value)) throw new UsageError(`Unknown framework "${value}": use one of ${FRAMEWORK_IDS.join(', ')}.`);
  return value as FrameworkId;
}

/** `mapped 12, no control 1, not applicable 4, gaps 0` */
function describeLeaves(l: LeafCounts): string {
  return `mapped ${l.mapped}, no control ${l['no-control']}, not applicable ${l['not-applicable']}, gaps ${l.gap}`;
}

/** The requirement id indented by its depth in the tree (dots: the table collapses spaces). */
function indented(id: string, depth: number): string {
  return `${'· '.repeat(depth)}${id}`;
}

function nodeState(n: RequirementNode): string {
  if (!n.leaf) return `${n.leaves.mapped + n.leaves['no-control'] + n.leaves['not-applicable'] + n.leaves.gap} beneath: ${describeLeaves(n.leaves)}`;
  if (n.state === 'mapped') return `mapped: ${n.controls.map((c) => `${c.control.id}${c.coverage === 'partial' ? ' (partly)' : ''}`).join(', ')}`;
  if (n.outOfScope) return `${OUT_OF_SCOPE_LABELS[n.outOfScope.kind]}: ${n.outOfScope.reason}`;
  return REQUIREMENT_STATE_LABELS.gap;
}

export function catalogCommand(io: CliIo): Command {
  const catalog = new Command('catalog').description('the control catalog: frameworks, requirements, controls, mappings');

  catalog
    .command('show')
    .description('print the catalog; with --framework, that framework\'s requirement tree with each leaf\'s state')
    .option('--framework <id>', FRAMEWORK_IDS.join(', '))
    .option('--json', 'print JSON')
    .action((opts: { framework?: string; json?: boolean }) => {
      const c = loadBuiltinCatalog();
      const only = frameworkOption(opts.framework);
      if (only) return printTree(io, only, opts.json === true);
      if (opts.json) {
        return printJson(io, {
          version: c.version,
          frameworks: c.frameworks.map((f) => ({
            id: f.id, name: f.name, version: f.version, source: f.source,
            requirements: f.requirements.map((r) => ({ id: r.id, title: r.title })),
            outOfScope: f.outOfScope,
            leaves: leafTotals(requirementTree(c, f.id)),
          })),
          controls: c.controls.map((k) => ({
            id: k.id, title: k.title, domain: k.domain, priority: k.priority, objective: k.objective,
            verification: k.verification, evidence: k.evidence,
            mappings: k.mappings.map((m) => ({ framework: m.framework, requirement: m.requirement, coverage: m.coverage })),
            noMapping: k.noMapping,
          })),
        });
      }
      io.out(`Catalog ${c.version}: ${c.controls.length} controls\n`);
      printTable(io, ['FRAMEWORK', 'NAME', 'VERSION', 'REQUIREMENTS', 'LEAVES', 'MAPPED', 'NO CONTROL', 'NOT APPLICABLE', 'GAPS'], c.frameworks.map((f) => {
        const nodes = requirementTree(c, f.id);
        const t = leafTotals(nodes);
        return [f.id, f.name, f.version, f.requirements.length, nodes.filter((n) => n.leaf).length, t.mapped, t['no-control'], t['not-applicable'], t.gap];
      }));
      io.out('\n');
      printTable(io, ['ID', 'DOMAIN', 'PRIORITY', 'TITLE'], c.controls.map((k) => [k.id, k.domain, k.priority, k.title]));
    });

  catalog
    .command('coverage')
    .description("a framework's requirement tree with each leaf's state; with --project, the project's controls and their status")
    .option('--project <id>', 'project id')
    .requiredOption('--framework <id>', FRAMEWORK_IDS.join(', '))
    .option('--json', 'print JSON')
    .action(async (opts: { project?: string; framework: string; json?: boolean }, cmd: Command) => {
      const framework = frameworkOption(opts.framework) as FrameworkId;
      if (opts.project === undefined) return printTree(io, framework, opts.json === true);
      const projectId = opts.project;
      const rows = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'getCoverage', { projectId, framework }));
      if (opts.json) return printJson(io, rows);
      printTable(io, ['REQUIREMENT', 'TITLE', 'STATE', 'CONTROLS'], rows.map((r) => [
        indented(r.requirement.id, r.depth),
        r.requirement.title,
        r.leaf ? REQUIREMENT_STATE_LABELS[r.state] : describeLeaves(r.leaves),
        r.controls.length
          ? r.controls.map((c) => `${c.id} ${STATUS_LABELS[c.status]}${c.coverage === 'partial' ? ' (partly)' : ''}`).join(', ')
          : r.outOfScope ?? '—',
      ]));
    });

  catalog
    .command('export')
    .description(`our catalog as an OSCAL catalog, or as an OSCAL profile of one framework's controls (write the catalog as ${OSCAL_CATALOG_FILE} next to its profiles)`)
    .requiredOption('--format <format>', 'oscal-catalog or oscal-profile')
    .option('--framework <id>', `for oscal-profile: ${FRAMEWORK_IDS.join(', ')}`)
    .requiredOption('--out <file>', 'file to write')
    .action((opts: { format: string; framework?: string; out: string }) => {
      const c = loadBuiltinCatalog();
      let doc: object;
      if (opts.format === 'oscal-catalog') doc = oscalCatalog(c);
      else if (opts.format === 'oscal-profile') {
        const framework = frameworkOption(opts.framework);
        if (!framework) throw new UsageError(`--format oscal-profile needs --framework (${FRAMEWORK_IDS.join(', ')}).`);
        doc = oscalProfile(c, framework);
      } else throw new UsageError(`Unknown format "${opts.format}": use oscal-catalog or oscal-profile.`);
      writeFileSync(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
      io.out(`Wrote ${opts.out}.\n`);
    });

  return catalog;
}

function printTree(io: CliIo, framework: FrameworkId, json: boolean): void {
  const nodes = requirementTree(loadBuiltinCatalog(), framework);
  if (json) {
    return printJson(io, {
      framework,
      leaves: leafTotals(nodes),
      requirements: nodes.map((n) => ({
        id: n.requirement.id,
        title: n.requirement.title,
        parent: n.requirement.parent ?? null,
        depth: n.depth,
        leaf: n.leaf,
        state: n.state,
        controls: n.controls.map((c) => ({ id: c.control.id, coverage: c.coverage })),
        outOfScope: n.outOfScope,
        leaves: n.leaves,
      })),
    });
  }
  io.out(`${framework}: ${describeLeaves(leafTotals(nodes))} (leaves)\n`);
  printTable(io, ['REQUIREMENT', 'TITLE', 'STATE'], nodes.map((n) => [indented(n.requirement.id, n.depth), n.requirement.title, nodeState(n)]));
}
