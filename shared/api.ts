// The one API contract. Every method names the zod schema of its arguments and of its result;
// IPC (Electron), HTTP (browser mode) and the tests all derive from this map, so a method exists
// once and cannot drift between transports.
import { FrameworkDocument, FrameworkImportResult, FrameworkMapResult, FrameworkMappingView, RequirementMapping, StoredFramework } from './framework-import';
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
import { ActionItemPatch, ControlPatch, RECORDS } from './records';
import { WireError, type Envelope } from './result';
import { SyncResult, SyncStatus } from './sync';
import {
  ActionItem,
  ActionItemInput,
  ActionItemStatus,
  Attendee,
  AuditSession,
  Baseline,
  BaselineDiff,
  BundleExport,
  BundleImportResult,
  Conflict,
  HistoryEntry,
  ProjectVerification,
  ExpectedHead,
  Member,
  ProfileKey,
  MINUTES_FORMATS,
  Profile,
  ProfileInput,
  Review,
  ReviewDecision,
  Role,
  SessionScope,
} from './team';
import { AnalysisResult, DocumentKind, StatusSuggestion } from './analysis';
import { ReadinessHistory, ReportKind } from './report-model';
import { DataFormat, KAnonymityReport, MaskResult, MaskRules } from './dataprotection';

const method = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result });

const ProjectRef = z.object({ projectId: z.string().min(1, 'a project id is required') });
const ControlRef = ProjectRef.extend({ controlId: z.string().min(1, 'a control id is required') });

export const ProjectSummary = z.object({ project: Project, overall: Readiness });
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ControlDetail = z.object({
  row: ChecklistRow,
  control: CatalogControl,
  requirements: z.array(
    z.object({ framework: FrameworkRef, id: z.string(), title: z.string(), coverage: z.enum(['full', 'partial']) }),
  ),
  evidence: z.array(Evidence),
  history: z.array(AuditEvent),
});
export type ControlDetail = z.infer<typeof ControlDetail>;

