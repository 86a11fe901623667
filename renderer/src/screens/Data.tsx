// The Data view: pick a dataset, find the personal data in it, try masking rules, check k.
// Everything runs on this machine; the file is never uploaded anywhere else.
import { useRef, useState } from 'react';
import { api } from '../api';
import { pollJob } from '../jobs';
import { write } from '../data/queries';
import { useToast } from '../components/Toasts';
import { uploadDataset } from '../components/data/upload';
import { ScanFindings } from '../components/data/ScanPanel';
import { MaskPanel } from '../components/data/MaskPanel';
import { KAnonymityPanel } from '../components/data/KAnonymityPanel';
import type { ScanResult } from '../../../shared/dataprotection';

type Stage = { step: 'idle' } | { step: 'uploading' | 'scanning'; done: number; total: number; jobId?: string } | { step: 'scanned'; result: ScanResult; jobId: string };

export function DataScreen({ projectId }: { projectId: string }) {
  const toast = useToast();
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [datasetId, setDatasetId] = useState<string>();
  const abort = useRef<AbortController>(undefined);

  const start = async (file: File) => {
    abort.current = new AbortController();
    try {
      setStage({ step: 'uploading', done: 0, total: file.size });
      const ds = await uploadDataset(file, (done, total) => setStage({ step: 'uploading', done, total }), abort.current.signal);
      setDatasetId(ds.datasetId);
      const job = await api.startScan({ datasetId: ds.datasetId });
      setStage({ step: 'scanning', done: 0, total: ds.bytes, jobId: job.id });
      const j = await pollJob(job, (j) => {
        if (j.state === 'running') setStage({ step: 'scanning', done: j.done, total: j.total || ds.bytes, jobId: job.id });
      });
      if (j.state !== 'done') throw new Error(j.error?.message ?? 'The scan stopped.');
      setStage({ step: 'scanned', result: j.result as ScanResult, jobId: job.id });
    } catch (err) {
      setStage({ step: 'idle' });
      toast.error(err);
    }
  };

  const cancel = async () => {
    abort.current?.abort();
    if ((stage.step === 'scanning') && stage.jobId) await api.cancelJob({ jobId: stage.jobId }).catch(() => undefined);
  };

  const keepScan = async () => {
    if (stage.step !== 'scanned') return;
    try {
      const e = await write('attachScanResult', { projectId, jobId: stage.jobId });
      toast.info(`Scan kept as evidence on ${e.controlId}`);
    } catch (err) {
      toast.error(err);
    }
  };

  const busy = stage.step === 'uploading' || stage.step === 'scanning';
  const result = stage.step === 'scanned' ? stage.result : undefined;
  const columns = result?.format === 'csv' || result?.format === 'tsv' ? result.columns : [];
  return (
    <main className="screen" data-testid="screen-data" data-state="ready">
      <header className="screen-head">
        <div>
          <h1>Data protection</h1>
          <p className="muted">Find personal data in a dataset before training on it, write a masked copy, and check that a release can't single anyone out. CSV, TSV, JSON, JSON Lines and text. Files stay on this machine.</p>
        </div>
      </header>
      <section className="panel">
        <div className="dropzone"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => { e.preventDefault(); const f = e.dataTransfer.files[0]; if (f && !busy) void start(f); }}>
          <span>Drop a dataset here or</span>
          <label className="button small">choose a file<input type="file" className="visually-hidden" disabled={busy} data-testid="dataset-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void start(f); e.target.value = ''; }} /></label>
          <span className="muted small">Over a few hundred MB, <code>cwb scan FILE</code> is quicker.</span>
        </div>
        {busy ? (
          <div className="job" data-testid="scan-progress">
            <span>{stage.step === 'uploading' ? 'Reading the file' : 'Scanning'}… {stage.total ? Math.floor((stage.done / stage.total) * 100) : 0}%</span>
            <progress value={stage.done} max={stage.total || 1} aria-label={stage.step === 'uploading' ? 'Reading the file' : 'Scanning'} />
            <button type="button" className="small" onClick={() => void cancel()} data-testid="scan-cancel">Cancel</button>
          </div>
        ) : null}
        {result ? (
          <>
            <ScanFindings result={result} />
            <button type="button" className="primary small" onClick={() => void keepScan()} data-testid="keep-scan">Keep as evidence on DS-08 (PII discovery)</button>
          </>
        ) : null}
      </section>
      {result && datasetId && columns.length ? (
        <div className="columns">
          <MaskPanel key={`${datasetId}-mask`} datasetId={datasetId} columns={columns} suggested={new Set(result.findings.map((f) => f.column))} projectId={projectId} />
          <KAnonymityPanel key={`${datasetId}-k`} datasetId={datasetId} columns={columns} projectId={projectId} />
        </div>
      ) : null}
    </main>
  );
}
