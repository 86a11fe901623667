// Which catalog controls each finding code bears on, and which controls a clean document of each
// kind demonstrates. Ids come from the control outline; they are stable across catalog versions.
import type { ConfigurationKind, DocumentKind, Finding, FindingCode } from '../../../shared/analysis';
import type { Severity } from '../../../shared/domain';

export const CODE_CONTROLS: Readonly<Record<FindingCode, readonly string[]>> = {
  IAM_ACTION_WILDCARD: ['AC-06'],
  IAM_SERVICE_WILDCARD: ['AC-06'],
  IAM_RESOURCE_WILDCARD: ['AC-07'],
  IAM_NOTACTION_ALLOW: ['AC-06'],
  IAM_NOTRESOURCE_ALLOW: ['AC-07'],
  IAM_PASSROLE_WILDCARD: ['AC-08'],
  IAM_PRIVILEGE_ESCALATION: ['AC-09'],
  IAM_DESTRUCTIVE_ML: ['AC-10', 'AC-04'],
  // A malformed policy says nothing about a control; it makes the document unfit as evidence.
  IAM_MALFORMED: [],
  IAM_DATA_EXFILTRATION: ['AC-07', 'MP-06'],
  IAM_CREDENTIALS_EXPOSURE: ['AC-09', 'DS-07'],
  IAM_RESOURCE_EXPOSURE: ['AC-07', 'AC-16'],
  IAM_INFRA_MODIFICATION: ['AC-07'],
  // An action AWS does not document grants nothing; worth fixing, no control hangs on it.
  IAM_UNKNOWN_ACTION: [],
  IAM_TRUST_PUBLIC: ['AC-09', 'AC-16'],
  IAM_TRUST_CROSS_ACCOUNT: ['AC-09'],
  IAM_TRUST_PASSROLE_TARGET: ['AC-08', 'AC-09'],
  IAM_ROOT_NO_MFA: ['AC-02'],
  IAM_ROOT_ACCESS_KEYS: ['AC-01', 'AC-11'],
  IAM_USER_NO_MFA: ['AC-03'],
  IAM_ACCESS_KEY_OLD: ['AC-11'],
  S3_NO_SECURE_TRANSPORT: ['DS-05'],
  S3_PUBLIC_PRINCIPAL: ['AC-16'],
  S3_NOT_KMS: ['DS-01'],
  S3_PUBLIC_ACCESS_BLOCK_OFF: ['AC-16'],
  SM_NO_VPC: ['NS-01'],
  SM_NO_VOLUME_KMS: ['MP-01'],
  SM_NO_OUTPUT_KMS: ['MP-02', 'DS-01'],
  SM_NO_NETWORK_ISOLATION: ['NS-02'],
  SM_NO_INTER_CONTAINER_ENCRYPTION: ['MP-03'],
  SM_ENDPOINT_NO_KMS: ['MP-04'],
  SM_NOTEBOOK_DIRECT_INTERNET: ['NS-10'],
  SM_NOTEBOOK_ROOT_ACCESS: ['MP-05'],
  SG_OPEN_INGRESS: ['NS-05'],
  NACL_ALLOW_ALL_INGRESS: ['NS-06'],
  FLOWLOGS_MISSING: ['LM-05'],
  CT_NO_TRAIL: ['LM-01'],
  CT_NOT_MULTI_REGION: ['LM-01'],
  CT_NO_LOG_VALIDATION: ['LM-02'],
  CT_NO_KMS: ['LM-03'],
  CT_NOT_LOGGING: ['LM-01'],
  CT_NO_CLOUDWATCH_LOGS: ['LM-06'],
  KMS_ROTATION_DISABLED: ['DS-03'],
};

/**
 * Controls a clean document of a kind fully demonstrates for the resources it lists. Kept narrow on
 * purpose: a control with a part the document cannot show (private subnets, who holds a policy,
 * "not used for daily work") is left out, so it is never suggested compliant from this kind alone.
 * Some analyzers narrow this further for one document (see their `evidences`).
 */
export const KIND_EVIDENCES: Readonly<Record<ConfigurationKind, readonly string[]>> = {
  'iam-policy': ['AC-06', 'AC-07', 'AC-08', 'AC-09'],
  'iam-account-summary': ['AC-02'],
  'iam-credential-report': ['AC-02', 'AC-03'],
  's3-bucket-policy': ['DS-05'],
  's3-bucket-encryption': ['DS-01', 'DS-02'],
  's3-public-access-block': [],
  'sagemaker-training-job': ['MP-01', 'MP-02', 'NS-02'],
  'sagemaker-processing-job': ['MP-01', 'MP-02', 'NS-02'],
  'sagemaker-endpoint-config': ['MP-04'],
  'sagemaker-model': ['NS-02'],
  'sagemaker-notebook-instance': ['NS-10', 'MP-05'],
  'ec2-security-groups': ['NS-05'],
  'ec2-network-acls': [],
  'ec2-flow-logs': [],
  'cloudtrail-trails': ['LM-01', 'LM-02'],
  'cloudtrail-trail-status': ['LM-01'],
  'kms-key-rotation-status': ['DS-03'],
  // The whole account's identities: what a single policy cannot show (who holds it) is here.
  'iam-authorization-details': ['AC-06', 'AC-07', 'AC-08', 'AC-09'],
};

/**
 * Controls whose question no single document answers: a clean document of one of these kinds is
 * evidence, but the control is suggested compliant only when every kind listed was analysed with it
 * (LM-01 asks for a multi-region trail that is logging: describe-trails says the first,
 * get-trail-status the second). What to export is named for the missing ones.
 */
export const CONTROL_REQUIRES: Readonly<Record<string, readonly DocumentKind[]>> = {
  'LM-01': ['cloudtrail-trails', 'cloudtrail-trail-status'],
};

/** The command that produces a kind, for "also export …" notes. */
export const KIND_COMMANDS: Readonly<Partial<Record<DocumentKind, string>>> = {
  'cloudtrail-trails': 'aws cloudtrail describe-trails',
  'cloudtrail-trail-status': 'aws cloudtrail get-trail-status --name <trail>',
};

/** Builds a finding with the code's controls, unless a kind needs a narrower or different set. */
export function finding(
  code: FindingCode,
  severity: Severity,
  path: string,
  message: string,
  controls: readonly string[] = CODE_CONTROLS[code],
): Finding {
  return { code, severity, message, path, controls: [...controls] };
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  info: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

/** What one configuration analyzer returns; index.ts adds file, kind and hash. */
export type Analysis = { findings: Finding[]; subject: string | null; evidences: string[] };
