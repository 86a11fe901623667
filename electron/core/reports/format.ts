// Wording and number formats shared by the human-readable reports (Markdown and PDF), so both
// say the same thing the same way. No locale or time-zone of the machine leaks in: times are UTC.
import { DOMAIN_LABELS, frameworkLabel, isBuiltinFramework, PRIORITIES, STATUS_LABELS } from '../../../shared/domain';
import type { ControlStatus, DomainId, FrameworkId, FrameworkRef, Priority, Readiness } from '../../../shared/domain';
import type { ReportModel } from '../../../shared/report-model';
import { readinessText } from '../../../shared/gaps';

export function percentText(r: Readiness): string {
  return readinessText(r.percent);
}

/** `2025-03-01T14:05:09.000Z` → `2025-03-01 14:05 UTC`. */
export function timestampText(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export function statusText(s: ControlStatus): string {
  return STATUS_LABELS[s];
}

/** A symbol beside the word, so status reads without colour (printed in grey, colour-blind readers). */
export const STATUS_SYMBOL: Record<ControlStatus, string> = {
  compliant: '✓',
  partial: '◐',
  non_compliant: '✗',
  not_assessed: '?',
  not_applicable: '–',
};

export function priorityText(p: Priority): string {
  return p.charAt(0).toUpperCase() + p.slice(1);
}

export function domainText(d: DomainId): string {
  return DOMAIN_LABELS[d];
}

export function frameworkText(m: ReportModel, id: FrameworkRef): string {
  return m.scope.frameworks.find((f) => f.id === id)?.name ?? frameworkLabel(id);
}

/** The short citation prefix: "HIPAA 164.312(b)", "GDPR Art. 32(1)(a)", "PCI DSS 10.2.1"; an imported framework's id. */
export const FRAMEWORK_CITATION: Record<FrameworkId, string> = { hipaa: 'HIPAA', gdpr: 'GDPR', pci: 'PCI DSS' };

export function citation(framework: FrameworkRef, requirement: string): string {
  return `${isBuiltinFramework(framework) ? FRAMEWORK_CITATION[framework] : framework} ${requirement}`;
}

export function frameworkWithVersion(m: ReportModel, id: FrameworkRef): string {
  const f = m.scope.frameworks.find((x) => x.id === id);
  if (!f) return frameworkLabel(id);
  if (f.name.includes(f.version)) return f.name;
  // "PCI DSS v4.0.1" with version "v4.0.1 (June 2024)" reads "PCI DSS v4.0.1 (June 2024)", not the version twice
  const [first = '', ...rest] = f.version.split(' ');
  if (first && f.name.split(' ').includes(first)) {
    const extra = rest.join(' ').replace(/^\((.*)\)$/, '$1').trim();
    return extra ? `${f.name} (${extra})` : f.name;
  }
  return `${f.name} (${f.version})`;
}

export function scopeFilterText(m: ReportModel): string {
  return m.scope.frameworkFilter === 'all'
    ? 'All frameworks in scope'
    : `Only ${frameworkText(m, m.scope.frameworkFilter)}`;
}

export function describesText(m: ReportModel): string {
  if (m.scope.describes === 'signed_baseline' && m.scope.baseline) {
    return `The signed baseline, signed by ${m.scope.baseline.signedBy} on ${timestampText(m.scope.baseline.signedAt)}`;
  }
  return `The current working state as of ${timestampText(m.generatedAt)} (not a signed baseline)`;
}

export function countsText(r: Readiness): string {
  const c = r.counts;
  return `${c.compliant} compliant, ${c.partial} partial, ${c.non_compliant} non-compliant, ${c.not_assessed} not assessed, ${c.not_applicable} not applicable`;
}

export function byteSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** Controls that need work, in the order a remediation plan lists them. */
export function remediationItems(m: ReportModel): ReportModel['controls'] {
  return m.controls
    .filter((c) => c.status === 'non_compliant' || c.status === 'partial')
    .sort(
      (a, b) =>
        PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) ||
        (a.status === b.status ? 0 : a.status === 'non_compliant' ? -1 : 1) ||
        dueRank(a.dueDate, b.dueDate),
    ); // Array.prototype.sort is stable: ties keep the canonical control order.
}

function dueRank(a: string | null, b: string | null): number {
  const x = a ?? '9999-12-31';
  const y = b ?? '9999-12-31';
  return x < y ? -1 : x > y ? 1 : 0;
}
