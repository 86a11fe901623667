// Well-known scanner checks and the controls they test directly. Used besides the requirement
// mapping, because a check id says exactly what was tested while a requirement is broad.
// Prowler check ids are exact (a test reads them against Prowler's own list of AWS checks); Security Hub control ids (`KMS.4`) come from its control catalog.

export const PROWLER_CHECK_CONTROLS: Readonly<Record<string, readonly string[]>> = {
  // data security
  kms_cmk_rotation_enabled: ['DS-03'],
  s3_bucket_kms_encryption: ['DS-01'],
  s3_bucket_default_encryption: ['DS-02'],
  s3_bucket_secure_transport_policy: ['DS-05'],
  s3_bucket_object_versioning: ['DS-14'],
  s3_bucket_object_lock: ['DS-14'],
  secretsmanager_automatic_rotation_enabled: ['DS-07'],
  macie_is_enabled: ['DS-08', 'LM-07'],
  // access control
  iam_no_root_access_key: ['AC-01'],
  iam_root_mfa_enabled: ['AC-02'],
  iam_root_hardware_mfa_enabled: ['AC-02'],
  iam_user_mfa_enabled_console_access: ['AC-03'],
  iam_administrator_access_with_mfa: ['AC-03'],
  iam_aws_attached_policy_no_administrative_privileges: ['AC-06'],
  iam_customer_attached_policy_no_administrative_privileges: ['AC-06'],
  iam_inline_policy_no_administrative_privileges: ['AC-06'],
  iam_policy_allows_privilege_escalation: ['AC-09'],
  iam_rotate_access_key_90_days: ['AC-11'],
  iam_user_accesskey_unused: ['AC-14'],
  iam_user_console_access_unused: ['AC-14'],
  iam_policy_attached_only_to_group_or_roles: ['AC-12'],
  accessanalyzer_enabled: ['AC-13'],
  s3_bucket_public_access: ['AC-16'],
  s3_bucket_policy_public_write_access: ['AC-16'],
  s3_bucket_level_public_access_block: ['AC-16'],
  s3_account_level_public_access_blocks: ['AC-16'],
  // network
  sagemaker_training_jobs_vpc_settings_configured: ['NS-01'],
  sagemaker_models_vpc_settings_configured: ['NS-01'],
  sagemaker_training_jobs_network_isolation_enabled: ['NS-02'],
  sagemaker_models_network_isolation_enabled: ['NS-02'],
  sagemaker_notebook_instance_without_direct_internet_access_configured: ['NS-10'],
  sagemaker_notebook_instance_vpc_settings_configured: ['NS-10'],
  ec2_securitygroup_allow_ingress_from_internet_to_all_ports: ['NS-05'],
  ec2_securitygroup_allow_ingress_from_internet_to_any_port: ['NS-05'],
  ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22: ['NS-05'],
  ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389: ['NS-05'],
  ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports: ['NS-05'],
  ec2_networkacl_allow_ingress_any_port: ['NS-06'],
  ec2_networkacl_allow_ingress_tcp_port_22: ['NS-06'],
  ec2_networkacl_allow_ingress_tcp_port_3389: ['NS-06'],
  // monitoring and logging
  cloudtrail_multi_region_enabled: ['LM-01'],
  cloudtrail_multi_region_enabled_logging_management_events: ['LM-01'],
  cloudtrail_log_file_validation_enabled: ['LM-02'],
  cloudtrail_cloudwatch_logging_enabled: ['LM-06', 'LM-10'],
  cloudtrail_kms_encryption_enabled: ['LM-03'],
  cloudtrail_logs_s3_bucket_is_not_publicly_accessible: ['LM-03'],
  cloudtrail_s3_dataevents_read_enabled: ['LM-04'],
  cloudtrail_s3_dataevents_write_enabled: ['LM-04'],
  vpc_flow_logs_enabled: ['LM-05'],
  cloudwatch_log_group_retention_policy_specific_days_enabled: ['LM-08'],
  guardduty_is_enabled: ['LM-09'],
  securityhub_enabled: ['LM-09', 'LM-11'],
  config_recorder_all_regions_enabled: ['LM-11'],
  // ML platform
  sagemaker_training_jobs_volume_and_output_encryption_enabled: ['MP-01', 'MP-02'],
  sagemaker_training_jobs_intercontainer_encryption_enabled: ['MP-03'],
  sagemaker_endpoint_config_kms_encryption_enabled: ['MP-04'],
  sagemaker_notebook_instance_root_access_disabled: ['MP-05'],
  sagemaker_notebook_instance_encryption_enabled: ['MP-05'],
  sagemaker_models_registry_in_use: ['MP-07'],
};

