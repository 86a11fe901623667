// Importing a framework file: an OSCAL catalog or profile (JSON) or a CISO Assistant library
// (YAML), told apart by content. The file is read, checked and turned into an ImportedFramework,
// or refused whole with every problem and where it is.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ImportedFramework, type FrameworkImportProblem, type ImportedFrameworkSummary } from '../../../shared/framework-import';
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

/** Reads, checks and returns a framework; throws FrameworkImportError naming every problem. */
export function importFrameworkFile(path: string, options: ImportOptions = {}): ImportedFramework {
  const problems: FrameworkImportProblem[] = [];
  const file = basename(path);
  const text = readText(path, file, problems);
  if (text === undefined) throw new FrameworkImportError(problems);
  const looksJson = /^\s*[{[]/.test(text);
  const framework = looksJson ? fromOscal(path, file, text, options, problems) : fromCiso(file, text, problems);
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

function fromOscal(path: string, file: string, text: string, options: ImportOptions, problems: FrameworkImportProblem[]): ImportedFramework | undefined {
  const content = parseJson(file, text, problems);
  if (content === undefined) return undefined;
  const doc = oscalDocument(file, content, problems);
  if (!doc) return undefined;
  const meta = oscalMetadata(file, doc.root, doc.kind, problems);
  if (doc.kind === 'catalog') {
    const requirements = catalogRequirements(file, doc.root, problems);
    if (!meta) return undefined;
    return { id: slug(meta.title), name: meta.title, version: meta.version, source: 'oscal-catalog', origin: file, requirements };
  }
  const selection = profileImport(file, doc.root, problems);
  if (!selection || !meta) return undefined;
  const candidates = [
    ...(options.catalogFile ? [options.catalogFile] : []),
    ...selection.hrefs.filter((h) => !/^[a-z]+:/i.test(h)).map((h) => resolve(dirname(path), h)),
  ];
  const catalogPath = candidates.find((c) => existsSync(c));
  if (!catalogPath) {
    problems.push({
      file,
      where: 'profile.imports[0].href',
      problem: `the catalog it imports was not found (${selection.hrefs.join(', ') || 'no JSON link'}); give it with --catalog FILE.`,
    });
    return undefined;
  }
  const catalogLabel = basename(catalogPath);
  const catalogText = readText(catalogPath, catalogLabel, problems);
  if (catalogText === undefined) return undefined;
  const catalogContent = parseJson(catalogLabel, catalogText, problems);
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
