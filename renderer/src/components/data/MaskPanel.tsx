// Trying masking rules on the dataset: one rule per column, a masked copy written beside it
// (the original is never touched), downloadable, and its summary kept as evidence.
import { useState } from 'react';
import { write } from '../../data/queries';
import { useToast } from '../Toasts';
import { saveBlob } from '../../download';
import { fetchWorkspaceFile } from '../../workspace-files';
import type { MaskResult, MaskRuleInput } from '../../../../shared/dataprotection';

type Choice = 'keep' | 'redact' | 'partial' | 'pseudonymize' | 'generalize-range' | 'generalize-year' | 'generalize-month' | 'generalize-postcode' | 'suppress';

const CHOICES: Array<[Choice, string]> = [
  ['keep', 'Keep'],
  ['redact', 'Redact'],
  ['partial', 'Keep last 4'],
  ['pseudonymize', 'Pseudonymize (HMAC)'],
  ['generalize-range', 'Number → range of 10'],
  ['generalize-year', 'Date → year'],
  ['generalize-month', 'Date → month'],
  ['generalize-postcode', 'Postcode → first 3'],
  ['suppress', 'Drop column'],
];

function ruleFor(column: string, choice: Choice): MaskRuleInput | null {
  switch (choice) {
    case 'keep': return null;
    case 'redact': return { column, method: 'redact' };
    case 'partial': return { column, method: 'partial', keepLast: 4 };
    case 'pseudonymize': return { column, method: 'pseudonymize' };
    case 'generalize-range': return { column, method: 'generalize', to: { kind: 'numberRange', width: 10 } };
    case 'generalize-year': return { column, method: 'generalize', to: { kind: 'date', precision: 'year' } };
    case 'generalize-month': return { column, method: 'generalize', to: { kind: 'date', precision: 'month' } };
    case 'generalize-postcode': return { column, method: 'generalize', to: { kind: 'postcode', keep: 3 } };
    case 'suppress': return { column, method: 'suppress' };
  }
}

export function MaskPanel({ datasetId, columns, suggested, projectId }: { datasetId: string; columns: string[]; suggested: Set<string>; projectId: string }) {
  const toast = useToast();
  const [choices, setChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(columns.map((c) => [c, suggested.has(c) ? 'redact' : 'keep'])));
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ datasetId: string; name: string; result: MaskResult }>();
  /** Share of the masked copy fetched so far while it downloads (it comes in pieces of 8 MiB), else null. */
  const [fetched, setFetched] = useState<number | null>(null);

  const rules = columns.map((c) => ruleFor(c, choices[c] ?? 'keep')).filter((r): r is MaskRuleInput => r !== null);
  const needsKey = rules.some((r) => r.method === 'pseudonymize');

  const run = async (attach: boolean) => {
    setBusy(true);
    try {
      const r = await write('maskDataset', { datasetId, rules: { rules }, key: needsKey ? key : undefined, attachTo: attach ? projectId : undefined });
      setDone({ datasetId: r.output.datasetId, name: r.output.name, result: r.result });
      toast.info(attach ? `Masked copy written; its summary is kept as evidence on ${r.evidence?.controlId}` : 'Masked copy written');
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
    }
  };
  const download = async () => {
    if (!done || fetched !== null) return;
    setFetched(0);
    try {
      const mediaType = done.name.endsWith('.tsv') ? 'text/tab-separated-values' : 'text/csv';
      saveBlob(done.name, await fetchWorkspaceFile(done.datasetId, mediaType, (got, size) => setFetched(size > 0 ? got / size : 1)));
    } catch (err) {
      toast.error(err);
    } finally {
      setFetched(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="mask-title" data-testid="mask-panel">
      <h2 id="mask-title">Masking</h2>
      <p className="muted">Columns where the scan found personal data start as Redact. The original file is never changed.</p>
      <table className="table">
        <thead><tr><th scope="col">Column</th><th scope="col">Rule</th></tr></thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c}>
              <td className="mono">{c}{suggested.has(c) ? <span className="badge st-non_compliant small-badge">PII</span> : null}</td>
              <td>
                <select aria-label={`Masking rule for ${c}`} value={choices[c] ?? 'keep'} onChange={(e) => setChoices((x) => ({ ...x, [c]: e.target.value as Choice }))} data-testid={`mask-${c}`}>
                  {CHOICES.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {needsKey ? (
        <label>Pseudonymization key (at least 16 characters; never written to the output — keep it safe to link pseudonyms later)
          <input type="password" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" data-testid="mask-key" />
        </label>
      ) : null}
      <div className="form-actions">
        <button type="button" disabled={busy || rules.length === 0} onClick={() => void run(false)} data-testid="mask-run">Write masked copy</button>
        <button type="button" className="primary" disabled={busy || rules.length === 0} onClick={() => void run(true)}>Write and keep as evidence</button>
      </div>
      {done ? (
        <div className="verdict ok" data-testid="mask-result">
          <p><strong>{done.name}</strong>: {done.result.rows.toLocaleString()} rows. <button type="button" className="linklike" disabled={fetched !== null} onClick={() => void download()} data-testid="mask-download">{fetched === null ? 'Download' : `Downloading… ${Math.floor(fetched * 100)}%`}</button></p>
          <ul className="small">{done.result.columns.map((c) => <li key={c.column}><span className="mono">{c.column}</span>: {c.method}, {c.cells.toLocaleString()} cells{c.unreadable ? `, ${c.unreadable} unreadable (written as *)` : ''}</li>)}</ul>
        </div>
      ) : null}
    </section>
  );
}
