import { describe, expect, it } from 'vitest';
import { testWorkbench } from '../../helpers/workbench';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { dispatch } from '../../../electron/core/dispatch';
import { waitForJob } from '../../../electron/core/datasets/jobs';
import type { Handlers } from '../../../electron/core/handlers';
import { DATASET_PART_MAX_BYTES } from '../../../shared/contract-files';

async function call(h: Handlers, method: string, args: unknown): Promise<any> {
  const r = await dispatch(h, method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const CSV = 'name,email,zip,age\n' + Array.from({ length: 2000 }, (_, i) => `P${i},p${i}@example.org,${10000 + (i % 7)},${20 + (i % 5)}`).join('\n') + '\n';

describe('datasets through the contract', () => {
  it('uploads in chunks, scans as a job with progress, and keeps the result as evidence on DS-08', async () => {
    const { handlers, ctx } = await testWorkbench({ catalog: loadBuiltinCatalog() });
    const project = await call(handlers, 'createProject', { name: 'p', frameworks: ['gdpr'] });
    const bytes = Buffer.from(CSV);
    const half = Math.floor(bytes.length / 2);
    const first = await call(handlers, 'uploadDatasetChunk', { fileName: 'people.csv', chunkBase64: bytes.subarray(0, half).toString('base64') });
    const whole = await call(handlers, 'uploadDatasetChunk', { datasetId: first.datasetId, fileName: 'people.csv', chunkBase64: bytes.subarray(half).toString('base64') });
    expect(whole).toMatchObject({ name: 'people.csv', bytes: bytes.length });
    const job = await call(handlers, 'startScan', { datasetId: whole.datasetId });
    const done = await waitForJob(job.id);
    expect(done).toMatchObject({ state: 'done', done: bytes.length, total: bytes.length });
    expect(done.result).toMatchObject({ file: 'people.csv', rows: 2000, findings: [expect.objectContaining({ entity: 'EMAIL_ADDRESS', column: 'email', count: 2000 })] });
    const evidence = await call(handlers, 'attachScanResult', { projectId: project.id, jobId: job.id });
    expect(evidence).toMatchObject({ controlId: 'DS-08', kind: 'file', source: 'data:scan' });
    expect(ctx.db.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(1);
  });

  it('masks into a new dataset and checks k-anonymity; a rule for a missing column is refused', async () => {
    const { handlers } = await testWorkbench({ catalog: loadBuiltinCatalog() });
    const ds = await call(handlers, 'uploadDatasetChunk', { fileName: 'people.csv', chunkBase64: Buffer.from(CSV).toString('base64') });
    const masked = await call(handlers, 'maskDataset', { datasetId: ds.datasetId, rules: { rules: [{ column: 'email', method: 'pseudonymize' }] }, key: 'a-secret-key-of-enough-length' });
    expect(masked.output.name).toBe('people.masked.csv');
    // the app fetches the masked copy as it fetches a report: in pieces (one, for a file this small)
    const file = await call(handlers, 'readDatasetPart', { datasetId: masked.output.datasetId, offset: 0, length: DATASET_PART_MAX_BYTES });
    expect(file.size).toBe(masked.output.bytes);
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain('a-secret-key');
    const k = await call(handlers, 'checkKAnonymity', { datasetId: ds.datasetId, quasiIdentifiers: ['zip', 'age'], k: 5 });
    expect(k.report).toMatchObject({ rows: 2000, classes: 35, k: 57 });
    const refused = await dispatch(handlers, 'maskDataset', { datasetId: ds.datasetId, rules: { rules: [{ column: 'phone', method: 'redact' }] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DOCUMENT_INVALID', message: expect.stringContaining('phone') } });
  });

  it('cancels a running scan', async () => {
    const { handlers } = await testWorkbench({ catalog: loadBuiltinCatalog() });
    const big = Buffer.from(CSV.repeat(200));
    const ds = await call(handlers, 'uploadDatasetChunk', { fileName: 'big.csv', chunkBase64: big.toString('base64') });
    const job = await call(handlers, 'startScan', { datasetId: ds.datasetId });
    await call(handlers, 'cancelJob', { jobId: job.id });
    const ended = await waitForJob(job.id);
    expect(ended.state).toBe('cancelled');
    expect(ended.error?.message).toContain('Cancelled');
  });
});
