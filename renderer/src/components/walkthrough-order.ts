// Where the walkthrough goes: the next or previous unanswered step, where to resume, and what is
// left per domain when it is finished. Plain functions over checklist rows.
import { DOMAIN_IDS, PRIORITIES, type ChecklistRow, type DomainId } from '../../../shared/domain';

export const isAnswered = (row: Pick<ChecklistRow, 'status'>): boolean => row.status !== 'not_assessed';

/** The index of the nearest unanswered row after (dir 1) or before (dir -1) `from`, or -1. */
export function nearestUnanswered(rows: readonly ChecklistRow[], from: number, dir: 1 | -1): number {
  for (let i = from + dir; i >= 0 && i < rows.length; i += dir) if (!isAnswered(rows[i]!)) return i;
  return -1;
}

/**
 * Where an opened walkthrough starts: the first unanswered step at or after where it was left,
 * else the first unanswered one; undefined when every step is answered (the finish screen).
 */
export function resumeAt(rows: readonly ChecklistRow[], leftAt: string | null | undefined): string | undefined {
  const left = Math.max(0, rows.findIndex((r) => r.id === leftAt));
  const after = rows.slice(left).find((r) => !isAnswered(r));
  return (after ?? rows.find((r) => !isAnswered(r)))?.id;
}

export type DomainProgress = { domain: DomainId; total: number; left: number; firstLeft: string | null };

export function progressByDomain(rows: readonly ChecklistRow[]): DomainProgress[] {
  return DOMAIN_IDS.flatMap((domain) => {
    const inDomain = rows.filter((r) => r.domain === domain);
    if (inDomain.length === 0) return [];
    const open = inDomain.filter((r) => !isAnswered(r));
    return [{ domain, total: inDomain.length, left: open.length, firstLeft: open[0]?.id ?? null }];
  });
}

export type NextAction =
  | { kind: 'answer'; control: ChecklistRow }
  | { kind: 'remediate'; control: ChecklistRow }
  | { kind: 'report' };

/**
 * The next best thing to do: answer the most important unanswered control; once all are answered,
 * fix the most important non-compliant one; once nothing is open, export the report.
 */
export function nextBestAction(rows: readonly ChecklistRow[]): NextAction {
  const rank = (r: ChecklistRow) => PRIORITIES.indexOf(r.priority);
  const first = (pick: (r: ChecklistRow) => boolean) =>
    rows.filter(pick).sort((a, b) => rank(a) - rank(b) || rows.indexOf(a) - rows.indexOf(b))[0];
  const unanswered = first((r) => !isAnswered(r));
  if (unanswered) return { kind: 'answer', control: unanswered };
  const failing = first((r) => r.status === 'non_compliant') ?? first((r) => r.status === 'partial');
  if (failing) return { kind: 'remediate', control: failing };
  return { kind: 'report' };
}
