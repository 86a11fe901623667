// aws sagemaker describe-notebook-instance.
import type { ConfigurationDescriptor } from '../descriptor';
import { EXPECTED_NOTEBOOK, analyzeNotebookInstance } from '../sagemaker';
import { isRecord } from '../shape';

export const sagemakerNotebookInstance: ConfigurationDescriptor<'sagemaker-notebook-instance'> = {
  type: 'document',
  kind: 'sagemaker-notebook-instance',
  command: 'aws sagemaker describe-notebook-instance --notebook-instance-name <name>',
  expected: EXPECTED_NOTEBOOK,
  evidences: ['NS-10', 'MP-05'],
  detectJson: (r) => isRecord(r) && typeof r['NotebookInstanceName'] === 'string',
  analyze: ({ json }, { file, evidences }) => analyzeNotebookInstance(file, json, evidences),
};
