// Importing a framework file: an OSCAL catalog or profile (JSON) or a CISO Assistant library
// (YAML), told apart by content. The file is read, checked and turned into an ImportedFramework,
// or refused whole with every problem and where it is.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ImportedFramework, type FrameworkDocument, type FrameworkImportProblem, type ImportedFrameworkSummary } from '../../../shared/framework-import';
import { cisoFramework, readYaml } from './ciso-assistant';
import { catalogRequirements, oscalDocument, oscalMetadata, parseJson, profileImport, selectRequirements } from './oscal';
import { FrameworkImportError, slug } from './problems';

/** Larger files are refused before they are read (the SP 800-53 catalog is about 3 MB). */
const MAX_BYTES = 64 * 1024 * 1024;

export type ImportOptions = {
  /** For a profile: the catalog file it selects from, when its own link does not lead to one. */
  catalogFile?: string;
};

function readText(path: string, label: string, problems: FrameworkImportProblem[]): string | undefined {
  if (!existsSync(path)) {
    problems.push({ file: label, where: '(whole file)', problem: 'the file does not exist.' });
    return undefined;
  }
  const size = statSync(path).size;
  if (size > MAX_BYTES) {
    problems.push({ file: label, where: '(whole file)', problem: `the file is ${size} bytes; at most ${MAX_BYTES} are imported.` });
    return undefined;
  }
  return readFileSync(path, 'utf8');
}

export type DocumentOptions = {
  /** For a profile: the catalog it selects from, given by the person. */
  catalog?: FrameworkDocument;
  /** For a profile without a given catalog: finds the catalog its import links name, if it can. */
  findCatalog?: (hrefs: readonly string[]) => FrameworkDocument | undefined;
};

/** Reads, checks and returns a framework; throws FrameworkImportError naming every problem. */
export function importFrameworkFile(path: string, options: ImportOptions = {}): ImportedFramework {
  const problems: FrameworkImportProblem[] = [];
  const text = readText(path, basename(path), problems);
  if (text === undefined) throw new FrameworkImportError(problems);
  const catalog = options.catalogFile === undefined ? undefined : readDocument(options.catalogFile);
  return importFrameworkDocument({ name: basename(path), text }, {
    catalog,
    findCatalog: (hrefs) => {
      const found = hrefs.filter((h) => !/^[a-z]+:/i.test(h)).map((h) => resolve(dirname(path), h)).find((c) => existsSync(c));
      return found === undefined ? undefined : readDocument(found);
    },
  });
}

/** A file read for import, or a refusal naming it. */
export function readDocument(path: string): FrameworkDocument {
  const problems: FrameworkImportProblem[] = [];
  const text = readText(path, basename(path), problems);
  if (text === undefined) throw new FrameworkImportError(problems);
  return { name: basename(path), text };
}

/** The same as importFrameworkFile, from text already read (what the app and `cwb` send to core). */
export function importFrameworkDocument(doc: FrameworkDocument, options: DocumentOptions = {}): ImportedFramework {
  const problems: FrameworkImportProblem[] = [];
  const file = doc.name;
  const looksJson = /^\s*[{[]/.test(doc.text);
  const framework = looksJson ? fromOscal(doc, options, problems) : fromCiso(file, doc.text, problems);
  if (problems.length > 0 || !framework) throw new FrameworkImportError(problems.length ? problems : [{ file, where: '(whole file)', problem: 'no framework could be read.' }]);
  const parsed = ImportedFramework.safeParse(framework);
  if (!parsed.success) {
    throw new FrameworkImportError(parsed.error.issues.map((i) => ({ file, where: i.path.join('.') || '(whole file)', problem: i.message })));
  }
  return parsed.data;
}

export function summarise(f: ImportedFramework): ImportedFrameworkSummary {
  return {
    id: f.id,
    name: f.name,
    version: f.version,
    source: f.source,
    requirements: f.requirements.length,
    assessable: f.requirements.filter((r) => r.assessable).length,
  };
}

function fromOscal(doc: FrameworkDocument, options: DocumentOptions, problems: FrameworkImportProblem[]): ImportedFramework | undefined {
  const file = doc.name;
  const content = parseJson(file, doc.text, problems);
  if (content === undefined) return undefined;
  const oscal = oscalDocument(file, content, problems);
  if (!oscal) return undefined;
  const meta = oscalMetadata(file, oscal.root, oscal.kind, problems);
  if (oscal.kind === 'catalog') {
    const requirements = catalogRequirements(file, oscal.root, problems);
    if (!meta) return undefined;
    return { id: slug(meta.title), name: meta.title, version: meta.version, source: 'oscal-catalog', origin: file, requirements };
  }
  const selection = profileImport(file, oscal.root, problems);
  if (!selection || !meta) return undefined;
  const catalogDoc = options.catalog ?? options.findCatalog?.(selection.hrefs);
  if (!catalogDoc) {
    problems.push({
      file,
      where: 'profile.imports[0].href',
      problem: `the catalog it imports was not found (${selection.hrefs.join(', ') || 'no JSON link'}); give the catalog file with it (--catalog FILE; in the app, “Profile’s catalog…”).`,
    });
    return undefined;
  }
  const catalogLabel = catalogDoc.name;
  const catalogContent = parseJson(catalogLabel, catalogDoc.text, problems);
  const catalog = catalogContent === undefined ? undefined : oscalDocument(catalogLabel, catalogContent, problems);
  if (!catalog) return undefined;
  if (catalog.kind !== 'catalog') {
    problems.push({ file: catalogLabel, where: '(whole file)', problem: 'a profile is resolved against an OSCAL catalog; this file is a profile.' });
    return undefined;
  }
  const all = catalogRequirements(catalogLabel, catalog.root, problems);
  const requirements = selectRequirements(file, all, selection.withIds, problems);
  return { id: slug(meta.title), name: meta.title, version: meta.version, source: 'oscal-profile', origin: `${file} (catalog ${catalogLabel})`, requirements };
}

function fromCiso(file: string, text: string, problems: FrameworkImportProblem[]): ImportedFramework | undefined {
  const parsed = readYaml(file, text, problems);
  if (!parsed) return undefined;
  const lib = cisoFramework(file, parsed, problems);
  if (!lib) return undefined;
  return { id: slug(lib.refId), name: lib.name, version: lib.version, source: 'ciso-assistant', origin: file, requirements: lib.requirements };
}

/**
 * For a profile file on disk: the catalog its import links lead to, read, when one is found beside
 * it (what `cwb` sends along, since core sees no files). Undefined for anything else.
 */
export function linkedCatalog(path: string, text: string): FrameworkDocument | undefined {
  if (!/^\s*[{[]/.test(text)) return undefined;
  const scratch: FrameworkImportProblem[] = [];
  const content = parseJson(basename(path), text, scratch);
  const doc = content === undefined ? undefined : oscalDocument(basename(path), content, scratch);
  if (!doc || doc.kind !== 'profile') return undefined;
  const selection = profileImport(basename(path), doc.root, scratch);
  const found = (selection?.hrefs ?? []).filter((h) => !/^[a-z]+:/i.test(h)).map((h) => resolve(dirname(path), h)).find((c) => existsSync(c));
  return found === undefined ? undefined : readDocument(found);
}
