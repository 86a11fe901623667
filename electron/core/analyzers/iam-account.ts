// aws iam get-account-summary: the two root-user facts it carries (MFA, access keys).
import type { Finding } from '../../../shared/analysis';
import { finding } from './controls';
import { AnalyzerError } from './errors';
import { int, isRecord } from './shape';

export const EXPECTED_ACCOUNT_SUMMARY =
  'the JSON of aws iam get-account-summary: a SummaryMap holding AccountMFAEnabled and AccountAccessKeysPresent';

/**
 * The findings of the facts the summary holds, and the facts it lacks (older exports, and the AWS
 * CLI documentation's example, have no AccountAccessKeysPresent): a lacking fact was not checked,
 * so the document vouches for nothing, but what it does hold still counts.
 */
export function analyzeAccountSummary(file: string, root: unknown): { findings: Finding[]; unchecked: string[] } {
  const map = isRecord(root) ? root['SummaryMap'] : undefined;
  const mfa = isRecord(map) ? int(map['AccountMFAEnabled']) : undefined;
  const keys = isRecord(map) ? int(map['AccountAccessKeysPresent']) : undefined;
  if (mfa === undefined && keys === undefined) {
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'SummaryMap holds neither AccountMFAEnabled nor AccountAccessKeysPresent as a number', EXPECTED_ACCOUNT_SUMMARY);
  }
  const findings: Finding[] = [];
  const unchecked: string[] = [];
  if (mfa === undefined) unchecked.push('root MFA (AccountMFAEnabled)');
  if (keys === undefined) unchecked.push('root access keys (AccountAccessKeysPresent)');
  if (mfa === 0) {
    findings.push(finding('IAM_ROOT_NO_MFA', 'critical', 'SummaryMap.AccountMFAEnabled',
      'The root user has no MFA device. Anyone with the root password controls the whole account; enable MFA on the root user (a hardware key is best).'));
  }
  if (keys !== undefined && keys > 0) {
    findings.push(finding('IAM_ROOT_ACCESS_KEYS', 'critical', 'SummaryMap.AccountAccessKeysPresent',
      'The root user has access keys. Root keys cannot be limited by any policy; delete them and use roles for automation.'));
  }
  return { findings, unchecked };
}
