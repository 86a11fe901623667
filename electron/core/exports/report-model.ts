// Builds the report model from a project's stored state: the one place where reports look at
// the database. Renderers in ../reports are pure functions of what this returns.
import type { ReadContext } from '../store/access';
import { auditTotals } from '../audit/totals';
import type { FrameworkRef } from '../../../shared/domain';
import type { ReportModel, ReportAuditEntry } from '../../../shared/report-model';
import { checklistRows } from '../assessments/checklist';
import { catalogIndex } from '../catalog/catalog-index';
import { requirementNote } from '../catalog/coverage';
import { listEvidence } from '../evidence/evidence';
import { listAuditEvents } from '../audit/chain';
import { verifyProject } from '../audit/verify';
import { readHead } from '../audit/head';
import { getProject } from '../projects/projects';
import { readinessOf } from '../projects/readiness';
import { changeText } from '../reports/audit-wording';
import { TOP_GAPS, compareGaps, isGap } from '../../../shared/gaps';
import { invalidInput } from '../errors';
import { getBaseline } from '../review/baselines';
import { DOMAIN_IDS } from '../../../shared/domain';
import { readinessHistory } from '../projects/readiness-history';
import { memoUntilChanged } from '../store/state-memo';
import { checkReportModel, stampReportModel } from '../reports/model';
import { today } from '../context';

export type ReportFilters = {
  framework?: FrameworkRef | 'all';
  includeNotApplicable?: boolean;
  /** The live answers, or the answers as they were at the last sign-off. */
  describes?: 'current' | 'signed_baseline';
};

const RECENT_EVENTS = 25;

/** What the kept model says until buildReportModel stamps the moment and the person on it. */
const UNSTAMPED = { generatedAt: '1970-01-01T00:00:00.000Z', generatedBy: 'unstamped' } as const;


/**
 * The checked model of the project (reports/model.ts: canonical order, visible text), ready for
 * any renderer. Everything but the moment and the person making it is kept until the database
 * changes, the catalog moves or the day turns (evidence expiry is by date): a report exported in
 * a second format, or again, is not read, verified and checked again.
 */
export function buildReportModel(ctx: ReadContext, projectId: string, filters: ReportFilters = {}): ReportModel {
  const key = `report-model\n${projectId}\n${filters.framework ?? 'all'}\n${filters.includeNotApplicable ?? true}\n${filters.describes ?? 'current'}\n${today(ctx)}`;
  const body = memoUntilChanged(ctx.db, key, ctx.catalog, () => deepFreeze(checkReportModel(readReportModel(ctx, projectId, filters))));
  return stampReportModel(body, ctx.now().toISOString(), ctx.actor());
}

