// The evidence report as CommonMark + GFM tables: readable raw, rendered on any forge, diffable
// between two exports. Every piece of text that did not come from this file goes through `md()`.
import type { Readiness } from '../../../shared/domain';
import type { ReportEvidence, ReportModel } from '../../../shared/report-model';
import { escapeMarkdown as md } from './escape-markdown';
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
  statusText,
  timestampText,
} from './format';
import { checkReportModel } from './model';
import { actionText } from './audit-wording';
import { controlTableRows, evidenceRefText, runText } from './control-rows';

export function renderMarkdown(input: ReportModel): string {
  return markdownLines(input).join('\n');
}

/** Lines per piece of markdownChunks: a few hundred kB of text. */
const LINES_PER_CHUNK = 4_096;

/**
 * The Markdown report in pieces, in order: joined they are renderMarkdown's text exactly. A file is
 * written from them piece by piece, with no string of the whole report.
 */
export function* markdownChunks(input: ReportModel): Generator<string> {
  const out = markdownLines(input);
  for (let i = 0; i < out.length; i += LINES_PER_CHUNK) {
    const last = i + LINES_PER_CHUNK >= out.length;
    yield out.slice(i, i + LINES_PER_CHUNK).join('\n') + (last ? '' : '\n');
  }
}

export function markdownLines(input: ReportModel): string[] {
  const m = checkReportModel(input);
  const refs = evidenceRefs(m.evidence);
  const out: string[] = [];
  const section = (title: string): void => {
    out.push('', `## ${title}`, '');
  };

  cover(m, out);
  section('Executive summary');
  executiveSummary(m, out);
  section('Requirements by framework');
  requirements(m, refs, out);
  section('Remediation plan');
  remediationPlan(m, out);
  section('Controls');
  controlTable(m, refs, out);
  section('Evidence index');
  evidenceIndex(m, refs, out);
  section('Audit trail');
  auditTrail(m, out);
  section('Sign-off');
  signOff(m, out);
  out.push('');
  return out;
}

function table(headers: string[], rows: string[][], align?: Array<'l' | 'r'>): string[] {
  const sep = headers.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const line = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(headers), line(sep), ...rows.map(line)];
}

/** Short, stable references (E1, E2, ...) so requirement tables can cite evidence compactly. */
function evidenceRefs(evidence: ReportEvidence[]): Map<string, string> {
  return new Map(evidence.map((e, i) => [e.id, `E${i + 1}`]));
}

function cover(m: ReportModel, out: string[]): void {
  out.push(`# Compliance evidence report: ${md(m.project.name)}`, '');
  const rows: string[][] = [
    ['Project', `${md(m.project.name)} (${md(m.project.id)})`],
    ['Description', m.project.description.trim() === '' ? '—' : md(m.project.description)],
    ['Frameworks in scope', m.scope.frameworks.map((f) => md(frameworkWithVersion(m, f.id))).join('; ')],
    ['Framework filter', md(scopeFilterText(m))],
    ['Not-applicable controls', m.scope.includeNotApplicable ? 'Included' : 'Left out of the lists'],
    ['Catalog version', md(m.catalogVersion)],
    ['Generated', `${timestampText(m.generatedAt)} by ${md(m.generatedBy)}`],
    ['State described', md(describesText(m))],
  ];
  out.push(...table(['Item', 'Value'], rows));
  out.push(
    '',
    'Contents: [Executive summary](#executive-summary) · [Requirements by framework](#requirements-by-framework) · ' +
      '[Remediation plan](#remediation-plan) · [Controls](#controls) · [Evidence index](#evidence-index) · ' +
      '[Audit trail](#audit-trail) · [Sign-off](#sign-off)',
  );
}

function readinessRow(label: string, r: Readiness): string[] {
  const c = r.counts;
  return [
    md(label),
    percentText(r),
    String(r.inScope),
    String(c.compliant),
    String(c.partial),
    String(c.non_compliant),
    String(c.not_assessed),
    String(c.not_applicable),
  ];
}

const READINESS_HEAD = ['Readiness', 'In scope', 'Compliant', 'Partial', 'Non-compliant', 'Not assessed', 'Not applicable'];
const READINESS_ALIGN: Array<'l' | 'r'> = ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'];

