// The rows of a report's control table: each assessed control in full (status, owner, due date,
// evidence references, the team's note), and runs of untouched not-assessed controls folded into
// one line that still names every control, so a report on a new project is not pages of blanks.
import type { ReportControl, ReportModel } from '../../../shared/report-model';

export type ControlTableRow =
  | { kind: 'control'; control: ReportControl }
  | { kind: 'not_assessed_run'; ids: string[] };

/** Shorter runs than this are listed row by row. */
export const MIN_FOLDED_RUN = 3;

const untouched = (c: ReportControl): boolean =>
  c.status === 'not_assessed' && c.owner.trim() === '' && c.note.trim() === '' && c.dueDate === null && c.evidenceIds.length === 0;

export function controlTableRows(m: Pick<ReportModel, 'controls'>): ControlTableRow[] {
  const out: ControlTableRow[] = [];
  let run: ReportControl[] = [];
  const endRun = (): void => {
    if (run.length >= MIN_FOLDED_RUN) out.push({ kind: 'not_assessed_run', ids: run.map((c) => c.id) });
    else out.push(...run.map((control) => ({ kind: 'control' as const, control })));
    run = [];
  };
  for (const control of m.controls) {
    if (untouched(control)) { run.push(control); continue; }
    endRun();
    out.push({ kind: 'control', control });
  }
  endRun();
  return out;
}

/** "DS-1, DS-2 and DS-3 not assessed yet" style text for a folded run. */
export function runText(ids: string[]): string {
  return `${ids.length} controls not assessed yet: ${ids.join(', ')}`;
}

/** The evidence references (E1, E2, ...) of a control, for its row. */
export function evidenceRefText(control: ReportControl, refs: Map<string, string>): string {
  return control.evidenceIds.map((id) => refs.get(id) ?? '').filter(Boolean).join(', ');
}
