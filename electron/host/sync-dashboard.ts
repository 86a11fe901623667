// The sync server's read-only dashboard: projects, readiness per framework, last sync per member.
// Every value is escaped for HTML; the page has no script and no form.
import type { DashboardProject } from '../core/sync/server-reads';
import { readinessText } from '../../shared/gaps';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function projectSection(p: DashboardProject): string {
  const readiness = p.readiness.length
    ? p.readiness.map((r) => `<li>${escapeHtml(r.framework)}: ${readinessText(r.readiness.percent)} ready (${r.readiness.inScope} controls in scope)</li>`).join('')
    : '<li>No copy pushed yet</li>';
  const members = p.members
    .map((m) => `<tr><td>${escapeHtml(m.memberKey)}</td><td>${escapeHtml(m.role ?? 'removed')}</td><td><code>${escapeHtml(m.fingerprint ?? 'no key')}</code></td><td>${escapeHtml(m.lastSyncAt ?? 'never')}</td></tr>`)
    .join('');
  return `<section><h2>${escapeHtml(p.name)} <small>${escapeHtml(p.projectId)}</small></h2>
<p>${p.events} signed events</p>
<h3>Readiness per framework</h3><ul>${readiness}</ul>
<h3>Members</h3><table><thead><tr><th>Member</th><th>Role</th><th>Key fingerprint</th><th>Last sync (UTC)</th></tr></thead><tbody>${members}</tbody></table></section>`;
}

export function renderDashboard(projects: DashboardProject[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Compliance Workbench sync server</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}small{color:#555}</style></head>
<body><h1>Compliance Workbench sync server</h1><p>Read-only. ${projects.length} project${projects.length === 1 ? '' : 's'}.</p>
${projects.map(projectSection).join('\n')}</body></html>`;
}
