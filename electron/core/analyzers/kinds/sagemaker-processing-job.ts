// aws sagemaker describe-processing-job.
import type { ConfigurationDescriptor } from '../descriptor';
import { EXPECTED_PROCESSING_JOB, analyzeProcessingJob } from '../sagemaker';
import { isRecord } from '../shape';

export const sagemakerProcessingJob: ConfigurationDescriptor<'sagemaker-processing-job'> = {
  type: 'document',
  kind: 'sagemaker-processing-job',
  command: 'aws sagemaker describe-processing-job --processing-job-name <name>',
  expected: EXPECTED_PROCESSING_JOB,
  evidences: ['MP-01', 'MP-02', 'NS-02'],
  detectJson: (r) => isRecord(r) && typeof r['ProcessingJobName'] === 'string',
  analyze: ({ json }, { file, evidences }) => analyzeProcessingJob(file, json, evidences),
};
