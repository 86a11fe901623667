// aws sagemaker describe-training-job.
import type { ConfigurationDescriptor } from '../descriptor';
import { EXPECTED_TRAINING_JOB, analyzeTrainingJob } from '../sagemaker';
import { isRecord } from '../shape';

export const sagemakerTrainingJob: ConfigurationDescriptor<'sagemaker-training-job'> = {
  type: 'document',
  kind: 'sagemaker-training-job',
  command: 'aws sagemaker describe-training-job --training-job-name <name>',
  expected: EXPECTED_TRAINING_JOB,
  evidences: ['MP-01', 'MP-02', 'NS-02'],
  detectJson: (r) => isRecord(r) && typeof r['TrainingJobName'] === 'string',
  analyze: ({ json }, { file, evidences }) => analyzeTrainingJob(file, json, evidences),
};
