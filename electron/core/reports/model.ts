// Checks a report model and puts every list into one canonical order, so that renderers can
// trust what they get and the same project state gives the same bytes whatever order the
// database returned rows in. Comparisons are by code unit, never by locale.
import { z } from 'zod';
import { DOMAIN_IDS, FRAMEWORK_IDS, isBuiltinFramework, PRIORITIES } from '../../../shared/domain';
import type { ControlStatus, DomainId, FrameworkRef, Priority } from '../../../shared/domain';
import { ReportModel } from '../../../shared/report-model';
import { ReportError } from './errors';
import { visibleStrings, visibleText } from './visible-text';

/** Models this function returned: renderReport checks a model and hands it on to a renderer that checks its input too. */
const checked = new WeakSet<object>();

/**
 * Parses `input` as a ReportModel and returns a copy with every array in canonical order and
 * every text made visible (no NUL, bidi controls as [U+202E]), so no format passes them raw.
 * A model it returned is returned as it is (checking it again would give the same copy): treat
 * the result as read-only.
 */
export function checkReportModel(input: unknown): ReportModel {
  if (typeof input === 'object' && input !== null && checked.has(input)) return input as ReportModel;
  const parsed = ReportModel.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${formatPath(i.path)}: ${i.message}`);
    const more = parsed.error.issues.length > 10 ? ` (and ${parsed.error.issues.length - 10} more)` : '';
    throw new ReportError(
      'model_invalid',
      `The report data is not valid, so no report was written. ${issues.join('; ')}${more}`,
      { issues: z.treeifyError(parsed.error) },
    );
  }
  const model = canonicalOrder(visibleStrings(parsed.data));
  checked.add(model);
  return model;
}

/**
 * A checked model with the moment and the person that made this report put in: the rest of a
 * checked model is shared, unchanged, between reports made of the same state. Checked like the
 * rest (the person's name made visible, the moment a timestamp).
 */
export function stampReportModel(model: ReportModel, generatedAt: string, generatedBy: string): ReportModel {
  if (!checked.has(model)) return checkReportModel({ ...model, generatedAt, generatedBy });
  const stamp = ReportModel.pick({ generatedAt: true, generatedBy: true }).safeParse({ generatedAt, generatedBy });
  if (!stamp.success) return checkReportModel({ ...model, generatedAt, generatedBy }); // refused there, with the usual sentence
  const stamped = { ...model, generatedAt: stamp.data.generatedAt, generatedBy: visibleText(stamp.data.generatedBy) };
  checked.add(stamped);
  return stamped;
}

function formatPath(path: PropertyKey[]): string {
  return path.length === 0 ? '(model)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Natural order: "DS-2" < "DS-10", "164.308(a)" < "164.312(b)", "9.1" < "10.2.1". */
export function naturalCompare(a: string, b: string): number {
  const ca = a.match(/\d+|\D+/g) ?? [];
  const cb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i] as string;
    const y = cb[i] as string;
    const xn = /^\d/.test(x);
    const yn = /^\d/.test(y);
    if (xn && yn) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      if (x.length !== y.length) return x.length - y.length; // "01" after "1": still total
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  if (ca.length !== cb.length) return ca.length - cb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const frameworkRank = (f: FrameworkRef): number => (isBuiltinFramework(f) ? FRAMEWORK_IDS.indexOf(f) : FRAMEWORK_IDS.length);
const domainRank = (d: DomainId): number => DOMAIN_IDS.indexOf(d);
export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);
const GAP_STATUS_RANK: Record<ControlStatus, number> = {
  non_compliant: 0,
  partial: 1,
  not_assessed: 2,
  compliant: 3,
  not_applicable: 4,
};

function canonicalOrder(m: ReportModel): ReportModel {
  const controlRank = new Map<string, number>();
  const controls = [...m.controls]
    .sort((a, b) => domainRank(a.domain) - domainRank(b.domain) || naturalCompare(a.id, b.id))
    .map((c, i) => {
      controlRank.set(c.id, i);
      return c;
    });
  const byControl = (a: string, b: string): number =>
    (controlRank.get(a) ?? 0) - (controlRank.get(b) ?? 0) || naturalCompare(a, b);

  const evidence = [...m.evidence].sort(
    (a, b) =>
      byControl(a.controlId, b.controlId) ||
      byCodeUnit(a.collectedOn, b.collectedOn) ||
      byCodeUnit(a.name, b.name) ||
      byCodeUnit(a.id, b.id),
  );
  const evidenceRank = new Map(evidence.map((e, i) => [e.id, i]));

  return {
    ...m,
    scope: {
      ...m.scope,
      frameworks: [...m.scope.frameworks].sort((a, b) => frameworkRank(a.id) - frameworkRank(b.id)),
    },
    summary: {
      ...m.summary,
      byFramework: [...m.summary.byFramework].sort((a, b) => frameworkRank(a.framework) - frameworkRank(b.framework)),
      byDomain: [...m.summary.byDomain].sort((a, b) => domainRank(a.domain) - domainRank(b.domain)),
      topGaps: [...m.summary.topGaps].sort(
        (a, b) =>
          priorityRank(a.priority) - priorityRank(b.priority) ||
          GAP_STATUS_RANK[a.status] - GAP_STATUS_RANK[b.status] ||
          byControl(a.controlId, b.controlId),
      ),
    },
    requirementsByFramework: [...m.requirementsByFramework]
      .sort((a, b) => frameworkRank(a.framework) - frameworkRank(b.framework))
      .map((f) => ({
        framework: f.framework,
        requirements: [...f.requirements]
          .sort((a, b) => naturalCompare(a.id, b.id))
          .map((r) => ({ ...r, controls: [...r.controls].sort((a, b) => byControl(a.id, b.id)) })),
      })),
    controls: controls.map((c) => ({
      ...c,
      frameworks: [...new Set(c.frameworks)].sort((a, b) => frameworkRank(a) - frameworkRank(b)),
      requirements: [...c.requirements].sort(
        (a, b) => frameworkRank(a.framework) - frameworkRank(b.framework) || naturalCompare(a.id, b.id),
      ),
      evidenceIds: [...c.evidenceIds].sort((a, b) => (evidenceRank.get(a) ?? 0) - (evidenceRank.get(b) ?? 0)),
    })),
    evidence,
    auditSummary: {
      ...m.auditSummary,
      byActor: [...m.auditSummary.byActor].sort((a, b) => b.events - a.events || byCodeUnit(a.actor, b.actor)),
      recent: [...m.auditSummary.recent].sort(
        (a, b) =>
          Date.parse(b.at) - Date.parse(a.at) ||
          byCodeUnit(b.at, a.at) ||
          byCodeUnit(a.entity, b.entity) ||
          byCodeUnit(a.entityId, b.entityId) ||
          byCodeUnit(a.action, b.action) ||
          byCodeUnit(a.actor, b.actor) ||
          byCodeUnit(a.summary, b.summary),
      ),
    },
  };
}
