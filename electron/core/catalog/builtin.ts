// The catalog that ships with the app, loaded as trusted data: its files are joined as they are,
// with no schema pass and no cross-check at run time, so a process that only reads (cwb control
// list) starts without building the catalog's zod schemas. The same files are validated in full
// at test time: test/unit/catalog/builtin.test.ts requires parseCatalogFiles (load.ts) to accept
// them and to give exactly this catalog, so a data file that would be refused fails the build.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuiltinFramework, Catalog, CatalogControl } from '../../../shared/catalog';
import { WorkbenchError } from '../errors';

export type CatalogFileInput = { name: string; content: unknown };

/** The built-in data files, named as they sit under data/ (the names appear in error messages). */
export const BUILTIN_CATALOG_FILE_NAMES = [
  'catalog.json',
  'hipaa.json',
  'gdpr.json',
  'pci.json',
  'controls/data_security.json',
  'controls/access_control.json',
  'controls/network_security.json',
  'controls/monitoring_logging.json',
  'controls/ml_platform.json',
  'controls/governance.json',
  'controls/generative_ai.json',
] as const;

/**
 * Where the data files are: data/ beside this module in the sources, catalog-data/ at the top of
 * the build (electron.vite.config.ts copies them there). They are read as JSON at run time, not
 * bundled as code: V8 compiles 400 kB of object literals in some 20 ms, JSON.parse reads them in 3.
 */
function builtinDataDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'data'), join(here, 'catalog-data'), join(here, '..', 'catalog-data')];
  const found = candidates.find((dir) => existsSync(join(dir, 'catalog.json')));
  if (!found) throw new WorkbenchError('INTERNAL', `The built-in catalog's data files were not found (looked in ${candidates.join(', ')}).`);
  return found;
}

let files: readonly CatalogFileInput[] | undefined;

/** The built-in data files as read (once per process); their content is frozen with the catalog. */
export function builtinCatalogFiles(): readonly CatalogFileInput[] {
  if (!files) {
    const dir = builtinDataDir();
    files = BUILTIN_CATALOG_FILE_NAMES.map((name) => ({ name, content: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown }));
  }
  return files;
}

let builtin: Catalog | undefined;

/** The catalog that ships with the app, joined once per process from its (test-validated) files. */
export function loadBuiltinCatalog(): Catalog {
  builtin ??= deepFreeze(joinTrustedFiles(builtinCatalogFiles()));
  return builtin;
}

type TrustedFile =
  | { kind: 'catalog'; version: string; frameworks?: BuiltinFramework[]; controls?: CatalogControl[] }
  | ({ kind: 'framework' } & BuiltinFramework)
  | { kind: 'controls'; controls: CatalogControl[] };

/**
 * The files joined as parseCatalogFiles joins valid ones: the manifest's version, frameworks in
 * the order the files list them (built-ins: HIPAA, GDPR, PCI), controls in file order. The data
 * objects are used as they are (and frozen with the catalog), not copied.
 */
export function joinTrustedFiles(files: readonly CatalogFileInput[]): Catalog {
  let version = '';
  const frameworks: BuiltinFramework[] = [];
  const controls: CatalogControl[] = [];
  for (const { content } of files) {
    const file = content as TrustedFile;
    if (file.kind === 'catalog') {
      version = file.version;
      frameworks.push(...(file.frameworks ?? []));
      controls.push(...(file.controls ?? []));
    } else if (file.kind === 'framework') {
      const { kind: _kind, ...framework } = file;
      frameworks.push(framework);
    } else {
      controls.push(...file.controls);
    }
  }
  return { version, frameworks, controls };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
