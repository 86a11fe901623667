// aws iam get-account-summary: root MFA and root access keys.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeAccountSummary, EXPECTED_ACCOUNT_SUMMARY } from '../iam-account';
import { isRecord } from '../shape';

export const iamAccountSummary: ConfigurationDescriptor<'iam-account-summary'> = {
  type: 'document',
  kind: 'iam-account-summary',
  command: 'aws iam get-account-summary',
  expected: EXPECTED_ACCOUNT_SUMMARY,
  evidences: ['AC-02'],
  detectJson: (r) => isRecord(r) && isRecord(r['SummaryMap']),
  analyze: ({ json }, { file, evidences }) => ({ findings: analyzeAccountSummary(file, json), subject: 'account summary', evidences: [...evidences] }),
};
