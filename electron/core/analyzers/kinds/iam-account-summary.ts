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
  analyze: ({ json }, { file, evidences }) => {
    const { findings, unchecked } = analyzeAccountSummary(file, json);
    if (unchecked.length === 0) return { findings, subject: 'account summary', evidences: [...evidences] };
    // a fact the export lacks was not checked: no control is vouched for by this document
    return { findings, subject: `account summary (not in this export, so not checked: ${unchecked.join(' and ')})`, evidences: [] };
  },
};
