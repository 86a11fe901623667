// Builds the pdfmake document definition of the evidence report: cover, contents, executive
// summary with a readiness chart, requirements per framework, remediation plan, control table,
// evidence index, audit trail and sign-off. Pure data; pdf.ts turns it into bytes.
import type { Readiness } from '../../../shared/domain';
import type { ReportEvidence, ReportModel } from '../../../shared/report-model';
import { controlTableRows, evidenceRefText, runText } from './control-rows';
import { actionText } from './audit-wording';
import {
  byteSize,
  countsText,
  describesText,
  domainText,
  frameworkText,
  citation,
  frameworkWithVersion,
  percentText,
  priorityText,
  remediationItems,
  scopeFilterText,
  timestampText,
} from './format';
import {
  BRAND,
  INK,
  MUTED,
  STATUS_STYLE,
  TABLE_LAYOUT,
  h1,
  h2,
  para,
  pdfText,
  readinessChart,
  statusCell,
  table,
  wrapping,
  type Cell,
  type Node,
} from './pdf-blocks';
import { readinessOverTime } from './pdf-readiness-chart';

// Other PDF writers (e.g. session minutes) use the same text cleaning.
export { pdfText } from './pdf-blocks';

function countsTable(m: ReportModel): Node {
  const head = ['', 'Readiness', 'In scope', 'Compliant', 'Partial', 'Non-compliant', 'Not assessed', 'N/A'];
  const row = (label: string, r: Readiness): Cell[] => [
    pdfText(label),
    { text: percentText(r), bold: true, alignment: 'right' },
    ...[r.inScope, r.counts.compliant, r.counts.partial, r.counts.non_compliant, r.counts.not_assessed, r.counts.not_applicable].map(
      (n) => ({ text: String(n), alignment: 'right' }),
    ),
  ];
  return table(
    ['*', 46, 38, 50, 38, 60, 56, 26],
    head,
    [
      row('All controls', m.summary.overall).map((c) => (typeof c === 'string' ? { text: c, bold: true } : { ...c, bold: true })),
      ...m.summary.byFramework.map((f) => row(frameworkText(m, f.framework), f.readiness)),
      ...m.summary.byDomain.map((d) => row(domainText(d.domain), d.readiness)),
    ],
    { fontSize: 8, rightAlignHeadFrom: 1 },
  );
}

export function cover(m: ReportModel, title = 'COMPLIANCE EVIDENCE REPORT'): Node[] {
  const o = m.summary.overall;
  const facts: Array<[string, string]> = [
    ['Project', `${m.project.name} (${m.project.id})`],
    ['Frameworks in scope', m.scope.frameworks.map((f) => frameworkWithVersion(m, f.id)).join('\n')],
    ['Framework filter', scopeFilterText(m)],
    ['Not-applicable controls', m.scope.includeNotApplicable ? 'Included' : 'Left out of the lists'],
    ['Catalog version', m.catalogVersion],
    ['Generated', `${timestampText(m.generatedAt)} by ${m.generatedBy}`],
    ['State described', describesText(m)],
  ];
  return [
    { text: title, color: MUTED, fontSize: 10, bold: true, characterSpacing: 1.5, margin: [0, 90, 0, 8] },
    { text: pdfText(m.project.name), fontSize: 26, bold: true, color: BRAND, margin: [0, 0, 0, 8] },
    ...(m.project.description.trim() ? [{ text: pdfText(m.project.description), fontSize: 11, color: MUTED, margin: [0, 0, 0, 24] }] : [{ text: '', margin: [0, 0, 0, 24] }]),
    {
      canvas: [{ type: 'line', x1: 0, y1: 0, x2: 495, y2: 0, lineWidth: 2, lineColor: BRAND }],
      margin: [0, 0, 0, 14],
    },
    {
      table: {
        widths: [130, '*'],
        body: facts.map(([k, v]) => [{ text: k, color: MUTED }, { text: pdfText(v) }]),
      },
      layout: { ...TABLE_LAYOUT, fillColor: () => null, hLineWidth: () => 0.4, paddingTop: () => 5, paddingBottom: () => 5 },
    },
    {
      columns: [
        { width: 'auto', text: percentText(o), fontSize: 34, bold: true, color: BRAND },
        { width: '*', text: [{ text: 'overall readiness\n', bold: true }, { text: `${o.inScope} controls in scope: ${countsText(o)}`, color: MUTED }], margin: [12, 8, 0, 0] },
      ],
      margin: [0, 30, 0, 0],
    },
    {
      text:
        'Every evidence file is listed with its SHA-256. In the evidence package, manifest.sha256 can be checked ' +
        'without this application: sha256sum -c manifest.sha256',
      fontSize: 8,
      color: MUTED,
      margin: [0, 40, 0, 0],
    },
  ];
}

