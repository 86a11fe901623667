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
  // the report's own fields, Content or not: a copy without Content (as the AWS CLI documentation
  // prints it) is then refused as a credential report without its CSV, not as an unknown document
  detectJson: (r) => {
    if (!isRecord(r)) return false;
    if (typeof r['Content'] === 'string') return r['ReportFormat'] === 'text/csv' || r['GeneratedTime'] !== undefined;
    return r['Content'] === undefined && r['ReportFormat'] === 'text/csv';
  },
  detectText: looksLikeCredentialReport,
  analyze: (content, { file, now, evidences }) => {
    const csv = content.isJson ? credentialReportCsv(file, content.json, content.text) : content.text;
    return { findings: analyzeCredentialReport(file, csv, now), subject: 'credential report', evidences: [...evidences] };
  },
};
