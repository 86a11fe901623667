import { describe, expect, it } from 'vitest';
import { testWorkbench } from '../../helpers/workbench';
import { dispatch } from '../../../electron/core/dispatch';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cancelJob, getJob, waitForJob } from '../../../electron/core/datasets/jobs';
import { startReportExport } from '../../../electron/core/exports/export-job';
import { exportProject, exportProjectToFile } from '../../../electron/core/exports/export';
import { datasetIds, getDataset, removeDataset } from '../../../electron/core/datasets/workspace';
import { ExportedReport } from '../../../shared/contract-reports';
import { DATASET_PART_MAX_BYTES } from '../../../shared/contract-files';
import type { Handlers } from '../../../electron/core/handlers';

async function call(h: Handlers, method: string, args: unknown): Promise<any> {
  const r = await dispatch(h, method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function project() {
  const wb = await testWorkbench();
  const { id: projectId } = await call(wb.handlers, 'createProject', { name: 'Export me', frameworks: ['hipaa', 'pci'] });
  await call(wb.handlers, 'updateControl', { projectId, controlId: 'DS-01', status: 'compliant', note: 'done' });
  return { ...wb, projectId };
}

describe('report export as a job', () => {
  it('ends with the file, having told its stages and every page', async () => {
    const { handlers, ctx, projectId } = await project();
    const job = await call(handlers, 'startReportExport', { projectId, format: 'pdf', kind: 'summary' });
    expect(job).toMatchObject({ kind: 'report', state: 'running' });
    const done = await waitForJob(job.id);
    expect(done).toMatchObject({ state: 'done', stage: 'Writing pages' });
    expect(done.done).toBe(done.total);
    expect(done.total).toBeGreaterThan(1);
    const report = ExportedReport.parse(done.result);
    expect(report).toMatchObject({ fileName: 'Export-me-summary-2026-11-28.pdf', mediaType: 'application/pdf' });
    // the file waits in the dataset workspace; the app downloads it from there
    const file = await call(handlers, 'readDatasetPart', { datasetId: report.datasetId, offset: 0, length: DATASET_PART_MAX_BYTES });
    const bytes = Buffer.from(file.contentBase64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBe(report.bytes);

    const seen: string[] = [];
    await exportProject(ctx, projectId, 'pdf', {}, { onProgress: (p) => seen.push(`${p.stage} ${p.done}/${p.total}`) });
    expect(seen.slice(0, 2)).toEqual(['reading 0/0', 'layout 0/0']);
    const pages = seen.filter((s) => s.startsWith('pages'));
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.at(-1)).toBe(`pages ${pages.length}/${pages.length}`);
  });

  it('keeps nothing when cancelled', async () => {
    const { handlers, projectId } = await project();
    const job = await call(handlers, 'startReportExport', { projectId, format: 'pdf' });
    await call(handlers, 'cancelJob', { jobId: job.id });
    const ended = await waitForJob(job.id);
    expect(ended).toMatchObject({ state: 'cancelled', result: null });
  });

  it('tells the job each page while the pages are drawn, before it ends', async () => {
    const { ctx, projectId } = await project();
    const seen: Array<{ page: number; state: string; jobDone: number }> = [];
    let id = '';
    const job = startReportExport(ctx, projectId, 'pdf', {}, 'full', (p) => {
      if (p.stage === 'pages') seen.push({ page: p.done, state: getJob(id).state, jobDone: getJob(id).done });
    });
    id = job.id;
    const ended = await waitForJob(job.id);
    expect(ended.state).toBe('done');
    expect(seen.length).toBe(ended.total);
    expect(seen.map((s) => s.page)).toEqual(Array.from({ length: ended.total }, (_, i) => i + 1));
    // each page reached the job while it was still running, as the page was written
    expect(seen.every((s) => s.state === 'running' && s.jobDone === s.page)).toBe(true);
  });

  it('stops the drawing when cancelled mid-render: cancelled, no result, no file left', async () => {
    const { ctx, projectId, file } = await project();
    const before = readdirSync(dirname(file)).sort();
    const slotsBefore = datasetIds();
    let id = '';
    const pages: number[] = [];
    const job = startReportExport(ctx, projectId, 'pdf', {}, 'full', (p) => {
      if (p.stage !== 'pages') return;
      pages.push(p.done);
      if (p.done === 2) cancelJob(id);
    });
    id = job.id;
    const ended = await waitForJob(job.id);
    expect(ended).toMatchObject({ state: 'cancelled', result: null, done: 2 });
    expect(ended.total).toBeGreaterThan(2);
    expect(pages).toEqual([1, 2]);
    expect(readdirSync(dirname(file)).sort()).toEqual(before);
    expect(datasetIds()).toEqual(slotsBefore);
  });

  it('writes each format into the workspace as it is made, the same bytes as an export in memory', async () => {
    const { ctx, handlers, projectId } = await project();
    // a gap, so that there is a plan of action (POA&M)
    await call(handlers, 'updateControl', { projectId, controlId: 'DS-01', status: 'non_compliant' });
    for (const format of ['md', 'oscal', 'poam', 'csv', 'pdf', 'zip'] as const) {
      const done = await waitForJob(startReportExport(ctx, projectId, format, {}, 'full').id);
      expect(done.state, format).toBe('done');
      const report = ExportedReport.parse(done.result);
      const written = readFileSync(getDataset(report.datasetId).path);
      const inMemory = await exportProject(ctx, projectId, format);
      expect(report, format).toMatchObject({ fileName: inMemory.fileName, mediaType: inMemory.mediaType, bytes: written.length });
      // the zip and the PDF carry their own times and ids; the text formats are the same bytes
      if (format === 'zip') expect(written.subarray(0, 2).toString('latin1')).toBe('PK');
      else if (format === 'pdf') expect(written.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      else expect(written.equals(inMemory.bytes), format).toBe(true);
      removeDataset(report.datasetId);
    }
  });

  it('hands the file over in pieces (readDatasetPart), as the app fetches it, and refuses pieces that do not exist', async () => {
    const { handlers, projectId } = await project();
    const done = await waitForJob((await call(handlers, 'startReportExport', { projectId, format: 'md' })).id);
    const report = ExportedReport.parse(done.result);
    const whole = readFileSync(getDataset(report.datasetId).path);
    const pieces: Buffer[] = [];
    for (let offset = 0; offset < whole.length;) {
      const part = await call(handlers, 'readDatasetPart', { datasetId: report.datasetId, offset, length: 1000 });
      expect(part.size).toBe(whole.length);
      const bytes = Buffer.from(part.contentBase64, 'base64');
      expect(bytes.length).toBe(Math.min(1000, whole.length - offset));
      pieces.push(bytes);
      offset += bytes.length;
    }
    expect(Buffer.concat(pieces).equals(whole)).toBe(true);
    // at the very end: nothing, and the size
    expect(await call(handlers, 'readDatasetPart', { datasetId: report.datasetId, offset: whole.length, length: 10 })).toEqual({ contentBase64: '', size: whole.length });
    await expect(call(handlers, 'readDatasetPart', { datasetId: report.datasetId, offset: whole.length + 1, length: 10 })).rejects.toThrow(/INVALID_INPUT: offset \d+ is past the end of .*\.md/);
    await expect(call(handlers, 'readDatasetPart', { datasetId: report.datasetId, offset: 0, length: DATASET_PART_MAX_BYTES + 1 })).rejects.toThrow(/INVALID_INPUT.*length/);
    await expect(call(handlers, 'readDatasetPart', { datasetId: 'ds-0000000000000000', offset: 0, length: 10 })).rejects.toThrow(/NOT_FOUND/);
    removeDataset(report.datasetId);
  });

  it('says which file it cannot write when the folder is missing, and keeps a refusal of the report in its own words', async () => {
    const { ctx, projectId, file } = await project();
    const missing = join(dirname(file), 'no-such-folder', 'report.md');
    await expect(exportProjectToFile(ctx, projectId, 'md', missing)).rejects.toThrow(`Cannot write ${missing}: the folder does not exist. Nothing was written.`);
    const out = join(dirname(file), 'report.md');
    await expect(exportProjectToFile(ctx, projectId, 'md', out, {}, { kind: 'summary' })).rejects.toThrow(/summary report is made as PDF only/);
    expect(readdirSync(dirname(file)).filter((f) => f.includes('report.md'))).toEqual([]);
  });

  it('leaves nothing in the workspace when the export fails', async () => {
    const { ctx, projectId } = await project();
    const before = datasetIds();
    // the contract refuses this before a job starts; core asked directly, it fails inside the job
    const failed = await waitForJob(startReportExport(ctx, projectId, 'md', {}, 'summary').id);
    expect(failed).toMatchObject({ state: 'failed', result: null });
    expect(failed.error?.message).toMatch(/PDF only/);
    expect(datasetIds()).toEqual(before);
  });

  it('refuses a summary in a format other than PDF, and an unknown project, before starting', async () => {
    const { handlers, projectId } = await project();
    await expect(call(handlers, 'startReportExport', { projectId, format: 'md', kind: 'summary' })).rejects.toThrow(/kind: a summary report is made as PDF only/);
    await expect(call(handlers, 'exportReport', { projectId, format: 'csv', kind: 'summary' })).rejects.toThrow(/PDF only/);
    await expect(call(handlers, 'startReportExport', { projectId: 'prj-none', format: 'pdf' })).rejects.toThrow(/NOT_FOUND/);
  });

  it('keeps the full report as the default', async () => {
    const { handlers, projectId } = await project();
    const full = await call(handlers, 'exportReport', { projectId, format: 'pdf' });
    const summary = await call(handlers, 'exportReport', { projectId, format: 'pdf', kind: 'summary' });
    expect(full.fileName).toBe('Export-me-2026-11-28.pdf');
    expect(Buffer.from(full.contentBase64, 'base64').length).toBeGreaterThan(Buffer.from(summary.contentBase64, 'base64').length);
  });
});
