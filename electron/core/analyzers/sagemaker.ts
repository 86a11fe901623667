// SageMaker jobs, models, endpoint configurations and notebook instances, from the aws sagemaker
// describe-* output: VPC mode, network isolation, KMS on volumes and outputs, and notebook hardening.
import { finding, type Analysis } from './controls';
import { AnalyzerError } from './errors';
import type { Finding } from '../../../shared/analysis';
import { type JsonRecord, filled, int, isRecord, list, record, text } from './shape';

export const EXPECTED_TRAINING_JOB = 'the JSON of aws sagemaker describe-training-job (with TrainingJobName)';
export const EXPECTED_PROCESSING_JOB = 'the JSON of aws sagemaker describe-processing-job (with ProcessingJobName)';
export const EXPECTED_ENDPOINT_CONFIG = 'the JSON of aws sagemaker describe-endpoint-config (with EndpointConfigName)';
export const EXPECTED_MODEL = 'the JSON of aws sagemaker describe-model (with ModelName)';
export const EXPECTED_NOTEBOOK = 'the JSON of aws sagemaker describe-notebook-instance (with NotebookInstanceName)';

function named(file: string, root: unknown, field: string, expected: string): { doc: JsonRecord; name: string } {
  const name = isRecord(root) ? text(root[field]) : undefined;
  if (!isRecord(root) || name === undefined) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, `it has no ${field}`, expected);
  return { doc: root, name };
}

/** A VpcConfig with at least one subnet: the containers run inside the customer's VPC. */
function inVpc(vpcConfig: unknown): boolean {
  return isRecord(vpcConfig) && list(vpcConfig['Subnets']).some((s) => typeof s === 'string' && s !== '');
}

const noVpc = (what: string, path: string, severity: 'high' | 'medium') =>
  finding('SM_NO_VPC', severity, path,
    `${what} does not run in a VPC (no ${path} with subnets): its containers reach the internet directly and cannot be limited to VPC endpoints. Set VpcConfig with private subnets.`);

const noVolumeKms = (what: string, path: string, controls?: readonly string[]) =>
  finding('SM_NO_VOLUME_KMS', 'medium', path,
    `${what} stores data on ML storage volumes without a customer-managed KMS key (${path} is empty), so only an AWS managed key protects them. Set ${path}. (Instance types with local NVMe storage cannot take a key; they encrypt with a hardware module.)`,
    controls);

const noOutputKms = (what: string, path: string) =>
  finding('SM_NO_OUTPUT_KMS', 'medium', path,
    `${what} writes its output (model artifacts) to S3 without a customer-managed KMS key (${path} is empty). Set ${path} so the artifacts are encrypted under a key you control.`);

const noIsolation = (what: string, path: string) =>
  finding('SM_NO_NETWORK_ISOLATION', 'low', path,
    `${what} runs without network isolation (${path} is not true): the container can make outbound calls. Enable it unless the code needs the network.`);

const noInterContainer = (what: string, path: string, instances: number) =>
  finding('SM_NO_INTER_CONTAINER_ENCRYPTION', 'medium', path,
    `${what} runs on ${instances} instances but traffic between them is not encrypted (${path} is not true). Enable inter-container traffic encryption for distributed work.`);

export function analyzeTrainingJob(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const { doc, name } = named(file, root, 'TrainingJobName', EXPECTED_TRAINING_JOB);
  const what = `Training job "${name}"`;
  const resources = record(doc['ResourceConfig']);
  const groups = list(resources?.['InstanceGroups']).reduce<number>((sum, g) => sum + (isRecord(g) ? int(g['InstanceCount']) ?? 0 : 0), 0);
  const instances = int(resources?.['InstanceCount']) ?? groups;
  const findings: Finding[] = [];
  if (!inVpc(doc['VpcConfig'])) findings.push(noVpc(what, 'VpcConfig', 'high'));
  if (!filled(resources?.['VolumeKmsKeyId'])) findings.push(noVolumeKms(what, 'ResourceConfig.VolumeKmsKeyId'));
  if (!filled(record(doc['OutputDataConfig'])?.['KmsKeyId'])) findings.push(noOutputKms(what, 'OutputDataConfig.KmsKeyId'));
  if (doc['EnableNetworkIsolation'] !== true) findings.push(noIsolation(what, 'EnableNetworkIsolation'));
  if (instances > 1 && doc['EnableInterContainerTrafficEncryption'] !== true) {
    findings.push(noInterContainer(what, 'EnableInterContainerTrafficEncryption', instances));
  }
  return { findings, subject: `training job ${name}`, evidences: [...evidences, ...(instances > 1 ? ['MP-03'] : [])] };
}

