// The minutes as Markdown. Every piece of text from people or from audit events (which may have
// come in a bundle) goes through escapeMarkdown: it renders as typed and can never become a link,
// HTML or a broken table.
import { DOMAIN_LABELS, frameworkLabel, STATUS_LABELS } from '../../../shared/domain';
import { escapeMarkdown as md } from '../reports/escape-markdown';
import { timestampText } from '../reports/format';
import type { Minutes } from './minutes';

function table(head: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['None.', ''];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

export function attendeeText(a: Minutes['attendees'][number]): string {
  const extra = [a.email, a.guest ? 'guest' : a.role].filter(Boolean).join(', ');
  return extra ? `${a.name} (${extra})` : a.name;
}

export function scopeText(m: Minutes): string {
  const { domains, frameworks } = m.session.scope;
  const parts = [
    frameworks.length ? frameworks.map((f) => m.frameworkNames[f] ?? frameworkLabel(f)).join(', ') : 'all frameworks in scope',
    domains.length ? domains.map((d) => DOMAIN_LABELS[d]).join(', ') : 'all domains',
  ];
  return parts.join('; ');
}

export function renderMinutesMarkdown(m: Minutes): string {
  const s = m.session;
  const out: string[] = [
    `# Minutes: ${md(s.title)}`,
    '',
    `- Project: ${md(m.project.name)} (${md(m.project.id)})`,
    `- Session: ${md(s.id)}${m.inProgress ? ' (still running: these minutes are a draft)' : ''}`,
    `- Facilitator: ${md(s.facilitator)}`,
    `- Started: ${timestampText(s.startedAt)}`,
    `- Ended: ${s.endedAt ? timestampText(s.endedAt) : 'not yet'}`,
    `- Scope: ${md(scopeText(m))}`,
    '',
    '## Attendees',
    '',
    ...(m.attendees.length ? m.attendees.map((a) => `- ${md(attendeeText(a))}`) : ['None recorded.']),
    '',
    `## Controls reviewed (${m.controlsReviewed.length})`,
    '',
    ...table(['Control', 'Title', 'Changes'], m.controlsReviewed.map((c) => [md(c.controlId), md(c.title), String(c.changes)])),
    '## Status changes',
    '',
    ...table(['Control', 'From', 'To', 'By', 'At'], m.statusChanges.map((c) => [md(c.controlId), STATUS_LABELS[c.from] ?? md(String(c.from)), STATUS_LABELS[c.to] ?? md(String(c.to)), md(c.by), timestampText(c.at)])),
  ];
  if (m.otherChanges.length) {
    out.push('## Other changes to answers', '', ...table(['Control', 'Changed', 'By', 'At'], m.otherChanges.map((c) => [md(c.controlId), md(c.fields.join(', ')), md(c.by), timestampText(c.at)])));
  }
  out.push(
    '## Evidence added',
    '',
    ...table(['Control', 'Evidence', 'Kind', 'SHA-256', 'By'], m.evidenceAdded.map((e) => [md(e.controlId), md(e.name), md(String(e.kind)), `${md(String(e.sha256).slice(0, 12))}…`, md(e.by)])),
  );
  if (m.evidenceRemoved.length) {
    out.push('## Evidence removed', '', ...table(['Control', 'Evidence', 'By'], m.evidenceRemoved.map((e) => [md(e.controlId), md(e.name), md(e.by)])));
  }
  if (m.reviews.length) {
    out.push('## Reviews', '', ...table(['Control', 'Decision', 'Comment', 'Reviewer'], m.reviews.map((r) => [md(r.controlId), r.decision === 'approved' ? 'Approved' : 'Rejected', md(r.comment), md(r.by)])));
  }
  out.push(
    `## Action items (${m.actionItems.length})`,
    '',
    ...table(['Control', 'Action', 'Owner', 'Due', 'Status'], m.actionItems.map((a) => [md(a.controlId), md(a.text), md(a.owner || '—'), a.dueDate ?? '—', a.status])),
  );
  return `${out.join('\n').trimEnd()}\n`;
}
