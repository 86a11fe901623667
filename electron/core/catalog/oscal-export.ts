// Our own catalog in OSCAL: the controls as an OSCAL catalog (one group per domain; objective,
// verification steps, AWS CLI commands and evidence as parts; each mapping as a prop), and, per
// framework, an OSCAL profile selecting the controls that map to it. Deterministic: the same
// catalog gives byte-identical files (version-5 UUIDs, last-modified derived from the version).
import type { Catalog, CatalogControl } from '../../../shared/catalog';
import { DOMAIN_IDS, DOMAIN_LABELS, FRAMEWORK_LABELS, type FrameworkId } from '../../../shared/domain';
import { OSCAL_VERSION } from '../reports/oscal';
import { stableUuid } from '../reports/ids';
import { catalogIndex } from './catalog-index';

/** The file name profiles use to point at the exported catalog (write both into one folder). */
export const OSCAL_CATALOG_FILE = 'compliance-workbench-catalog.json';
const NS = 'https://compliance-workbench.invalid/ns/oscal';

/** 2026.11.0 -> 2026-11-01T00:00:00Z: a catalog's content changes only with its version. */
function lastModified(version: string): string {
  const m = /^(\d{4})\.(\d{1,2})\./.exec(version);
  const month = m ? String(Number(m[2])).padStart(2, '0') : '01';
  return `${m ? m[1] : '1970'}-${month}-01T00:00:00Z`;
}

const oscalId = (controlId: string) => controlId.toLowerCase();

function part(controlId: string, name: string, prose: string, index = 0) {
  return { id: `${oscalId(controlId)}_${name}${index ? `.${index}` : ''}`, name, prose };
}

function controlOf(c: CatalogControl) {
  return {
    id: oscalId(c.id),
    class: 'compliance-workbench-control',
    title: c.title,
    props: [
      { name: 'label', value: c.id },
      { name: 'priority', ns: NS, value: c.priority },
      ...c.mappings.map((m) => ({ name: 'mapping', ns: NS, value: `${m.framework} ${m.requirement}`, class: m.coverage })),
    ],
    parts: [
      part(c.id, 'statement', c.objective),
      ...c.verification.steps.map((s, i) => part(c.id, 'assessment-method', s, i + 1)),
      ...c.verification.commands.map((s, i) => part(c.id, 'aws-cli-command', s, i + 1)),
      ...c.evidence.map((s, i) => part(c.id, 'evidence', s, i + 1)),
    ],
  };
}

export function oscalCatalog(catalog: Catalog): object {
  return {
    catalog: {
      uuid: stableUuid('catalog', catalog.version),
      metadata: {
        title: 'Compliance Workbench control catalog for ML workloads on AWS',
        'last-modified': lastModified(catalog.version),
        version: catalog.version,
        'oscal-version': OSCAL_VERSION,
      },
      groups: DOMAIN_IDS.map((d) => ({ id: d.replace(/_/g, '-'), title: DOMAIN_LABELS[d], controls: catalog.controls.filter((c) => c.domain === d).map(controlOf) }))
        .filter((g) => g.controls.length > 0),
    },
  };
}

export function oscalProfile(catalog: Catalog, framework: FrameworkId): object {
  const resource = stableUuid('catalog-resource', catalog.version);
  const ids = catalogIndex(catalog).controlsForFramework(framework).map((c) => oscalId(c.id));
  return {
    profile: {
      uuid: stableUuid('profile', catalog.version, framework),
      metadata: {
        title: `Compliance Workbench controls for ${FRAMEWORK_LABELS[framework]}`,
        'last-modified': lastModified(catalog.version),
        version: catalog.version,
        'oscal-version': OSCAL_VERSION,
      },
      imports: [{ href: `#${resource}`, 'include-controls': [{ 'with-ids': ids }] }],
      merge: { 'as-is': true },
      'back-matter': {
        resources: [{
          uuid: resource,
          title: 'Compliance Workbench control catalog',
          rlinks: [{ href: OSCAL_CATALOG_FILE, 'media-type': 'application/oscal.catalog+json' }],
        }],
      },
    },
  };
}