function executiveSummary(m: ReportModel, out: string[]): void {
  const o = m.summary.overall;
  out.push(
    `Overall readiness: **${percentText(o)}** of ${o.inScope} controls in scope (${countsText(o)}).`,
    'Readiness counts a compliant control fully and a partial one as half, out of the controls that apply.',
    '',
    '### Readiness by framework',
    '',
    ...table(
      ['Framework', ...READINESS_HEAD],
      m.summary.byFramework.map((f) => readinessRow(frameworkText(m, f.framework), f.readiness)),
      READINESS_ALIGN,
    ),
    '',
    '### Readiness by domain',
    '',
    ...table(
      ['Domain', ...READINESS_HEAD],
      m.summary.byDomain.map((d) => readinessRow(domainText(d.domain), d.readiness)),
      READINESS_ALIGN,
    ),
    '',
    '### Highest-priority gaps',
    '',
  );
  if (m.summary.topGaps.length === 0) {
    out.push('No open gaps: every applicable control is compliant.');
    return;
  }
  out.push(
    ...table(
      ['Control', 'Title', 'Priority', 'Status'],
      m.summary.topGaps.map((g) => [md(g.controlId), md(g.title), priorityText(g.priority), statusText(g.status)]),
    ),
  );
}

function requirements(m: ReportModel, refs: Map<string, string>, out: string[]): void {
  const controls = new Map(m.controls.map((c) => [c.id, c]));
  const evidence = new Map(m.evidence.map((e) => [e.id, e]));
  out.push('Each requirement with the controls that satisfy it. Evidence references (E1, E2, ...) point to the evidence index.');
  if (m.requirementsByFramework.length === 0) out.push('', 'No framework requirements are in scope.');
  for (const f of m.requirementsByFramework) {
    out.push('', `### ${md(frameworkWithVersion(m, f.framework))}`);
    if (f.requirements.length === 0) out.push('', 'No requirements of this framework are in scope.');
    for (const r of f.requirements) {
      out.push('', `#### ${md(r.id)}${r.title.trim() === '' ? '' : ` — ${md(r.title)}`}`, '');
      if (r.controls.length === 0) {
        out.push(r.note ? md(r.note) : 'No control in scope maps to this requirement: it is not covered.');
        continue;
      }
      const rows = r.controls.map((rc) => {
        const ids = controls.get(rc.id)?.evidenceIds ?? [];
        const cited = ids
          .map((id) => evidence.get(id))
          .filter((e): e is ReportEvidence => e !== undefined)
          .map((e) => `${refs.get(e.id) ?? ''} ${md(e.name)}${e.expired ? ' (expired)' : ''}`);
        return [md(rc.id), md(rc.title), statusText(rc.status), cited.length === 0 ? 'None' : cited.join('; ')];
      });
      out.push(...table(['Control', 'Title', 'Status', 'Evidence'], rows));
    }
  }
}

function remediationPlan(m: ReportModel, out: string[]): void {
  const items = remediationItems(m);
  if (items.length === 0) {
    out.push('Nothing to remediate: no control is non-compliant or partial.');
    return;
  }
  out.push(`${items.length} controls need work, most urgent first.`, '');
  out.push(
    ...table(
      ['Control', 'Title', 'Status', 'Priority', 'Owner', 'Due', 'Note'],
      items.map((c) => [
        md(c.id),
        md(c.title),
        statusText(c.status),
        priorityText(c.priority),
        c.owner.trim() === '' ? 'Unassigned' : md(c.owner),
        c.dueDate ?? 'No date',
        md(c.note),
      ]),
    ),
  );
}

function controlTable(m: ReportModel, refs: Map<string, string>, out: string[]): void {
  if (m.controls.length === 0) {
    out.push('No controls are in scope.');
    return;
  }
  out.push(
    ...table(
      ['Control', 'Title', 'Domain', 'Priority', 'Status', 'Owner', 'Due', 'Evidence', 'Note', 'Requirements'],
      controlTableRows(m).map((row) => {
        if (row.kind === 'not_assessed_run') return ['', md(runText(row.ids)), '', '', statusText('not_assessed'), '', '', '', '', ''];
        const c = row.control;
        return [
          md(c.id),
          md(c.title),
          md(domainText(c.domain)),
          priorityText(c.priority),
          statusText(c.status),
          md(c.owner),
          c.dueDate ?? '',
          evidenceRefText(c, refs),
          md(c.note),
          c.requirements.map((r) => md(citation(r.framework, r.id))).join('; '),
        ];
      }),
    ),
  );
}