/** Prefixes of Prowler check families that all test one control. */
const PROWLER_CHECK_PREFIXES: ReadonlyArray<[string, readonly string[]]> = [
  ['cloudwatch_log_metric_filter_', ['LM-06']],
];

/**
 * Security Hub CSPM control ids (consolidated controls view). Checked against public finding
 * texts and remediation scripts: SageMaker.1 direct internet access, SageMaker.3 root access,
 * EC2.21 NACL ingress to 22/3389, S3.17 SSE-KMS at rest, KMS.4 key rotation, CloudTrail.1/.2/.4
 * multi-region trail / encryption / log validation, IAM.1 full "*" admin policies.
 */
export const SECURITY_HUB_CONTROL_CONTROLS: Readonly<Record<string, readonly string[]>> = {
  'CloudTrail.1': ['LM-01'],
  'CloudTrail.2': ['LM-03'],
  'CloudTrail.4': ['LM-02'],
  'EC2.6': ['LM-05'],
  'EC2.13': ['NS-05'],
  'EC2.14': ['NS-05'],
  'EC2.19': ['NS-05'],
  'EC2.21': ['NS-06'],
  'IAM.1': ['AC-06'],
  'IAM.3': ['AC-11'],
  'IAM.4': ['AC-01'],
  'IAM.5': ['AC-03'],
  'IAM.6': ['AC-02'],
  'IAM.9': ['AC-02'],
  'KMS.4': ['DS-03'],
  'S3.1': ['AC-16'],
  'S3.5': ['DS-05'],
  'S3.8': ['AC-16'],
  'S3.17': ['DS-01'],
  'SageMaker.1': ['NS-10'],
  'SageMaker.2': ['NS-10'],
  'SageMaker.3': ['MP-05'],
  // Further FSBP / CIS consolidated controls, by their titles in the Security Hub controls reference.
  'CloudTrail.3': ['LM-01'],
  'CloudTrail.5': ['LM-06'],
  'CloudTrail.6': ['LM-03'],
  'CloudWatch.1': ['LM-06'],
  'EC2.2': ['NS-05'],
  'EC2.18': ['NS-05'],
  'EC2.53': ['NS-05'],
  'EC2.54': ['NS-05'],
  'IAM.2': ['AC-12'],
  'IAM.8': ['AC-14'],
  'IAM.19': ['AC-03'],
  'IAM.22': ['AC-14'],
  'IAM.28': ['AC-13'],
  'S3.2': ['AC-16'],
  'S3.3': ['AC-16'],
  'GuardDuty.1': ['LM-09'],
  'Config.1': ['LM-11'],
};

