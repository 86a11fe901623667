// The minutes as PDF, through the evidence report's pdfmake setup (embedded DejaVu fonts, no
// file or network access). Same content as the Markdown minutes, as tables.
import { STATUS_LABELS } from '../../../shared/domain';
import { renderPdfDefinition } from '../reports/pdf';
import { pdfText } from '../reports/pdf-document';
import { timestampText } from '../reports/format';
import type { Minutes } from './minutes';
import { attendeeText, scopeText } from './minutes-markdown';

type Node = Record<string, unknown>;

function table(head: string[], rows: string[][], widths: Array<number | string>): Node {
  if (rows.length === 0) return { text: 'None.', italics: true, margin: [0, 0, 0, 6] };
  return {
    table: {
      headerRows: 1,
      widths,
      body: [head.map((h) => ({ text: h, bold: true, fillColor: '#E8EBEF' })), ...rows.map((r) => r.map((c) => pdfText(c)))],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8.5,
    margin: [0, 0, 0, 8],
  };
}

const h2 = (text: string): Node => ({ text, fontSize: 12, bold: true, color: '#1F3A5F', margin: [0, 10, 0, 4] });

export function buildMinutesPdf(m: Minutes): Node {
  const s = m.session;
  const line = (label: string, value: string): Node => ({ text: [{ text: `${label}: `, bold: true }, pdfText(value)] });
  return {
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    info: {
      title: pdfText(`Minutes: ${s.title}`),
      author: pdfText(s.facilitator),
      creator: 'Compliance Workbench',
      producer: 'Compliance Workbench (pdfmake)',
      // fixed from the session so the same minutes give the same bytes
      creationDate: new Date(s.endedAt ?? s.startedAt),
    },
    footer: (page: number, count: number): Node => ({ text: `Page ${page} of ${count}`, alignment: 'right', fontSize: 7.5, margin: [50, 18, 50, 0] }),
    content: [
      { text: pdfText(`Minutes: ${s.title}`), fontSize: 17, bold: true, color: '#1F3A5F', margin: [0, 0, 0, 8] },
      line('Project', `${m.project.name} (${m.project.id})`),
      line('Session', `${s.id}${m.inProgress ? ' (still running: these minutes are a draft)' : ''}`),
      line('Facilitator', s.facilitator),
      line('Started', timestampText(s.startedAt)),
      line('Ended', s.endedAt ? timestampText(s.endedAt) : 'not yet'),
      line('Scope', scopeText(m)),
      h2('Attendees'),
      s.attendees.length ? { ul: s.attendees.map((a) => pdfText(attendeeText(a))) } : { text: 'None recorded.', italics: true },
      h2(`Controls reviewed (${m.controlsReviewed.length})`),
      table(['Control', 'Title', 'Changes'], m.controlsReviewed.map((c) => [c.controlId, c.title, String(c.changes)]), [50, '*', 45]),
      h2('Status changes'),
      table(['Control', 'From', 'To', 'By', 'At'], m.statusChanges.map((c) => [c.controlId, STATUS_LABELS[c.from] ?? String(c.from), STATUS_LABELS[c.to] ?? String(c.to), c.by, timestampText(c.at)]), [50, 75, 75, '*', 95]),
      ...(m.otherChanges.length
        ? [h2('Other changes to answers'), table(['Control', 'Changed', 'By', 'At'], m.otherChanges.map((c) => [c.controlId, c.fields.join(', '), c.by, timestampText(c.at)]), [50, '*', 100, 95])]
        : []),
      h2('Evidence added'),
      table(['Control', 'Evidence', 'Kind', 'SHA-256', 'By'], m.evidenceAdded.map((e) => [e.controlId, e.name, e.kind, `${e.sha256.slice(0, 12)}…`, e.by]), [50, '*', 35, 80, 80]),
      ...(m.evidenceRemoved.length ? [h2('Evidence removed'), table(['Control', 'Evidence', 'By'], m.evidenceRemoved.map((e) => [e.controlId, e.name, e.by]), [50, '*', 100])] : []),
      ...(m.reviews.length
        ? [h2('Reviews'), table(['Control', 'Decision', 'Comment', 'Reviewer'], m.reviews.map((r) => [r.controlId, r.decision === 'approved' ? 'Approved' : 'Rejected', r.comment, r.by]), [50, 55, '*', 90])]
        : []),
      h2(`Action items (${m.actionItems.length})`),
      table(['Control', 'Action', 'Owner', 'Due', 'Status'], m.actionItems.map((a) => [a.controlId, a.text, a.owner || '—', a.dueDate ?? '—', a.status]), [50, '*', 80, 60, 35]),
    ],
    defaultStyle: { font: 'DejaVu', fontSize: 9, lineHeight: 1.15 },
  };
}

export function renderMinutesPdf(m: Minutes): Promise<Buffer> {
  return renderPdfDefinition(buildMinutesPdf(m));
}
