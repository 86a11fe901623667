// aws kms get-key-rotation-status: is automatic rotation on for this customer-managed key?
import { finding, type Analysis } from './controls';
import { AnalyzerError } from './errors';
import { isRecord, text } from './shape';

export const EXPECTED_KEY_ROTATION = 'the JSON of aws kms get-key-rotation-status (with KeyRotationEnabled)';

export function analyzeKeyRotation(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const enabled = isRecord(root) ? root['KeyRotationEnabled'] : undefined;
  if (typeof enabled !== 'boolean') throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'KeyRotationEnabled is missing or not true/false', EXPECTED_KEY_ROTATION);
  const keyId = isRecord(root) ? text(root['KeyId']) : undefined;
  const key = keyId ? `KMS key ${keyId}` : 'The KMS key';
  const findings = enabled
    ? []
    : [finding('KMS_ROTATION_DISABLED', 'medium', 'KeyRotationEnabled',
        `${key} does not rotate its key material automatically. Enable automatic rotation (aws kms enable-key-rotation) so a cryptoperiod ends at least yearly.`)];
  return { findings, subject: keyId ? `KMS key ${keyId}` : null, evidences: [...evidences] };
}