export const CoverageRow = z.object({
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
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const AppInfo = z.object({
  version: z.string(),
  catalogVersion: z.string(),
  actor: z.string(),
  transport: z.enum(['ipc', 'http', 'cli']),
  database: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const CatalogSummary = z.object({
  version: z.string(),
  frameworks: z.array(z.object({ id: FrameworkRef, name: z.string(), version: z.string(), requirements: z.number().int() })),
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
  /** Fingerprint of the key whose signature of manifest.sha256 holds (signer.pem); null when unsigned. */
  signedBy: z.string().nullable(),
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

export const BackupEntry = z.object({ name: z.string(), reason: z.string(), createdAt: z.string(), size: z.number().int() });
export type BackupEntry = z.infer<typeof BackupEntry>;

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Where a job of several stages is, in words ("Writing pages"); null for a job of one stage. */
  stage: z.string().nullable().optional(),
  done: z.number(),
  total: z.number(),
  result: z.unknown(),
  error: WireError.nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

/** What to export: a format, its filters, and for the PDF a full report or a summary. */
export const ReportRequest = ProjectRef.extend({
  format: z.enum(EXPORT_FORMATS),
  framework: z.union([z.literal('all'), FrameworkRef]).optional(),
  includeNotApplicable: z.boolean().optional(),
  describes: z.enum(['current', 'signed_baseline']).optional(),
  /** 'full' unless asked otherwise; a summary exists for the PDF only. */
  kind: ReportKind.optional(),
}).superRefine((r, ctx) => {
  if (r.kind === 'summary' && r.format !== 'pdf') {
    ctx.addIssue({ code: 'custom', path: ['kind'], message: `a summary report is made as PDF only; choose format pdf or kind full (format is ${r.format})` });
  }
});

const DatasetRef = z.object({ datasetId: z.string().regex(/^ds-[0-9a-f]{16}$/, 'not a dataset id') });
const DatasetInfo = z.object({ datasetId: z.string(), name: z.string(), bytes: z.number().int() });
/**
 * A file a method reads: its bytes carried in the call (the app's pickers), or a file already in
 * the dataset workspace (a chunked upload, or a local file that `cwb` brought in by reference).
 */
const FileInput = z.union([z.object({ fileName: z.string().min(1), contentBase64: z.string() }), DatasetRef]);
const VpcId = z.string().regex(/^vpc-[0-9a-f]{8,17}$/, 'not a VPC id (vpc- and 8 to 17 hex digits)');

export const contract = {
  getAppInfo: method(z.object({}), AppInfo),
  getCatalogSummary: method(z.object({}), CatalogSummary),

  listProjects: method(z.object({ includeArchived: z.boolean().optional() }), z.array(ProjectSummary)),
  createProject: method(
    z.object({ name: z.string(), description: z.string().optional(), frameworks: z.array(FrameworkRef) }),
    Project,
  ),
  updateProject: method(
    z.object({
      projectId: z.string(),
      name: RECORDS.project.fields.name.schema.optional(),
      description: RECORDS.project.fields.description.schema.optional(),
      frameworks: RECORDS.project.fields.frameworks.schema.optional(),
      archived: z.boolean().optional(),
    }),
    Project,
  ),
  getOverview: method(ProjectRef, ProjectOverview),
  setWalkthroughPosition: method(ControlRef, z.object({ controlId: z.string() })),

  getChecklist: method(
    ProjectRef.extend({
      /** Only controls with one of these statuses. */
      statuses: z.array(ControlStatus).min(1, 'name at least one status').optional(),
      /** Only controls whose owner contains this text (A–Z in any case). */
      owner: z.string().max(200, 'an owner filter has at most 200 characters').optional(),
    }),
    z.array(ChecklistRow),
  ),
  updateControl: method(
    ControlRef.extend(ControlPatch.shape),
    ChecklistRow,
  ),
  bulkUpdateControls: method(
    ProjectRef.extend({
      controlIds: z.array(z.string()).min(1, 'select at least one control').max(10_000),
      status: ControlPatch.shape.status,
      owner: ControlPatch.shape.owner,
    }),
    z.object({ changed: z.number().int() }),
  ),
  getControlDetail: method(ControlRef, ControlDetail),
  getCoverage: method(ProjectRef.extend({ framework: FrameworkRef }), z.array(CoverageRow)),

  addEvidence: method(EvidenceUpload, Evidence),
  setEvidenceExpiry: method(ProjectRef.extend({ evidenceId: z.string().min(1), expiresOn: IsoDate.nullable() }), Evidence),
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

  // team work: profile, members and roles, audit sessions, review and sign-off, bundles (shared/team.ts)
  getProfile: method(z.object({}), Profile),
  setProfile: method(ProfileInput, Profile),
  listMembers: method(ProjectRef, z.array(Member)),
  getMyMembership: method(ProjectRef, z.object({ member: Member.nullable() })),
  addMember: method(ProjectRef.extend({ name: z.string(), email: z.string().optional(), role: Role, publicKey: z.string().max(2000).optional() }), Member),
  setMemberRole: method(ProjectRef.extend({ memberKey: z.string().min(1), role: Role }), Member),
  removeMember: method(ProjectRef.extend({ memberKey: z.string().min(1) }), z.object({ removed: z.literal(true) })),
  startSession: method(
    ProjectRef.extend({ title: z.string(), attendees: z.array(Attendee).optional(), scope: SessionScope.optional() }),
    AuditSession,
  ),
  endSession: method(ProjectRef.extend({ sessionId: z.string().optional() }), z.object({ session: AuditSession, minutesMarkdown: z.string() })),
  listSessions: method(ProjectRef, z.array(AuditSession)),
  getActiveSession: method(ProjectRef, z.object({ session: AuditSession.nullable() })),
  getSessionMinutes: method(
    ProjectRef.extend({ sessionId: z.string().min(1), format: z.enum(MINUTES_FORMATS) }),
    z.object({ fileName: z.string(), mediaType: z.string(), contentBase64: z.string() }),
  ),
  addActionItem: method(ProjectRef.extend(ActionItemInput.shape), ActionItem),
  listActionItems: method(
    ProjectRef.extend({ controlId: z.string().optional(), sessionId: z.string().optional(), status: ActionItemStatus.optional() }),
    z.array(ActionItem),
  ),
  updateActionItem: method(ProjectRef.extend({ itemId: z.string().min(1) }).extend(ActionItemPatch.shape), ActionItem),
  reviewControl: method(ControlRef.extend({ decision: ReviewDecision, comment: z.string().optional() }), Review),
  listReviews: method(ProjectRef.extend({ controlId: z.string().optional() }), z.array(Review)),
  signOff: method(ProjectRef.extend({ note: z.string().max(5000).optional() }), Baseline),
  listBaselines: method(ProjectRef, z.array(Baseline)),
  getBaselineDiff: method(ProjectRef.extend({ baselineId: z.string().optional() }), BaselineDiff),
  listConflicts: method(ProjectRef.extend({ includeResolved: z.boolean().optional() }), z.array(Conflict)),
  resolveConflict: method(ProjectRef.extend({ conflictId: z.string().min(1), value: z.unknown() }), Conflict),
  exportBundle: method(ProjectRef.extend({ passphrase: z.string().optional() }), BundleExport),
  importBundle: method(z.object({ contentBase64: z.string().min(1, 'the bundle is empty'), passphrase: z.string().optional() }), BundleImportResult),
  verifyAuditHistory: method(ProjectRef.extend({ expectHead: ExpectedHead.optional() }), ProjectVerification),
  listHistory: method(
    ProjectRef.extend({ controlId: z.string().optional(), limit: z.number().int().min(1).max(10_000).optional() }),
    z.array(HistoryEntry),
  ),

  exportReport: method(ReportRequest, ExportedFile),
  verifyPackage: method(FileInput, PackageVerification),

  analyzeDocument: method(
    // without a project the document is analysed and nothing is kept (`cwb analyze` in a pipeline)
    z.object({ projectId: ProjectRef.shape.projectId.optional(), kind: DocumentKind.optional(), attach: z.boolean(), requiredVpcIds: z.array(VpcId).optional() }).and(FileInput),
    z.object({ analysisId: z.string().nullable(), result: AnalysisResult, suggestions: z.array(StatusSuggestion), attachedTo: z.array(z.string()) }),
  ),
  // several documents of one account analysed together (`cwb analyze A B …`): what one states reaches
  // the others (describe-vpcs names the VPCs the flow logs must cover), and the suggestions and the
  // coverage gaps are those of the documents taken as a whole; with `attach` each readable document
  // is kept as evidence on the project (all or none), otherwise nothing is kept
  analyzeDocuments: method(
    z.object({
      files: z.array(FileInput).min(1, 'give at least one document'),
      projectId: ProjectRef.shape.projectId.optional(),
      attach: z.boolean().optional(),
      kind: DocumentKind.optional(),
      requiredVpcIds: z.array(VpcId).optional(),
    }),
    z.object({
      documents: z.array(z.object({ file: z.string(), result: AnalysisResult.optional(), error: z.string().optional(), attachedTo: z.array(z.string()).optional() })),
      suggestions: z.array(StatusSuggestion),
      coverage: z.array(z.object({ controlId: z.string(), missing: z.array(DocumentKind), note: z.string() })),
    }),
  ),
  listAnalyses: method(ProjectRef, z.array(StoredAnalysis)),
  getAnalysisDocument: method(ProjectRef.extend({ analysisId: z.string().min(1) }), ExportedFile),

  // datasets for the data protection toolkit: uploaded in chunks, scanned as a job, masked, checked for k
  uploadDatasetChunk: method(
    z.object({ datasetId: DatasetRef.shape.datasetId.optional(), fileName: z.string().min(1), chunkBase64: z.string() }),
    DatasetInfo,
  ),
  startScan: method(DatasetRef.extend({ format: DataFormat.optional() }), Job),
  getJob: method(z.object({ jobId: z.string().min(1) }), Job),
  cancelJob: method(z.object({ jobId: z.string().min(1) }), Job),
  attachScanResult: method(ProjectRef.extend({ jobId: z.string().min(1) }), Evidence),
  checkKAnonymity: method(
    DatasetRef.extend({ quasiIdentifiers: z.array(z.string().min(1)).min(1, 'choose at least one quasi-identifier column'), k: z.number().int().min(1).max(1000), attachTo: z.string().optional() }),
    z.object({ report: KAnonymityReport, evidence: Evidence.nullable() }),
  ),
  maskDataset: method(
    DatasetRef.extend({ rules: MaskRules, key: z.string().optional(), attachTo: z.string().optional() }),
    z.object({ output: DatasetInfo, result: MaskResult, evidence: Evidence.nullable() }),
  ),
  downloadDataset: method(DatasetRef, ExportedFile),

  // backups of this database (daily, pre-migration, pre-restore), newest first; restore by name
  listBackups: method(z.object({}), z.array(BackupEntry)),
  createBackup: method(z.object({}), BackupEntry),
  restoreBackup: method(
    z.object({ name: z.string().min(1, 'name the backup to restore').max(300) }),
    z.object({ restored: z.string(), safetyBackup: z.string().nullable() }),
  ),

  // readiness per framework over time, replayed from the audit history, with the sign-offs
  getReadinessHistory: method(ProjectRef, ReadinessHistory),
  // a report export as a job: progress by stage and page, cancel keeps nothing; the result is an ExportedFile
  startReportExport: method(ReportRequest, Job),

  // signed identities: this profile's public key and fingerprint (electron/core/identity)
  getProfileKey: method(z.object({}), ProfileKey),

  // the team sync server (shared/sync.ts): sync a project with it, and what the Sync control shows
  syncProject: method(ProjectRef.extend({ server: z.string().min(1, 'name the sync server (https://…)').max(2000) }), SyncResult),
  getSyncStatus: method(ProjectRef, SyncStatus),
  // frameworks brought by the user (electron/core/frameworks): stored versions, import, mapping to our controls
  listFrameworks: method(z.object({}), z.array(StoredFramework)),
  importFramework: method(z.object({ file: FrameworkDocument, catalog: FrameworkDocument.optional() }), FrameworkImportResult),
  getFrameworkMapping: method(z.object({ framework: FrameworkRef }), FrameworkMappingView),
  setFrameworkMapping: method(z.object({ framework: FrameworkRef, requirements: z.array(RequirementMapping).min(1, 'name at least one requirement').max(5000) }), FrameworkMapResult),
  mapFrameworkFile: method(z.object({ framework: FrameworkRef, file: FrameworkDocument }), FrameworkMapResult),
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
