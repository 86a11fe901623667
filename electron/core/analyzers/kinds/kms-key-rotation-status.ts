// aws kms get-key-rotation-status.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeKeyRotation, EXPECTED_KEY_ROTATION } from '../kms';
import { isRecord } from '../shape';

export const kmsKeyRotationStatus: ConfigurationDescriptor<'kms-key-rotation-status'> = {
  type: 'document',
  kind: 'kms-key-rotation-status',
  command: 'aws kms get-key-rotation-status --key-id <key>',
  expected: EXPECTED_KEY_ROTATION,
  evidences: ['DS-03'],
  detectJson: (r) => isRecord(r) && typeof r['KeyRotationEnabled'] === 'boolean',
  analyze: ({ json }, { file, evidences }) => analyzeKeyRotation(file, json, evidences),
};
