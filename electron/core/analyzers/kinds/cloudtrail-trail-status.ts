// aws cloudtrail get-trail-status: is the trail logging?
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeTrailStatus, EXPECTED_TRAIL_STATUS } from '../cloudtrail';
import { isRecord } from '../shape';

export const cloudtrailTrailStatus: ConfigurationDescriptor<'cloudtrail-trail-status'> = {
  type: 'document',
  kind: 'cloudtrail-trail-status',
  command: 'aws cloudtrail get-trail-status --name <trail>',
  expected: EXPECTED_TRAIL_STATUS,
  evidences: ['LM-01'],
  requiredFor: ['LM-01'],
  detectJson: (r) => isRecord(r) && typeof r['IsLogging'] === 'boolean',
  analyze: ({ json }, { file, evidences }) => analyzeTrailStatus(file, json, evidences),
};
