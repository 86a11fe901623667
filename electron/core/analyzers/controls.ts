// Which catalog controls each finding code bears on (what a clean document of a kind demonstrates
// is in its descriptor, kinds/*.ts). Ids come from the control outline; they are stable across catalog versions.
import type { Finding, FindingCode } from '../../../shared/analysis';
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
