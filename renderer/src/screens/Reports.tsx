// Exporting the deliverable for the auditor, and checking an evidence package we were handed.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { pollJob } from '../jobs';
import { useWorkbench } from '../data/queries';
import { saveBlob } from '../download';
import { fetchWorkspaceFile } from '../workspace-files';
import { fileToBase64 } from '../bytes';
import { useToast } from '../components/Toasts';
import { ShortcutSheet } from '../components/ShortcutSheet';
import { isTyping, useKeyboard } from '../hooks';
import { NAVIGATION_SHORTCUTS } from '../nav';
import type { FrameworkRef } from '../../../shared/domain';
import { useFrameworkName } from '../data/framework-names';
import { ExportedReport, type ExportFormat, type Job } from '../../../shared/api';
import type { ReportKind } from '../../../shared/report-model';

const FORMATS: Array<{ id: ExportFormat; label: string; what: string }> = [
  { id: 'pdf', label: 'PDF report', what: 'The audit document: cover, executive summary with charts, requirements, remediation plan, evidence index, sign-off.' },
  { id: 'md', label: 'Markdown', what: 'The same report as text, for a wiki or a pull request.' },
  { id: 'oscal', label: 'OSCAL assessment results', what: 'NIST OSCAL 1.0.6 JSON for GRC tools.' },
  { id: 'poam', label: 'OSCAL POA&M', what: 'Plan of action and milestones for every open gap.' },
  { id: 'csv', label: 'Checklist CSV', what: 'One row per control, for spreadsheets.' },
  { id: 'zip', label: 'Evidence package', what: 'One zip with every format, every evidence file and a SHA-256 manifest an auditor can check without this app.' },
];

const KINDS: Array<{ id: ReportKind; label: string; what: string }> = [
  { id: 'full', label: 'Full report', what: 'Every section: requirements, remediation plan, all controls, evidence index with SHA-256s, audit trail.' },
  { id: 'summary', label: 'Summary', what: 'What an auditor reads first, in a few pages: readiness, progress over time, gaps, sign-offs, assessed controls.' },
];

/** How far an export is, in words: the stage and, while pages are written, the page. */
function progressText(job: Job | null): string {
  if (!job?.stage) return 'Starting the export…';
  return job.total > 0 ? `${job.stage}: ${job.done} of ${job.total}` : `${job.stage}…`;
}

/** Bytes fetched of the finished file, in words ("Fetching the file: 8.0 of 48.6 MiB"). */
function fetchingText({ done, size }: { done: number; size: number }): string {
  const mib = (n: number) => (n / 1_048_576).toFixed(1);
  return `Fetching the file: ${mib(done)} of ${mib(size)} MiB`;
}

const REPORTS_SHORTCUTS: Array<[string, string]> = [...NAVIGATION_SHORTCUTS, ['?', 'Show or hide these shortcuts']];

