// The summary PDF: what an auditor reads first, in a few pages. Scope and readiness per
// framework, readiness over time, the gaps, the sign-offs and the head of the audit chain, then
// every assessed control with its note, owner and evidence, and the controls not assessed yet
// counted per domain. Everything else (requirements, the evidence index with SHA-256s, the audit
// trail) is in the full report.
import { DOMAIN_IDS } from '../../../shared/domain';
import type { ReportModel } from '../../../shared/report-model';
import { domainText, frameworkText, percentText, priorityText, timestampText } from './format';
import { MUTED, h1, h2, para, pdfText, readinessChart, statusCell, table, wrapping, type Cell, type Node } from './pdf-blocks';
import { chainStatement, cover, reportDocument, signOff } from './pdf-document';
import { readinessOverTime } from './pdf-readiness-chart';

function assessedControls(m: ReportModel): Node[] {
  const evidence = new Map(m.evidence.map((e) => [e.id, e]));
  const assessed = m.controls.filter((c) => c.status !== 'not_assessed');
  if (assessed.length === 0) return [para('No control has been assessed yet.')];
  return [
    para(`${assessed.length} of ${m.controls.length} controls assessed. Evidence is named here; its SHA-256 and dates are in the full report and the evidence package.`, { color: MUTED, fontSize: 8 }),
    table(
      [40, '*', 72, 60, 100, '*'],
      ['Control', 'Title', 'Status', 'Owner', 'Evidence', 'Note'],
      assessed.map((c): Cell[] => {
        const items = c.evidenceIds.flatMap((id) => {
          const e = evidence.get(id);
          return e ? [`${e.name}${e.expired ? ' (expired)' : ''}`] : [];
        });
        return [
          pdfText(c.id),
          pdfText(c.title),
          statusCell(c.status),
          c.owner.trim() ? wrapping(c.owner) : { text: 'Unassigned', color: MUTED, italics: true },
          items.length ? wrapping(items.join('\n')) : { text: 'None', color: MUTED },
          c.note.trim() ? wrapping(c.note) : { text: '', color: MUTED },
        ];
      }),
      { fontSize: 7.5 },
    ),
  ];
}

function notAssessedByDomain(m: ReportModel): Node[] {
  const rows = DOMAIN_IDS.flatMap((d) => {
    const inDomain = m.controls.filter((c) => c.domain === d);
    const open = inDomain.filter((c) => c.status === 'not_assessed').length;
    return open ? [[domainText(d), { text: String(open), alignment: 'right' }, { text: String(inDomain.length), alignment: 'right' }] as Cell[]] : [];
  });
  return rows.length === 0
    ? [para('Every control in the report has been assessed.')]
    : [table(['*', 80, 80], ['Domain', 'Not assessed', 'Controls'], rows, { fontSize: 8, rightAlignHeadFrom: 1 })];
}

export function buildSummaryDocument(m: ReportModel): Node {
  const gaps = m.summary.topGaps;
  const signOffs = m.readinessHistory?.signOffs ?? [];
  return reportDocument(m, 'Compliance summary report', [
    ...cover(m, 'COMPLIANCE SUMMARY REPORT'),
    h1('Readiness', { pageBreak: 'before' }),
    para([{ text: `Overall readiness ${percentText(m.summary.overall)}`, bold: true }, ` across ${m.summary.overall.inScope} controls in scope. Readiness counts a compliant control fully and a partial one as half, out of the controls that apply.`]),
    h2('By framework'),
    readinessChart(m.summary.byFramework.map((f) => ({ label: frameworkText(m, f.framework), readiness: f.readiness }))),
    ...(m.readinessHistory ? [h2('Over time'), ...readinessOverTime(m, m.readinessHistory)] : []),
    h2('Highest-priority gaps'),
    gaps.length === 0
      ? para('No open gaps: no assessed control is non-compliant or partial.')
      : table([50, '*', 55, 85], ['Control', 'Title', 'Priority', 'Status'], gaps.map((g) => [pdfText(g.controlId), pdfText(g.title), priorityText(g.priority), statusCell(g.status)])),
    h2('Sign-offs and the audit chain'),
    signOffs.length === 0
      ? para('Not signed off yet.')
      : table([150, '*'], ['Signed', 'By'], signOffs.map((s) => [timestampText(s.at), pdfText(s.signedBy)]), { fontSize: 8 }),
    para(`${m.auditSummary.events} recorded changes.`),
    ...chainStatement(m),
    h1('Assessed controls', { pageBreak: 'before' }),
    ...assessedControls(m),
    h2('Not assessed yet, per domain'),
    ...notAssessedByDomain(m),
    ...signOff(m),
  ]);
}
