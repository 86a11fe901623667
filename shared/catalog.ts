// The shape of the control catalog: frameworks with their requirements, controls with their
// mappings, and the files a catalog is shipped or imported in. Pure zod schemas; the cross-checks
// that need the whole catalog (ids resolve, every requirement covered) live in the loader.
import { z } from 'zod';
import { ControlId, DomainId, FrameworkId, FrameworkRef, Priority } from './domain';
import { lazySchema } from './lazy-schema';

const Text = z.string().trim().min(1, 'must not be empty');

/** A catalog version is a semver string; built-ins use YEAR.MONTH.PATCH, e.g. 2026.11.0. */
export const CatalogVersion = lazySchema(() =>
  z
    .string()
    .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'a catalog version looks like 2026.11.0'),
);
export type CatalogVersion = z.infer<typeof CatalogVersion>;

/**
 * What a requirement is in its source. HIPAA: standard, required / addressable implementation
 * specification (Subpart C), implementation specification without that label (other subparts),
 * an untitled paragraph, or a whole section. GDPR: article, paragraph, point, recital.
 * PCI DSS: one of the twelve principal requirements, or a numbered requirement below them.
 */
export const REQUIREMENT_KINDS = [
  'standard',
  'required',
  'addressable',
  'specification',
  'paragraph',
  'section',
  'article',
  'point',
  'recital',
  'principal',
  'requirement',
] as const;
export const RequirementKind = lazySchema(() => z.enum(REQUIREMENT_KINDS));
export type RequirementKind = z.infer<typeof RequirementKind>;

/** Which kinds each framework may use, so an imported file cannot call a PCI item a recital. */
export const KINDS_BY_FRAMEWORK: Record<FrameworkId, readonly RequirementKind[]> = {
  hipaa: ['standard', 'required', 'addressable', 'specification', 'paragraph', 'section'],
  gdpr: ['article', 'paragraph', 'point', 'recital'],
  pci: ['principal', 'requirement'],
};

/**
 * Identifier formats, exactly as each source writes them:
 * HIPAA `164.312(a)(2)(iv)` (the "§" and "45 CFR" are left out), GDPR `Art. 32(1)(a)` or
 * `Recital 26`, PCI DSS `3.5.1` (principal requirements `1`–`12`; appendix requirements `A1.1.2`).
 */
export const REQUIREMENT_ID_PATTERNS: Record<FrameworkId, RegExp> = {
  hipaa: /^164\.\d{3}(?:\((?:[a-z]|[1-9]\d?|[ivx]+|[A-Z])\))*$/,
  gdpr: /^(?:Art\. [1-9]\d{0,1}(?:\([1-9]\d?\)(?:\([a-z]\))?)?|Recital [1-9]\d{0,2})$/,
  pci: /^(?:[1-9]|1[0-2]|A[1-3])(?:\.[1-9]\d?){0,4}$/,
};

export const CatalogRequirement = lazySchema(() =>
  z.strictObject({
    id: Text,
    title: Text,
    /** True when the source gives no title and this one is our short paraphrase. */
    titleIsParaphrase: z.boolean().optional(),
    kind: RequirementKind.optional(),
    /** Id of the enclosing requirement in the same framework (standard, article, principal). */
    parent: Text.optional(),
  }),
);
export type CatalogRequirement = z.infer<typeof CatalogRequirement>;

/**
 * Why a requirement has no control: the catalog has none for it (the organisation answers it
 * elsewhere: HR, workstations, contracts), or it does not apply to a controller's or service
 * provider's ML workload at all (AWS's side of shared responsibility, group health plans…).
 */
export const OUT_OF_SCOPE_KINDS = ['no-control', 'not-applicable'] as const;
export const OutOfScopeKind = lazySchema(() => z.enum(OUT_OF_SCOPE_KINDS));
export type OutOfScopeKind = z.infer<typeof OutOfScopeKind>;
export const OUT_OF_SCOPE_LABELS: Record<OutOfScopeKind, string> = {
  'no-control': 'No control in this catalog',
  'not-applicable': "Not applicable to a controller's or service provider's ML workload",
};

export const OutOfScopeEntry = lazySchema(() =>
  z.strictObject({
    requirement: Text,
    kind: OutOfScopeKind,
    reason: Text,
  }),
);
export type OutOfScopeEntry = z.infer<typeof OutOfScopeEntry>;

/** A framework of a catalog: a built-in one, or one the user imported (frameworks/store.ts). */
export const CatalogFramework = lazySchema(() =>
  z.strictObject({
    id: FrameworkRef,
    name: Text,
    version: Text,
    /** Where the identifiers and titles were taken from (regulation text, copy used to check it). */
    source: Text,
    requirements: z.array(CatalogRequirement).min(1, 'a framework needs at least one requirement'),
    /**
     * Leaf requirements no control maps to, each with its kind and reason. A requirement with
     * requirements beneath it may be listed only when every leaf beneath it is listed too.
     */
    outOfScope: z.array(OutOfScopeEntry),
  }),
);
export type CatalogFramework = z.infer<typeof CatalogFramework>;

/** A framework shipped in the catalog's data files: one of the built-in ids. */
export const BuiltinFramework = lazySchema(() => CatalogFramework.extend({ id: FrameworkId }));
export type BuiltinFramework = z.infer<typeof BuiltinFramework>;

