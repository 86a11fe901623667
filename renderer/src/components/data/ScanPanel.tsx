// Personal data found per column: counts and masked samples, never a raw value.
import type { ScanResult } from '../../../../shared/dataprotection';
import { PII_ENTITY_LABELS } from '../../../../shared/dataprotection';

export function ScanFindings({ result }: { result: ScanResult }) {
  const total = result.findings.reduce((n, f) => n + f.count, 0);
  return (
    <div data-testid="scan-result">
      <p>
        <strong>{result.file}</strong> ({result.format}): {result.rows.toLocaleString()} rows, {(result.bytes / 1048576).toFixed(1)} MiB in {(result.durationMs / 1000).toFixed(2)} s
        {' '}({result.durationMs > 0 ? (result.bytes / 1048576 / (result.durationMs / 1000)).toFixed(0) : '—'} MB/s).{' '}
        {total ? <span className="badge st-non_compliant">{total.toLocaleString()} values of personal data</span> : <span className="badge st-compliant">No personal data found</span>}
      </p>
      {result.findings.length ? (
        <table className="table">
          <thead><tr><th scope="col">Column</th><th scope="col">Entity</th><th scope="col">Count</th><th scope="col">Samples (masked)</th></tr></thead>
          <tbody>
            {result.findings.map((f) => (
              <tr key={`${f.column}-${f.entity}`} data-testid="pii-row">
                <td className="mono">{f.column}</td>
                <td>{PII_ENTITY_LABELS[f.entity]} <span className="muted small mono">{f.entity}</span></td>
                <td>{f.count.toLocaleString()}</td>
                <td className="mono small">{f.samples.join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
