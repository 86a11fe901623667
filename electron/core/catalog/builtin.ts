// The catalog that ships with the app, loaded as trusted data: its files are joined as they are,
// with no schema pass and no cross-check at run time, so a process that only reads (cwb control
// list) starts without building the catalog's zod schemas. The same files are validated in full
// at test time: test/unit/catalog/builtin.test.ts requires parseCatalogFiles (load.ts) to accept
// them and to give exactly this catalog, so a data file that would be refused fails the build.
import type { BuiltinFramework, Catalog, CatalogControl } from '../../../shared/catalog';
import manifest from './data/catalog.json' with { type: 'json' };
import hipaa from './data/hipaa.json' with { type: 'json' };
import gdpr from './data/gdpr.json' with { type: 'json' };
import pci from './data/pci.json' with { type: 'json' };
import dataSecurity from './data/controls/data_security.json' with { type: 'json' };
import accessControl from './data/controls/access_control.json' with { type: 'json' };
import networkSecurity from './data/controls/network_security.json' with { type: 'json' };
import monitoringLogging from './data/controls/monitoring_logging.json' with { type: 'json' };
import mlPlatform from './data/controls/ml_platform.json' with { type: 'json' };
import governance from './data/controls/governance.json' with { type: 'json' };
import generativeAi from './data/controls/generative_ai.json' with { type: 'json' };

export type CatalogFileInput = { name: string; content: unknown };

/** The built-in data files, named as they sit under data/ (the names appear in error messages). */
export const BUILTIN_CATALOG_FILES: readonly CatalogFileInput[] = [
  { name: 'catalog.json', content: manifest },
  { name: 'hipaa.json', content: hipaa },
  { name: 'gdpr.json', content: gdpr },
  { name: 'pci.json', content: pci },
  { name: 'controls/data_security.json', content: dataSecurity },
  { name: 'controls/access_control.json', content: accessControl },
  { name: 'controls/network_security.json', content: networkSecurity },
  { name: 'controls/monitoring_logging.json', content: monitoringLogging },
  { name: 'controls/ml_platform.json', content: mlPlatform },
  { name: 'controls/governance.json', content: governance },
  { name: 'controls/generative_ai.json', content: generativeAi },
];

let builtin: Catalog | undefined;

/** The catalog that ships with the app, joined once per process from its (test-validated) files. */
export function loadBuiltinCatalog(): Catalog {
  builtin ??= deepFreeze(joinTrustedFiles(BUILTIN_CATALOG_FILES));
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
