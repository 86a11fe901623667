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
