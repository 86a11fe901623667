// Loading a catalog: the built-in one shipped as JSON data, or files a person imports. Both go
// through the same parse-and-cross-check path and are refused whole, with every problem named.
import {
  CatalogControlsFile,
  CatalogFrameworkFile,
  CatalogManifestFile,
  CATALOG_FILE_KINDS,
  type Catalog,
  type CatalogControl,
  type BuiltinFramework,
  type CatalogProblem,
} from '../../../shared/catalog';
import { FRAMEWORK_IDS } from '../../../shared/domain';
import { crossCheck, type Located } from './checks';
import { CatalogError, entryAt } from './problems';
export { CatalogError, formatProblem } from './problems';
export { catalogIndex, type CatalogIndex, type RequirementControl } from './catalog-index';

// the built-in catalog: its files and its trusted load live in builtin.ts (no schema pass at run
// time); re-exported here for the callers that import them with the parser
export { builtinCatalogFiles, loadBuiltinCatalog, type CatalogFileInput } from './builtin';
import type { CatalogFileInput } from './builtin';

/**
 * Builds a catalog from its files: exactly one `"kind": "catalog"` manifest (the version), any
 * number of `"kind": "framework"` and `"kind": "controls"` files. Every file is validated against
 * its schema; if all parse, the whole catalog is cross-checked. Throws CatalogError listing every
 * problem found (file, entry, problem); returns a new Catalog only when there are none.
 */
export function parseCatalogFiles(files: ReadonlyArray<CatalogFileInput>): Catalog {
  const problems: CatalogProblem[] = []; // the files do not match their schema
  const checks: CatalogProblem[] = []; // well-formed files that do not fit together
  const manifests: Located<CatalogManifestFile>[] = [];
  const frameworks: Located<BuiltinFramework>[] = [];
  const controls: Located<CatalogControl>[] = [];

  for (const { name, content } of files) {
    const kind = fileKind(content);
    if (kind === undefined) {
      problems.push({
        file: name,
        entry: 'kind',
        problem: `the file must be a JSON object whose "kind" is one of ${CATALOG_FILE_KINDS.map((k) => `"${k}"`).join(', ')}.`,
      });
      continue;
    }
    const schema = kind === 'catalog' ? CatalogManifestFile : kind === 'framework' ? CatalogFrameworkFile : CatalogControlsFile;
    const parsed = schema.safeParse(content);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ file: name, entry: entryAt(content, issue.path), problem: issue.message });
      }
      continue;
    }
    const data = parsed.data;
    if (data.kind === 'catalog') {
      manifests.push({ value: data, file: name, path: [] });
      data.frameworks?.forEach((f, i) => frameworks.push({ value: f, file: name, path: ['frameworks', i] }));
      data.controls?.forEach((c, i) => controls.push({ value: c, file: name, path: ['controls', i] }));
    } else if (data.kind === 'framework') {
      const { kind: _kind, ...framework } = data;
      frameworks.push({ value: framework, file: name, path: [] });
    } else {
      data.controls.forEach((c, i) => {
        if (data.domain !== undefined && c.domain !== data.domain) {
          checks.push({
            file: name,
            entry: entryAt(content, ['controls', i, 'domain']),
            problem: `the control is in domain "${c.domain}" but the file holds only "${data.domain}" controls.`,
          });
        }
        controls.push({ value: c, file: name, path: ['controls', i] });
      });
    }
  }

  // Cross-checks only make sense on well-formed data; schema problems are reported first.
  if (problems.length === 0) {
    if (manifests.length === 0) {
      problems.push({
        file: '(catalog)',
        entry: 'catalog manifest',
        problem: 'no file has "kind": "catalog"; add one that gives the catalog version.',
      });
    }
    for (const extra of manifests.slice(1)) {
      problems.push({
        file: extra.file,
        entry: 'kind',
        problem: `a second catalog manifest (the first is ${manifests[0]?.file}); a catalog has exactly one.`,
      });
    }
    problems.push(...checks, ...crossCheck({ frameworks, controls }));
  }
  if (problems.length > 0) throw new CatalogError(problems);

  const order = (id: string) => FRAMEWORK_IDS.indexOf(id as (typeof FRAMEWORK_IDS)[number]);
  return {
    version: (manifests[0] as Located<CatalogManifestFile>).value.version,
    frameworks: frameworks.map((f) => f.value).sort((a, b) => order(a.id) - order(b.id)),
    controls: controls.map((c) => c.value),
  };
}

function fileKind(content: unknown): (typeof CATALOG_FILE_KINDS)[number] | undefined {
  if (content === null || typeof content !== 'object' || Array.isArray(content)) return undefined;
  const kind = (content as { kind?: unknown }).kind;
  return CATALOG_FILE_KINDS.find((k) => k === kind);
}
