// Readiness over time: the project's history replayed. Every control starts not assessed; each
// status write in the audit chain (the registry says which actions write it) moves it on; at the
// end of every UTC day with a change, readiness per framework is read off with readinessOf, the
// one definition the overview and the reports use. Sign-offs come from the baselines table.
import { readAll, type ReadContext } from '../store/access';
import type { ControlStatus, FrameworkRef, StatusCounts } from '../../../shared/domain';
import type { ReadinessHistory } from '../../../shared/report-model';
import { RECORDS } from '../../../shared/records';
import type { EventRecord } from '../bundle/format';
import { writesOf } from '../bundle/writes';
import { checklistRows } from '../assessments/checklist';
import { getProject } from './projects';
import { emptyCounts, readinessFromCounts } from './readiness';
import { memoUntilChanged } from '../store/state-memo';
import { beginWalk, chainEnd } from '../audit/going-on';

const EVENT_COLUMNS = 'seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash';
/** Actions that can write a control's status: the registry's own list, and a resolved conflict. */
const STATUS_ACTIONS = [...RECORDS.control.sets, 'conflict.resolve'];

/**
 * Kept until the database or the catalog changes (store/state-memo.ts). After a change the replay
 * goes on from where it stopped (events are appended: only those after it are read), unless the
 * catalog, the frameworks in scope or an event it read may have changed (audit/going-on.ts), when
 * it starts again.
 */
export function readinessHistory(ctx: ReadContext, projectId: string): ReadinessHistory {
  const project = getProject(ctx, projectId);
  return memoUntilChanged(ctx.db, `readiness-history\n${projectId}`, ctx.catalog, () => replayReadiness(ctx, projectId, project.frameworks));
}

/** Where a replay stopped: the state after its last event, to go on from. */
type ReplayState = {
  catalog: unknown;
  frameworks: string;
  frameworksOf: ReadonlyMap<string, FrameworkRef[]>;
  status: ReadonlyMap<string, ControlStatus>;
  counts: ReadonlyMap<FrameworkRef, Readonly<StatusCounts>>;
  points: ReadonlyArray<ReadinessHistory['points'][number]>;
  day: string | null;
};

function replayReadiness(ctx: ReadContext, projectId: string, inScope: readonly FrameworkRef[]): ReadinessHistory {
  const frameworks: FrameworkRef[] = [...inScope];
  const scope = JSON.stringify(frameworks);
  // the replay so far, when no event it read can have changed (audit/going-on.ts) and it was of this catalog and scope
  const walk = beginWalk<ReplayState>(ctx.db, 'readiness', projectId);
  const kept = walk.from;
  const from = kept && kept.state.catalog === ctx.catalog && kept.state.frameworks === scope ? kept.state : null;
  const frameworksOf = from?.frameworksOf ?? new Map(checklistRows(ctx, projectId).map((r) => [r.id, r.frameworks.filter((f) => frameworks.includes(f))]));
  // copies: what was kept stays as it was handed out
  const counts = new Map(frameworks.map((f) => [f, { ...(from?.counts.get(f) ?? emptyCounts()) }]));
  if (!from) for (const fs of frameworksOf.values()) for (const f of fs) counts.get(f)!.not_assessed++;
  const status = new Map(from?.status ?? []);
  const points: ReadinessHistory['points'] = [...(from?.points ?? [])];
  const snapshot = (day: string): void => {
    const point = { day, byFramework: frameworks.map((framework) => ({ framework, percent: readinessFromCounts(counts.get(framework)!).percent })) };
    if (points[points.length - 1]?.day === day) points[points.length - 1] = point;
    else points.push(point);
  };

  // the chain's end as it is now: the replay reads up to it and the next one goes on from there
  const end = chainEnd(ctx.db, projectId);
  const events = readAll<EventRecord>(
    ctx.db,
    `SELECT ${EVENT_COLUMNS} FROM audit_events WHERE project_id = ? AND seq > ? AND seq <= ? AND action IN (SELECT value FROM json_each(?)) ORDER BY seq`,
    projectId,
    from ? kept!.seq : 0,
    end?.seq ?? 0,
    JSON.stringify(STATUS_ACTIONS),
  );
  let day: string | null = from?.day ?? null;
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

  if (end) walk.stop({ seq: end.seq, hash: end.hash, state: { catalog: ctx.catalog, frameworks: scope, frameworksOf, status, counts, points: [...points], day } });

  const signOffs = readAll<{ at: string; signedBy: string }>(
    ctx.db, 'SELECT signed_at AS at, signed_by AS signedBy FROM baselines WHERE project_id = ? ORDER BY signed_at, id', projectId,
  ).map((s) => ({ day: s.at.slice(0, 10), at: s.at, signedBy: s.signedBy }));
  return { points, signOffs };
}