function evidenceIndex(m: ReportModel, refs: Map<string, string>, out: string[]): void {
  if (m.evidence.length === 0) {
    out.push('No evidence is attached.');
    return;
  }
  const expired = m.evidence.filter((e) => e.expired).length;
  out.push(
    `${m.evidence.length} items${expired > 0 ? `, ${expired} expired` : ''}. ` +
      'Each file can be checked against its SHA-256 (for example with `sha256sum`).',
    '',
  );
  out.push(
    ...table(
      ['Ref', 'Control', 'Name', 'Kind', 'Size', 'SHA-256', 'Collected', 'Expires', 'Attached by'],
      m.evidence.map((e) => [
        refs.get(e.id) ?? '',
        md(e.controlId),
        md(e.name) + (e.kind === 'link' && e.url ? ` (${md(e.url)})` : ''),
        e.kind,
        e.kind === 'file' ? byteSize(e.size) : '',
        `\`${e.sha256}\``,
        e.collectedOn,
        e.expiresOn === null ? 'Never' : `${e.expiresOn}${e.expired ? ' (expired)' : ''}`,
        md(e.attachedBy),
      ]),
    ),
  );
}

function chainText(v: boolean | null, problems: readonly string[]): string {
  if (v === true) return 'verified: every event is intact and in order, and the tables hold what it records';
  if (v === false) {
    return problems.length
      ? `NOT verified: the audit log or the data was changed outside the application (${problems.length} problem${problems.length === 1 ? '' : 's'} found)`
      : 'BROKEN: the audit log was changed outside the application';
  }
  return 'not checked for this report';
}

function auditTrail(m: ReportModel, out: string[]): void {
  const a = m.auditSummary;
  out.push(
    `${a.events} recorded changes` +
      (a.firstAt && a.lastAt ? `, from ${timestampText(a.firstAt)} to ${timestampText(a.lastAt)}` : '') +
      '.',
    '',
    `Hash chain: ${chainText(a.chainVerified, a.verificationProblems ?? [])}.`,
    '',
    ...(a.head ? [`Anchored head: event ${a.head.seq}, hash \`${a.head.hash}\`${a.head.signed ? ' (signed)' : ' (unsigned)'}. Keep this line: a later \`cwb audit verify\` must still reach this event with this hash.`, ''] : []),
  );
  if (a.chainVerified === false && a.verificationProblems?.length) {
    out.push(...a.verificationProblems.map((p) => `- ${md(p)}`), '');
  }
  if (a.byActor.length > 0) {
    out.push('### Changes by person', '', ...table(['Person', 'Changes'], a.byActor.map((x) => [md(x.actor), String(x.events)]), ['l', 'r']), '');
  }
  out.push('### Most recent changes', '');
  if (a.recent.length === 0) {
    out.push('No changes recorded.');
    return;
  }
  out.push(
    ...table(
      ['When', 'Who', 'Action', 'Entity', 'Summary'],
      a.recent.map((e) => [
        timestampText(e.at),
        md(e.actor),
        md(actionText(e.action)),
        `${md(e.entity)} ${md(e.entityId)}`,
        md(e.summary),
      ]),
    ),
  );
}

function signOff(m: ReportModel, out: string[]): void {
  const s = m.signOff;
  out.push(
    s?.signedBy
      ? 'This report was signed off as follows.'
      : 'Not signed off in the application. To sign on paper, fill in the lines below.',
    '',
    ...table(
      ['Field', 'Value'],
      [
        ['Name', s?.signedBy ? md(s.signedBy) : ''],
        ['Role', s?.role ? md(s.role) : ''],
        ['Date', s?.signedAt ? timestampText(s.signedAt) : ''],
        ['Signature', ''],
      ],
    ),
  );
}
