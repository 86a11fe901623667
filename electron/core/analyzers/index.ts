// Entry point of the evidence analyzers: reads one dropped file, recognises (or is told) its kind,
// and returns either the findings on an AWS configuration document or another scanner's findings.
// Pure: no file system, no database; the caller stores what it keeps.
import {
  type AnalysisResult,
  type AnalyzedDocument,
  type ConfigurationKind,
  type DocumentKind,
  type RequirementControlLookup,
  type ScannerFinding,
  type ScannerImport,
  type ScannerKind,
  DOCUMENT_KINDS,
  isScannerKind,
} from '../../../shared/analysis';
import { analyzeAccountSummary, EXPECTED_ACCOUNT_SUMMARY } from './iam-account';
import { analyzeTrails, analyzeTrailStatus, EXPECTED_TRAILS, EXPECTED_TRAIL_STATUS } from './cloudtrail';
import { type Analysis, KIND_EVIDENCES } from './controls';
import { analyzeCredentialReport, credentialReportCsv, EXPECTED_CREDENTIAL_REPORT } from './credential-report';
import { detectJsonKind, detectTextKind, unknownKindHint } from './detect';
import {
  analyzeFlowLogs,
  analyzeNetworkAcls,
  analyzeSecurityGroups,
  EXPECTED_FLOW_LOGS,
  EXPECTED_NETWORK_ACLS,
  EXPECTED_SECURITY_GROUPS,
} from './ec2';
import { AnalyzerError, EXPECTED_ANY } from './errors';
import { analyzeIamPolicy, EXPECTED_IAM_POLICY, extractIamPolicy } from './iam';
import { analyzeAuthorizationDetails, EXPECTED_AUTHORIZATION_DETAILS } from './iam-authorization';
import { decodeUrlEncodedJson, parseJson, readText } from './input';
import { analyzeKeyRotation, EXPECTED_KEY_ROTATION } from './kms';
import {
  analyzeBucketEncryption,
  analyzeBucketPolicy,
  analyzePublicAccessBlock,
  EXPECTED_BUCKET_ENCRYPTION,
  EXPECTED_BUCKET_POLICY,
  EXPECTED_PUBLIC_ACCESS_BLOCK,
  extractBucketPolicy,
} from './s3';
import {
  analyzeEndpointConfig,
  analyzeModel,
  analyzeNotebookInstance,
  analyzeProcessingJob,
  analyzeTrainingJob,
  EXPECTED_ENDPOINT_CONFIG,
  EXPECTED_MODEL,
  EXPECTED_NOTEBOOK,
  EXPECTED_PROCESSING_JOB,
  EXPECTED_TRAINING_JOB,
} from './sagemaker';
import {
  EXPECTED_PROWLER_CSV,
  EXPECTED_PROWLER_DEFAULT_CSV,
  EXPECTED_PROWLER_OCSF,
  EXPECTED_SECURITY_HUB,
  importProwlerComplianceCsv,
  importProwlerDefaultCsv,
  importProwlerOcsf,
  importSecurityHub,
} from './scanners';

export { AnalyzerError } from './errors';
export { coverageGaps, suggestStatuses, suggestStatusesForResults, type CoverageGap } from './suggest';
export { CODE_CONTROLS, KIND_EVIDENCES } from './controls';
export { PROWLER_CHECK_CONTROLS, SECURITY_HUB_CONTROL_CONTROLS, controlsForCheck } from './checks';
export { normalizeRequirement, requirementsFromReference } from './requirements';
export { detectJsonKind, detectTextKind } from './detect';

export type AnalyzeInput = {
  /** File name or path, used in messages and kept in the result. */
  file: string;
  content: Uint8Array | string;
  /** Skip detection and read the document as this kind (the CLI's --kind). */
  kind?: DocumentKind;
  /** "Now" for age checks (access keys); defaults to the current time. */
  now?: Date;
  /** The catalog's requirement → controls mapping, for scanner imports. */
  requirementControls?: RequirementControlLookup;
  /** VPCs that must have an active flow log (ec2-flow-logs); without them only an empty list is flagged. */
  requiredVpcIds?: readonly string[];
};

