// The sync server's read-only dashboard: projects, readiness per framework, last sync per member.
// Every value is escaped for HTML; the page has no script and no form.
import type { DashboardProject } from '../core/sync/server-reads';
import { readinessText } from '../../shared/gaps';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function projectSection(p: DashboardProject, index: number, frameworkName: (id: string) => string): string {
  const readiness = p.readiness.length
    ? p.readiness.map((r) => `<li>${escapeHtml(frameworkName(r.framework))}: ${readinessText(r.readiness.percent)} ready (${r.readiness.inScope} controls in scope)</li>`).join('')
    : '<li>No copy pushed yet</li>';
  const members = p.members
    .map((m) => {
      const who = m.name && m.name !== m.memberKey ? `${escapeHtml(m.name)} <small>${escapeHtml(m.memberKey)}</small>` : escapeHtml(m.memberKey);
      return `<tr><td>${who}</td><td>${escapeHtml(m.role ?? 'removed')}</td><td><code>${escapeHtml(m.fingerprint ?? 'no key')}</code></td><td>${escapeHtml(m.lastSyncAt ? m.lastSyncAt.slice(0, 16).replace('T', ' ') : 'never')}</td></tr>`;
    })
    .join('');
  return `<section aria-labelledby="project-${index}"><h2 id="project-${index}">${escapeHtml(p.name)} <small>${escapeHtml(p.projectId)}</small></h2>
<p>${p.events} signed events</p>
<h3>Readiness per framework</h3><ul>${readiness}</ul>
<h3>Members</h3><table><thead><tr><th scope="col">Member</th><th scope="col">Role</th><th scope="col">Key fingerprint</th><th scope="col">Last sync (UTC)</th></tr></thead><tbody>${members}</tbody></table></section>`;
}

/** The page; frameworkName turns a framework id into the name the app shows (the id where unknown). */
export function renderDashboard(projects: DashboardProject[], frameworkName: (id: string) => string = (id) => id): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Compliance Workbench sync server</title>
<style>:root{color-scheme:light dark}body{font-family:system-ui,sans-serif;margin:2rem auto;padding:0 1rem;max-width:60rem;line-height:1.4}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}small{color:#555}
@media (prefers-color-scheme: dark){body{background:#16181d;color:#e6e6e6}small{color:#b4b4b4}td,th{border-color:#555}}</style></head>
<body><main><h1>Compliance Workbench sync server</h1><p>Read-only. ${projects.length} project${projects.length === 1 ? '' : 's'}.</p>
${projects.map((p, i) => projectSection(p, i + 1, frameworkName)).join('\n')}</main></body></html>`;
}
