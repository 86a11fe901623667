// aws cloudtrail describe-trails: multi-region, validation, KMS, CloudWatch Logs.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeTrails, EXPECTED_TRAILS } from '../cloudtrail';
import { isRecord } from '../shape';

export const cloudtrailTrails: ConfigurationDescriptor<'cloudtrail-trails'> = {
  type: 'document',
  kind: 'cloudtrail-trails',
  command: 'aws cloudtrail describe-trails',
  expected: EXPECTED_TRAILS,
  evidences: ['LM-01', 'LM-02'],
  // LM-01 asks for a multi-region trail that is logging: describe-trails says the first, get-trail-status the second.
  requiredFor: ['LM-01'],
  detectJson: (r) => isRecord(r) && Array.isArray(r['trailList']),
  analyze: ({ json }, { file, evidences }) => analyzeTrails(file, json, evidences),
};