function executiveSummary(m: ReportModel): Node[] {
  const o = m.summary.overall;
  const gaps = m.summary.topGaps;
  return [
    h1('Executive summary', { pageBreak: 'before' }),
    para([{ text: `Overall readiness ${percentText(o)}`, bold: true }, ` across ${o.inScope} controls in scope (${countsText(o)}).`]),
    para('Readiness counts a compliant control fully and a partial one as half, out of the controls that apply.', { color: MUTED, fontSize: 8 }),
    h2('Readiness by framework'),
    readinessChart(m.summary.byFramework.map((f) => ({ label: frameworkText(m, f.framework), readiness: f.readiness }))),
    h2('Readiness by domain'),
    readinessChart(m.summary.byDomain.map((d) => ({ label: domainText(d.domain), readiness: d.readiness }))),
    h2('Controls by status'),
    countsTable(m),
    h2('Highest-priority gaps'),
    gaps.length === 0
      ? para('No open gaps: every applicable control is compliant.')
      : table(
          [50, '*', 55, 85],
          ['Control', 'Title', 'Priority', 'Status'],
          gaps.map((g) => [pdfText(g.controlId), pdfText(g.title), priorityText(g.priority), statusCell(g.status)]),
        ),
  ];
}

function requirementSections(m: ReportModel, refs: Map<string, string>): Node[] {
  const evidenceOf = new Map(m.controls.map((c) => [c.id, c.evidenceIds]));
  const evidence = new Map(m.evidence.map((e) => [e.id, e]));
  const out: Node[] = [
    h1('Requirements by framework', { pageBreak: 'before' }),
    para('Each requirement with the controls that satisfy it. Evidence references (E1, E2, ...) point to the evidence index, which gives each item its name, SHA-256 and dates.', { color: MUTED }),
  ];
  for (const f of m.requirementsByFramework) {
    out.push(h2(frameworkWithVersion(m, f.framework), true));
    if (f.requirements.length === 0) out.push(para('No requirements of this framework are in scope.'));
    for (const r of f.requirements) {
      out.push({ text: [{ text: pdfText(r.id), bold: true }, r.title.trim() ? `  ${pdfText(r.title)}` : ''], style: 'h3' });
      if (r.controls.length === 0) {
        out.push(r.note
          ? para(pdfText(r.note), { color: MUTED })
          : para('No control in scope maps to this requirement: it is not covered.', { color: STATUS_STYLE.non_compliant.ink }));
        continue;
      }
      const rows = r.controls.map((rc) => {
        // References only: names, hashes and dates are in the evidence index, once.
        const cited = (evidenceOf.get(rc.id) ?? [])
          .map((id) => evidence.get(id))
          .filter((e): e is ReportEvidence => e !== undefined)
          .map((e) => `${refs.get(e.id) ?? ''}${e.expired ? ' (expired)' : ''}`);
        return [pdfText(rc.id), pdfText(rc.title), statusCell(rc.status), cited.length ? cited.join(', ') : { text: 'None', color: MUTED }];
      });
      out.push(table([45, '*', 85, 110], ['Control', 'Title', 'Status', 'Evidence'], rows, { fontSize: 8 }));
    }
  }
  return out;
}

function remediationPlan(m: ReportModel): Node[] {
  const items = remediationItems(m);
  return [
    h1('Remediation plan', { pageBreak: 'before' }),
    items.length === 0
      ? para('Nothing to remediate: no control is non-compliant or partial.')
      : para(`${items.length} controls need work, most urgent first.`),
    ...(items.length === 0
      ? []
      : [
          table(
            [40, '*', 75, 42, 65, 52, '*'],
            ['Control', 'Title', 'Status', 'Priority', 'Owner', 'Due', 'Note'],
            items.map((c) => [
              pdfText(c.id),
              pdfText(c.title),
              statusCell(c.status),
              priorityText(c.priority),
              c.owner.trim() ? wrapping(c.owner) : { text: 'Unassigned', color: MUTED, italics: true },
              c.dueDate ?? { text: 'No date', color: MUTED, italics: true },
              wrapping(c.note),
            ]),
            { fontSize: 7.5 },
          ),
        ]),
  ];
}

