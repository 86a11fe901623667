// CloudTrail: is there a multi-region trail, with log file validation and KMS encryption
// (aws cloudtrail describe-trails), and is it logging (aws cloudtrail get-trail-status)?
import type { Finding } from '../../../shared/analysis';
import { finding, type Analysis } from './controls';
import { AnalyzerError } from './errors';
import { filled, isRecord, text } from './shape';

export const EXPECTED_TRAILS = 'the JSON of aws cloudtrail describe-trails (a trailList array)';
export const EXPECTED_TRAIL_STATUS = 'the JSON of aws cloudtrail get-trail-status (with IsLogging)';

export function analyzeTrails(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const trails = isRecord(root) ? root['trailList'] : undefined;
  if (!Array.isArray(trails)) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it has no trailList array', EXPECTED_TRAILS);
  const findings: Finding[] = [];
  if (trails.length === 0) {
    findings.push(finding('CT_NO_TRAIL', 'critical', 'trailList',
      'There is no CloudTrail trail: API activity is kept only 90 days in Event history and cannot be protected or analysed. Create a multi-region trail.'));
    return { findings, subject: 'no trails', evidences: [] };
  }
  // Single-region trails are fine next to a multi-region one; flag them only when none covers all regions.
  const anyMultiRegion = trails.some((t) => isRecord(t) && t['IsMultiRegionTrail'] === true);
  trails.forEach((trail, i) => {
    if (!isRecord(trail)) return;
    const name = text(trail['Name']) ?? `trail ${i}`;
    if (!anyMultiRegion) {
      findings.push(finding('CT_NOT_MULTI_REGION', 'high', `trailList[${i}].IsMultiRegionTrail`,
        `Trail "${name}" records only its home region${text(trail['HomeRegion']) ? ` (${text(trail['HomeRegion'])})` : ''}, and no trail covers all regions: activity elsewhere goes unrecorded. Make it multi-region.`));
    }
    if (trail['LogFileValidationEnabled'] !== true) {
      findings.push(finding('CT_NO_LOG_VALIDATION', 'medium', `trailList[${i}].LogFileValidationEnabled`,
        `Trail "${name}" has log file validation off, so nobody can prove its log files were not altered or deleted. Enable log file validation.`));
    }
    if (!filled(trail['KmsKeyId'])) {
      findings.push(finding('CT_NO_KMS', 'medium', `trailList[${i}].KmsKeyId`,
        `Trail "${name}" is not encrypted with a KMS key (only SSE-S3). Encrypt it with a customer-managed key so reading the logs also needs kms:Decrypt.`));
    }
    // Prowler's cloudtrail_cloudwatch_logging_enabled: alarms on API activity need the trail in CloudWatch Logs.
    if (!filled(trail['CloudWatchLogsLogGroupArn'])) {
      findings.push(finding('CT_NO_CLOUDWATCH_LOGS', 'medium', `trailList[${i}].CloudWatchLogsLogGroupArn`,
        `Trail "${name}" does not deliver to CloudWatch Logs, so no metric filter or alarm can watch root use, IAM changes or denied calls. Set a log group (CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn).`));
    }
  });
  const subject = trails.length === 1 && isRecord(trails[0]) ? `trail ${text(trails[0]['Name']) ?? ''}`.trim() : `${trails.length} trails`;
  return { findings, subject, evidences: [...evidences] };
}

export function analyzeTrailStatus(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const logging = isRecord(root) ? root['IsLogging'] : undefined;
  if (typeof logging !== 'boolean') throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'IsLogging is missing or not true/false', EXPECTED_TRAIL_STATUS);
  const findings = logging
    ? []
    : [finding('CT_NOT_LOGGING', 'high', 'IsLogging',
        'The trail is not logging: API calls since it stopped are not recorded. Start logging (aws cloudtrail start-logging) and find out who stopped it.')];
  return { findings, subject: null, evidences: [...evidences] };
}
