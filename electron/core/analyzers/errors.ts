// The error an analyzer raises when a document cannot be analysed. The message names the file,
// says what was wrong and what was expected, so a person can fetch the right output and retry.
import { basename } from 'node:path';
import type { AnalyzerErrorCode } from '../../../shared/analysis';

export class AnalyzerError extends Error {
  readonly code: AnalyzerErrorCode;
  readonly file: string;
  /** What the analyzer expected to find, in words (also part of the message). */
  readonly expected: string;

  constructor(code: AnalyzerErrorCode, file: string, problem: string, expected: string) {
    super(`${basename(file) || file}: ${problem}. Expected ${expected}.`);
    this.name = 'AnalyzerError';
    this.code = code;
    this.file = file;
    this.expected = expected;
  }
}

/** Expected shapes, in words, reused by detection and by the analyzers' own shape checks. */
export const EXPECTED_ANY =
  'the JSON printed by a supported AWS CLI command (aws iam get-policy-version, get-role-policy, ' +
  'get-user-policy, get-account-summary, get-credential-report; aws s3api get-bucket-policy, ' +
  'get-bucket-encryption, get-public-access-block; aws sagemaker describe-training-job, ' +
  'describe-processing-job, describe-endpoint-config, describe-model, describe-notebook-instance; ' +
  'aws ec2 describe-security-groups, describe-network-acls, describe-flow-logs; aws cloudtrail ' +
  'describe-trails, get-trail-status; aws kms get-key-rotation-status; aws securityhub get-findings), ' +
  "an IAM credential report CSV, or Prowler's JSON-OCSF or compliance CSV output";
