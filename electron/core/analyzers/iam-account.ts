// aws iam get-account-summary: the two root-user facts it carries (MFA, access keys).
import type { Finding } from '../../../shared/analysis';
import { finding } from './controls';
import { AnalyzerError } from './errors';
import { int, isRecord } from './shape';

export const EXPECTED_ACCOUNT_SUMMARY =
  'the JSON of aws iam get-account-summary: a SummaryMap holding AccountMFAEnabled and AccountAccessKeysPresent';

export function analyzeAccountSummary(file: string, root: unknown): Finding[] {
  const map = isRecord(root) ? root['SummaryMap'] : undefined;
  const mfa = isRecord(map) ? int(map['AccountMFAEnabled']) : undefined;
  const keys = isRecord(map) ? int(map['AccountAccessKeysPresent']) : undefined;
  if (mfa === undefined || keys === undefined) {
    // Without both numbers a clean-looking result would be a false "compliant".
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'SummaryMap.AccountMFAEnabled or SummaryMap.AccountAccessKeysPresent is missing or not a number', EXPECTED_ACCOUNT_SUMMARY);
  }
  const findings: Finding[] = [];
  if (mfa === 0) {
    findings.push(finding('IAM_ROOT_NO_MFA', 'critical', 'SummaryMap.AccountMFAEnabled',
      'The root user has no MFA device. Anyone with the root password controls the whole account; enable MFA on the root user (a hardware key is best).'));
  }
  if (keys > 0) {
    findings.push(finding('IAM_ROOT_ACCESS_KEYS', 'critical', 'SummaryMap.AccountAccessKeysPresent',
      'The root user has access keys. Root keys cannot be limited by any policy; delete them and use roles for automation.'));
  }
  return findings;
}
