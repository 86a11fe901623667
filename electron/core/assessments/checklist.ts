// The project's checklist: one row per in-scope control, joined with its catalog entry and
// evidence counts. Readiness and the overview are computed from these rows.
import { today } from '../context';
import { readAll, readOne, type ReadContext } from '../store/access';
import type { Catalog, CatalogControl } from '../../../shared/catalog';
import type { ChecklistRow, ControlStatus, FrameworkRef, ProjectOverview } from '../../../shared/domain';
import { DOMAIN_IDS } from '../../../shared/domain';
import { controlOrder } from '../catalog/lookup';
import { controlFrameworks } from '../projects/scope';
import { getProject } from '../projects/projects';
import { readinessOf } from '../projects/readiness';
import { TOP_GAPS, compareGaps, isGap } from '../../../shared/gaps';

/** CHECKLIST_SQL's columns, read as arrays (no object per row). */
type AssessmentColumns = [
  controlId: string, status: ControlStatus, owner: string, note: string, dueDate: string | null,
  updatedAt: string | null, updatedBy: string | null, evidenceCount: number, expiredCount: number,
];

/** Narrows the checklist in SQL: any of these statuses, an owner containing this text (A–Z in any case: SQLite lower()). */
export type ChecklistFilter = { statuses?: readonly ControlStatus[]; owner?: string };

// Evidence is counted per row through the covering index evidence_checklist (migration 0006):
// a row left out by the filter costs nothing, and the whole list costs one walk of the index.
export const CHECKLIST_SQL = `
  SELECT a.control_id, a.status, a.owner, a.note, a.due_date, a.updated_at, a.updated_by,
         (SELECT count(*) FROM evidence e
            WHERE e.project_id = a.project_id AND e.control_id = a.control_id AND e.removed_at IS NULL) AS evidence_count,
         (SELECT count(*) FROM evidence e
            WHERE e.project_id = a.project_id AND e.control_id = a.control_id AND e.removed_at IS NULL AND e.expires_on < ?) AS expired_count
  FROM control_assessments a
  WHERE a.project_id = ? AND a.archived_at IS NULL AND (? IS NULL OR a.control_id = ?)
    AND (? IS NULL OR a.status IN (SELECT value FROM json_each(?)))
    AND (? IS NULL OR instr(lower(a.owner), lower(?)) > 0)`;

/** The parameters of CHECKLIST_SQL, in order. */
export function checklistParams(day: string, projectId: string, onlyControl: string | null, filter: ChecklistFilter = {}): Array<string | null> {
  const statuses = filter.statuses ? JSON.stringify(filter.statuses) : null;
  const owner = filter.owner ?? null;
  return [day, projectId, onlyControl, onlyControl, statuses, statuses, owner, owner];
}

/** Per catalog, each control with its walkthrough position and frameworks: one lookup per row. */
type ControlEntry = { control: CatalogControl; order: number; frameworks: readonly FrameworkRef[] };
const entries = new WeakMap<Catalog, Map<string, ControlEntry>>();
function controlEntries(catalog: Catalog): Map<string, ControlEntry> {
  let map = entries.get(catalog);
  if (!map) {
    map = new Map(catalog.controls.map((control) => [control.id, { control, order: controlOrder(catalog, control.id), frameworks: controlFrameworks(control) }]));
    entries.set(catalog, map);
  }
  return map;
}

export function checklistRows(ctx: ReadContext, projectId: string, onlyControl?: string, filter?: ChecklistFilter): ChecklistRow[] {
  const project = getProject(ctx, projectId);
  const catalog = ctx.catalog; // read once: the workbench's catalog is a getter that looks at the database
  const known = controlEntries(catalog);
  const inScope = new Set(project.frameworks);
  const rows = ctx.db.prepare(CHECKLIST_SQL).raw(true).all(...checklistParams(today(ctx), projectId, onlyControl ?? null, filter)) as AssessmentColumns[];
  const out: Array<{ order: number; row: ChecklistRow }> = [];
  for (const [id, status, owner, note, dueDate, updatedAt, updatedBy, evidenceCount, expiredCount] of rows) {
    const entry = known.get(id);
    if (!entry) continue; // archived by a catalog upgrade that has not run yet
    const { control } = entry;
    out.push({
      order: entry.order,
      row: {
        id,
        title: control.title,
        domain: control.domain,
        priority: control.priority,
        status,
        owner,
        note,
        dueDate,
        evidenceCount,
        expiredEvidenceCount: expiredCount,
        frameworks: entry.frameworks.filter((f) => inScope.has(f)),
        updatedAt,
        updatedBy,
      },
    });
  }
  return out.sort((a, b) => a.order - b.order).map((o) => o.row);
}

export function projectOverview(ctx: ReadContext, projectId: string): ProjectOverview {
  const project = getProject(ctx, projectId);
  const rows = checklistRows(ctx, projectId);
  const soon = new Date(ctx.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  const evidence = readOne<{ total: number; expired: number; soon: number }>(
    ctx.db,
    `SELECT count(*) AS total,
              count(CASE WHEN expires_on IS NOT NULL AND expires_on < ? THEN 1 END) AS expired,
              count(CASE WHEN expires_on IS NOT NULL AND expires_on >= ? AND expires_on <= ? THEN 1 END) AS soon
       FROM evidence WHERE project_id = ? AND removed_at IS NULL`,
    today(ctx), today(ctx), soon, projectId,
  ) ?? { total: 0, expired: 0, soon: 0 };
  return {
    project,
    overall: readinessOf(rows.map((r) => r.status)),
    byFramework: project.frameworks.map((framework) => ({
      framework,
      readiness: readinessOf(rows.filter((r) => r.frameworks.includes(framework)).map((r) => r.status)),
    })),
    byDomain: DOMAIN_IDS.map((domain) => ({
      domain,
      readiness: readinessOf(rows.filter((r) => r.domain === domain).map((r) => r.status)),
    })).filter((d) => d.readiness.inScope > 0),
    evidence: { total: evidence.total, expired: evidence.expired, expiringSoon: evidence.soon },
    topGaps: rows
      .filter((r) => isGap(r.status))
      .sort(compareGaps)
      .slice(0, TOP_GAPS)
      .map((r) => ({ controlId: r.id, title: r.title, priority: r.priority, status: r.status })),
    overdue: overdueWork(ctx, projectId, rows),
  };
}

/** Done means compliant or not applicable; anything else past its due date is overdue. */
const DONE_STATUSES: readonly ControlStatus[] = ['compliant', 'not_applicable'];

// "Today" comes from the context's clock: a control due today is not overdue yet.
function overdueWork(ctx: ReadContext, projectId: string, rows: ChecklistRow[]): ProjectOverview['overdue'] {
  const day = today(ctx);
  const controls = rows
    .flatMap((r) => (r.dueDate !== null && r.dueDate < day && !DONE_STATUSES.includes(r.status)
      ? [{ controlId: r.id, title: r.title, owner: r.owner, dueDate: r.dueDate, status: r.status }]
      : []))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || controlOrder(ctx.catalog, a.controlId) - controlOrder(ctx.catalog, b.controlId));
  const actionItems = readAll<{ id: string; control_id: string; text: string; owner: string; due_date: string }>(
    ctx.db,
    `SELECT id, control_id, text, owner, due_date FROM action_items
       WHERE project_id = ? AND status = 'open' AND due_date IS NOT NULL AND due_date < ?
       ORDER BY due_date, created_at, id`,
    projectId, day,
  ).map((r) => ({ id: r.id, controlId: r.control_id, text: r.text, owner: r.owner, dueDate: r.due_date }));
  return { controls, actionItems };
}
