// The contract's file methods: documents analysed (alone or as one account) and the analyses kept,
// datasets for the data protection toolkit (uploaded in chunks, scanned as a job, masked, checked
// for k), jobs, and checking an evidence package. Most of them work without a database too
// (`cwb analyze`, `cwb scan`, `cwb package verify`).
import { z } from 'zod';
import { AnalysisResult, DocumentKind, StatusSuggestion } from './analysis';
import { Evidence } from './domain';
import { DataFormat, KAnonymityReport, MaskResult, MaskRules } from './dataprotection';
import { DatasetInfo, DatasetRef, ExportedFile, FileInput, Job, method, ProjectRef } from './contract-common';

const VpcId = z.string().regex(/^vpc-[0-9a-f]{8,17}$/, 'not a VPC id (vpc- and 8 to 17 hex digits)');

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

/** The most one readDatasetPart answer carries: 8 MiB (some 11 MB of base64). */
export const DATASET_PART_MAX_BYTES = 8 * 1024 * 1024;

export const filesContract = {
  verifyPackage: method(() => FileInput, () => PackageVerification),

  analyzeDocument: method(
    () => // without a project the document is analysed and nothing is kept (`cwb analyze` in a pipeline)
    z.object({ projectId: ProjectRef.shape.projectId.optional(), kind: DocumentKind.optional(), attach: z.boolean(), requiredVpcIds: z.array(VpcId).optional() }).and(FileInput),
    () => z.object({ analysisId: z.string().nullable(), result: AnalysisResult, suggestions: z.array(StatusSuggestion), attachedTo: z.array(z.string()) }),
  ),
  // several documents of one account analysed together (`cwb analyze A B …`): what one states reaches
  // the others (describe-vpcs names the VPCs the flow logs must cover), and the suggestions and the
  // coverage gaps are those of the documents taken as a whole; with `attach` each readable document
  // is kept as evidence on the project (all or none), otherwise nothing is kept
  analyzeDocuments: method(
    () => z.object({
      files: z.array(FileInput).min(1, 'give at least one document'),
      projectId: ProjectRef.shape.projectId.optional(),
      attach: z.boolean().optional(),
      kind: DocumentKind.optional(),
      requiredVpcIds: z.array(VpcId).optional(),
    }),
    () => z.object({
      documents: z.array(z.object({ file: z.string(), result: AnalysisResult.optional(), error: z.string().optional(), attachedTo: z.array(z.string()).optional() })),
      suggestions: z.array(StatusSuggestion),
      coverage: z.array(z.object({ controlId: z.string(), missing: z.array(DocumentKind), note: z.string() })),
    }),
  ),
  listAnalyses: method(() => ProjectRef, () => z.array(StoredAnalysis)),
  getAnalysisDocument: method(() => ProjectRef.extend({ analysisId: z.string().min(1) }), () => ExportedFile),

  uploadDatasetChunk: method(
    () => z.object({ datasetId: DatasetRef.shape.datasetId.optional(), fileName: z.string().min(1), chunkBase64: z.string() }),
    () => DatasetInfo,
  ),
  startScan: method(() => DatasetRef.extend({ format: DataFormat.optional() }), () => Job),
  getJob: method(() => z.object({ jobId: z.string().min(1) }), () => Job),
  cancelJob: method(() => z.object({ jobId: z.string().min(1) }), () => Job),
  attachScanResult: method(() => ProjectRef.extend({ jobId: z.string().min(1) }), () => Evidence),
  checkKAnonymity: method(
    () => DatasetRef.extend({ quasiIdentifiers: z.array(z.string().min(1)).min(1, 'choose at least one quasi-identifier column'), k: z.number().int().min(1).max(1000), attachTo: z.string().optional() }),
    () => z.object({ report: KAnonymityReport, evidence: Evidence.nullable() }),
  ),
  maskDataset: method(
    () => DatasetRef.extend({ rules: MaskRules, key: z.string().optional(), attachTo: z.string().optional() }),
    () => z.object({ output: DatasetInfo, result: MaskResult, evidence: Evidence.nullable() }),
  ),
  // a piece of a file in the workspace (an exported report, a masked copy): the app fetches files
  // larger than one answer should carry in pieces, never as one base64 string
  readDatasetPart: method(
    () => DatasetRef.extend({ offset: z.number().int().nonnegative(), length: z.number().int().min(1).max(DATASET_PART_MAX_BYTES) }),
    () => z.object({ contentBase64: z.string(), size: z.number().int().nonnegative() }),
  ),
} as const;
