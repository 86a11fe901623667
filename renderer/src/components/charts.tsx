// Readiness drawn as SVG: a ring for one score, stacked bars for counts by status.
import { readinessText } from '../../../shared/gaps';
import type { Readiness, StatusCounts } from '../../../shared/domain';
import { CONTROL_STATUSES, STATUS_LABELS } from '../../../shared/domain';

/** The one readiness format (shared/gaps.ts), under the name the screens use. */
export const formatPercent = readinessText;

export function ReadinessRing({ readiness, label, size = 112 }: { readiness: Readiness; label: string; size?: number }) {
  const r = size / 2 - 9;
  const c = 2 * Math.PI * r;
  const pct = readiness.percent ?? 0;
  return (
    <figure className="ring" aria-label={`${label}: ${formatPercent(readiness.percent)} ready`}>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-hidden="true">
        <circle cx={size / 2} cy={size / 2} r={r} className="ring-track" strokeWidth="10" fill="none" />
        <circle
          cx={size / 2}
          cy={size / 2}
          r={r}
          className="ring-value"
          strokeWidth="10"
          fill="none"
          strokeLinecap={pct > 0 ? "round" : "butt"}
          strokeDasharray={`${(pct / 100) * c} ${c}`}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
        <text x="50%" y="50%" dominantBaseline="central" textAnchor="middle" className="ring-text">
          {formatPercent(readiness.percent)}
        </text>
      </svg>
      <figcaption>
        <strong>{label}</strong>
        <span>{readiness.inScope} controls</span>
      </figcaption>
    </figure>
  );
}

export function StatusBar({ counts, total }: { counts: StatusCounts; total: number }) {
  const widths = CONTROL_STATUSES.map((s) => (total === 0 ? 0 : (counts[s] / total) * 100));
  const offsets = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  return (
    <svg className="status-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img"
      aria-label={CONTROL_STATUSES.map((s) => `${STATUS_LABELS[s]} ${counts[s]}`).join(', ')}>
      {total === 0 ? <rect x="0" y="0" width="100" height="8" className="st-empty" /> : null}
      {CONTROL_STATUSES.map((s, i) => (
        <rect key={s} x={offsets[i]} y="0" width={widths[i]} height="8" className={`st-fill st-${s}`} />
      ))}
    </svg>
  );
}

export function StatusLegend({ counts }: { counts: StatusCounts }) {
  return (
    <ul className="legend">
      {CONTROL_STATUSES.map((s) => (
        <li key={s}>
          <span className={`dot st-${s}`} aria-hidden="true" />
          {STATUS_LABELS[s]} <strong>{counts[s]}</strong>
        </li>
      ))}
    </ul>
  );
}
