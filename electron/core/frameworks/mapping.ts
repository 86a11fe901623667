// Mapping an imported framework's requirements to our controls, from a CSV file (columns
// requirement, control, optional coverage) or a CISO Assistant mapping set whose source urns end
// in the framework's requirement ids and whose target urns end in our control ids. Every row is
// checked; a refused file names the file, the line and the problem.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Catalog, Coverage } from '../../../shared/catalog';
import type { FrameworkDocument, FrameworkImportProblem, ImportedFramework } from '../../../shared/framework-import';
import { cisoMappings, readYaml } from './ciso-assistant';
import { FrameworkImportError } from './problems';

export type FrameworkMappingEntry = { requirement: string; control: string; coverage: Coverage };

/** Each assessable requirement of the framework with the controls mapped to it. */
export type ImportedCoverage = {
  framework: string;
  assessable: number;
  mapped: number;
  gaps: string[];
  requirements: Array<{ id: string; label?: string; title: string; controls: Array<{ id: string; coverage: Coverage }> }>;
};

const FULL_RELATIONSHIPS = new Set(['equal', 'superset']);

export function readFrameworkMapping(path: string, framework: ImportedFramework, catalog: Catalog): FrameworkMappingEntry[] {
  return readFrameworkMappingDocument({ name: basename(path), text: readFileSync(path, 'utf8') }, framework, catalog);
}

/** The same from text already read; a file whose name ends .yaml/.yml is a CISO Assistant mapping set, else CSV. */
export function readFrameworkMappingDocument(doc: FrameworkDocument, framework: Pick<ImportedFramework, 'id' | 'requirements'>, catalog: Catalog): FrameworkMappingEntry[] {
  const file = doc.name;
  const text = doc.text;
  const path = doc.name;
  const problems: FrameworkImportProblem[] = [];
  const byId = new Map<string, string>();
  for (const r of framework.requirements) {
    byId.set(r.id.toLowerCase(), r.id);
    if (r.label) byId.set(r.label.toLowerCase(), r.id);
  }
  const controls = new Map(catalog.controls.map((c) => [c.id.toLowerCase(), c.id]));
  const out: FrameworkMappingEntry[] = [];
  const seen = new Set<string>();
  const add = (where: string, requirementRef: string, controlRef: string, coverage: Coverage) => {
    const requirement = byId.get(requirementRef.trim().toLowerCase());
    const control = controls.get(controlRef.trim().toLowerCase());
    if (!requirement) return problems.push({ file, where, problem: `"${requirementRef}" is not a requirement of ${framework.id}.` });
    if (!control) return problems.push({ file, where, problem: `"${controlRef}" is not a control of the catalog (for example DS-01).` });
    const key = `${requirement}\u0000${control}`;
    if (seen.has(key)) return problems.push({ file, where, problem: `${requirement} → ${control} is mapped twice.` });
    seen.add(key);
    out.push({ requirement, control, coverage });
    return undefined;
  };

  if (/\.ya?ml$/i.test(path)) {
    const parsed = readYaml(file, text, problems);
    if (parsed) {
      for (const m of cisoMappings(file, parsed, problems)) {
        const tail = (urn: string) => urn.slice(urn.lastIndexOf(':') + 1);
        add(`line ${m.line}`, tail(m.source), tail(m.target), FULL_RELATIONSHIPS.has(m.relationship) ? 'full' : 'partial');
      }
    }
  } else {
    let rows: Array<{ record: Record<string, string>; info: { lines: number } }> = [];
    try {
      rows = parseCsv(text, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), bom: true, skip_empty_lines: true, info: true, trim: true, relax_column_count: true }) as typeof rows;
    } catch (e) {
      const line = (e as { lines?: number }).lines;
      problems.push({ file, where: `line ${line ?? 1}`, problem: `not a valid CSV file (${e instanceof Error ? e.message : String(e)}).` });
    }
    if (rows.length > 0 && (!('requirement' in rows[0]!.record) || !('control' in rows[0]!.record))) {
      problems.push({ file, where: 'line 1', problem: 'the header must name the columns "requirement" and "control" (and optionally "coverage").' });
    } else {
      for (const { record, info } of rows) {
        const where = `line ${info.lines}`;
        const coverage = (record.coverage ?? '').toLowerCase() || 'partial';
        if (coverage !== 'full' && coverage !== 'partial') {
          problems.push({ file, where, problem: `coverage "${record.coverage}" must be "full" or "partial".` });
          continue;
        }
        add(where, record.requirement ?? '', record.control ?? '', coverage);
      }
    }
  }
  if (problems.length === 0 && out.length === 0) problems.push({ file, where: '(whole file)', problem: 'the file maps nothing.' });
  if (problems.length > 0) throw new FrameworkImportError(problems);
  return out;
}

export function importedCoverage(framework: ImportedFramework, mapping: readonly FrameworkMappingEntry[]): ImportedCoverage {
  const byRequirement = new Map<string, Array<{ id: string; coverage: Coverage }>>();
  for (const m of mapping) byRequirement.set(m.requirement, [...(byRequirement.get(m.requirement) ?? []), { id: m.control, coverage: m.coverage }]);
  const requirements = framework.requirements.filter((r) => r.assessable).map((r) => ({
    id: r.id,
    ...(r.label ? { label: r.label } : {}),
    title: r.title,
    controls: byRequirement.get(r.id) ?? [],
  }));
  return {
    framework: framework.id,
    assessable: requirements.length,
    mapped: requirements.filter((r) => r.controls.length > 0).length,
    gaps: requirements.filter((r) => r.controls.length === 0).map((r) => r.label ?? r.id),
    requirements,
  };
}