export function ReportsScreen({ projectId }: { projectId: string }) {
  const [help, setHelp] = useState(false);
  useKeyboard((e) => {
    if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key !== '?' || (document.querySelector('dialog[open]') && !help)) return;
    e.preventDefault();
    setHelp((h) => !h);
  });
  const overview = useWorkbench('getOverview', { projectId });
  const frameworkName = useFrameworkName();
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [framework, setFramework] = useState<FrameworkRef | 'all'>('all');
  const [includeNa, setIncludeNa] = useState(true);
  const [describes, setDescribes] = useState<'current' | 'signed_baseline'>('current');
  const baselines = useWorkbench('listBaselines', { projectId });
  const [kind, setKind] = useState<ReportKind>('full');
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  /** Once the job is done: how much of its file has come over (it comes in pieces of 8 MiB). */
  const [fetched, setFetched] = useState<{ done: number; size: number } | null>(null);
  const cancelled = useRef(false);
  const [last, setLast] = useState<{ fileName: string; url: string; mediaType: string }>();
  // the report behind "Open it" is let go when the next export replaces it or the screen closes
  useEffect(() => (last ? () => URL.revokeObjectURL(last.url) : undefined), [last]);
  const [verification, setVerification] = useState<{ name: string; ok: boolean; checked: number; problems: Array<{ file: string; problem: string }> }>();
  const toast = useToast();

  const exportNow = async () => {
    setBusy(true);
    setLast(undefined);
    cancelled.current = false;
    try {
      const started = await api.startReportExport({ projectId, format, framework, includeNotApplicable: includeNa, describes, kind: format === 'pdf' ? kind : 'full' });
      setJob(started);
      const current = await pollJob(started, setJob, () => cancelled.current);
      // Cancel pressed: nothing is saved, even if the job finished in the meantime
      if (current.state === 'cancelled' || cancelled.current) {
        toast.info('Export cancelled; nothing was saved.');
        return;
      }
      if (current.state === 'failed') throw new Error(current.error?.message ?? 'The export failed.');
      // the job wrote the file where the core keeps working copies; its bytes come over in pieces
      const report = ExportedReport.parse(current.result);
      setFetched({ done: 0, size: report.bytes });
      const file = await fetchWorkspaceFile(report.datasetId, report.mediaType, (done, size) => setFetched({ done, size }));
      saveBlob(report.fileName, file);
      // "Open it" needs a URL of its own: the one of the download is let go a second after it
      setLast({ fileName: report.fileName, url: URL.createObjectURL(file), mediaType: report.mediaType });
      toast.info(`Saved ${report.fileName}`);
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
      setJob(null);
      setFetched(null);
    }
  };

  const cancelExport = async () => {
    if (!job || cancelled.current) return;
    cancelled.current = true;
    setJob({ ...job, stage: 'Cancelling' });
    await api.cancelJob({ jobId: job.id }).catch((err: unknown) => toast.error(err));
  };

  const verify = async (file: File) => {
    try {
      const result = await api.verifyPackage({ fileName: file.name, contentBase64: await fileToBase64(file) });
      setVerification({ name: file.name, ...result });
    } catch (err) {
      toast.error(err);
    }
  };

  const frameworks = overview.data?.project.frameworks ?? [];
  return (
    <main className="screen" data-testid="screen-reports" data-state={overview.data ? 'ready' : 'loading'}>
      <header className="screen-head">
        <div>
          <h1>Reports</h1>
          <p className="muted">What you hand your auditor. The same project state always gives the same bytes.</p>
        </div>
      </header>
      <div className="columns">
        <section className="panel" aria-labelledby="export-title">
          <h2 id="export-title">Export</h2>
          <fieldset className="format-list">
            <legend className="visually-hidden">Format</legend>
            {FORMATS.map((f) => (
              <label key={f.id} className={`format-option${format === f.id ? ' selected' : ''}`}>
                <input type="radio" name="format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} data-testid={`format-${f.id}`} />
                <span><strong>{f.label}</strong><br /><span className="muted small">{f.what}</span></span>
              </label>
            ))}
          </fieldset>
          {format === 'pdf' ? (
            <fieldset className="format-list">
              <legend>Report</legend>
              {KINDS.map((k) => (
                <label key={k.id} className={`format-option${kind === k.id ? ' selected' : ''}`}>
                  <input type="radio" name="kind" value={k.id} checked={kind === k.id} onChange={() => setKind(k.id)} />
                  <span><strong>{k.label}</strong><br /><span className="muted small">{k.what}</span></span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="answer-grid">
            <label>
              Framework
              <select value={framework} onChange={(e) => setFramework(e.target.value as FrameworkRef | 'all')} data-testid="report-framework">
                <option value="all">All in scope</option>
                {frameworks.map((f) => <option key={f} value={f}>{frameworkName(f)}</option>)}
              </select>
            </label>
            <label className="check"><input type="checkbox" checked={includeNa} onChange={(e) => setIncludeNa(e.target.checked)} /> Include not-applicable controls</label>
          </div>
          <label>
            State
            <select value={describes} onChange={(e) => setDescribes(e.target.value as 'current' | 'signed_baseline')} data-testid="report-describes">
              <option value="current">Current working state</option>
              <option value="signed_baseline" disabled={!baselines.data?.length}>
                {baselines.data?.[0] ? `Signed baseline (${baselines.data[0].signedBy}, ${baselines.data[0].signedAt.slice(0, 10)})` : 'Signed baseline (not signed off yet)'}
              </option>
            </select>
          </label>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void exportNow()} disabled={busy} data-testid="export">Export</button>
          </div>
          {busy ? (
            <div className="export-progress" data-testid="export-progress">
              {fetched
                ? <progress className="progress-bar" aria-label="Export progress" value={fetched.done} max={Math.max(1, fetched.size)} />
                : job && job.total > 0
                  ? <progress className="progress-bar" aria-label="Export progress" value={job.done} max={job.total} />
                  : <progress className="progress-bar" aria-label="Export progress" />}
              <span role="status">{fetched ? fetchingText(fetched) : progressText(job)}</span>
              {/* the file is written by then: there is nothing left to cancel */}
              <button type="button" onClick={() => void cancelExport()} disabled={!job || cancelled.current || fetched !== null}>Cancel export</button>
            </div>
          ) : null}
          {last ? (
            <p data-testid="export-done">Saved <strong>{last.fileName}</strong>.{' '}
              {last.mediaType.startsWith('application/pdf') || last.mediaType.startsWith('text/') ? <a href={last.url} target="_blank" rel="noreferrer">Open it</a> : null}
            </p>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="verify-title">
          <h2 id="verify-title">Verify an evidence package</h2>
          <p className="muted">Checks every file of a package against its manifest of SHA-256s. Auditors can do the same with <code>sha256sum -c manifest.sha256</code>.</p>
          <label className="button">
            Choose a package (.zip)
            <input type="file" accept=".zip,application/zip" className="visually-hidden" data-testid="verify-file"
              onChange={(e) => { const f = e.target.files?.[0]; if (f) void verify(f); e.target.value = ''; }} />
          </label>
          {verification ? (
            <div className={`verdict ${verification.ok ? 'ok' : 'bad'}`} role="status" data-testid="verify-result">
              <strong>{verification.ok ? 'Intact' : 'Does not match its manifest'}</strong>: {verification.name}, {verification.checked} files checked.
              {verification.problems.length ? <ul>{verification.problems.map((p) => <li key={p.file + p.problem}><code>{p.file}</code> {p.problem.replace(/_/g, ' ')}</li>)}</ul> : null}
            </div>
          ) : null}
        </section>
      </div>
      <ShortcutSheet open={help} onClose={() => setHelp(false)} shortcuts={REPORTS_SHORTCUTS} />
    </main>
  );
}
