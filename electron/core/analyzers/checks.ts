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
  'CloudTrail.5': ['LM-06', 'LM-10'],
  'EC2.2': ['NS-05'],
  'EC2.18': ['NS-05'],
  'IAM.2': ['AC-12'],
  'IAM.8': ['AC-14'],
  'IAM.22': ['AC-14'],
  'S3.2': ['AC-16'],
  'S3.3': ['AC-16'],
  'GuardDuty.1': ['LM-09'],
  'Config.1': ['LM-11'],
  // PCI DSS v3.2.1 standard (its own control ids, mapped by meaning, never by requirement number).
  'PCI.CloudTrail.1': ['LM-03'],
  'PCI.CloudTrail.2': ['LM-01'],
  'PCI.CloudTrail.3': ['LM-02'],
  'PCI.CloudTrail.4': ['LM-06'],
  'PCI.EC2.6': ['LM-05'],
  'PCI.IAM.1': ['AC-01'],
  'PCI.IAM.2': ['AC-12'],
  'PCI.IAM.3': ['AC-06'],
  'PCI.IAM.4': ['AC-02'],
  'PCI.IAM.5': ['AC-02'],
  'PCI.IAM.6': ['AC-03'],
  'PCI.KMS.1': ['DS-03'],
  'PCI.S3.5': ['DS-05'],
  'PCI.SageMaker.1': ['NS-10'],
};

/**
 * CIS AWS Foundations Benchmark recommendations, as the standard-specific Security Hub findings
 * name them (`CIS-<version>/<number>`): the same number means different things across versions
 * (1.4 is "no root access key" in v1.4.0 and "rotate access keys" in v1.2.0), so each version has
 * its own table, mapped by the recommendation's title.
 */
export const CIS_RECOMMENDATION_CONTROLS: Readonly<Record<string, readonly string[]>> = {
  'CIS-1.2.0/1.1': ['AC-01'],
  'CIS-1.2.0/1.2': ['AC-03'],
  'CIS-1.2.0/1.3': ['AC-14'],
  'CIS-1.2.0/1.4': ['AC-11'],
  'CIS-1.2.0/1.12': ['AC-01'],
  'CIS-1.2.0/1.13': ['AC-02'],
  'CIS-1.2.0/1.14': ['AC-02'],
  'CIS-1.2.0/1.16': ['AC-12'],
  'CIS-1.2.0/1.22': ['AC-06'],
  'CIS-1.2.0/2.1': ['LM-01'],
  'CIS-1.2.0/2.2': ['LM-02'],
  'CIS-1.2.0/2.3': ['LM-03'],
  'CIS-1.2.0/2.4': ['LM-06', 'LM-10'],
  'CIS-1.2.0/2.5': ['LM-11'],
  'CIS-1.2.0/2.7': ['LM-03'],
  'CIS-1.2.0/2.8': ['DS-03'],
  'CIS-1.2.0/2.9': ['LM-05'],
  'CIS-1.2.0/4.1': ['NS-05'],
  'CIS-1.2.0/4.2': ['NS-05'],
  'CIS-1.4.0/1.4': ['AC-01'],
  'CIS-1.4.0/1.5': ['AC-02'],
  'CIS-1.4.0/1.6': ['AC-02'],
  'CIS-1.4.0/1.7': ['AC-01'],
  'CIS-1.4.0/1.10': ['AC-03'],
  'CIS-1.4.0/1.12': ['AC-14'],
  'CIS-1.4.0/1.14': ['AC-11'],
  'CIS-1.4.0/1.15': ['AC-12'],
  'CIS-1.4.0/1.16': ['AC-06'],
  'CIS-1.4.0/1.20': ['AC-13'],
  'CIS-1.4.0/2.1.1': ['DS-01'],
  'CIS-1.4.0/2.1.2': ['DS-05'],
  'CIS-1.4.0/2.1.5': ['AC-16'],
  'CIS-1.4.0/3.1': ['LM-01'],
  'CIS-1.4.0/3.2': ['LM-02'],
  'CIS-1.4.0/3.3': ['LM-03'],
  'CIS-1.4.0/3.4': ['LM-06', 'LM-10'],
  'CIS-1.4.0/3.5': ['LM-11'],
  'CIS-1.4.0/3.7': ['LM-03'],
  'CIS-1.4.0/3.8': ['DS-03'],
  'CIS-1.4.0/3.9': ['LM-05'],
  'CIS-1.4.0/5.1': ['NS-06'],
  'CIS-1.4.0/5.2': ['NS-05'],
  'CIS-3.0.0/1.4': ['AC-01'],
  'CIS-3.0.0/1.5': ['AC-02'],
  'CIS-3.0.0/1.6': ['AC-02'],
  'CIS-3.0.0/1.7': ['AC-01'],
  'CIS-3.0.0/1.10': ['AC-03'],
  'CIS-3.0.0/1.12': ['AC-14'],
  'CIS-3.0.0/1.14': ['AC-11'],
  'CIS-3.0.0/1.15': ['AC-12'],
  'CIS-3.0.0/1.16': ['AC-06'],
  'CIS-3.0.0/1.20': ['AC-13'],
  'CIS-3.0.0/2.1.1': ['DS-05'],
  'CIS-3.0.0/2.1.4': ['AC-16'],
  'CIS-3.0.0/3.1': ['LM-01'],
  'CIS-3.0.0/3.2': ['LM-02'],
  'CIS-3.0.0/3.3': ['LM-11'],
  'CIS-3.0.0/3.5': ['LM-03'],
  'CIS-3.0.0/3.6': ['DS-03'],
  'CIS-3.0.0/3.7': ['LM-05'],
  'CIS-3.0.0/5.1': ['NS-06'],
  'CIS-3.0.0/5.2': ['NS-05'],
  'CIS-3.0.0/5.3': ['NS-05'],
};

/** Controls a check tests directly, from either table; empty when the check is not known. */
export function controlsForCheck(checkId: string | undefined): readonly string[] {
  if (!checkId) return [];
  // hasOwn: a check id such as "constructor" must not reach Object.prototype.
  if (Object.hasOwn(PROWLER_CHECK_CONTROLS, checkId)) return PROWLER_CHECK_CONTROLS[checkId] ?? [];
  if (Object.hasOwn(SECURITY_HUB_CONTROL_CONTROLS, checkId)) return SECURITY_HUB_CONTROL_CONTROLS[checkId] ?? [];
  if (Object.hasOwn(CIS_RECOMMENDATION_CONTROLS, checkId)) return CIS_RECOMMENDATION_CONTROLS[checkId] ?? [];
  return PROWLER_CHECK_PREFIXES.find(([prefix]) => checkId.startsWith(prefix))?.[1] ?? [];
}
