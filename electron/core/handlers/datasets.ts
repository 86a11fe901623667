// The data protection methods of the contract, each a call into datasets/ and core.
import type { CoreContext } from '../context';
import type { Handlers } from '../../../shared/handlers';
import { ScanResult } from '../../../shared/dataprotection';
import { WorkbenchError } from '../errors';
import { appendDatasetChunk } from '../datasets/workspace';
import { cancelJob, getJob } from '../datasets/jobs';
import { attachDataReport, kAnonymityOf, maskDataset, readDatasetPart, startScanJob } from '../datasets/operations';

export type DatasetMethods = Pick<Handlers, 'uploadDatasetChunk' | 'startScan' | 'getJob' | 'cancelJob' | 'attachScanResult' | 'checkKAnonymity' | 'maskDataset' | 'readDatasetPart'>;

/**
 * Keeping a result as evidence needs a project's database; without one (`cwb scan` on a file, no
 * --project) the other dataset methods work all the same.
 */
export function projectDatabase(ctx: CoreContext | null): CoreContext {
  if (!ctx) throw new WorkbenchError('INVALID_INPUT', 'Keeping the result as evidence needs a project: pass --project ID.');
  return ctx;
}

export function datasetHandlers(ctx: CoreContext | null): DatasetMethods {
  return {
    uploadDatasetChunk: ({ datasetId, fileName, chunkBase64 }) => {
      const d = appendDatasetChunk({ datasetId, fileName, chunk: Buffer.from(chunkBase64, 'base64') });
      return { datasetId: d.id, name: d.name, bytes: d.bytes };
    },
    startScan: ({ datasetId, format }) => startScanJob(datasetId, format),
    getJob: ({ jobId }) => getJob(jobId),
    cancelJob: ({ jobId }) => cancelJob(jobId),
    attachScanResult: ({ projectId, jobId }) => {
      const job = getJob(jobId);
      if (job.kind !== 'scan' || job.state !== 'done') throw new WorkbenchError('CONFLICT', 'Only a finished scan can be kept as evidence.');
      return attachDataReport(projectDatabase(ctx), projectId, 'scan', ScanResult.parse(job.result));
    },
    checkKAnonymity: async ({ datasetId, quasiIdentifiers, k, attachTo }) => {
      if (attachTo) projectDatabase(ctx);
      const report = await kAnonymityOf(datasetId, quasiIdentifiers, k);
      return { report, evidence: attachTo ? attachDataReport(projectDatabase(ctx), attachTo, 'kanon', report) : null };
    },
    maskDataset: async ({ datasetId, rules, key, attachTo }) => {
      if (attachTo) projectDatabase(ctx);
      const { output, result } = await maskDataset(datasetId, rules, key);
      return { output: { datasetId: output.id, name: output.name, bytes: output.bytes }, result, evidence: attachTo ? attachDataReport(projectDatabase(ctx), attachTo, 'mask', result) : null };
    },
    readDatasetPart: ({ datasetId, offset, length }) => {
      const { bytes, size } = readDatasetPart(datasetId, offset, length);
      return { contentBase64: bytes.toString('base64'), size };
    },
  };
}