export function analyzeProcessingJob(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const { doc, name } = named(file, root, 'ProcessingJobName', EXPECTED_PROCESSING_JOB);
  const what = `Processing job "${name}"`;
  const network = record(doc['NetworkConfig']);
  const cluster = record(record(doc['ProcessingResources'])?.['ClusterConfig']);
  const output = record(doc['ProcessingOutputConfig']);
  const instances = int(cluster?.['InstanceCount']) ?? 0;
  const findings: Finding[] = [];
  if (!inVpc(network?.['VpcConfig'])) findings.push(noVpc(what, 'NetworkConfig.VpcConfig', 'high'));
  if (!filled(cluster?.['VolumeKmsKeyId'])) findings.push(noVolumeKms(what, 'ProcessingResources.ClusterConfig.VolumeKmsKeyId'));
  // A job without outputs writes nothing to S3; there is nothing to encrypt.
  if (output && !filled(output['KmsKeyId'])) findings.push(noOutputKms(what, 'ProcessingOutputConfig.KmsKeyId'));
  if (network?.['EnableNetworkIsolation'] !== true) findings.push(noIsolation(what, 'NetworkConfig.EnableNetworkIsolation'));
  if (instances > 1 && network?.['EnableInterContainerTrafficEncryption'] !== true) {
    findings.push(noInterContainer(what, 'NetworkConfig.EnableInterContainerTrafficEncryption', instances));
  }
  const shown = evidences.filter((c) => c !== 'MP-02' || output !== undefined);
  if (instances > 1) shown.push('MP-03');
  return { findings, subject: `processing job ${name}`, evidences: shown };
}

export function analyzeEndpointConfig(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const { doc, name } = named(file, root, 'EndpointConfigName', EXPECTED_ENDPOINT_CONFIG);
  const variants = list(doc['ProductionVariants']);
  // Serverless variants have no ML storage volume of their own and cannot take KmsKeyId.
  const serverless = variants.length > 0 && variants.every((v) => isRecord(v) && isRecord(v['ServerlessConfig']));
  const subject = `endpoint configuration ${name}`;
  if (serverless) return { findings: [], subject, evidences: [] };
  const findings = filled(doc['KmsKeyId'])
    ? []
    : [finding('SM_ENDPOINT_NO_KMS', 'medium', 'KmsKeyId',
        `Endpoint configuration "${name}" has no KmsKeyId, so the ML storage volumes of its instances are not encrypted with a customer-managed key. Create a new configuration with KmsKeyId set. (Instance types with local NVMe storage cannot take a key.)`)];
  return { findings, subject, evidences: [...evidences] };
}

export function analyzeModel(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const { doc, name } = named(file, root, 'ModelName', EXPECTED_MODEL);
  const what = `Model "${name}"`;
  const findings: Finding[] = [];
  if (!inVpc(doc['VpcConfig'])) findings.push(noVpc(what, 'VpcConfig', 'medium'));
  if (doc['EnableNetworkIsolation'] !== true) findings.push(noIsolation(what, 'EnableNetworkIsolation'));
  return { findings, subject: `model ${name}`, evidences: [...evidences] };
}

export function analyzeNotebookInstance(file: string, root: unknown, evidences: readonly string[]): Analysis {
  const { doc, name } = named(file, root, 'NotebookInstanceName', EXPECTED_NOTEBOOK);
  const what = `Notebook instance "${name}"`;
  const findings: Finding[] = [];
  // Both settings default to Enabled when absent.
  // Prowler's sagemaker_notebook_instance_vpc_settings_configured: without a subnet the notebook is not in your VPC at all.
  if (!filled(doc['SubnetId'])) {
    findings.push(finding('SM_NO_VPC', 'high', 'SubnetId',
      `${what} is not in a VPC subnet${doc['DirectInternetAccess'] !== 'Disabled' ? ' and reaches the internet directly' : ''}: none of your security groups, endpoints or flow logs apply to it. Recreate it with a SubnetId in a private subnet.`, ['NS-10']));
  }
  if (doc['DirectInternetAccess'] !== 'Disabled') {
    findings.push(finding('SM_NOTEBOOK_DIRECT_INTERNET', 'high', 'DirectInternetAccess',
      `${what} has direct internet access: data can leave without passing your VPC controls. Recreate it in a private subnet with DirectInternetAccess "Disabled".`));
  }
  if (doc['RootAccess'] !== 'Disabled') {
    findings.push(finding('SM_NOTEBOOK_ROOT_ACCESS', 'medium', 'RootAccess',
      `${what} gives its users root access, so they can change the instance's software and security settings. Set RootAccess to "Disabled".`));
  }
  if (!filled(doc['KmsKeyId'])) findings.push(noVolumeKms(what, 'KmsKeyId', ['MP-05']));
  return { findings, subject: `notebook instance ${name}`, evidences: [...evidences] };
}
