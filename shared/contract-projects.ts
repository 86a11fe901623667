// The contract's project methods: projects, the checklist and its controls, evidence, the audit
// chain. What `cwb control list` and most of the app's screens call; it builds no team, analysis
// or report schema.
import { z } from 'zod';
import {
  AuditEvent,
  ChecklistRow,
  ControlStatus,
  Evidence,
  EvidenceKind,
  FrameworkRef,
  IsoDate,
  Project,
  ProjectOverview,
  Readiness,
} from './domain';
import { CatalogControl, LeafCounts, OutOfScopeKind, RequirementState } from './catalog';
import { ControlPatch, RECORDS } from './records';
import { ControlRef, method, ProjectRef } from './contract-common';
import { lazySchema } from './lazy-schema';

export const ProjectSummary = lazySchema(() => z.object({ project: Project, overall: Readiness }));
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ControlDetail = lazySchema(() =>
  z.object({
    row: ChecklistRow,
    control: CatalogControl,
    requirements: z.array(
      z.object({ framework: FrameworkRef, id: z.string(), title: z.string(), coverage: z.enum(['full', 'partial']) }),
    ),
    evidence: z.array(Evidence),
    history: z.array(AuditEvent),
  }),
);
export type ControlDetail = z.infer<typeof ControlDetail>;

export const CoverageRow = lazySchema(() =>
  z.object({
    requirement: z.object({ id: z.string(), title: z.string() }),
    controls: z.array(z.object({ id: z.string(), title: z.string(), status: ControlStatus, coverage: z.enum(['full', 'partial']) })),
    outOfScope: z.string().nullable(),
    /** For a requirement with no control of its own: the requirements beneath it that are answered. */
    coveredThrough: z.array(z.string()),
    /** Its place in the framework's tree (rows come in reading order, parents first). */
    parent: z.string().nullable(),
    depth: z.number().int().nonnegative(),
    leaf: z.boolean(),
    /** A leaf's own state (mapped only by its own in-scope controls); a parent's from its leaves. */
    state: RequirementState,
    outOfScopeKind: OutOfScopeKind.nullable(),
    leaves: LeafCounts,
  }),
);
export type CoverageRow = z.infer<typeof CoverageRow>;

export const AppInfo = lazySchema(() =>
  z.object({
    version: z.string(),
    catalogVersion: z.string(),
    actor: z.string(),
    transport: z.enum(['ipc', 'http', 'cli']),
    database: z.string(),
  }),
);
export type AppInfo = z.infer<typeof AppInfo>;

export const CatalogSummary = lazySchema(() =>
  z.object({
    version: z.string(),
    frameworks: z.array(z.object({ id: FrameworkRef, name: z.string(), version: z.string(), requirements: z.number().int() })),
    controls: z.number().int(),
  }),
);

export const EvidenceUpload = lazySchema(() =>
  z.object({
    projectId: z.string(),
    controlId: z.string(),
    kind: EvidenceKind,
    name: z.string().optional(),
    /** File bytes, base64: the same on IPC and HTTP. */
    contentBase64: z.string().optional(),
    mediaType: z.string().nullable().optional(),
    url: z.string().optional(),
    text: z.string().optional(),
    collectedOn: IsoDate.optional(),
    expiresOn: IsoDate.nullable().optional(),
  }),
);

export const ChainVerification = lazySchema(() =>
  z.object({
    ok: z.boolean(),
    events: z.number().int(),
    firstBroken: z.object({ seq: z.number().int(), id: z.number().int(), problem: z.string() }).nullable(),
  }),
);

export const projectsContract = {
  getAppInfo: method(() => z.object({}), () => AppInfo),
  getCatalogSummary: method(() => z.object({}), () => CatalogSummary),

  listProjects: method(() => z.object({ includeArchived: z.boolean().optional() }), () => z.array(ProjectSummary)),
  createProject: method(
    () => z.object({ name: z.string(), description: z.string().optional(), frameworks: z.array(FrameworkRef) }),
    () => Project,
  ),
  updateProject: method(
    () => z.object({
      projectId: z.string(),
      name: RECORDS.project.fields.name.schema.optional(),
      description: RECORDS.project.fields.description.schema.optional(),
      frameworks: RECORDS.project.fields.frameworks.schema.optional(),
      archived: z.boolean().optional(),
    }),
    () => Project,
  ),
  getOverview: method(() => ProjectRef, () => ProjectOverview),
  setWalkthroughPosition: method(() => ControlRef, () => z.object({ controlId: z.string() })),

  getChecklist: method(
    () => ProjectRef.extend({
      /** Only controls with one of these statuses. */
      statuses: z.array(ControlStatus).min(1, 'name at least one status').optional(),
      /** Only controls whose owner contains this text (A–Z in any case). */
      owner: z.string().max(200, 'an owner filter has at most 200 characters').optional(),
    }),
    () => z.array(ChecklistRow),
  ),
  updateControl: method(
    () => ControlRef.extend(ControlPatch.shape),
    () => ChecklistRow,
  ),
  bulkUpdateControls: method(
    () => ProjectRef.extend({
      controlIds: z.array(z.string()).min(1, 'select at least one control').max(10_000),
      status: ControlPatch.shape.status,
      owner: ControlPatch.shape.owner,
    }),
    () => z.object({ changed: z.number().int() }),
  ),
  getControlDetail: method(() => ControlRef, () => ControlDetail),
  getCoverage: method(() => ProjectRef.extend({ framework: FrameworkRef }), () => z.array(CoverageRow)),

  addEvidence: method(() => EvidenceUpload, () => Evidence),
  setEvidenceExpiry: method(() => ProjectRef.extend({ evidenceId: z.string().min(1), expiresOn: IsoDate.nullable() }), () => Evidence),
  removeEvidence: method(() => ProjectRef.extend({ evidenceId: z.string() }), () => z.object({ removed: z.literal(true) })),
  getEvidenceContent: method(
    () => ProjectRef.extend({ evidenceId: z.string() }),
    () => z.object({ name: z.string(), mediaType: z.string(), contentBase64: z.string() }),
  ),

  listAuditEvents: method(
    () => ProjectRef.extend({ controlId: z.string().optional(), limit: z.number().int().min(1).max(10_000).optional() }),
    () => z.array(AuditEvent),
  ),
  verifyAuditChain: method(() => ProjectRef, () => ChainVerification),
} as const;
