// Contracts of the offline evidence analyzers: the AWS documents they read, the findings they
// raise, the scanner findings they import, and the status suggestions derived from both.
// Finding codes are stable: users suppress findings and write scripts against them.
import { z } from 'zod';
import { ControlStatus, FrameworkId, Severity } from './domain';

/**
 * Every document the analyzers read, named after what the user ran to get it. Each has a descriptor
 * in electron/core/analyzers/kinds/ (registry.test.ts checks the two lists agree).
 */
export const DOCUMENT_KINDS = [
  'iam-policy', // aws iam get-policy-version | get-role-policy | get-user-policy | get-group-policy | raw document
  'iam-account-summary', // aws iam get-account-summary
  'iam-credential-report', // aws iam get-credential-report (JSON with base64 Content) or the CSV itself
  's3-bucket-policy', // aws s3api get-bucket-policy | raw bucket policy document
  's3-bucket-encryption', // aws s3api get-bucket-encryption
  's3-public-access-block', // aws s3api get-public-access-block | aws s3control get-public-access-block
  'sagemaker-training-job', // aws sagemaker describe-training-job
  'sagemaker-processing-job', // aws sagemaker describe-processing-job
  'sagemaker-endpoint-config', // aws sagemaker describe-endpoint-config
  'sagemaker-model', // aws sagemaker describe-model
  'sagemaker-notebook-instance', // aws sagemaker describe-notebook-instance
  'ec2-security-groups', // aws ec2 describe-security-groups
  'ec2-network-acls', // aws ec2 describe-network-acls
  'ec2-flow-logs', // aws ec2 describe-flow-logs
  'cloudtrail-trails', // aws cloudtrail describe-trails
  'cloudtrail-trail-status', // aws cloudtrail get-trail-status
  'kms-key-rotation-status', // aws kms get-key-rotation-status
  'prowler-ocsf', // prowler -M json-ocsf
  'prowler-compliance-csv', // prowler output/compliance/*.csv (semicolon-separated)
  'securityhub-findings', // aws securityhub get-findings | prowler -M json-asff
  'iam-authorization-details', // aws iam get-account-authorization-details
  'prowler-csv', // prowler -M csv (the default CSV, semicolon-separated, one row per finding)
  'ec2-vpcs', // aws ec2 describe-vpcs
] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Kinds whose content is another tool's findings rather than an AWS configuration. */
export const SCANNER_KINDS = ['prowler-ocsf', 'prowler-compliance-csv', 'securityhub-findings', 'prowler-csv'] as const;
export type ScannerKind = (typeof SCANNER_KINDS)[number];
export type ConfigurationKind = Exclude<DocumentKind, ScannerKind>;

export function isScannerKind(kind: DocumentKind): kind is ScannerKind {
  return (SCANNER_KINDS as readonly string[]).includes(kind);
}

export const FINDING_CODES = [
  'IAM_ACTION_WILDCARD',
  'IAM_SERVICE_WILDCARD',
  'IAM_RESOURCE_WILDCARD',
  'IAM_NOTACTION_ALLOW',
  'IAM_NOTRESOURCE_ALLOW',
  'IAM_PASSROLE_WILDCARD',
  'IAM_PRIVILEGE_ESCALATION',
  'IAM_DESTRUCTIVE_ML',
  'IAM_MALFORMED',
  'IAM_DATA_EXFILTRATION',
  'IAM_CREDENTIALS_EXPOSURE',
  'IAM_RESOURCE_EXPOSURE',
  'IAM_INFRA_MODIFICATION',
  'IAM_UNKNOWN_ACTION',
  'IAM_TRUST_PUBLIC',
  'IAM_TRUST_CROSS_ACCOUNT',
  'IAM_TRUST_PASSROLE_TARGET',
  'IAM_ROOT_NO_MFA',
  'IAM_ROOT_ACCESS_KEYS',
  'IAM_USER_NO_MFA',
  'IAM_ACCESS_KEY_OLD',
  'S3_NO_SECURE_TRANSPORT',
  'S3_PUBLIC_PRINCIPAL',
  'S3_NOT_KMS',
  'S3_PUBLIC_ACCESS_BLOCK_OFF',
  'SM_NO_VPC',
  'SM_NO_VOLUME_KMS',
  'SM_NO_OUTPUT_KMS',
  'SM_NO_NETWORK_ISOLATION',
  'SM_NO_INTER_CONTAINER_ENCRYPTION',
  'SM_ENDPOINT_NO_KMS',
  'SM_NOTEBOOK_DIRECT_INTERNET',
  'SM_NOTEBOOK_ROOT_ACCESS',
  'SG_OPEN_INGRESS',
  'NACL_ALLOW_ALL_INGRESS',
  'FLOWLOGS_MISSING',
  'CT_NO_TRAIL',
  'CT_NOT_MULTI_REGION',
  'CT_NO_LOG_VALIDATION',
  'CT_NO_KMS',
  'CT_NOT_LOGGING',
  'CT_NO_CLOUDWATCH_LOGS',
  'KMS_ROTATION_DISABLED',
] as const;
export const FindingCode = z.enum(FINDING_CODES);
export type FindingCode = z.infer<typeof FindingCode>;

