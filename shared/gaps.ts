// What the app and every report mean by a "gap" and how they print readiness: one definition,
// one order and one rounding, so the overview, the PDF and the Markdown never disagree.
import { PRIORITIES, type ControlStatus, type Priority } from './domain';

/** A gap is a control assessed and found wanting. A control not assessed yet is not a gap: it is unanswered. */
export const GAP_STATUSES = ['non_compliant', 'partial'] as const satisfies readonly ControlStatus[];

export const isGap = (status: ControlStatus): boolean => (GAP_STATUSES as readonly ControlStatus[]).includes(status);

/** How many gaps the overview and the reports' summaries list. */
export const TOP_GAPS = 10;

type Ranked = { id: string; priority: Priority; status: ControlStatus };

/** Most urgent first: priority, then non-compliant before partial, then control id. */
export function compareGaps(a: Ranked, b: Ranked): number {
  return PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) ||
    GAP_STATUSES.indexOf(a.status as (typeof GAP_STATUSES)[number]) - GAP_STATUSES.indexOf(b.status as (typeof GAP_STATUSES)[number]) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Readiness as people read it. The percentage is rounded once, to one decimal, where it is
 * computed (readinessFromCounts); every screen, report and the CLI print that value as it is, so
 * 1.485 % reads "1.5%" everywhere and never "2%" in one place and "1.5%" in another. A whole
 * value prints without the decimal ("0%", "100%").
 */
export function readinessText(percent: number | null): string {
  if (percent === null) return 'n/a';
  return Number.isInteger(percent) ? `${percent}%` : `${percent.toFixed(1)}%`;
}
