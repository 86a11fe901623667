// Refusal of an imported framework file: every problem found, each with the file, the line or
// node, and what is wrong. Nothing is changed by a refused import.
import type { FrameworkImportProblem } from '../../../shared/framework-import';
import { WorkbenchError } from '../errors';

const LISTED_IN_MESSAGE = 10;

export class FrameworkImportError extends WorkbenchError {
  readonly problems: readonly FrameworkImportProblem[];

  constructor(problems: readonly FrameworkImportProblem[]) {
    super('CATALOG_INVALID', describe(problems), { problems });
    this.name = 'FrameworkImportError';
    this.problems = problems;
  }
}

export function formatImportProblem(p: FrameworkImportProblem): string {
  return `${p.file}: ${p.where}: ${p.problem}`;
}

function describe(problems: readonly FrameworkImportProblem[]): string {
  const count = problems.length;
  const listed = problems.slice(0, LISTED_IN_MESSAGE).map((p) => `- ${formatImportProblem(p)}`);
  const more = count > LISTED_IN_MESSAGE ? [`- …and ${count - LISTED_IN_MESSAGE} more.`] : [];
  return [
    `The framework file was refused: ${count} problem${count === 1 ? '' : 's'} found.`,
    ...listed,
    ...more,
    'Fix the places named above and import the file again; nothing was changed.',
  ].join('\n');
}

/** Line (1-based) of a character offset in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A lower-case slug of a name, for framework ids: "NIST SP-800-66 rev2 (HIPAA)" -> "nist-sp-800-66-rev2-hipaa". */
export function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').slice(0, 63).replace(/^-+|-+$/g, '');
}
