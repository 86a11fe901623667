// aws iam get-credential-report (JSON with base64 Content) or the credential report CSV itself.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeCredentialReport, credentialReportCsv, EXPECTED_CREDENTIAL_REPORT, looksLikeCredentialReport } from '../credential-report';
import { isRecord } from '../shape';

export const iamCredentialReport: ConfigurationDescriptor<'iam-credential-report'> = {
  type: 'document',
  kind: 'iam-credential-report',
  command: 'aws iam get-credential-report',
  expected: EXPECTED_CREDENTIAL_REPORT,
  evidences: ['AC-02', 'AC-03'],
  acceptsText: true,
  detectJson: (r) => isRecord(r) && typeof r['Content'] === 'string' && (r['ReportFormat'] === 'text/csv' || r['GeneratedTime'] !== undefined),
  detectText: looksLikeCredentialReport,
  analyze: (content, { file, now, evidences }) => {
    const csv = content.isJson ? credentialReportCsv(file, content.json, content.text) : content.text;
    return { findings: analyzeCredentialReport(file, csv, now), subject: 'credential report', evidences: [...evidences] };
  },
};
