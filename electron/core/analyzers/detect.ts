// Which kind of document is this? Decided from its shape alone, the way a person would recognise
// the output of an AWS CLI command; `null` when nothing fits (the caller then refuses the file).
import type { DocumentKind } from '../../../shared/analysis';
import { looksLikeCredentialReport } from './credential-report';
import { looksLikeProwlerComplianceCsv, looksLikeProwlerDefaultCsv } from './scanners';
import { type JsonRecord, isRecord, list, stringList } from './shape';

export function detectJsonKind(json: unknown): DocumentKind | null {
  if (Array.isArray(json)) {
    if (json.length === 0) return null;
    if (json.every((f) => isRecord(f) && (isRecord(f['finding_info']) || isRecord(f['finding'])))) return 'prowler-ocsf';
    if (json.every((f) => isRecord(f) && typeof f['Id'] === 'string' && 'ProductArn' in f)) return 'securityhub-findings';
    return null;
  }
  if (!isRecord(json)) return null;
  const r = json;
  if (Array.isArray(r['Findings'])) return 'securityhub-findings';
  if (Array.isArray(r['UserDetailList']) || Array.isArray(r['RoleDetailList']) || Array.isArray(r['GroupDetailList'])) return 'iam-authorization-details';
  if (r['Statement'] !== undefined) return policyKind(r);
  if (isRecord(r['PolicyVersion']) && r['PolicyVersion']['Document'] !== undefined) return 'iam-policy';
  if (r['PolicyDocument'] !== undefined) return 'iam-policy';
  if (typeof r['Policy'] === 'string') return 's3-bucket-policy';
  if (isRecord(r['SummaryMap'])) return 'iam-account-summary';
  if (typeof r['Content'] === 'string' && (r['ReportFormat'] === 'text/csv' || r['GeneratedTime'] !== undefined)) return 'iam-credential-report';
  if (isRecord(r['ServerSideEncryptionConfiguration'])) return 's3-bucket-encryption';
  if (isRecord(r['PublicAccessBlockConfiguration'])) return 's3-public-access-block';
  if (typeof r['TrainingJobName'] === 'string') return 'sagemaker-training-job';
  if (typeof r['ProcessingJobName'] === 'string') return 'sagemaker-processing-job';
  if (typeof r['NotebookInstanceName'] === 'string') return 'sagemaker-notebook-instance';
  // describe-endpoint also names its EndpointConfigName; only the configuration itself has no EndpointName.
  if (typeof r['EndpointConfigName'] === 'string' && r['EndpointName'] === undefined) return 'sagemaker-endpoint-config';
  if (typeof r['ModelName'] === 'string' && r['TransformJobName'] === undefined && (r['ModelArn'] !== undefined || r['PrimaryContainer'] !== undefined || r['Containers'] !== undefined)) {
    return 'sagemaker-model';
  }
  if (Array.isArray(r['SecurityGroups'])) return 'ec2-security-groups';
  if (Array.isArray(r['NetworkAcls'])) return 'ec2-network-acls';
  if (Array.isArray(r['FlowLogs'])) return 'ec2-flow-logs';
  if (Array.isArray(r['trailList'])) return 'cloudtrail-trails';
  if (typeof r['IsLogging'] === 'boolean') return 'cloudtrail-trail-status';
  if (typeof r['KeyRotationEnabled'] === 'boolean') return 'kms-key-rotation-status';
  return null;
}

/** Identity policy, or a bucket policy (its statements name a Principal and S3 resources)? */
function policyKind(doc: JsonRecord): DocumentKind | null {
  const raw = doc['Statement'];
  const statements = Array.isArray(raw) ? raw : [raw];
  const withPrincipal = statements.some((s) => isRecord(s) && (s['Principal'] !== undefined || s['NotPrincipal'] !== undefined));
  if (!withPrincipal) return 'iam-policy';
  const onS3 = statements.some((s) => isRecord(s) && [...stringList(s['Resource']), ...stringList(s['NotResource'])].some((r) => /^arn:[^:]+:s3:::/.test(r)));
  return onS3 ? 's3-bucket-policy' : null;
}

export function detectTextKind(text: string): DocumentKind | null {
  if (looksLikeCredentialReport(text)) return 'iam-credential-report';
  if (looksLikeProwlerComplianceCsv(text)) return 'prowler-compliance-csv';
  if (looksLikeProwlerDefaultCsv(text)) return 'prowler-csv';
  return null;
}

/** A hint for the documents people most often drop by mistake, to put in the refusal. */
export function unknownKindHint(json: unknown): string {
  if (isRecord(json)) {
    if (isRecord(json['Policy'])) return 'This is the output of aws iam get-policy (metadata only); run aws iam get-policy-version with the DefaultVersionId to get the document';
    if (typeof json['EndpointName'] === 'string') return 'This is the output of aws sagemaker describe-endpoint; run describe-endpoint-config on its EndpointConfigName';
    if (json['Statement'] !== undefined) return 'This policy names a Principal but no S3 resource (a trust or other resource policy), which is not analysed';
    if (isRecord(json['Role']) || isRecord(json['User'])) return 'This is the output of aws iam get-role/get-user; run get-role-policy or get-policy-version for the policies';
    if (list(json['NotebookInstances']).length > 0 || list(json['TrainingJobSummaries']).length > 0) return 'This is a list-* output; run the matching describe-* command for each item';
  }
  return '';
}