export const EXPECTED_BY_KIND: Readonly<Record<DocumentKind, string>> = {
  'iam-policy': EXPECTED_IAM_POLICY,
  'iam-account-summary': EXPECTED_ACCOUNT_SUMMARY,
  'iam-credential-report': EXPECTED_CREDENTIAL_REPORT,
  's3-bucket-policy': EXPECTED_BUCKET_POLICY,
  's3-bucket-encryption': EXPECTED_BUCKET_ENCRYPTION,
  's3-public-access-block': EXPECTED_PUBLIC_ACCESS_BLOCK,
  'sagemaker-training-job': EXPECTED_TRAINING_JOB,
  'sagemaker-processing-job': EXPECTED_PROCESSING_JOB,
  'sagemaker-endpoint-config': EXPECTED_ENDPOINT_CONFIG,
  'sagemaker-model': EXPECTED_MODEL,
  'sagemaker-notebook-instance': EXPECTED_NOTEBOOK,
  'ec2-security-groups': EXPECTED_SECURITY_GROUPS,
  'ec2-network-acls': EXPECTED_NETWORK_ACLS,
  'ec2-flow-logs': EXPECTED_FLOW_LOGS,
  'cloudtrail-trails': EXPECTED_TRAILS,
  'cloudtrail-trail-status': EXPECTED_TRAIL_STATUS,
  'kms-key-rotation-status': EXPECTED_KEY_ROTATION,
  'prowler-ocsf': EXPECTED_PROWLER_OCSF,
  'prowler-compliance-csv': EXPECTED_PROWLER_CSV,
  'securityhub-findings': EXPECTED_SECURITY_HUB,
  'iam-authorization-details': EXPECTED_AUTHORIZATION_DETAILS,
  'prowler-csv': EXPECTED_PROWLER_DEFAULT_CSV,
};

/** Kinds whose natural form is CSV text rather than JSON. */
const TEXT_KINDS = new Set<DocumentKind>(['iam-credential-report', 'prowler-compliance-csv', 'prowler-csv']);

type Content = { json: unknown; isJson: true; text: string } | { json: undefined; isJson: false; text: string };

/**
 * Analyse one document. Returns an AnalyzedDocument for AWS configuration output, a ScannerImport
 * for Prowler / Security Hub output. Throws AnalyzerError (never anything else for bad input) when
 * the file cannot be read, has no known shape, or does not fit the kind it was given.
 */
export function analyzeDocument(input: AnalyzeInput): AnalysisResult {
  const { file } = input;
  if (input.kind !== undefined && !(DOCUMENT_KINDS as readonly string[]).includes(input.kind)) {
    throw new AnalyzerError('DOCUMENT_UNKNOWN_KIND', file, `"${String(input.kind)}" is not a document kind`, `one of ${DOCUMENT_KINDS.join(', ')}`);
  }
  const expected = input.kind ? EXPECTED_BY_KIND[input.kind] : EXPECTED_ANY;
  const { text, sha256 } = readText(file, input.content, expected);
  const content = readContent(file, text, expected);

  let kind = input.kind;
  if (!kind) {
    const detected = content.isJson ? detectJsonKind(content.json) : detectTextKind(content.text);
    if (!detected) {
      const hint = content.isJson ? unknownKindHint(content.json) : '';
      const problem = content.isJson
        ? `its JSON does not have the shape of any document the analyzers know${hint ? ` (${hint})` : ''}`
        : 'it is neither JSON nor a CSV the analyzers know (was the AWS CLI run with --output text or yaml? use --output json)';
      throw new AnalyzerError('DOCUMENT_UNKNOWN_KIND', file, problem, `${EXPECTED_ANY}; or choose the kind by hand`);
    }
    kind = detected;
  }
  if (!content.isJson && !TEXT_KINDS.has(kind)) {
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it is not JSON', EXPECTED_BY_KIND[kind]);
  }

  if (isScannerKind(kind)) return scannerImport(file, kind, sha256, content, input.requirementControls);
  const analysis = analyzeConfiguration(file, kind, content, input);
  // A policy AWS would refuse is not what runs in the account: it cannot vouch for a control.
  const unfit = analysis.findings.some((f) => f.code === 'IAM_MALFORMED' && f.severity !== 'low' && f.severity !== 'info');
  const result: AnalyzedDocument = {
    type: 'document',
    file,
    kind,
    sha256,
    subject: analysis.subject,
    findings: analysis.findings,
    evidences: unfit ? [] : analysis.evidences,
  };
  return result;
}