function controlTable(m: ReportModel, refs: Map<string, string>): Node[] {
  return [
    h1('Controls', { pageBreak: 'before', pageOrientation: 'landscape' }),
    m.controls.length === 0
      ? para('No controls are in scope.')
      : table(
          [38, 110, 56, 38, 70, 60, 46, 36, '*', 90],
          ['Control', 'Title', 'Domain', 'Priority', 'Status', 'Owner', 'Due', 'Evidence', 'Note', 'Requirements'],
          controlTableRows(m).map((row) => {
            if (row.kind === 'not_assessed_run') {
              return [{ text: pdfText(runText(row.ids)), colSpan: 4, color: MUTED }, '', '', '', statusCell('not_assessed'), '', '', '', '', ''];
            }
            const c = row.control;
            return [
              pdfText(c.id),
              pdfText(c.title),
              domainText(c.domain),
              priorityText(c.priority),
              statusCell(c.status),
              wrapping(c.owner),
              c.dueDate ?? '',
              pdfText(evidenceRefText(c, refs)),
              wrapping(c.note),
              pdfText(c.requirements.map((r) => citation(r.framework, r.id)).join('\n')),
            ];
          }),
          { fontSize: 7.5 },
        ),
  ];
}

function evidenceIndex(m: ReportModel, refs: Map<string, string>): Node[] {
  const expired = m.evidence.filter((e) => e.expired).length;
  return [
    h1('Evidence index', { pageBreak: 'before', pageOrientation: 'landscape' }),
    m.evidence.length === 0
      ? para('No evidence is attached.')
      : para(`${m.evidence.length} items${expired ? `, ${expired} expired` : ''}. Each file can be checked against its SHA-256 (for example with sha256sum).`),
    ...(m.evidence.length === 0
      ? []
      : [
          table(
            [28, 38, '*', 28, 42, 268, 50, 58, 70],
            ['Ref', 'Control', 'Name', 'Kind', 'Size', 'SHA-256', 'Collected', 'Expires', 'Attached by'],
            m.evidence.map((e) => [
              refs.get(e.id) ?? '',
              pdfText(e.controlId),
              wrapping(e.kind === 'link' && e.url ? `${e.name}\n${e.url}` : e.name),
              e.kind,
              e.kind === 'file' ? byteSize(e.size) : '',
              { text: e.sha256, font: 'DejaVuMono', fontSize: 6.5 },
              e.collectedOn,
              e.expiresOn === null
                ? { text: 'Never', color: MUTED }
                : e.expired
                  ? { text: `${e.expiresOn} expired`, color: STATUS_STYLE.non_compliant.ink, bold: true }
                  : e.expiresOn,
              wrapping(e.attachedBy),
            ]),
            { fontSize: 7 },
          ),
        ]),
  ];
}

export function chainStatement(m: ReportModel): Node[] {
  const a = m.auditSummary;
  const chain =
    a.chainVerified === true
      ? { text: '✓ Hash chain verified: every event is intact and in order, and the tables hold what it records.', color: STATUS_STYLE.compliant.ink }
      : a.chainVerified === false
        ? { text: '✗ Hash chain NOT verified: the audit log or the data was changed outside the application.', color: STATUS_STYLE.non_compliant.ink, bold: true }
        : { text: '? Hash chain not checked for this report.', color: MUTED };
  return [
    para([chain]),
    ...(a.chainVerified === false ? (a.verificationProblems ?? []).map((p) => para(`• ${pdfText(p)}`)) : []),
    ...(a.head ? [para(`Anchored head: event ${a.head.seq}, hash ${a.head.hash}${a.head.signed ? ' (signed)' : ' (unsigned)'}.`)] : []),
  ];
}

function auditTrail(m: ReportModel): Node[] {
  const a = m.auditSummary;
  return [
    h1('Audit trail', { pageBreak: 'before', pageOrientation: 'portrait' }),
    para(`${a.events} recorded changes${a.firstAt && a.lastAt ? `, from ${timestampText(a.firstAt)} to ${timestampText(a.lastAt)}` : ''}.`),
    ...chainStatement(m),
    ...(a.byActor.length
      ? [h2('Changes by person'), table([220, 60], ['Person', 'Changes'], a.byActor.map((x) => [pdfText(x.actor), { text: String(x.events), alignment: 'right' }]), { fontSize: 8, rightAlignHeadFrom: 1 })]
      : []),
    h2('Most recent changes'),
    a.recent.length === 0
      ? para('No changes recorded.')
      : table(
          [92, 70, 45, 90, '*'],
          ['When', 'Who', 'Action', 'Entity', 'Summary'],
          a.recent.map((e) => [timestampText(e.at), wrapping(e.actor), pdfText(actionText(e.action)), wrapping(`${e.entity} ${e.entityId}`), wrapping(e.summary)]),
          { fontSize: 7.5 },
        ),
  ];
}