/**
 * Standard-specific control ids → the Security Hub security controls they are (one meaning per
 * consolidated control, so the controls we map follow from SECURITY_HUB_CONTROL_CONTROLS and a
 * number never carries its meaning across versions). `PCI.IAM.1` as Security Hub names PCI DSS
 * v3.2.1 controls; `CIS-1.2.0/1.13` for a CIS AWS Foundations recommendation
 * (`cisRecommendation` in scanners.ts), where 1.4 is "rotate access keys" in v1.2.0 and "no root
 * access key" in v1.4.0. Only recommendations Security Hub checks are listed.
 * Sources, checked in a test against ../shared/reference/securityhub-controls.tsv (each control
 * must belong to the standard there):
 * - PCI DSS v3.2.1, CIS v1.2.0 and v1.4.0: the table "Generator IDs before and after turning on
 *   consolidated control findings" in the Security Hub User Guide, awsdocs/aws-security-hub-user-guide
 *   doc_source/asff-changes-consolidation.md (commit bda5bf7d).
 * - CIS v3.0.0, and CIS v1.4.0 1.12 and 2.1.5: "Related requirements" of each control in the
 *   Security Hub controls reference (iam-controls, config-controls, s3-controls pages), except
 *   v3.0.0 5.2 and 5.3, matched by title (EC2.53 and EC2.54: no ingress from 0.0.0.0/0, ::/0 to
 *   remote administration ports) because no page in reach states the number.
 */