export const Finding = z.object({
  code: FindingCode,
  severity: Severity,
  /** One or two sentences a person understands: what is wrong, why it matters, what to change. */
  message: z.string(),
  /** Where in the document: a JSON path (`Statement[2]`, `ResourceConfig.VolumeKmsKeyId`) or `line N` for CSV. */
  path: z.string(),
  /** Control ids of the catalog this finding bears on (may be empty). */
  controls: z.array(z.string()),
  /** IAM risk findings: the user, group or role that holds the permissions (null for a policy read alone). */
  principal: z.string().nullable().optional(),
  /** IAM risk findings: the concrete actions that trigger it. */
  actions: z.array(z.string()).optional(),
  /** IAM_PRIVILEGE_ESCALATION: ids of the catalogued escalation methods found. */
  methods: z.array(z.string()).optional(),
});
export type Finding = z.infer<typeof Finding>;

/** The result of analysing one AWS configuration document. */
export const AnalyzedDocument = z.object({
  type: z.literal('document'),
  file: z.string(),
  kind: DocumentKind,
  sha256: z.string(),
  /** What the document describes, for people: `training job churn-xgb`, `bucket ml-data`; null when unnamed. */
  subject: z.string().nullable(),
  findings: z.array(Finding),
  /**
   * Controls a clean document of this kind demonstrates for the resources it describes. With no
   * finding above info on one of them, the control may be suggested compliant.
   */
  evidences: z.array(z.string()),
});
export type AnalyzedDocument = z.infer<typeof AnalyzedDocument>;

export const SCANNER_SOURCES = ['prowler', 'securityhub'] as const;
export const ScannerSource = z.enum(SCANNER_SOURCES);
export type ScannerSource = z.infer<typeof ScannerSource>;

/** `closed`: archived, resolved or suppressed in Security Hub; kept for the record, never an open gap. */
export const SCANNER_STATUSES = ['pass', 'fail', 'warning', 'manual', 'not_available', 'closed'] as const;
export const ScannerStatus = z.enum(SCANNER_STATUSES);
export type ScannerStatus = z.infer<typeof ScannerStatus>;

export const RequirementRef = z.object({ framework: FrameworkId, requirement: z.string() });
export type RequirementRef = z.infer<typeof RequirementRef>;

/** One finding of another scanner, kept with its own id and status. */
export const ScannerFinding = z.object({
  source: ScannerSource,
  id: z.string(),
  title: z.string(),
  status: ScannerStatus,
  /** Null when the scanner output carries no severity (Prowler's compliance CSV). */
  severity: Severity.nullable(),
  checkId: z.string().optional(),
  resource: z.string().nullable(),
  /** Requirements of our frameworks it names, normalised to the catalog's forms (`164.312(b)`, `3.5.1`, `Art. 32`). */
  requirements: z.array(RequirementRef),
  controls: z.array(z.string()),
  /** False when neither its requirements nor its check id lead to one of our controls. */
  mapped: z.boolean(),
  /**
   * How `controls` was found: from the check id (precise: the check tests those controls); for a
   * check we do not know, from the CIS or FSBP controls the scanner files it under (`standard`,
   * as precise: each is one Security Hub control), else from the catalog's requirement mapping
   * (broad). Null when unmapped.
   */
  mappedBy: z.enum(['check', 'standard', 'requirement']).nullable(),
});
export type ScannerFinding = z.infer<typeof ScannerFinding>;

export const ScannerImport = z.object({
  type: z.literal('scanner'),
  file: z.string(),
  kind: z.enum(SCANNER_KINDS),
  sha256: z.string(),
  findings: z.array(ScannerFinding),
  /** Set when the file is one page of several (a NextToken): what the other pages hold was not read. */
  partial: z.string().optional(),
  counts: z.object({
    total: z.number().int(),
    failed: z.number().int(),
    mapped: z.number().int(),
    unmapped: z.number().int(),
  }),
});
export type ScannerImport = z.infer<typeof ScannerImport>;

export const AnalysisResult = z.discriminatedUnion('type', [AnalyzedDocument, ScannerImport]);
export type AnalysisResult = z.infer<typeof AnalysisResult>;

/** The catalog's answer to "which controls map to this requirement?" (empty when none). */
export type RequirementControlLookup = (framework: FrameworkId, requirementId: string) => string[];

export const SUGGESTED_STATUSES = ['compliant', 'partial', 'non_compliant'] as const;
export const SuggestedStatus = ControlStatus.extract(SUGGESTED_STATUSES);
export type SuggestedStatus = z.infer<typeof SuggestedStatus>;

/** A status the analyzers propose for a control. A person confirms it; nothing is set automatically. */
export const StatusSuggestion = z.object({
  controlId: z.string(),
  status: SuggestedStatus,
  /** Worst severity behind the suggestion; null for a compliant suggestion with no finding. */
  worstSeverity: Severity.nullable(),
  basis: z.array(
    z.object({
      /** A finding code, or a scanner finding id. */
      ref: z.string(),
      severity: Severity.nullable(),
      path: z.string().nullable(),
      file: z.string().nullable(),
    }),
  ),
  note: z.string(),
});
export type StatusSuggestion = z.infer<typeof StatusSuggestion>;

export const ANALYZER_ERROR_CODES = [
  'DOCUMENT_UNREADABLE', // not UTF-8 text, not valid JSON/CSV, a bad base64 or URL-encoded payload, empty
  'DOCUMENT_UNKNOWN_KIND', // readable, but its shape matches no kind the analyzers know
  'DOCUMENT_KIND_MISMATCH', // a kind was chosen by hand and the document does not have that kind's shape
] as const;
export const AnalyzerErrorCode = z.enum(ANALYZER_ERROR_CODES);
export type AnalyzerErrorCode = z.infer<typeof AnalyzerErrorCode>;
