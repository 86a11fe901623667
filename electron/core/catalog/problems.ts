// Turning what is wrong with a catalog file into sentences a person can act on: which file,
// which entry (a control or requirement id when there is one, else a JSON path), what is wrong.
import type { CatalogProblem } from '../../../shared/catalog';
import { WorkbenchError } from '../errors';

const LISTED_IN_MESSAGE = 10;

/** Refusal of a catalog: every problem found, the first few spelled out in the message. */
export class CatalogError extends WorkbenchError {
  readonly problems: readonly CatalogProblem[];

  constructor(problems: readonly CatalogProblem[]) {
    super('CATALOG_INVALID', describeProblems(problems), { problems });
    this.name = 'CatalogError';
    this.problems = problems;
  }
}

export function formatProblem(p: CatalogProblem): string {
  return `${p.file}: ${p.entry}: ${p.problem}`;
}

function describeProblems(problems: readonly CatalogProblem[]): string {
  const count = problems.length;
  const head = `The catalog was refused: ${count} problem${count === 1 ? '' : 's'} found.`;
  const listed = problems.slice(0, LISTED_IN_MESSAGE).map((p) => `- ${formatProblem(p)}`);
  const more = count > LISTED_IN_MESSAGE ? [`- …and ${count - LISTED_IN_MESSAGE} more.`] : [];
  const tail = 'Fix the entries named above and load the catalog again; nothing was changed.';
  return [head, ...listed, ...more, tail].join('\n');
}

/** `controls[3].mappings[0].requirement` from a path of keys and indexes. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const LABELS: Record<string, string> = {
  controls: 'control',
  requirements: 'requirement',
  frameworks: 'framework',
  outOfScope: 'out-of-scope entry',
};

/**
 * Names the entry a path points into: the nearest enclosing control, requirement or framework
 * with an id, followed by the JSON path, e.g. `control DS-01 (controls[0].objective)`.
 */
export function entryAt(content: unknown, path: readonly PropertyKey[]): string {
  const where = jsonPath(path);
  let node: unknown = content;
  let label: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as PropertyKey;
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[key];
    const parentKey = path[i - 1];
    if (typeof key === 'number' && typeof parentKey === 'string' && parentKey in LABELS) {
      const rec = node as Record<string, unknown> | null;
      const name = rec && typeof rec === 'object' ? (rec.id ?? rec.requirement) : undefined;
      if (typeof name === 'string' && name.trim() !== '') label = `${LABELS[parentKey]} ${name}`;
    }
  }
  if (where === '') return '(whole file)';
  return label ? `${label} (${where})` : where;
}