/** JSON when it looks like JSON (or URL-encoded JSON, as IAM prints policies); otherwise text for the CSV kinds. */
function readContent(file: string, text: string, expected: string): Content {
  const trimmed = text.trimStart();
  const urlDecoded = decodeUrlEncodedJson(trimmed);
  if (urlDecoded !== null) return { json: parseJson(file, urlDecoded, expected, 'the URL-decoded text'), isJson: true, text };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { json: parseJson(file, text, expected), isJson: true, text };
  return { json: undefined, isJson: false, text };
}

function analyzeConfiguration(file: string, kind: ConfigurationKind, content: Content, input: AnalyzeInput): Analysis {
  const root = content.json;
  const simple = (findings: Analysis['findings'], subject: string | null = null): Analysis => ({
    findings,
    subject,
    evidences: [...KIND_EVIDENCES[kind]],
  });
  switch (kind) {
    case 'iam-policy': {
      const { doc, subject, principal } = extractIamPolicy(file, root);
      return simple(analyzeIamPolicy(doc, principal), subject);
    }
    case 'iam-account-summary':
      return simple(analyzeAccountSummary(file, root), 'account summary');
    case 'iam-credential-report': {
      const csv = content.isJson ? credentialReportCsv(file, root, content.text) : content.text;
      return simple(analyzeCredentialReport(file, csv, input.now ?? new Date()), 'credential report');
    }
    case 's3-bucket-policy': {
      const { findings, buckets } = analyzeBucketPolicy(extractBucketPolicy(file, root));
      const names = buckets.map((b) => b.replace(/^arn:[^:]+:s3:::/, ''));
      return simple(findings, names.length > 0 ? `bucket ${names.join(', ')}` : null);
    }
    case 's3-bucket-encryption':
      return simple(analyzeBucketEncryption(file, root));
    case 's3-public-access-block':
      return simple(analyzePublicAccessBlock(file, root));
    case 'sagemaker-training-job':
      return analyzeTrainingJob(file, root);
    case 'sagemaker-processing-job':
      return analyzeProcessingJob(file, root);
    case 'sagemaker-endpoint-config':
      return analyzeEndpointConfig(file, root);
    case 'sagemaker-model':
      return analyzeModel(file, root);
    case 'sagemaker-notebook-instance':
      return analyzeNotebookInstance(file, root);
    case 'ec2-security-groups':
      return analyzeSecurityGroups(file, root);
    case 'ec2-network-acls':
      return analyzeNetworkAcls(file, root);
    case 'ec2-flow-logs':
      return analyzeFlowLogs(file, root, input.requiredVpcIds);
    case 'cloudtrail-trails':
      return analyzeTrails(file, root);
    case 'cloudtrail-trail-status':
      return analyzeTrailStatus(file, root);
    case 'kms-key-rotation-status':
      return analyzeKeyRotation(file, root);
    case 'iam-authorization-details':
      return analyzeAuthorizationDetails(file, root);
  }
}

function scannerImport(
  file: string,
  kind: ScannerKind,
  sha256: string,
  content: Content,
  lookup: RequirementControlLookup | undefined,
): ScannerImport {
  let findings: ScannerFinding[];
  if (kind === 'prowler-compliance-csv') {
    if (content.isJson) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it is JSON, not CSV', EXPECTED_PROWLER_CSV);
    findings = importProwlerComplianceCsv(file, content.text, lookup);
  } else if (kind === 'prowler-csv') {
    if (content.isJson) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it is JSON, not CSV', EXPECTED_PROWLER_DEFAULT_CSV);
    findings = importProwlerDefaultCsv(file, content.text, lookup);
  } else if (kind === 'prowler-ocsf') {
    findings = importProwlerOcsf(file, content.json, lookup);
  } else {
    findings = importSecurityHub(file, content.json, lookup);
  }
  const mapped = findings.filter((f) => f.mapped).length;
  return {
    type: 'scanner',
    file,
    kind,
    sha256,
    findings,
    counts: {
      total: findings.length,
      failed: findings.filter((f) => f.status === 'fail').length,
      mapped,
      unmapped: findings.length - mapped,
    },
  };
}

export type { AnalysisResult, AnalyzedDocument, ScannerImport };
