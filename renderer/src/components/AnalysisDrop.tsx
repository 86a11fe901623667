// Dropping AWS CLI output or scanner results: each file is analysed offline, kept as evidence on
// the controls it bears on, and its status suggestions are offered for a person to confirm.
import { useState, type DragEvent } from 'react';
import { write } from '../data/queries';
import { useToast } from './Toasts';
import { fileToBase64 } from '../bytes';
import type { StatusSuggestion } from '../../../shared/analysis';
import { STATUS_LABELS } from '../../../shared/domain';

/** `partial`: the file was one page of several, said as the analyzer says it. */
export type AnalysisOutcome = { file: string; findings: number; attachedTo: string[]; suggestions: StatusSuggestion[]; partial?: string };

export function AnalysisDrop({ projectId, label = 'Drop AWS CLI output or scanner findings to analyse', onlyControl }: {
  projectId: string; label?: string; onlyControl?: string;
}) {
  const toast = useToast();
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<AnalysisOutcome[]>([]);

  const analyse = async (files: FileList | File[]) => {
    setBusy(true);
    const done: AnalysisOutcome[] = [];
    for (const file of Array.from(files)) {
      try {
        const r = await write('analyzeDocument', { projectId, fileName: file.name, contentBase64: await fileToBase64(file), attach: true });
        done.push({
          file: file.name, findings: r.result.findings.length, attachedTo: r.attachedTo, suggestions: r.suggestions.filter((s) => !onlyControl || s.controlId === onlyControl),
          ...(r.result.type === 'scanner' && r.result.partial ? { partial: r.result.partial } : {}),
        });
      } catch (err) {
        toast.error(err);
      }
    }
    setOutcomes(done);
    setBusy(false);
  };

  const apply = async (s: StatusSuggestion) => {
    try {
      await write('updateControl', { projectId, controlId: s.controlId, status: s.status });
      toast.info(`${s.controlId} set to ${STATUS_LABELS[s.status]}`);
      setOutcomes((os) => os.map((o) => ({ ...o, suggestions: o.suggestions.filter((x) => x !== s) })));
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <div className="analysis-drop">
      <div className={`dropzone${dragging ? ' dragging' : ''}`} data-testid="analysis-dropzone"
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e: DragEvent) => { e.preventDefault(); setDragging(false); if (e.dataTransfer.files.length) void analyse(e.dataTransfer.files); }}>
        <span>{label}</span>
        <label className="button small">
          Choose files to analyse
          <input type="file" multiple accept=".json,.csv,.txt" className="visually-hidden" data-testid="analysis-file" disabled={busy}
            onChange={(e) => { if (e.target.files) void analyse(e.target.files); e.target.value = ''; }} />
        </label>
        {busy ? <progress aria-label="Analysing" /> : null}
      </div>
      {outcomes.map((o) => (
        <div key={o.file} className="analysis-outcome" data-testid="analysis-outcome">
          <p><strong>{o.file}</strong>: {o.findings} finding{o.findings === 1 ? '' : 's'}{o.attachedTo.length ? `, kept as evidence on ${o.attachedTo.join(', ')}` : ', no control of this project in scope'}.</p>
          {o.partial ? <p className="warn small" role="status" data-testid="analysis-partial">Not the whole export: {o.partial}</p> : null}
          {o.suggestions.length ? (
            <ul className="suggestions">
              {o.suggestions.map((s) => (
                <li key={s.controlId}>
                  <span className="mono">{s.controlId}</span> looks <span className={`badge st-${s.status}`}>{STATUS_LABELS[s.status]}</span>
                  <span className="muted small"> {s.note}</span>
                  <button type="button" className="small" onClick={() => void apply(s)} data-testid={`apply-${s.controlId}`}>Apply</button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </div>
  );
}