export const COVERAGES = ['full', 'partial'] as const;
export const Coverage = lazySchema(() => z.enum(COVERAGES));
export type Coverage = z.infer<typeof Coverage>;

export const ControlMapping = lazySchema(() =>
  z.strictObject({
    framework: FrameworkRef,
    requirement: Text,
    coverage: Coverage,
  }),
);
export type ControlMapping = z.infer<typeof ControlMapping>;

/** A framework the control deliberately does not map to, and why (never a forced mapping). */
export const NoMapping = lazySchema(() =>
  z.strictObject({
    framework: FrameworkId,
    reason: Text,
  }),
);
export type NoMapping = z.infer<typeof NoMapping>;

/** Every evidence command is an AWS CLI call whose JSON output can be filed as evidence. */
export const AwsCliCommand = lazySchema(() =>
  z
    .string()
    .regex(/^aws [a-z0-9-]+ [a-z0-9-]+(?: .+)?$/, 'an evidence command starts with "aws SERVICE OPERATION"'),
);

export const CatalogControl = lazySchema(() =>
  z.strictObject({
    id: ControlId,
    title: Text,
    domain: DomainId,
    /** Why the control matters, in plain words. */
    objective: Text,
    verification: z.strictObject({
      steps: z.array(Text).min(1, 'a control needs at least one verification step'),
      commands: z.array(AwsCliCommand),
    }),
    /** What an assessor accepts as proof. */
    evidence: z.array(Text).min(1, 'a control needs at least one kind of evidence'),
    priority: Priority,
    mappings: z.array(ControlMapping),
    noMapping: z.array(NoMapping),
  }),
);
export type CatalogControl = z.infer<typeof CatalogControl>;

/** A control as the catalog's data files ship it: mapped to built-in frameworks only. */
export const BuiltinControl = lazySchema(() =>
  CatalogControl.extend({
    mappings: z.array(ControlMapping.extend({ framework: FrameworkId })),
  }),
);

export const Catalog = lazySchema(() =>
  z.strictObject({
    version: CatalogVersion,
    frameworks: z.array(CatalogFramework),
    controls: z.array(CatalogControl),
  }),
);
export type Catalog = z.infer<typeof Catalog>;

/* ---- Files a catalog is made of (built-in data and user imports use the same shapes) ---- */

/** Exactly one per catalog: names its version; may also carry frameworks and controls inline. */
export const CatalogManifestFile = lazySchema(() =>
  z.strictObject({
    kind: z.literal('catalog'),
    version: CatalogVersion,
    description: Text.optional(),
    frameworks: z.array(BuiltinFramework).optional(),
    controls: z.array(BuiltinControl).optional(),
  }),
);
export type CatalogManifestFile = z.infer<typeof CatalogManifestFile>;

export const CatalogFrameworkFile = lazySchema(() => BuiltinFramework.extend({ kind: z.literal('framework') }));
export type CatalogFrameworkFile = z.infer<typeof CatalogFrameworkFile>;

export const CatalogControlsFile = lazySchema(() =>
  z.strictObject({
    kind: z.literal('controls'),
    /** When set, every control in the file must be in this domain (keeps per-domain files honest). */
    domain: DomainId.optional(),
    controls: z.array(BuiltinControl),
  }),
);
export type CatalogControlsFile = z.infer<typeof CatalogControlsFile>;

export const CATALOG_FILE_KINDS = ['catalog', 'framework', 'controls'] as const;
export const CatalogFile = lazySchema(() =>
  z.discriminatedUnion('kind', [
    CatalogManifestFile,
    CatalogFrameworkFile,
    CatalogControlsFile,
  ]),
);
export type CatalogFile = z.infer<typeof CatalogFile>;

/** One thing wrong with a catalog: which file, which entry in it, and what is wrong. */
export const CatalogProblem = lazySchema(() =>
  z.object({
    file: z.string(),
    /** A control or requirement id where there is one, else a JSON path such as `controls[3]`. */
    entry: z.string(),
    problem: z.string(),
  }),
);
export type CatalogProblem = z.infer<typeof CatalogProblem>;

/**
 * Where a requirement stands. A leaf is `mapped` only by a control mapped to it itself, else it is
 * out of scope (`no-control`, `not-applicable`) or a `gap`. A requirement with requirements
 * beneath it takes the state of its leaves: a gap if any is one, else mapped if any is mapped.
 */
export const REQUIREMENT_STATES = ['mapped', 'no-control', 'not-applicable', 'gap'] as const;
export const RequirementState = lazySchema(() => z.enum(REQUIREMENT_STATES));
export type RequirementState = z.infer<typeof RequirementState>;
export const REQUIREMENT_STATE_LABELS: Record<RequirementState, string> = {
  mapped: 'Mapped to a control',
  'no-control': OUT_OF_SCOPE_LABELS['no-control'],
  'not-applicable': OUT_OF_SCOPE_LABELS['not-applicable'],
  gap: 'Gap: no control and no reason',
};

/** How many leaves at or beneath a requirement are in each state. */
export const LeafCounts = lazySchema(() =>
  z.strictObject({
    mapped: z.number().int().nonnegative(),
    'no-control': z.number().int().nonnegative(),
    'not-applicable': z.number().int().nonnegative(),
    gap: z.number().int().nonnegative(),
  }),
);
export type LeafCounts = z.infer<typeof LeafCounts>;
