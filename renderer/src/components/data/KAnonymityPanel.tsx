// k-anonymity over chosen quasi-identifiers: k, the class sizes as bars, the rows below the
// target, and the least generalization found that reaches it.
import { useState } from 'react';
import { write } from '../../data/queries';
import { useToast } from '../Toasts';
import type { KAnonymityReport } from '../../../../shared/dataprotection';

export function KAnonymityPanel({ datasetId, columns, projectId }: { datasetId: string; columns: string[]; projectId: string }) {
  const toast = useToast();
  const [qi, setQi] = useState<string[]>([]);
  const [k, setK] = useState(5);
  const [report, setReport] = useState<KAnonymityReport>();

  const check = async (attach: boolean) => {
    try {
      const r = await write('checkKAnonymity', { datasetId, quasiIdentifiers: qi, k, attachTo: attach ? projectId : undefined });
      setReport(r.report);
      if (r.evidence) toast.info(`Report kept as evidence on ${r.evidence.controlId}`);
    } catch (err) {
      toast.error(err);
    }
  };
  const maxRows = Math.max(1, ...(report?.distribution.map((b) => b.rows) ?? [1]));

  return (
    <section className="panel" aria-labelledby="kanon-title" data-testid="kanon-panel">
      <h2 id="kanon-title">k-anonymity</h2>
      <fieldset className="qi-list">
        <legend>Quasi-identifiers (columns someone could link to another source)</legend>
        {columns.map((c) => (
          <label key={c} className="check"><input type="checkbox" checked={qi.includes(c)} onChange={(e) => setQi((x) => (e.target.checked ? [...x, c] : x.filter((y) => y !== c)))} data-testid={`qi-${c}`} /><span className="mono">{c}</span></label>
        ))}
      </fieldset>
      <div className="inline-form">
        <label className="inline">Target k <input type="number" min={1} max={1000} value={k} onChange={(e) => setK(Number(e.target.value))} style={{ width: 80 }} data-testid="kanon-k" /></label>
        <button type="button" disabled={qi.length === 0} onClick={() => void check(false)} data-testid="kanon-run">Check</button>
        <button type="button" className="primary" disabled={qi.length === 0} onClick={() => void check(true)}>Check and keep as evidence</button>
      </div>
      {report ? (
        <div data-testid="kanon-result">
          <p>
            <span className={`badge ${report.k >= report.targetK ? 'st-compliant' : 'st-non_compliant'}`}>k = {report.k}</span>{' '}
            over {report.quasiIdentifiers.join(', ')}: {report.classes.toLocaleString()} classes in {report.rows.toLocaleString()} rows; {report.rowsBelowTarget.toLocaleString()} rows sit in classes smaller than {report.targetK}.
          </p>
          <figure className="kanon-chart" aria-label="Rows by equivalence class size">
            {report.distribution.slice(0, 12).map((b) => (
              <div key={b.size} className="kbar">
                <span className="mono small">{b.size}</span>
                <span className={`kbar-fill ${b.size < report.targetK ? 'below' : ''}`} style={{ width: `${(b.rows / maxRows) * 100}%` }} />
                <span className="small muted">{b.rows.toLocaleString()} rows</span>
              </div>
            ))}
            <figcaption className="muted small">Class size (left) and the rows in classes of that size; red bars are below the target.</figcaption>
          </figure>
          {report.suggestion ? (
            <div className="suggestion">
              <h3>Least generalization that reaches k = {report.targetK}</h3>
              <ul>{report.suggestion.columns.map((c) => <li key={c.column}><span className="mono">{c.column}</span>: {c.rule ? describeRule(c.rule) : 'keep as is'}</li>)}</ul>
              <p className="muted small">k before suppression {report.suggestion.kBeforeSuppression}; then {report.suggestion.suppressedRows.toLocaleString()} rows ({report.suggestion.suppressedPercent.toFixed(1)}%) would be dropped.</p>
            </div>
          ) : null}
          {report.note ? <p className="muted small">{report.note}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

function describeRule(rule: NonNullable<KAnonymityReport['suggestion']>['columns'][number]['rule']): string {
  if (!rule) return 'keep';
  if (rule.method !== 'generalize') return rule.method;
  const to = rule.to;
  return to.kind === 'numberRange' ? `ranges of ${to.width}` : to.kind === 'date' ? `dates to the ${to.precision}` : `postcodes to the first ${to.keep} characters`;
}
