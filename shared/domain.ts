// Domain vocabulary shared by every layer: frameworks, statuses, domains, and the shapes of the
// records that cross process boundaries. Pure zod schemas; imports nothing of the app.
import { z } from 'zod';
import { lazySchema } from './lazy-schema';

export const FRAMEWORK_IDS = ['hipaa', 'gdpr', 'pci'] as const;
export const FrameworkId = lazySchema(() => z.enum(FRAMEWORK_IDS));
export type FrameworkId = z.infer<typeof FrameworkId>;

/**
 * A framework a project can have in scope: a built-in one (hipaa, gdpr, pci) or one the user
 * imported (a lower-case slug, shared/framework-import.ts). Which ones exist is the catalog's word.
 */
export const FrameworkRef = lazySchema(() =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a framework id is hipaa, gdpr, pci or the id of an imported framework (`cwb framework list`)'),
);
export type FrameworkRef = z.infer<typeof FrameworkRef>;

export function isBuiltinFramework(id: string): id is FrameworkId {
  return (FRAMEWORK_IDS as readonly string[]).includes(id);
}

/** Frameworks in their one order: the built-ins as FRAMEWORK_IDS lists them, then imported ones by id; no repeats. */
export function orderFrameworks(ids: Iterable<string>): FrameworkRef[] {
  const set = new Set(ids);
  return [...FRAMEWORK_IDS.filter((f) => set.has(f)), ...[...set].filter((f) => !isBuiltinFramework(f)).sort()];
}

export const FRAMEWORK_LABELS: Record<FrameworkId, string> = {
  hipaa: 'HIPAA Security Rule',
  gdpr: 'GDPR',
  pci: 'PCI DSS v4.0.1',
};

/** How a framework id reads to people where only the id is at hand (a built-in's label, else the id). */
export function frameworkLabel(id: string): string {
  return isBuiltinFramework(id) ? FRAMEWORK_LABELS[id] : id;
}

export const CONTROL_STATUSES = [
  'not_assessed',
  'compliant',
  'partial',
  'non_compliant',
  'not_applicable',
] as const;
export const ControlStatus = lazySchema(() => z.enum(CONTROL_STATUSES));
export type ControlStatus = z.infer<typeof ControlStatus>;

/** A member's role in a project (electron/core/members/permissions.ts says what each may do). */
export const ROLES = ['owner', 'assessor', 'contributor', 'viewer'] as const;
export const Role = lazySchema(() => z.enum(ROLES));
export type Role = z.infer<typeof Role>;

/** A person as the team knows them: a name, and an email that identifies them across machines. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export const PersonName = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, 'a name is required')
    .max(100, 'a name has at most 100 characters')
    .refine((s) => !CONTROL_CHARS.test(s), 'a name cannot contain line breaks or control characters'),
);

export const Email = lazySchema(() =>
  z
    .string()
    .trim()
    .max(254, 'an email address has at most 254 characters')
    .regex(/^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/, 'an email address looks like name@example.org'),
);

/** Optional email: empty means none. */
export const OptionalEmail = lazySchema(() => z.union([z.literal(''), Email]).default(''));

export const ProfileInput = lazySchema(() => z.object({ name: PersonName, email: OptionalEmail }));

export const ACTION_ITEM_STATUSES = ['open', 'done'] as const;
export const ActionItemStatus = lazySchema(() => z.enum(ACTION_ITEM_STATUSES));
export type ActionItemStatus = z.infer<typeof ActionItemStatus>;

export const STATUS_LABELS: Record<ControlStatus, string> = {
  not_assessed: 'Not assessed',
  compliant: 'Compliant',
  partial: 'Partial',
  non_compliant: 'Non-compliant',
  not_applicable: 'Not applicable',
};

/** The walkthrough visits domains in this order. */
export const DOMAIN_IDS = [
  'data_security',
  'access_control',
  'network_security',
  'monitoring_logging',
  'ml_platform',
  'governance',
  'generative_ai',
] as const;
export const DomainId = lazySchema(() => z.enum(DOMAIN_IDS));
export type DomainId = z.infer<typeof DomainId>;

export const DOMAIN_LABELS: Record<DomainId, string> = {
  data_security: 'Data security',
  access_control: 'Access control',
  network_security: 'Network security',
  monitoring_logging: 'Monitoring & logging',
  ml_platform: 'ML platform (SageMaker)',
  governance: 'Governance',
  generative_ai: 'Generative AI (Amazon Bedrock)',
};

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const Priority = lazySchema(() => z.enum(PRIORITIES));
export type Priority = z.infer<typeof Priority>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const Severity = lazySchema(() => z.enum(SEVERITIES));
export type Severity = z.infer<typeof Severity>;

