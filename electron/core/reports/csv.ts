// The checklist as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, CR
// or LF, a lone one included) for spreadsheets and scripts. Values are the stable ids (status `non_compliant`,
// not "Non-compliant") so a script can compare two exports.
import { stringify } from 'csv-stringify/sync';
import type { ReportModel } from '../../../shared/report-model';
import { checkReportModel } from './model';

export const CHECKLIST_COLUMNS = [
  'id', 'title', 'domain', 'priority', 'status', 'owner', 'due_date',
  'evidence_count', 'frameworks', 'requirements', 'note',
] as const;

export type ChecklistCsvOptions = {
  /**
   * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return) as a formula
   * ("CSV injection"). When true (the default) such user text gets a leading apostrophe, which
   * spreadsheets show as text; `undoFormulaDefuse` reverses it for scripts.
   */
  defuseFormulas?: boolean;
};

const FORMULA_START = /^[=+\-@\t\r]/;

export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function undoFormulaDefuse(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

export function renderChecklistCsv(input: ReportModel, opts: ChecklistCsvOptions = {}): string {
  const m = checkReportModel(input);
  const user = opts.defuseFormulas === false ? (s: string): string => s : defuseFormula;
  const rows = m.controls.map((c) => [
    user(c.id),
    user(c.title),
    c.domain,
    c.priority,
    c.status,
    user(c.owner),
    c.dueDate ?? '',
    String(c.evidenceIds.length),
    c.frameworks.join(';'),
    user(c.requirements.map((r) => `${r.framework}:${r.id}`).join(';')),
    user(c.note),
  ]);
  // The BOM lets spreadsheet programs read the file as UTF-8 (Łódź, Müller); csv-parse drops it
  // with `bom: true`.
  return stringify(rows, {
    header: true,
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or CR,
    // which a spreadsheet reads as a new row: a note "x\n=cmd…" would start a row with a formula.
    quoted_match: /[\r\n]/,
    columns: [...CHECKLIST_COLUMNS],
    record_delimiter: 'windows',
    bom: true,
  });
}