export function signOff(m: ReportModel): Node[] {
  const s = m.signOff;
  const line = (label: string, value: string | undefined): Cell[] => [
    { text: label, color: MUTED, margin: [0, 14, 0, 0] },
    { text: value ? pdfText(value) : ' ', margin: [0, 14, 0, 0], border: [false, false, false, true] },
  ];
  return [
    h1('Sign-off', { margin: [0, 24, 0, 8] }),
    para(s?.signedBy ? 'This report was signed off as follows.' : 'Not signed off in the application. To sign on paper, fill in the lines below.'),
    {
      table: {
        widths: [90, 260],
        body: [
          line('Name', s?.signedBy),
          line('Role', s?.role),
          line('Date', s?.signedAt ? timestampText(s.signedAt) : undefined),
          line('Signature', undefined),
        ],
      },
      layout: { defaultBorder: false, hLineColor: () => INK, hLineWidth: () => 0.6 },
      unbreakable: true,
    },
  ];
}

export function buildPdfDocument(m: ReportModel): Node {
  const refs = new Map(m.evidence.map((e, i) => [e.id, `E${i + 1}`]));
  return reportDocument(m, 'Compliance evidence report', [
    ...cover(m),
    { toc: { title: { text: 'Contents', style: 'h1' }, numberStyle: { color: MUTED } }, pageBreak: 'before' },
    ...executiveSummary(m),
    ...(m.readinessHistory ? [h2('Readiness over time'), ...readinessOverTime(m, m.readinessHistory)] : []),
    ...requirementSections(m, refs),
    ...remediationPlan(m),
    ...controlTable(m, refs),
    ...evidenceIndex(m, refs),
    ...auditTrail(m),
    ...signOff(m),
  ]);
}

/** Page size, header, footer, metadata and styles around `content`: the same for the full report and the summary. */
export function reportDocument(m: ReportModel, title: string, content: Node[]): Node {
  const state =
    m.scope.describes === 'signed_baseline' && m.scope.baseline
      ? `Signed baseline of ${timestampText(m.scope.baseline.signedAt).slice(0, 10)}`
      : 'Current working state';
  return {
    pageSize: 'A4',
    pageMargins: [50, 56, 50, 52],
    info: {
      title: pdfText(`${title}: ${m.project.name}`),
      author: pdfText(m.generatedBy),
      subject: pdfText(`${m.scope.frameworks.map((f) => f.name).join(', ')}; catalog ${m.catalogVersion}`),
      creator: 'Compliance Workbench',
      producer: 'Compliance Workbench (pdfmake)',
      // Fixed from the model so that the same state gives the same bytes.
      creationDate: new Date(m.generatedAt),
    },
    header: (page: number, _count: number, size: { width: number }): Node | null =>
      page === 1
        ? null
        : {
            columns: [
              { text: pdfText(`${title} — ${m.project.name}`), width: '*' },
              { text: state, width: 'auto', alignment: 'right' },
            ],
            margin: [50, 22, 50, 0],
            fontSize: 7.5,
            color: MUTED,
            width: size.width,
          },
    footer: (page: number, count: number): Node => ({
      columns: [
        { text: pdfText(`Generated ${timestampText(m.generatedAt)} by ${m.generatedBy}`), width: '*' },
        { text: `Page ${page} of ${count}`, width: 'auto', alignment: 'right' },
      ],
      margin: [50, 18, 50, 0],
      fontSize: 7.5,
      color: MUTED,
    }),
    content,
    defaultStyle: { font: 'DejaVu', fontSize: 9, color: INK, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 17, bold: true, color: BRAND, margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, color: BRAND, margin: [0, 10, 0, 6] },
      h3: { fontSize: 9.5, color: INK, margin: [0, 8, 0, 3] },
      th: { bold: true, color: '#FFFFFF', fontSize: 7.5 },
    },
  };
}