/** Project ids look like `prj-7f3k2m9q4d`; the CLI user types them, so they stay short. */
export const ProjectId = lazySchema(() =>
  z
    .string()
    .regex(/^prj-[a-z0-9]{10}$/, 'a project id looks like prj-xxxxxxxxxx'),
);
export const ControlId = lazySchema(() =>
  z
    .string()
    .regex(/^[A-Z]{2,3}-\d{2,3}$/, 'a control id looks like DS-01'),
);

/** ISO calendar date, YYYY-MM-DD. */
export const IsoDate = lazySchema(() =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a real calendar date'),
);

export const ProjectName = lazySchema(() => z.string().trim().min(1, 'a project needs a name').max(200, 'a project name has at most 200 characters'));

export const Project = lazySchema(() =>
  z.object({
    id: ProjectId,
    name: z.string(),
    description: z.string(),
    frameworks: z.array(FrameworkRef),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
    catalogVersion: z.string(),
    /** The control where the guided walkthrough was left. */
    walkthroughAt: z.string().nullable(),
  }),
);
export type Project = z.infer<typeof Project>;

export const StatusCounts = lazySchema(() =>
  z.object({
    not_assessed: z.number().int(),
    compliant: z.number().int(),
    partial: z.number().int(),
    non_compliant: z.number().int(),
    not_applicable: z.number().int(),
  }),
);
export type StatusCounts = z.infer<typeof StatusCounts>;

export const Readiness = lazySchema(() =>
  z.object({
    /** Controls in scope, not counting archived ones. */
    inScope: z.number().int(),
    counts: StatusCounts,
    /** (compliant + ½·partial) / (inScope − not_applicable) × 100; null when nothing is applicable. */
    percent: z.number().nullable(),
  }),
);
export type Readiness = z.infer<typeof Readiness>;

export const ProjectOverview = lazySchema(() =>
  z.object({
    project: Project,
    overall: Readiness,
    byFramework: z.array(z.object({ framework: FrameworkRef, readiness: Readiness })),
    byDomain: z.array(z.object({ domain: DomainId, readiness: Readiness })),
    evidence: z.object({ total: z.number().int(), expired: z.number().int(), expiringSoon: z.number().int() }),
    topGaps: z.array(
      z.object({ controlId: z.string(), title: z.string(), priority: Priority, status: ControlStatus }),
    ),
    /** Past their due date and still to do: controls not yet compliant / not applicable, open action items. Oldest first. */
    overdue: z.object({
      controls: z.array(z.object({ controlId: z.string(), title: z.string(), owner: z.string(), dueDate: z.string(), status: ControlStatus })),
      actionItems: z.array(z.object({ id: z.string(), controlId: z.string(), text: z.string(), owner: z.string(), dueDate: z.string() })),
    }),
  }),
);
export type ProjectOverview = z.infer<typeof ProjectOverview>;

export const ChecklistRow = lazySchema(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    domain: DomainId,
    priority: Priority,
    status: ControlStatus,
    owner: z.string(),
    note: z.string(),
    dueDate: z.string().nullable(),
    evidenceCount: z.number().int(),
    expiredEvidenceCount: z.number().int(),
    frameworks: z.array(FrameworkRef),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  }),
);
export type ChecklistRow = z.infer<typeof ChecklistRow>;

export const AuditEvent = lazySchema(() =>
  z.object({
    id: z.number().int(),
    projectId: z.string(),
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    sessionId: z.string().nullable(),
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    hash: z.string(),
  }),
);
export type AuditEvent = z.infer<typeof AuditEvent>;

export const EVIDENCE_KINDS = ['file', 'link', 'note'] as const;
export const EvidenceKind = lazySchema(() => z.enum(EVIDENCE_KINDS));
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const Evidence = lazySchema(() =>
  z.object({
    id: z.string(),
    projectId: z.string(),
    controlId: z.string(),
    kind: EvidenceKind,
    name: z.string(),
    sha256: z.string(),
    size: z.number().int(),
    mediaType: z.string().nullable(),
    url: z.string().nullable(),
    text: z.string().nullable(),
    collectedOn: z.string(),
    expiresOn: z.string().nullable(),
    attachedBy: z.string(),
    attachedAt: z.string(),
    source: z.string(),
    expired: z.boolean(),
  }),
);
export type Evidence = z.infer<typeof Evidence>;