/** Kept and shared between reports: frozen, so no renderer can change what the next one reads. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The model as stored, unchecked; its generatedAt and generatedBy are stamped by buildReportModel. */
function readReportModel(ctx: ReadContext, projectId: string, filters: ReportFilters): ReportModel {
  const project = getProject(ctx, projectId);
  const index = catalogIndex(ctx.catalog);
  const filter = filters.framework ?? 'all';
  if (filter !== 'all' && !project.frameworks.includes(filter)) {
    throw invalidInput(`${filter} is not in the scope of project ${projectId} (in scope: ${project.frameworks.join(', ')}).`);
  }
  const frameworks = filter === 'all' ? project.frameworks : [filter];
  const includeNa = filters.includeNotApplicable ?? true;
  const signed = getBaseline(ctx, projectId);
  const baseline = filters.describes === 'signed_baseline' ? signed : null;
  if (filters.describes === 'signed_baseline' && !baseline) {
    throw invalidInput(`Project ${projectId} has not been signed off yet, so there is no baseline to report; report the current state or sign off first.`);
  }
  const answered = baseline ? new Map(baseline.controls.map((c) => [c.controlId, c])) : null;
  const all = checklistRows(ctx, projectId)
    .filter((r) => r.frameworks.some((f) => frameworks.includes(f)))
    .flatMap((r) => {
      if (!answered) return [r];
      const b = answered.get(r.id);
      return b ? [{ ...r, status: b.status, owner: b.owner, note: b.note, dueDate: b.dueDate }] : [];
    });
  const rows = includeNa ? all : all.filter((r) => r.status !== 'not_applicable');
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const inReport = new Set(rowById.keys());
  const frozenEvidence = answered ? new Set([...answered.values()].flatMap((c) => c.evidenceIds)) : null;
  const evidence = listEvidence(ctx, projectId, undefined, { includeRemoved: Boolean(frozenEvidence) })
    .filter((e) => inReport.has(e.controlId) && (!frozenEvidence || frozenEvidence.has(e.id)));

  const evidenceIdsOf = new Map<string, string[]>();
  for (const e of evidence) {
    const ids = evidenceIdsOf.get(e.controlId);
    if (ids) ids.push(e.id);
    else evidenceIdsOf.set(e.controlId, [e.id]);
  }

  // the report says "verified" only when every check of `audit verify` holds
  const verification = verifyProject(ctx, projectId);
  // counts in SQL, going on from the last count after a change: a project can hold hundreds of
  // thousands of events, and only a few are printed
  const { totals, byActor } = memoUntilChanged(ctx.db, `audit-totals\n${projectId}`, null, () => auditTotals(ctx, projectId));
  const recent: ReportAuditEntry[] = listAuditEvents(ctx.db, projectId, { limit: RECENT_EVENTS }).map((e) => ({
    at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, summary: changeText(e),
  }));

  return {
    generatedAt: UNSTAMPED.generatedAt,
    generatedBy: UNSTAMPED.generatedBy,
    project: { id: project.id, name: project.name, description: project.description },
    scope: {
      frameworks: frameworks.map((id) => {
        const fw = ctx.catalog.frameworks.find((f) => f.id === id);
        return { id, name: fw?.name ?? id, version: fw?.version ?? '' };
      }),
      frameworkFilter: filter,
      includeNotApplicable: includeNa,
      describes: baseline ? 'signed_baseline' : 'current',
      baseline: baseline ? { signedBy: baseline.baseline.signedBy, signedAt: baseline.baseline.signedAt } : null,
    },
    catalogVersion: project.catalogVersion,
    summary: {
      overall: readinessOf(all.map((r) => r.status)),
      byFramework: frameworks.map((framework) => ({ framework, readiness: readinessOf(all.filter((r) => r.frameworks.includes(framework)).map((r) => r.status)) })),
      byDomain: DOMAIN_IDS.map((domain) => ({ domain, readiness: readinessOf(all.filter((r) => r.domain === domain).map((r) => r.status)) }))
        .filter((d) => d.readiness.inScope > 0),
      topGaps: rows
        .filter((r) => isGap(r.status))
        .sort(compareGaps)
        .slice(0, TOP_GAPS)
        .map((r) => ({ controlId: r.id, title: r.title, priority: r.priority, status: r.status })),
    },
    requirementsByFramework: frameworks.map((framework) => ({
      framework,
      requirements: (index.framework(framework)?.requirements ?? []).map((req) => {
        const controls = index.controlsForRequirement(framework, req.id).flatMap(({ control }) => {
          const r = rowById.get(control.id);
          return r ? [{ id: r.id, title: r.title, status: r.status }] : [];
        });
        return { id: req.id, title: req.title, controls, note: controls.length ? null : requirementNote(index, framework, req.id, inReport) };
      }),
    })),
    controls: rows.map((r) => ({
      id: r.id,
      title: r.title,
      domain: r.domain,
      priority: r.priority,
      status: r.status,
      owner: r.owner,
      note: r.note,
      dueDate: r.dueDate,
      frameworks: r.frameworks.filter((f) => frameworks.includes(f)),
      requirements: (index.control(r.id)?.mappings ?? [])
        .filter((m) => frameworks.includes(m.framework))
        .map((m) => ({ framework: m.framework, id: m.requirement })),
      evidenceIds: evidenceIdsOf.get(r.id) ?? [],
    })),
    evidence: evidence.map((e) => ({
      id: e.id, controlId: e.controlId, kind: e.kind, name: e.name, sha256: e.sha256, size: e.size,
      mediaType: e.mediaType, url: e.url, collectedOn: e.collectedOn, expiresOn: e.expiresOn,
      attachedBy: e.attachedBy, expired: e.expired,
    })),
    auditSummary: {
      events: totals.events,
      firstAt: totals.firstAt,
      lastAt: totals.lastAt,
      chainVerified: verification.ok,
      verificationProblems: verification.problems.map((p) => p.sentence),
      head: reportHead(ctx, projectId),
      byActor,
      recent,
    },
    signOff: signed ? { signedBy: signed.baseline.signedBy, signedAt: signed.baseline.signedAt, role: signed.baseline.signedRole } : null,
    readinessHistory: readinessHistory(ctx, projectId),
  };
}

function reportHead(ctx: ReadContext, projectId: string): { seq: number; hash: string; signed: boolean } | null {
  const head = readHead(ctx.db, projectId);
  return head ? { seq: head.seq, hash: head.hash, signed: head.signature !== null } : null;
}