export const STANDARD_SECURITY_CONTROLS: Readonly<Record<string, readonly string[]>> = {
  'PCI.CloudTrail.1': ['CloudTrail.2'],
  'PCI.CloudTrail.2': ['CloudTrail.3'],
  'PCI.CloudTrail.3': ['CloudTrail.4'],
  'PCI.CloudTrail.4': ['CloudTrail.5'],
  'PCI.Config.1': ['Config.1'],
  'PCI.CW.1': ['CloudWatch.1'],
  'PCI.EC2.2': ['EC2.2'],
  'PCI.EC2.5': ['EC2.13'],
  'PCI.EC2.6': ['EC2.6'],
  'PCI.GuardDuty.1': ['GuardDuty.1'],
  'PCI.IAM.1': ['IAM.4'],
  'PCI.IAM.2': ['IAM.2'],
  'PCI.IAM.3': ['IAM.1'],
  'PCI.IAM.4': ['IAM.6'],
  'PCI.IAM.5': ['IAM.9'],
  'PCI.IAM.6': ['IAM.19'],
  'PCI.IAM.7': ['IAM.8'],
  'PCI.KMS.1': ['KMS.4'],
  'PCI.S3.1': ['S3.3'],
  'PCI.S3.2': ['S3.2'],
  'PCI.S3.5': ['S3.5'],
  'PCI.S3.6': ['S3.1'],
  'PCI.SageMaker.1': ['SageMaker.1'],
  'CIS-1.2.0/1.1': ['CloudWatch.1'],
  'CIS-1.2.0/1.2': ['IAM.5'],
  'CIS-1.2.0/1.3': ['IAM.8'],
  'CIS-1.2.0/1.4': ['IAM.3'],
  'CIS-1.2.0/1.12': ['IAM.4'],
  'CIS-1.2.0/1.13': ['IAM.9'],
  'CIS-1.2.0/1.14': ['IAM.6'],
  'CIS-1.2.0/1.16': ['IAM.2'],
  'CIS-1.2.0/1.22': ['IAM.1'],
  'CIS-1.2.0/2.1': ['CloudTrail.1'],
  'CIS-1.2.0/2.2': ['CloudTrail.4'],
  'CIS-1.2.0/2.3': ['CloudTrail.6'],
  'CIS-1.2.0/2.4': ['CloudTrail.5'],
  'CIS-1.2.0/2.5': ['Config.1'],
  'CIS-1.2.0/2.7': ['CloudTrail.2'],
  'CIS-1.2.0/2.8': ['KMS.4'],
  'CIS-1.2.0/2.9': ['EC2.6'],
  'CIS-1.2.0/3.3': ['CloudWatch.1'],
  'CIS-1.2.0/4.1': ['EC2.13'],
  'CIS-1.2.0/4.2': ['EC2.14'],
  'CIS-1.2.0/4.3': ['EC2.2'],
  'CIS-1.4.0/1.4': ['IAM.4'],
  'CIS-1.4.0/1.5': ['IAM.9'],
  'CIS-1.4.0/1.6': ['IAM.6'],
  'CIS-1.4.0/1.7': ['CloudWatch.1'],
  'CIS-1.4.0/1.10': ['IAM.5'],
  'CIS-1.4.0/1.12': ['IAM.22'],
  'CIS-1.4.0/1.14': ['IAM.3'],
  'CIS-1.4.0/1.16': ['IAM.1'],
  'CIS-1.4.0/2.1.2': ['S3.5'],
  'CIS-1.4.0/2.1.5': ['S3.1'],
  'CIS-1.4.0/2.1.5.1': ['S3.1'],
  'CIS-1.4.0/2.1.5.2': ['S3.8'],
  'CIS-1.4.0/3.1': ['CloudTrail.1'],
  'CIS-1.4.0/3.2': ['CloudTrail.4'],
  'CIS-1.4.0/3.4': ['CloudTrail.5'],
  'CIS-1.4.0/3.5': ['Config.1'],
  'CIS-1.4.0/3.7': ['CloudTrail.2'],
  'CIS-1.4.0/3.8': ['KMS.4'],
  'CIS-1.4.0/3.9': ['EC2.6'],
  'CIS-1.4.0/4.3': ['CloudWatch.1'],
  'CIS-1.4.0/5.1': ['EC2.21'],
  'CIS-1.4.0/5.3': ['EC2.2'],
  'CIS-3.0.0/1.4': ['IAM.4'],
  'CIS-3.0.0/1.5': ['IAM.9'],
  'CIS-3.0.0/1.6': ['IAM.6'],
  'CIS-3.0.0/1.10': ['IAM.5'],
  'CIS-3.0.0/1.12': ['IAM.22'],
  'CIS-3.0.0/1.14': ['IAM.3'],
  'CIS-3.0.0/1.15': ['IAM.2'],
  'CIS-3.0.0/1.20': ['IAM.28'],
  'CIS-3.0.0/2.1.1': ['S3.5'],
  'CIS-3.0.0/2.1.4': ['S3.1', 'S3.8'],
  'CIS-3.0.0/3.1': ['CloudTrail.1'],
  'CIS-3.0.0/3.2': ['CloudTrail.4'],
  'CIS-3.0.0/3.3': ['Config.1'],
  'CIS-3.0.0/3.5': ['CloudTrail.2'],
  'CIS-3.0.0/3.6': ['KMS.4'],
  'CIS-3.0.0/3.7': ['EC2.6'],
  'CIS-3.0.0/5.1': ['EC2.21'],
  'CIS-3.0.0/5.2': ['EC2.53'],
  'CIS-3.0.0/5.3': ['EC2.54'],
};

/** Controls a standard-specific control tests: those of the security controls it is. */
function standardControls(id: string): readonly string[] {
  const controls = new Set<string>();
  for (const securityControl of STANDARD_SECURITY_CONTROLS[id] ?? []) {
    for (const c of SECURITY_HUB_CONTROL_CONTROLS[securityControl] ?? []) controls.add(c);
  }
  return [...controls];
}

/** Controls a check tests directly, from either table; empty when the check is not known. */
export function controlsForCheck(checkId: string | undefined): readonly string[] {
  if (!checkId) return [];
  // hasOwn: a check id such as "constructor" must not reach Object.prototype.
  if (Object.hasOwn(PROWLER_CHECK_CONTROLS, checkId)) return PROWLER_CHECK_CONTROLS[checkId] ?? [];
  if (Object.hasOwn(SECURITY_HUB_CONTROL_CONTROLS, checkId)) return SECURITY_HUB_CONTROL_CONTROLS[checkId] ?? [];
  if (Object.hasOwn(STANDARD_SECURITY_CONTROLS, checkId)) return standardControls(checkId);
  return PROWLER_CHECK_PREFIXES.find(([prefix]) => checkId.startsWith(prefix))?.[1] ?? [];
}
