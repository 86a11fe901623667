// aws sagemaker describe-model.
import type { ConfigurationDescriptor } from '../descriptor';
import { EXPECTED_MODEL, analyzeModel } from '../sagemaker';
import { isRecord } from '../shape';

export const sagemakerModel: ConfigurationDescriptor<'sagemaker-model'> = {
  type: 'document',
  kind: 'sagemaker-model',
  command: 'aws sagemaker describe-model --model-name <name>',
  expected: EXPECTED_MODEL,
  evidences: ['NS-02'],
  detectJson: (r) => isRecord(r) && typeof r['ModelName'] === 'string' && r['TransformJobName'] === undefined &&
    (r['ModelArn'] !== undefined || r['PrimaryContainer'] !== undefined || r['Containers'] !== undefined),
  analyze: ({ json }, { file, evidences }) => analyzeModel(file, json, evidences),
};
