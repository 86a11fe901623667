// Every document kind the app reads, in the order their shapes are tried: a new kind is one file in
// kinds/ and one line here (and its name in shared/analysis.ts's DOCUMENT_KINDS, which
// test/unit/analyzers/registry.test.ts keeps in step with this list).
import type { ConfigurationKind, DocumentKind } from '../../../shared/analysis';
import type { Descriptor } from './descriptor';
import { createAnalyzers } from './engine';
import { cloudtrailTrailStatus } from './kinds/cloudtrail-trail-status';
import { cloudtrailTrails } from './kinds/cloudtrail-trails';
import { ec2FlowLogs } from './kinds/ec2-flow-logs';
import { ec2NetworkAcls } from './kinds/ec2-network-acls';
import { ec2SecurityGroups } from './kinds/ec2-security-groups';
import { ec2Vpcs } from './kinds/ec2-vpcs';
import { iamAccountSummary } from './kinds/iam-account-summary';
import { iamAuthorizationDetails } from './kinds/iam-authorization-details';
import { iamCredentialReport } from './kinds/iam-credential-report';
import { iamPolicy } from './kinds/iam-policy';
import { kmsKeyRotationStatus } from './kinds/kms-key-rotation-status';
import { prowlerComplianceCsv } from './kinds/prowler-compliance-csv';
import { prowlerCsv } from './kinds/prowler-csv';
import { prowlerOcsf } from './kinds/prowler-ocsf';
import { s3BucketEncryption } from './kinds/s3-bucket-encryption';
import { s3BucketPolicy } from './kinds/s3-bucket-policy';
import { s3PublicAccessBlock } from './kinds/s3-public-access-block';
import { sagemakerEndpointConfig } from './kinds/sagemaker-endpoint-config';
import { sagemakerModel } from './kinds/sagemaker-model';
import { sagemakerNotebookInstance } from './kinds/sagemaker-notebook-instance';
import { sagemakerProcessingJob } from './kinds/sagemaker-processing-job';
import { sagemakerTrainingJob } from './kinds/sagemaker-training-job';
import { securityHubFindings } from './kinds/securityhub-findings';

export const DESCRIPTORS = [
  prowlerOcsf,
  securityHubFindings,
  iamAuthorizationDetails,
  iamPolicy,
  s3BucketPolicy,
  iamAccountSummary,
  iamCredentialReport,
  s3BucketEncryption,
  s3PublicAccessBlock,
  sagemakerTrainingJob,
  sagemakerProcessingJob,
  sagemakerNotebookInstance,
  sagemakerEndpointConfig,
  sagemakerModel,
  ec2SecurityGroups,
  ec2NetworkAcls,
  ec2FlowLogs,
  ec2Vpcs,
  cloudtrailTrails,
  cloudtrailTrailStatus,
  kmsKeyRotationStatus,
  prowlerComplianceCsv,
  prowlerCsv,
] as const satisfies readonly Descriptor<DocumentKind>[];

/** The analyzers the app uses. */
export const ANALYZERS = createAnalyzers(DESCRIPTORS);

type ConfigurationDescriptors = Extract<(typeof DESCRIPTORS)[number], { type: 'document' }>;

const configuration = DESCRIPTORS.filter((d): d is ConfigurationDescriptors => d.type === 'document');

/** The expected shape of each kind, in words. */
export const EXPECTED_BY_KIND = Object.fromEntries(DESCRIPTORS.map((d) => [d.kind, d.expected])) as Readonly<Record<DocumentKind, string>>;

/** Controls a clean document of each kind demonstrates (some analyzers narrow this for one document). */
export const KIND_EVIDENCES = Object.fromEntries(configuration.map((d) => [d.kind, d.evidences])) as Readonly<Record<ConfigurationKind, readonly string[]>>;

/**
 * Controls whose question no single document answers: suggested compliant only when every kind
 * listed was analysed with the others (LM-01: describe-trails and get-trail-status).
 */
export const CONTROL_REQUIRES: Readonly<Record<string, readonly DocumentKind[]>> = (() => {
  const out: Record<string, DocumentKind[]> = {};
  for (const d of configuration) for (const control of d.requiredFor ?? []) (out[control] ??= []).push(d.kind);
  return out;
})();

/** The command that produces a kind, for "also export …" notes. */
export const KIND_COMMANDS = Object.fromEntries(DESCRIPTORS.map((d) => [d.kind, d.command])) as Readonly<Record<DocumentKind, string>>;
