// Readiness per framework over time on the overview: an SVG line chart (one line per framework,
// told apart by dash as well as colour, sign-offs as dashed rules) with a text summary for screen
// readers, and the same numbers as a table under "Show the numbers".
import { type FrameworkId, type FrameworkRef } from '../../../shared/domain';
import type { ReadinessHistory } from '../../../shared/report-model';
import { readinessText } from '../../../shared/gaps';
import { useFrameworkName } from '../data/framework-names';

const W = 560;
const H = 160;
const PAD = { left: 40, right: 12, top: 10, bottom: 24 };
type Line = { color: string; dash?: string };
const BUILTIN_LINES: Record<FrameworkId, Line> = {
  hipaa: { color: 'var(--accent)' },
  gdpr: { color: 'var(--st-compliant)', dash: '6 4' },
  pci: { color: 'var(--st-partial)', dash: '2 3' },
};

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** The built-in frameworks' lines; an imported framework draws in the text colour. */
function lineOf(framework: FrameworkRef): Line {
  return (BUILTIN_LINES as Record<string, Line | undefined>)[framework] ?? { color: 'currentColor' };
}

export function ReadinessOverTime({ history, frameworks }: { history: ReadinessHistory; frameworks: FrameworkRef[] }) {
  const frameworkName = useFrameworkName();
  const { points, signOffs } = history;
  if (points.length === 0) {
    return <p className="muted" data-testid="readiness-history-empty">No control has been answered yet: progress shows here from the first answer on.</p>;
  }
  const first = dayNumber(points[0]!.day);
  const lastDay = [points[points.length - 1]!.day, ...signOffs.map((s) => s.day)].sort().at(-1)!;
  const span = Math.max(1, dayNumber(lastDay) - first);
  const x = (day: string): number => PAD.left + ((dayNumber(day) - first) / span) * (W - PAD.left - PAD.right);
  const y = (percent: number): number => PAD.top + (1 - percent / 100) * (H - PAD.top - PAD.bottom);
  const latest = points[points.length - 1]!;
  const percentOf = (p: ReadinessHistory['points'][number], f: FrameworkRef): number | null => p.byFramework.find((b) => b.framework === f)?.percent ?? null;
  const summary = `Readiness from ${points[0]!.day} to ${latest.day}: ${frameworks.map((f) => `${frameworkName(f)} ${readinessText(percentOf(points[0]!, f))} to ${readinessText(percentOf(latest, f))}`).join('; ')}.` +
    (signOffs.length ? ` ${signOffs.length} sign-off${signOffs.length === 1 ? '' : 's'}, the last on ${signOffs[signOffs.length - 1]!.day}.` : ' Not signed off yet.');

  return (
    <figure className="readiness-history" data-testid="readiness-history">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="readiness-history-title" aria-describedby="readiness-history-desc" preserveAspectRatio="xMidYMid meet">
        <title id="readiness-history-title">Readiness per framework over time</title>
        <desc id="readiness-history-desc">{summary}</desc>
        {[0, 50, 100].map((p) => (
          <g key={p}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(p)} y2={y(p)} className="rh-grid" />
            <text x={PAD.left - 6} y={y(p) + 4} textAnchor="end" className="rh-label">{p}%</text>
          </g>
        ))}
        {signOffs.map((s) => (
          <line key={s.at} x1={x(s.day)} x2={x(s.day)} y1={PAD.top} y2={H - PAD.bottom} className="rh-signoff" />
        ))}
        {frameworks.map((f) => {
          const pts = points.flatMap((p) => {
            const v = percentOf(p, f);
            return v === null ? [] : [`${x(p.day).toFixed(1)},${y(v).toFixed(1)}`];
          });
          if (pts.length === 0) return null;
          const drawn = pts.length === 1 ? [pts[0]!, `${(Number(pts[0]!.split(',')[0]) + 6).toFixed(1)},${pts[0]!.split(',')[1]}`] : pts;
          return <polyline key={f} points={drawn.join(' ')} fill="none" stroke={lineOf(f).color} strokeWidth={2} strokeDasharray={lineOf(f).dash} />;
        })}
        <text x={PAD.left} y={H - 6} className="rh-label">{points[0]!.day}</text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="rh-label">{lastDay}</text>
      </svg>
      <figcaption>
        <ul className="rh-legend">
          {frameworks.map((f) => (
            <li key={f}>
              <svg width="28" height="8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" stroke={lineOf(f).color} strokeWidth={2} strokeDasharray={lineOf(f).dash} /></svg>
              {frameworkName(f)} {readinessText(percentOf(latest, f))}
            </li>
          ))}
          {signOffs.length ? <li><svg width="10" height="12" aria-hidden="true"><line x1="5" x2="5" y1="0" y2="12" className="rh-signoff" /></svg> Sign-off</li> : null}
        </ul>
        <details>
          <summary>Show the numbers</summary>
          <table className="rh-table">
            <caption className="visually-hidden">Readiness per framework at the end of each day with a change (UTC days)</caption>
            <thead><tr><th scope="col">Day</th>{frameworks.map((f) => <th key={f} scope="col">{frameworkName(f)}</th>)}<th scope="col">Sign-off</th></tr></thead>
            <tbody>
              {[...new Set([...points.map((p) => p.day), ...signOffs.map((s) => s.day)])].sort().map((day) => {
                const p = [...points].reverse().find((q) => q.day <= day);
                return (
                  <tr key={day}>
                    <th scope="row">{day}</th>
                    {frameworks.map((f) => <td key={f}>{readinessText(p ? percentOf(p, f) : null)}</td>)}
                    <td>{signOffs.filter((s) => s.day === day).map((s) => `Signed off by ${s.signedBy}`).join('; ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
