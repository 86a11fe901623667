// The data protection toolkit as the app and the CLI use it: scan (as a job with progress),
// masked copies, k-anonymity, and keeping a result as evidence on the controls it proves.
import { closeSync, openSync, readSync } from 'node:fs';
import type { CoreContext } from '../context';
import type { DataFormat, KAnonymityReport, MaskRulesInput, ScanResult, MaskResult } from '../../../shared/dataprotection';
import { scanFile } from '../dataprotection/scan';
import { maskCsv } from '../dataprotection/mask';
import { kAnonymity } from '../dataprotection/kanon';
import { DataFileError } from '../dataprotection/errors';
import { addEvidence } from '../evidence/evidence';
import { WorkbenchError } from '../errors';
import type { Evidence } from '../../../shared/domain';
import { getDataset, newOutputPath, type Dataset } from './workspace';
import type { Job } from '../../../shared/api';
import { startJob } from './jobs';

/** Which control a data report is evidence for: PII discovery, and de-identification. */
export const DATA_REPORT_CONTROLS = { scan: 'DS-08', kanon: 'DS-12', mask: 'DS-09' } as const;

/** Data errors become the wire's DOCUMENT_INVALID with the file and line in the message. */
export async function asWorkbenchError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DataFileError) throw new WorkbenchError('DOCUMENT_INVALID', err.message, { dataCode: err.code, line: err.line });
    throw err;
  }
}

export function startScanJob(datasetId: string, format?: DataFormat): Job {
  const dataset = getDataset(datasetId);
  return startJob('scan', (progress, signal) =>
    asWorkbenchError(async () => ({ ...(await scanFile(dataset.path, { format, onProgress: progress, signal })), file: dataset.name })));
}

export function kAnonymityOf(datasetId: string, qi: string[], k: number): Promise<KAnonymityReport> {
  const dataset = getDataset(datasetId);
  return asWorkbenchError(async () => ({ ...(await kAnonymity(dataset.path, qi, k)), file: dataset.name }));
}

export async function maskDataset(datasetId: string, rules: MaskRulesInput, key?: string): Promise<{ output: Dataset; result: MaskResult }> {
  const dataset = getDataset(datasetId);
  const out = newOutputPath(dataset.name.replace(/(\.[^.]+)?$/, '.masked$1'));
  const result = await asWorkbenchError(() => maskCsv(dataset.path, rules, out.path, { key }));
  const output = getDataset(out.id);
  return { output, result: { ...result, outPath: output.name } };
}

/** Bytes `offset` to `offset + length` of a dataset (fewer at its end), and its whole size. */
export function readDatasetPart(datasetId: string, offset: number, length: number): { bytes: Buffer; size: number } {
  const dataset = getDataset(datasetId);
  if (offset > dataset.bytes) {
    throw new WorkbenchError('INVALID_INPUT', `offset ${offset} is past the end of ${dataset.name} (${dataset.bytes} bytes).`);
  }
  const bytes = Buffer.alloc(Math.min(length, dataset.bytes - offset));
  let at = 0;
  const fd = openSync(dataset.path, 'r');
  try {
    while (at < bytes.length) {
      const read = readSync(fd, bytes, at, bytes.length - at, offset + at);
      if (read === 0) break; // the file ended sooner than it said
      at += read;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes: bytes.subarray(0, at), size: dataset.bytes };
}

/** Keeps a scan, mask or k-anonymity report as JSON evidence on the control it proves. */
export function attachDataReport(
  ctx: CoreContext,
  projectId: string,
  kind: keyof typeof DATA_REPORT_CONTROLS,
  report: ScanResult | KAnonymityReport | MaskResult,
): Evidence {
  const stamp = ctx.now().toISOString().slice(0, 10);
  const subject = 'file' in report ? report.file : report.outPath;
  const label = kind === 'scan' ? 'pii-scan' : kind === 'kanon' ? 'k-anonymity' : 'masking';
  return addEvidence(
    ctx,
    projectId,
    DATA_REPORT_CONTROLS[kind],
    { kind: 'file', name: `${label}-${subject}-${stamp}.json`, content: Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8'), mediaType: 'application/json' },
    { source: `data:${kind}` },
  );
}
