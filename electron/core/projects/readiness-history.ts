// Readiness over time: the project's history replayed. Every control starts not assessed; each
// status write in the audit chain (the registry says which actions write it) moves it on; at the
// end of every UTC day with a change, readiness per framework is read off with readinessOf, the
// one definition the overview and the reports use. Sign-offs come from the baselines table.
import { readAll, type ReadContext } from '../store/access';
import type { ControlStatus, FrameworkRef } from '../../../shared/domain';
import type { ReadinessHistory } from '../../../shared/report-model';
import { RECORDS } from '../../../shared/records';
import type { EventRecord } from '../bundle/format';
import { writesOf } from '../bundle/writes';
import { checklistRows } from '../assessments/checklist';
import { getProject } from './projects';
import { emptyCounts, readinessFromCounts } from './readiness';
import { memoUntilChanged } from '../store/state-memo';

const EVENT_COLUMNS = 'seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash';
/** Actions that can write a control's status: the registry's own list, and a resolved conflict. */
const STATUS_ACTIONS = [...RECORDS.control.sets, 'conflict.resolve'];

/** Kept until the database or the catalog changes (store/state-memo.ts): the replay reads every status write. */
export function readinessHistory(ctx: ReadContext, projectId: string): ReadinessHistory {
  const project = getProject(ctx, projectId);
  return memoUntilChanged(ctx.db, `readiness-history\n${projectId}`, ctx.catalog, () => replayReadiness(ctx, projectId, project.frameworks));
}

function replayReadiness(ctx: ReadContext, projectId: string, inScope: readonly FrameworkRef[]): ReadinessHistory {
  const frameworks: FrameworkRef[] = [...inScope];
  const frameworksOf = new Map(checklistRows(ctx, projectId).map((r) => [r.id, r.frameworks.filter((f) => frameworks.includes(f))]));
  const counts = new Map(frameworks.map((f) => [f, emptyCounts()]));
  for (const fs of frameworksOf.values()) for (const f of fs) counts.get(f)!.not_assessed++;

  const status = new Map<string, ControlStatus>();
  const points: ReadinessHistory['points'] = [];
  const snapshot = (day: string): void => {
    const point = { day, byFramework: frameworks.map((framework) => ({ framework, percent: readinessFromCounts(counts.get(framework)!).percent })) };
    if (points[points.length - 1]?.day === day) points[points.length - 1] = point;
    else points.push(point);
  };

  const events = readAll<EventRecord>(
    ctx.db,
    `SELECT ${EVENT_COLUMNS} FROM audit_events WHERE project_id = ? AND action IN (SELECT value FROM json_each(?)) ORDER BY seq`,
    projectId,
    JSON.stringify(STATUS_ACTIONS),
  );
  let day: string | null = null;
  for (const e of events) {
    const eventDay = e.at.slice(0, 10);
    if (day !== null && eventDay !== day) snapshot(day);
    day = eventDay;
    for (const w of writesOf(e)) {
      if (w.entity !== 'control' || w.field !== 'status') continue;
      const fs = frameworksOf.get(w.entityId);
      if (!fs) continue; // a control no longer in the checklist
      const from = status.get(w.entityId) ?? 'not_assessed';
      const to = w.value as ControlStatus;
      if (from === to) continue;
      status.set(w.entityId, to);
      for (const f of fs) {
        const c = counts.get(f)!;
        c[from]--;
        c[to]++;
      }
    }
  }
  if (day !== null) snapshot(day);

  const signOffs = readAll<{ at: string; signedBy: string }>(
    ctx.db, 'SELECT signed_at AS at, signed_by AS signedBy FROM baselines WHERE project_id = ? ORDER BY signed_at, id', projectId,
  ).map((s) => ({ day: s.at.slice(0, 10), at: s.at, signedBy: s.signedBy }));
  return { points, signOffs };
}
