// aws iam get-credential-report: console users without MFA, old active access keys, and the root
// user's MFA and keys. Accepts the CLI's JSON (base64 Content) or the CSV itself.
import type { Finding } from '../../../shared/analysis';
import { finding } from './controls';
import { AnalyzerError } from './errors';
import { type CsvRow, decodeBase64, parseCsv } from './input';
import { isRecord, text } from './shape';

export const EXPECTED_CREDENTIAL_REPORT =
  'the JSON of aws iam get-credential-report (base64 CSV in Content) or the credential report CSV ' +
  '(header starting user,arn,user_creation_time,password_enabled,…)';

export const KEY_MAX_AGE_DAYS = 90;
const DAY_MS = 86_400_000;
const REQUIRED = ['user', 'password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_2_active', 'access_key_2_last_rotated'];

/** The CSV text of a credential report, from the CLI JSON or the raw CSV. */
export function credentialReportCsv(file: string, root: unknown, rawText: string): string {
  if (!isRecord(root)) return rawText;
  const content = text(root['Content']);
  if (content === undefined) {
    throw new AnalyzerError('DOCUMENT_UNREADABLE', file,
      'it is the answer of aws iam get-credential-report without its Content, the report itself (the AWS CLI documentation prints it so); run `aws iam generate-credential-report` until it says COMPLETE, then export `aws iam get-credential-report` again', EXPECTED_CREDENTIAL_REPORT);
  }
  const bytes = decodeBase64(content);
  if (!bytes) throw new AnalyzerError('DOCUMENT_UNREADABLE', file, 'Content is not base64', EXPECTED_CREDENTIAL_REPORT);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AnalyzerError('DOCUMENT_UNREADABLE', file, 'Content does not decode to UTF-8 text', EXPECTED_CREDENTIAL_REPORT);
  }
}

export function analyzeCredentialReport(file: string, csv: string, now: Date): Finding[] {
  const { header, rows } = parseCsv(file, csv, ',', EXPECTED_CREDENTIAL_REPORT);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, `the CSV lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, EXPECTED_CREDENTIAL_REPORT);
  }
  const findings: Finding[] = [];
  rows.forEach((row, i) => {
    const line = i + 2; // line 1 is the header; the report has no multi-line fields
    const user = row['user'] ?? '';
    if (user === '<root_account>') {
      if (row['mfa_active'] === 'false') {
        findings.push(finding('IAM_ROOT_NO_MFA', 'critical', `line ${line}, mfa_active`,
          'The root user has no MFA device. Anyone with the root password controls the whole account; enable MFA on the root user.'));
      }
      for (const n of [1, 2]) {
        if (row[`access_key_${n}_active`] === 'true') {
          findings.push(finding('IAM_ROOT_ACCESS_KEYS', 'critical', `line ${line}, access_key_${n}_active`,
            `The root user has an active access key (key ${n}). Root keys cannot be limited by any policy; delete them and use roles for automation.`));
        }
      }
      return;
    }
    if (row['password_enabled'] === 'true' && row['mfa_active'] === 'false') {
      findings.push(finding('IAM_USER_NO_MFA', 'high', `line ${line}, mfa_active`,
        `IAM user "${user}" can sign in to the console with a password but has no MFA device. Require MFA for every console user.`));
    }
    for (const n of [1, 2]) findings.push(...oldKey(row, n, line, user, now));
  });
  return findings;
}

function oldKey(row: CsvRow, n: number, line: number, user: string, now: Date): Finding[] {
  if (row[`access_key_${n}_active`] !== 'true') return [];
  const rotated = Date.parse(row[`access_key_${n}_last_rotated`] ?? '');
  if (Number.isNaN(rotated)) return [];
  const days = Math.floor((now.getTime() - rotated) / DAY_MS);
  if (days <= KEY_MAX_AGE_DAYS) return [];
  return [finding('IAM_ACCESS_KEY_OLD', 'medium', `line ${line}, access_key_${n}_last_rotated`,
    `IAM user "${user}" has an active access key (key ${n}) last rotated ${days} days ago, more than ${KEY_MAX_AGE_DAYS}. Rotate it, or better, replace it with a role and temporary credentials.`)];
}

/** Does the text look like a credential report CSV? (used by detection) */
export function looksLikeCredentialReport(csvText: string): boolean {
  const firstLine = csvText.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /^user,arn,user_creation_time,password_enabled\b/.test(firstLine.trim());
}
