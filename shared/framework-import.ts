// A framework brought by the user (OSCAL catalog or profile, CISO Assistant library), as the
// importer reads it: an id that never collides with the built-in ones, its requirements as a
// tree, and where each problem in a refused file is (file, line or node, problem).
import { z } from 'zod';
import { FRAMEWORK_IDS } from './domain';

export const IMPORT_SOURCES = ['oscal-catalog', 'oscal-profile', 'ciso-assistant'] as const;
export const ImportSource = z.enum(IMPORT_SOURCES);
export type ImportSource = z.infer<typeof ImportSource>;

/** Lower-case slug, not one of the built-in framework ids. */
export const ImportedFrameworkId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a framework id is 2-63 lower-case letters, digits and dashes')
  .refine((id) => !(FRAMEWORK_IDS as readonly string[]).includes(id), 'this id belongs to a built-in framework');

export const ImportedRequirement = z.strictObject({
  id: z.string().min(1),
  /** How the source shows the id to people (OSCAL `label` prop, e.g. `AC-2(1)`), when it differs. */
  label: z.string().min(1).optional(),
  title: z.string().min(1),
  parent: z.string().min(1).optional(),
  /** False for grouping nodes (OSCAL groups, CISO Assistant nodes marked not assessable). */
  assessable: z.boolean(),
});
export type ImportedRequirement = z.infer<typeof ImportedRequirement>;

export const ImportedFramework = z.strictObject({
  id: ImportedFrameworkId,
  name: z.string().min(1),
  version: z.string().min(1),
  source: ImportSource,
  /** The file it came from and, for a profile, the catalog it was resolved against. */
  origin: z.string().min(1),
  requirements: z.array(ImportedRequirement).min(1, 'the file holds no requirements'),
});
export type ImportedFramework = z.infer<typeof ImportedFramework>;

/** What `cwb framework import` prints. */
export type ImportedFrameworkSummary = {
  id: string;
  name: string;
  version: string;
  source: ImportSource;
  requirements: number;
  assessable: number;
};

/** One thing wrong with an imported file: the file, a line (YAML, JSON syntax) or node path, and what. */
export const FrameworkImportProblem = z.object({
  file: z.string(),
  where: z.string(),
  problem: z.string(),
});
export type FrameworkImportProblem = z.infer<typeof FrameworkImportProblem>;

/** A framework or mapping file as sent to core: its name (as people know it) and its text. */
export const FrameworkDocument = z.strictObject({
  name: z.string().trim().min(1, 'name the file').max(300, 'a file name has at most 300 characters'),
  text: z.string().min(1, 'the file is empty'),
});
export type FrameworkDocument = z.infer<typeof FrameworkDocument>;

/** One imported framework version as stored: where it came from and what it holds. */
export const StoredFramework = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  source: ImportSource,
  origin: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  requirements: z.number().int(),
  assessable: z.number().int(),
  /** Assessable requirements with at least one control mapped. */
  mapped: z.number().int(),
  /** The newest version of the framework: the one projects follow. */
  current: z.boolean(),
  /** Projects that have this framework in scope (on the current version). */
  projects: z.number().int(),
});
export type StoredFramework = z.infer<typeof StoredFramework>;

/** What an import did: the stored framework, whether the file was already there, what followed. */
export const FrameworkImportResult = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  source: ImportSource,
  /** The file name and the SHA-256 of its bytes. */
  file: z.object({ name: z.string(), sha256: z.string() }),
  requirements: z.number().int(),
  assessable: z.number().int(),
  /** The same file (same version, same SHA-256) was imported before; nothing changed. */
  unchanged: z.boolean(),
  /** Mappings carried over from the previous version (requirements present in both). */
  carriedMappings: z.number().int(),
  /** Projects moved onto this version, with the controls their scope gained and lost. */
  projects: z.array(z.object({ projectId: z.string(), added: z.array(z.string()), archived: z.array(z.string()), restored: z.array(z.string()) })),
});
export type FrameworkImportResult = z.infer<typeof FrameworkImportResult>;

export const MappedControl = z.strictObject({
  control: z.string().min(1, 'name a control'),
  coverage: z.enum(['full', 'partial']),
});
export type MappedControl = z.infer<typeof MappedControl>;

/** The controls one requirement maps to, all of them: an empty list unmaps it. */
export const RequirementMapping = z.strictObject({
  requirement: z.string().min(1, 'name a requirement'),
  controls: z.array(MappedControl).max(500),
});
export type RequirementMapping = z.infer<typeof RequirementMapping>;

/** An imported framework's requirements with the controls each maps to, for the mapping screen. */
export const FrameworkMappingView = z.object({
  framework: StoredFramework,
  requirements: z.array(z.object({
    id: z.string(),
    /** How people cite it: the label (AC-2(1)) or the id. */
    ref: z.string(),
    title: z.string(),
    parent: z.string().nullable(),
    assessable: z.boolean(),
    controls: z.array(z.object({ control: z.string(), coverage: z.enum(['full', 'partial']), mappedBy: z.string(), mappedAt: z.string() })),
  })),
  /** Every control of the catalog, to choose from. */
  controls: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type FrameworkMappingView = z.infer<typeof FrameworkMappingView>;

/** What a mapping change did: requirements whose controls moved, and projects whose scope followed. */
export const FrameworkMapResult = z.object({
  framework: z.string(),
  version: z.string(),
  changed: z.array(z.string()),
  mapped: z.number().int(),
  assessable: z.number().int(),
  projects: z.array(z.object({ projectId: z.string(), added: z.array(z.string()), archived: z.array(z.string()), restored: z.array(z.string()) })),
});
export type FrameworkMapResult = z.infer<typeof FrameworkMapResult>;
