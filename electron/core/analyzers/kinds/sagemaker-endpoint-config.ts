// aws sagemaker describe-endpoint-config. (describe-endpoint names its EndpointConfigName too; only the configuration has no EndpointName)
import type { ConfigurationDescriptor } from '../descriptor';
import { EXPECTED_ENDPOINT_CONFIG, analyzeEndpointConfig } from '../sagemaker';
import { isRecord } from '../shape';

export const sagemakerEndpointConfig: ConfigurationDescriptor<'sagemaker-endpoint-config'> = {
  type: 'document',
  kind: 'sagemaker-endpoint-config',
  command: 'aws sagemaker describe-endpoint-config --endpoint-config-name <name>',
  expected: EXPECTED_ENDPOINT_CONFIG,
  evidences: ['MP-04'],
  detectJson: (r) => isRecord(r) && typeof r['EndpointConfigName'] === 'string' && r['EndpointName'] === undefined,
  analyze: ({ json }, { file, evidences }) => analyzeEndpointConfig(file, json, evidences),
};
