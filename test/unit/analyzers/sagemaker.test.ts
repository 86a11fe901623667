import { describe, expect, it } from 'vitest';
import { brief, documentOf } from './helpers';

describe('aws sagemaker describe-training-job', () => {
  it('clean distributed job: VPC, KMS on volume and output, isolation, inter-container encryption', () => {
    const doc = documentOf('sagemaker-training-job', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.subject).toBe('training job churn-xgb-2025-05-30');
    expect(doc.evidences).toEqual(['MP-01', 'MP-02', 'NS-02', 'MP-03']);
  });

  it('SM_NO_VPC, SM_NO_VOLUME_KMS, SM_NO_OUTPUT_KMS, SM_NO_NETWORK_ISOLATION, SM_NO_INTER_CONTAINER_ENCRYPTION', () => {
    const doc = documentOf('sagemaker-training-job', 'insecure-distributed.json');
    expect(brief(doc.findings)).toEqual([
      ['SM_NO_VPC', 'high', 'VpcConfig'],
      ['SM_NO_VOLUME_KMS', 'medium', 'ResourceConfig.VolumeKmsKeyId'],
      ['SM_NO_OUTPUT_KMS', 'medium', 'OutputDataConfig.KmsKeyId'],
      ['SM_NO_NETWORK_ISOLATION', 'low', 'EnableNetworkIsolation'],
      ['SM_NO_INTER_CONTAINER_ENCRYPTION', 'medium', 'EnableInterContainerTrafficEncryption'],
    ]);
    expect(doc.findings.map((f) => f.controls)).toEqual([['NS-01'], ['MP-01'], ['MP-02', 'DS-01'], ['NS-02'], ['MP-03']]);
    expect(doc.findings[4]?.message).toContain('4 instances');
  });

  it('a single instance needs no inter-container encryption (and MP-03 is not evidenced)', () => {
    const doc = documentOf('sagemaker-training-job', 'single-instance.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['MP-01', 'MP-02', 'NS-02']);
  });
});

describe('aws sagemaker describe-processing-job', () => {
  it('clean', () => {
    const doc = documentOf('sagemaker-processing-job', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['MP-01', 'MP-02', 'NS-02', 'MP-03']);
  });

  it('every code, at the processing job\'s own field names', () => {
    const doc = documentOf('sagemaker-processing-job', 'insecure.json');
    expect(brief(doc.findings)).toEqual([
      ['SM_NO_VPC', 'high', 'NetworkConfig.VpcConfig'],
      ['SM_NO_VOLUME_KMS', 'medium', 'ProcessingResources.ClusterConfig.VolumeKmsKeyId'],
      ['SM_NO_OUTPUT_KMS', 'medium', 'ProcessingOutputConfig.KmsKeyId'],
      ['SM_NO_NETWORK_ISOLATION', 'low', 'NetworkConfig.EnableNetworkIsolation'],
      ['SM_NO_INTER_CONTAINER_ENCRYPTION', 'medium', 'NetworkConfig.EnableInterContainerTrafficEncryption'],
    ]);
  });

  it('a job without outputs has nothing to encrypt in S3', () => {
    const doc = documentOf('sagemaker-processing-job', 'no-outputs.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['MP-01', 'NS-02']);
  });
});

describe('aws sagemaker describe-endpoint-config', () => {
  it('clean', () => {
    const doc = documentOf('sagemaker-endpoint-config', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['MP-04']);
  });

  it('SM_ENDPOINT_NO_KMS', () => {
    const doc = documentOf('sagemaker-endpoint-config', 'no-kms.json');
    expect(brief(doc.findings)).toEqual([['SM_ENDPOINT_NO_KMS', 'medium', 'KmsKeyId']]);
    expect(doc.findings[0]?.controls).toEqual(['MP-04']);
  });

  it('serverless variants cannot take a key: no finding, and no evidence either', () => {
    const doc = documentOf('sagemaker-endpoint-config', 'serverless.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual([]);
  });
});

describe('aws sagemaker describe-model', () => {
  it('clean', () => {
    expect(documentOf('sagemaker-model', 'clean.json').findings).toEqual([]);
  });

  it('SM_NO_VPC and SM_NO_NETWORK_ISOLATION', () => {
    const doc = documentOf('sagemaker-model', 'insecure.json');
    expect(brief(doc.findings)).toEqual([
      ['SM_NO_VPC', 'medium', 'VpcConfig'],
      ['SM_NO_NETWORK_ISOLATION', 'low', 'EnableNetworkIsolation'],
    ]);
  });
});

describe('aws sagemaker describe-notebook-instance', () => {
  it('clean', () => {
    const doc = documentOf('sagemaker-notebook-instance', 'clean.json');
    expect(doc.findings).toEqual([]);
    expect(doc.evidences).toEqual(['NS-10', 'MP-05']);
  });

  it('SM_NOTEBOOK_DIRECT_INTERNET, SM_NOTEBOOK_ROOT_ACCESS, SM_NO_VOLUME_KMS (mapped to MP-05 for notebooks)', () => {
    const doc = documentOf('sagemaker-notebook-instance', 'insecure.json');
    expect(brief(doc.findings)).toEqual([
      ['SM_NO_VPC', 'high', 'SubnetId'],
      ['SM_NOTEBOOK_DIRECT_INTERNET', 'high', 'DirectInternetAccess'],
      ['SM_NOTEBOOK_ROOT_ACCESS', 'medium', 'RootAccess'],
      ['SM_NO_VOLUME_KMS', 'medium', 'KmsKeyId'],
    ]);
    expect(doc.findings.map((f) => f.controls)).toEqual([['NS-10'], ['NS-10'], ['MP-05'], ['MP-05']]);
  });

  it('a notebook without a subnet (DirectInternetAccess on, no VPC at all) is SM_NO_VPC on NS-10', () => {
    const doc = documentOf('sagemaker-notebook-instance', 'no-subnet.json');
    expect(brief(doc.findings)).toEqual([
      ['SM_NO_VPC', 'high', 'SubnetId'],
      ['SM_NOTEBOOK_DIRECT_INTERNET', 'high', 'DirectInternetAccess'],
    ]);
    expect(doc.findings[0]?.controls).toEqual(['NS-10']);
    expect(doc.findings[0]?.message).toContain('reaches the internet directly');
  });
});
