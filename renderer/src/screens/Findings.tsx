// Findings: every document the analyzers read for this project, and what they found, filterable
// by severity, code and control; each finding links to its control and names its document.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { useWorkbench } from '../data/queries';
import { href } from '../router';
import { AnalysisDrop } from '../components/AnalysisDrop';
import { useToast } from '../components/Toasts';
import { saveBytes } from '../download';
import { SEVERITIES, type Severity } from '../../../shared/domain';

type Row = { key: string; analysisId: string; file: string; kind: string; sha256: string; code: string; severity: Severity | null; message: string; path: string; controls: string[]; status: string };

export function FindingsScreen({ projectId }: { projectId: string }) {
  const analyses = useWorkbench('listAnalyses', { projectId });
  const [severity, setSeverity] = useState<'all' | Severity>('all');
  const [code, setCode] = useState('');
  const [control, setControl] = useState('');
  const toast = useToast();

  const rows = useMemo<Row[]>(() => (analyses.data ?? []).flatMap((a) =>
    a.result.type === 'document'
      ? a.result.findings.map((f, i) => ({ key: `${a.id}-${i}`, analysisId: a.id, file: a.file, kind: a.kind, sha256: a.sha256, code: f.code, severity: f.severity, message: f.message, path: f.path, controls: f.controls, status: 'open' }))
      : a.result.findings.map((f, i) => ({ key: `${a.id}-${i}`, analysisId: a.id, file: a.file, kind: a.kind, sha256: a.sha256, code: f.checkId ?? f.id, severity: f.severity, message: f.title, path: f.resource ?? '', controls: f.controls, status: f.mapped ? f.status : `${f.status}, unmapped` })),
  ), [analyses.data]);

  const openDocument = async (analysisId: string) => {
    try {
      const doc = await api.getAnalysisDocument({ projectId, analysisId });
      saveBytes(doc.fileName, doc.mediaType, doc.contentBase64);
    } catch (err) {
      toast.error(err);
    }
  };

  const shown = rows.filter((r) =>
    (severity === 'all' || r.severity === severity) &&
    (!code || r.code.toLowerCase().includes(code.toLowerCase())) &&
    (!control || r.controls.some((c) => c.toLowerCase().includes(control.toLowerCase()))));

  return (
    <main className="screen" data-testid="screen-findings" data-state={analyses.data ? 'ready' : 'loading'}>
      <header className="screen-head">
        <div>
          <h1>Findings</h1>
          <p className="muted">Run the AWS CLI command a control names, drop its JSON here. Nothing leaves this machine; no AWS credentials are needed.</p>
        </div>
      </header>
      <section className="panel">
        <AnalysisDrop projectId={projectId} />
      </section>
      <section className="panel">
        <div className="filters">
          <label>Severity
            <select value={severity} onChange={(e) => setSeverity(e.target.value as 'all' | Severity)} data-testid="filter-severity">
              <option value="all">All</option>
              {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <label>Code<input value={code} onChange={(e) => setCode(e.target.value)} placeholder="e.g. IAM_" data-testid="filter-code" /></label>
          <label>Control<input value={control} onChange={(e) => setControl(e.target.value)} placeholder="e.g. AC-06" /></label>
          <p className="muted small">{shown.length} of {rows.length} finding{rows.length === 1 ? '' : 's'} from {analyses.data?.length ?? 0} document{analyses.data?.length === 1 ? '' : 's'}</p>
        </div>
        <table className="table findings">
          <thead><tr><th scope="col">Severity</th><th scope="col">Code</th><th scope="col">Finding</th><th scope="col">Where</th><th scope="col">Controls</th><th scope="col">Document</th></tr></thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key} data-testid="finding-row">
                <td><span className={`sev sev-${r.severity ?? 'none'}`}>{r.severity ?? '—'}</span></td>
                <td className="mono">{r.code}</td>
                <td>{r.message}{r.status !== 'open' ? <span className="muted small"> ({r.status})</span> : null}</td>
                <td className="mono small">{r.path}</td>
                <td>{r.controls.map((c) => <a key={c} className="mono" href={href({ screen: 'control', projectId, controlId: c })}>{c} </a>)}</td>
                <td className="small"><button type="button" className="linklike" title={`SHA-256 ${r.sha256}`} onClick={() => void openDocument(r.analysisId)}>{r.file}</button><br /><span className="muted">{r.kind}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && analyses.data ? <p className="muted">No documents analysed yet.</p> : null}
      </section>
    </main>
  );
}
