// Readiness % = (compliant + ½·partial) / (in-scope controls − not applicable) × 100.
import type { ControlStatus, Readiness, StatusCounts } from '../../../shared/domain';

export function emptyCounts(): StatusCounts {
  return { not_assessed: 0, compliant: 0, partial: 0, non_compliant: 0, not_applicable: 0 };
}

export function readinessOf(statuses: Iterable<ControlStatus>): Readiness {
  const counts = emptyCounts();
  for (const s of statuses) counts[s]++;
  return readinessFromCounts(counts);
}

/** The same readiness from counts already made (the history replay keeps counts as it goes). */
export function readinessFromCounts(counts: StatusCounts): Readiness {
  const inScope = counts.not_assessed + counts.compliant + counts.partial + counts.non_compliant + counts.not_applicable;
  const applicable = inScope - counts.not_applicable;
  const percent = applicable === 0 ? null : Math.round(((counts.compliant + counts.partial / 2) / applicable) * 1000) / 10;
  return { inScope, counts: { ...counts }, percent };
}
