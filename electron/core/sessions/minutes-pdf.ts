// The minutes as PDF, built from the evidence report's blocks (tables, headings, colours) and
// rendered by its pdfmake setup (embedded DejaVu fonts, no file or network access). Same content
// as the Markdown minutes.
import { renderPdfDefinition } from '../reports/pdf';
import { BRAND, INK, MUTED, h1, h2, para, pdfText, statusCell, table, wrapping, type Cell, type Node } from '../reports/pdf-blocks';
import { timestampText } from '../reports/format';
import type { Minutes } from './minutes';
import { attendeeText, scopeText } from './minutes-markdown';

function section(title: string, head: string[], widths: Array<number | string>, rows: Cell[][]): Node[] {
  return [h2(title), rows.length ? table(widths, head, rows, { fontSize: 8 }) : para('None.', { italics: true, color: MUTED })];
}

export function buildMinutesPdf(m: Minutes): Node {
  const s = m.session;
  const line = (label: string, value: string): Node => para([{ text: `${label}: `, bold: true }, pdfText(value)], { margin: [0, 0, 0, 2] });
  return {
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 52],
    info: {
      title: pdfText(`Minutes: ${s.title}`),
      author: pdfText(s.facilitator),
      subject: pdfText(`${m.project.name} (${m.project.id})`),
      creator: 'Compliance Workbench',
      producer: 'Compliance Workbench (pdfmake)',
      // fixed from the session so the same minutes give the same bytes
      creationDate: new Date(s.endedAt ?? s.startedAt),
    },
    footer: (page: number, count: number): Node => ({
      columns: [
        { text: pdfText(`Minutes of ${s.title}`), width: '*' },
        { text: `Page ${page} of ${count}`, width: 'auto', alignment: 'right' },
      ],
      margin: [50, 18, 50, 0],
      fontSize: 7.5,
      color: MUTED,
    }),
    content: [
      h1(pdfText(`Minutes: ${s.title}`), { tocItem: false }),
      line('Project', `${m.project.name} (${m.project.id})`),
      line('Session', `${s.id}${m.inProgress ? ' (still running: these minutes are a draft)' : ''}`),
      line('Facilitator', s.facilitator),
      line('Started', timestampText(s.startedAt)),
      line('Ended', s.endedAt ? timestampText(s.endedAt) : 'not yet'),
      line('Scope', scopeText(m)),
      h2('Attendees'),
      m.attendees.length ? { ul: m.attendees.map((a) => pdfText(attendeeText(a))), margin: [0, 0, 0, 6] } : para('None recorded.', { italics: true, color: MUTED }),
      ...section(`Controls reviewed (${m.controlsReviewed.length})`, ['Control', 'Title', 'Changes'], [50, '*', 45],
        m.controlsReviewed.map((c) => [pdfText(c.controlId), wrapping(c.title), String(c.changes)])),
      ...section('Status changes', ['Control', 'From', 'To', 'By', 'At'], [45, 85, 85, '*', 90],
        m.statusChanges.map((c) => [pdfText(c.controlId), statusCell(c.from), statusCell(c.to), wrapping(c.by), timestampText(c.at)])),
      ...(m.otherChanges.length
        ? section('Other changes to answers', ['Control', 'Changed', 'By', 'At'], [45, '*', 100, 90],
          m.otherChanges.map((c) => [pdfText(c.controlId), pdfText(c.fields.join(', ')), wrapping(c.by), timestampText(c.at)]))
        : []),
      ...section('Evidence added', ['Control', 'Evidence', 'Kind', 'SHA-256', 'By'], [45, '*', 35, 75, 80],
        m.evidenceAdded.map((e) => [pdfText(e.controlId), wrapping(e.name), pdfText(String(e.kind)), `${pdfText(String(e.sha256).slice(0, 12))}…`, wrapping(e.by)])),
      ...(m.evidenceRemoved.length
        ? section('Evidence removed', ['Control', 'Evidence', 'By'], [45, '*', 100], m.evidenceRemoved.map((e) => [pdfText(e.controlId), wrapping(e.name), wrapping(e.by)]))
        : []),
      ...(m.reviews.length
        ? section('Reviews', ['Control', 'Decision', 'Comment', 'Reviewer'], [45, 55, '*', 90],
          m.reviews.map((r) => [pdfText(r.controlId), r.decision === 'approved' ? 'Approved' : 'Rejected', wrapping(r.comment), wrapping(r.by)]))
        : []),
      ...section(`Action items (${m.actionItems.length})`, ['Control', 'Action', 'Owner', 'Due', 'Status'], [45, '*', 80, 60, 35],
        m.actionItems.map((a) => [pdfText(a.controlId), wrapping(a.text), wrapping(a.owner || '—'), a.dueDate ?? '—', a.status])),
    ],
    defaultStyle: { font: 'DejaVu', fontSize: 9, color: INK, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 17, bold: true, color: BRAND, margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, color: BRAND, margin: [0, 10, 0, 6] },
      th: { bold: true, color: '#FFFFFF', fontSize: 7.5 },
    },
  };
}

export function renderMinutesPdf(m: Minutes): Promise<Buffer> {
  return renderPdfDefinition(buildMinutesPdf(m));
}
