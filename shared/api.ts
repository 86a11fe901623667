// The one API contract. Every method names the zod schema of its arguments and of its result;
// IPC (Electron), HTTP (browser mode) and the tests all derive from this map, so a method exists
// once and cannot drift between transports.
import { z } from 'zod';
import {
  AuditEvent,
  ChecklistRow,
  ControlStatus,
  Evidence,
  EvidenceKind,
  FrameworkId,
  IsoDate,
  Project,
  ProjectOverview,
  Readiness,
} from './domain';
import { CatalogControl } from './catalog';
import type { Envelope } from './result';
import { AnalysisResult, DocumentKind, StatusSuggestion } from './analysis';

const method = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result });

const ProjectRef = z.object({ projectId: z.string().min(1, 'a project id is required') });
const ControlRef = ProjectRef.extend({ controlId: z.string().min(1, 'a control id is required') });

export const ProjectSummary = z.object({ project: Project, overall: Readiness });
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ControlDetail = z.object({
  row: ChecklistRow,
  control: CatalogControl,
  requirements: z.array(
    z.object({ framework: FrameworkId, id: z.string(), title: z.string(), coverage: z.enum(['full', 'partial']) }),
  ),
  evidence: z.array(Evidence),
  history: z.array(AuditEvent),
});
export type ControlDetail = z.infer<typeof ControlDetail>;

export const CoverageRow = z.object({
  requirement: z.object({ id: z.string(), title: z.string() }),
  controls: z.array(z.object({ id: z.string(), title: z.string(), status: ControlStatus, coverage: z.enum(['full', 'partial']) })),
  outOfScope: z.string().nullable(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const AppInfo = z.object({
  version: z.string(),
  catalogVersion: z.string(),
  actor: z.string(),
  transport: z.enum(['ipc', 'http']),
  database: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const CatalogSummary = z.object({
  version: z.string(),
  frameworks: z.array(z.object({ id: FrameworkId, name: z.string(), version: z.string(), requirements: z.number().int() })),
  controls: z.number().int(),
});

export const EvidenceUpload = z.object({
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
});

export const ChainVerification = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), id: z.number().int(), problem: z.string() }).nullable(),
});

export const EXPORT_FORMATS = ['md', 'pdf', 'oscal', 'poam', 'csv', 'zip'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportedFile = z.object({ fileName: z.string(), mediaType: z.string(), contentBase64: z.string() });

export const PackageVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.object({ file: z.string(), problem: z.string() })),
});

export const StoredAnalysis = z.object({
  id: z.string(),
  file: z.string(),
  kind: DocumentKind,
  sha256: z.string(),
  analyzedAt: z.string(),
  analyzedBy: z.string(),
  result: AnalysisResult,
});

export const contract = {
  getAppInfo: method(z.object({}), AppInfo),
  getCatalogSummary: method(z.object({}), CatalogSummary),

  listProjects: method(z.object({ includeArchived: z.boolean().optional() }), z.array(ProjectSummary)),
  createProject: method(
    z.object({ name: z.string(), description: z.string().optional(), frameworks: z.array(FrameworkId) }),
    Project,
  ),
  updateProject: method(
    z.object({
      projectId: z.string(),
      name: z.string().optional(),
      description: z.string().optional(),
      frameworks: z.array(FrameworkId).optional(),
      archived: z.boolean().optional(),
    }),
    Project,
  ),
  getOverview: method(ProjectRef, ProjectOverview),
  setWalkthroughPosition: method(ControlRef, z.object({ controlId: z.string() })),

  getChecklist: method(ProjectRef, z.array(ChecklistRow)),
  updateControl: method(
    ControlRef.extend({
      status: ControlStatus.optional(),
      owner: z.string().optional(),
      note: z.string().optional(),
      dueDate: IsoDate.nullable().optional(),
    }),
    ChecklistRow,
  ),
  bulkUpdateControls: method(
    ProjectRef.extend({
      controlIds: z.array(z.string()).min(1, 'select at least one control').max(10_000),
      status: ControlStatus.optional(),
      owner: z.string().optional(),
    }),
    z.object({ changed: z.number().int() }),
  ),
  getControlDetail: method(ControlRef, ControlDetail),
  getCoverage: method(ProjectRef.extend({ framework: FrameworkId }), z.array(CoverageRow)),

  addEvidence: method(EvidenceUpload, Evidence),
  removeEvidence: method(ProjectRef.extend({ evidenceId: z.string() }), z.object({ removed: z.literal(true) })),
  getEvidenceContent: method(
    ProjectRef.extend({ evidenceId: z.string() }),
    z.object({ name: z.string(), mediaType: z.string(), contentBase64: z.string() }),
  ),

  listAuditEvents: method(
    ProjectRef.extend({ controlId: z.string().optional(), limit: z.number().int().min(1).max(10_000).optional() }),
    z.array(AuditEvent),
  ),
  verifyAuditChain: method(ProjectRef, ChainVerification),

  exportReport: method(
    ProjectRef.extend({
      format: z.enum(EXPORT_FORMATS),
      framework: z.union([z.literal('all'), FrameworkId]).optional(),
      includeNotApplicable: z.boolean().optional(),
    }),
    ExportedFile,
  ),
  verifyPackage: method(z.object({ fileName: z.string(), contentBase64: z.string() }), PackageVerification),

  analyzeDocument: method(
    ProjectRef.extend({ fileName: z.string().min(1), contentBase64: z.string(), kind: DocumentKind.optional(), attach: z.boolean() }),
    z.object({ analysisId: z.string().nullable(), result: AnalysisResult, suggestions: z.array(StatusSuggestion), attachedTo: z.array(z.string()) }),
  ),
  listAnalyses: method(ProjectRef, z.array(StoredAnalysis)),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export type MethodArgs<M extends MethodName> = z.input<Contract[M]['args']>;
export type MethodResult<M extends MethodName> = z.output<Contract[M]['result']>;

/** What `window.workbench` is, in Electron (preload) and in browser mode (HTTP client) alike. */
export type WorkbenchApi = {
  [M in MethodName]: (args: MethodArgs<M>) => Promise<Envelope<MethodResult<M>>>;
};

/** IPC channels are the method names under this prefix; main refuses any other channel. */
export const IPC_PREFIX = 'workbench:';
