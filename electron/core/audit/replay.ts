// Replaying a project's history: what every audited table should hold, given only the audit
// events (this copy's chain and the events of other copies merged in), compared with what the
// tables do hold. Each difference is named in a sentence, e.g. "DS-03 status: table says
// compliant, history says non_compliant". Works on a database and on a bundle alike: both are
// read into the same ProjectRows shape first.
import type { ReadContext } from '../store/access';
import { canonicalJson } from './canonical';
import { ident } from '../store/sql';
import { orderFrameworks } from '../../../shared/domain';
import { FIELD_RECORDS, RECORDS, type Registry } from '../../../shared/records';
import type { EventRecord } from '../bundle/format';
import { History, MERGE_ACTION } from '../bundle/history';
import { GENESIS_HASH } from './chain';
import { beginWalk } from './going-on';
import { latestWrites } from '../bundle/merge-fields';
import { writesOf, type Write } from '../bundle/writes';

type Row = Record<string, unknown>;

/** A project's audited rows, with the database's column names (the bundle's shape). */
export type ProjectRows = {
  project: Row & { id: string; created_by: string; frameworks: readonly string[] };
  tables: {
    project_members: Row[];
    control_assessments: Row[];
    evidence: Row[];
    audit_sessions: Row[];
    action_items: Row[];
    reviews: Row[];
    baselines: Row[];
  };
};

export type ReplayDifference = {
  record: string;
  id: string;
  field: string | null;
  /** What the table holds (undefined: no row). */
  table: unknown;
  /** What the history says it should hold (undefined: no row). */
  history: unknown;
  sentence: string;
};

const EVENT_COLUMNS = 'seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash';
const TABLES = ['project_members', 'control_assessments', 'evidence', 'audit_sessions', 'action_items', 'reviews', 'baselines'] as const;

/** Reads a project's rows and its whole history from the database. */
export function readProjectForReplay(ctx: ReadContext, projectId: string): { rows: ProjectRows; events: EventRecord[] } | null {
  const rows = readProjectRows(ctx, projectId);
  return rows && { rows, events: readProjectEvents(ctx, projectId) };
}

/** This copy's chain, then the events of other copies merged in. */
function readProjectEvents(ctx: ReadContext, projectId: string): EventRecord[] {
  return [
    ...(ctx.db.prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events WHERE project_id = ? ORDER BY seq`).all(projectId) as EventRecord[]),
    ...(ctx.db.prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events_imported WHERE project_id = ? ORDER BY seq, hash`).all(projectId) as EventRecord[]),
  ];
}

/** A project's audited rows (no events); null when there is no such project. */
function readProjectRows(ctx: ReadContext, projectId: string): ProjectRows | null {
  const project = ctx.db.prepare('SELECT * FROM projects WHERE id = ?').get(projectId) as (Row & { id: string; created_by: string }) | undefined;
  if (!project) return null;
  const frameworks = ctx.db.prepare('SELECT framework_id FROM project_frameworks WHERE project_id = ?').pluck().all(projectId) as string[];
  // table names come from the fixed list above, never from input
  const tables = Object.fromEntries(TABLES.map((t) => [t, ctx.db.prepare(`SELECT * FROM ${ident(t)} WHERE project_id = ? ORDER BY rowid`).all(projectId) as Row[]])) as ProjectRows['tables'];
  return { project: { ...project, frameworks }, tables };
}

function shown(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (v === '') return 'empty';
  if (Array.isArray(v)) return v.length ? v.map(shown).join(', ') : 'nothing';
  if (typeof v === 'string') return /^[\w.@:+-]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

function parse(json: string | null): Row {
  if (json === null) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : {};
  } catch {
    return {};
  }
}

const LABEL: Record<string, (id: string) => string> = {
  control: (id) => id,
  project: () => 'project',
  member: (id) => `member ${id}`,
  action_item: (id) => `action item ${id}`,
};

/** Frameworks are a set: compare them in the catalog's order whatever order they were stored in. */
function normal(field: string, v: unknown): string {
  if (field === 'frameworks' && Array.isArray(v)) return canonicalJson(orderFrameworks(v.map(String)));
  return canonicalJson(v ?? null);
}

/** The writes to one field: every one, and those no other write to it came after. */
type FieldWrites = { all: Write[]; latest: Write[] };

/** Projects made before roles existed: their creator was made owner by migration 0002, with no event. */
function creatorWrite(rows: ProjectRows, created: Pick<EventRecord, 'hash' | 'at' | 'actor'>): Write {
  return { key: `member\u0001${rows.project.created_by}\u0001role`, entity: 'member', entityId: rows.project.created_by, field: 'role', value: 'owner', hash: created.hash, at: created.at, actor: created.actor };
}

/** The first event when it creates the project without naming an owner (see creatorWrite). */
function ownerlessCreation(e: EventRecord): boolean {
  return e.action === 'project.create' && e.seq === 1 && !('owner' in parse(e.after_json));
}

/** The field values the history gives, compared with each row of the field records. */
function replayFields(rows: ProjectRows, events: EventRecord[], history: History, registry: Registry, out: ReplayDifference[]): void {
  const byKey = new Map<string, Write[]>();
  const add = (w: Write) => {
    const list = byKey.get(w.key);
    if (list) list.push(w);
    else byKey.set(w.key, [w]);
  };
  for (const e of events) for (const w of writesOf(e, registry)) add(w);
  const created = events.find((e) => e.action === 'project.create' && e.seq === 1);
  if (created && ownerlessCreation(created)) add(creatorWrite(rows, created));
  compareFields(rows, registry, out, (key) => {
    const all = byKey.get(key);
    return all && { all, latest: latestWrites(history, all) };
  });
}

/** Each row of the field records against the writes the history gives its fields. */
function compareFields(rows: ProjectRows, registry: Registry, out: ReplayDifference[], writesTo: (key: string) => FieldWrites | undefined): void {
  const rowsOf: Record<string, Row[]> = {
    control: rows.tables.control_assessments,
    project: [rows.project],
    member: rows.tables.project_members,
    action_item: rows.tables.action_items,
  };
  for (const record of FIELD_RECORDS) {
    const spec = registry[record];
    if (!spec) continue;
    for (const row of rowsOf[record] ?? []) {
      const id = String(row[spec.key]);
      for (const [field, f] of Object.entries(spec.fields)) {
        const tableValue = f.column === null ? row.frameworks : row[f.column];
        const writes = writesTo(`${record}\u0001${id}\u0001${field}`);
        let expected: unknown = f.initial;
        let oneOf = false;
        if (writes) {
          const { latest } = writes;
          if (new Set(latest.map((w) => normal(field, w.value))).size > 1) {
            // writes neither of which saw the other: the copy keeps a value the field has had until a
            // person decides; a copy that never wrote the field and met the clash in a teammate's
            // copy (both writes arriving together) still holds the field's first value
            const held = normal(field, tableValue);
            if (held === normal(field, f.initial) || writes.all.some((w) => normal(field, w.value) === held)) continue;
            oneOf = true;
            expected = latest.map((w) => w.value);
          } else {
            expected = latest[0]!.value;
          }
        } else if (record === 'member' || record === 'action_item') {
          continue; // a row no event added is reported once, by replayRows
        }
        if (oneOf || normal(field, tableValue) !== normal(field, expected)) {
          out.push({ record, id, field, table: tableValue, history: expected, sentence: `${LABEL[record]!(id)} ${field}: table says ${shown(tableValue)}, history says ${oneOf ? 'one of ' : ''}${shown(expected)}` });
        }
      }
    }
  }
}

/** The actions replayRows reads; every other event is skipped before its values are parsed. */
const ROW_ACTIONS: ReadonlySet<string> = new Set([
  'project.create', 'member.add', 'action_item.add', 'evidence.add', 'evidence.remove', 'session.start', 'session.end', 'review.approve', 'review.reject', 'baseline.sign',
]);

/** What the events that add whole rows say, gathered in history order (replayRows compares it with the tables). */
type RowAdds = {
  member: Set<string>;
  action_item: Map<string, Row>;
  evidence: Map<string, { controlId: string; after: Row }>;
  session: Set<string>;
  review: Map<string, Row>;
  baseline: Map<string, Row>;
  removedEvidence: Set<string>;
  endedSessions: Set<string>;
};

function noRowAdds(): RowAdds {
  return { member: new Set(), action_item: new Map(), evidence: new Map(), session: new Set(), review: new Map(), baseline: new Map(), removedEvidence: new Set(), endedSessions: new Set() };
}

function copyRowAdds(a: RowAdds): RowAdds {
  return {
    member: new Set(a.member), action_item: new Map(a.action_item), evidence: new Map(a.evidence), session: new Set(a.session),
    review: new Map(a.review), baseline: new Map(a.baseline), removedEvidence: new Set(a.removedEvidence), endedSessions: new Set(a.endedSessions),
  };
}

function addRows(added: RowAdds, e: EventRecord): void {
  // most events change a field (control.update); only the actions below add rows, so only their values are parsed
  if (!ROW_ACTIONS.has(e.action)) return;
  const after = parse(e.after_json);
  switch (e.action) {
    case 'project.create': {
      const owner = after.owner as { key?: unknown } | undefined;
      added.member.add(typeof owner?.key === 'string' ? owner.key : e.actor);
      break;
    }
    case 'member.add': added.member.add(e.entity_id); break;
    case 'action_item.add': added.action_item.set(e.entity_id, after); break;
    case 'evidence.add': if (typeof after.evidenceId === 'string') added.evidence.set(after.evidenceId, { controlId: e.entity_id, after }); break;
    case 'evidence.remove': {
      const id = parse(e.before_json).evidenceId;
      if (typeof id === 'string') added.removedEvidence.add(id);
      break;
    }
    case 'session.start': added.session.add(e.entity_id); break;
    case 'session.end': added.endedSessions.add(e.entity_id); break;
    case 'review.approve':
    case 'review.reject':
      if (typeof after.reviewId === 'string') added.review.set(after.reviewId, { decision: e.action === 'review.approve' ? 'approved' : 'rejected', controlId: e.entity_id });
      break;
    case 'baseline.sign': added.baseline.set(e.entity_id, after); break;
    default: break;
  }
}

/** Rows added whole (members, action items, evidence, sessions, reviews, baselines): each must have the event that added it, and the event its row. */
function replayRows(rows: ProjectRows, added: RowAdds, out: ReplayDifference[]): void {
  const t = rows.tables;
  const missingRow = (record: string, id: string, what: string) =>
    out.push({ record, id, field: null, table: undefined, history: id, sentence: `${what}: the history adds it, the table has no row` });
  const unexplained = (record: string, id: string, what: string) =>
    out.push({ record, id, field: null, table: id, history: undefined, sentence: `${what}: the table has a row that no event in the history adds` });
  const mismatch = (record: string, id: string, field: string, tableValue: unknown, historyValue: unknown, what: string) =>
    out.push({ record, id, field, table: tableValue, history: historyValue, sentence: `${what} ${field}: table says ${shown(tableValue)}, history says ${shown(historyValue)}` });

  const { removedEvidence, endedSessions } = added;
  const keys = (list: Row[], key: string) => new Set(list.map((r) => String(r[key])));
  const memberKeys = keys(t.project_members, 'member_key');
  for (const k of memberKeys) if (!added.member.has(k)) unexplained('member', k, `member ${k}`);
  for (const k of added.member) if (!memberKeys.has(k)) missingRow('member', k, `member ${k}`);

  for (const r of t.action_items) {
    const id = String(r.id);
    const a = added.action_item.get(id);
    if (!a) unexplained('action_item', id, `action item ${id}`);
    else if (a.controlId !== undefined && a.controlId !== r.control_id) mismatch('action_item', id, 'control', r.control_id, a.controlId, `action item ${id}`);
  }
  const itemIds = keys(t.action_items, 'id');
  for (const id of added.action_item.keys()) if (!itemIds.has(id)) missingRow('action_item', id, `action item ${id}`);

  for (const r of t.evidence) {
    const id = String(r.id);
    const a = added.evidence.get(id);
    if (!a) {
      unexplained('evidence', id, `evidence ${id}`);
      continue;
    }
    const what = `evidence ${id}`;
    if (a.controlId !== r.control_id) mismatch('evidence', id, 'control', r.control_id, a.controlId, what);
    for (const [field, column] of [['kind', 'kind'], ['name', 'name'], ['sha256', 'sha256'], ['size', 'size']] as const) {
      if (a.after[field] !== undefined && a.after[field] !== r[column]) mismatch('evidence', id, field, r[column], a.after[field], what);
    }
    const removed = r.removed_at !== null;
    if (removed !== removedEvidence.has(id)) {
      out.push({ record: 'evidence', id, field: 'removed', table: removed, history: removedEvidence.has(id), sentence: removed ? `${what}: table says removed, history says attached` : `${what}: table says attached, history says removed` });
    }
  }
  const evidenceIds = keys(t.evidence, 'id');
  for (const id of added.evidence.keys()) if (!evidenceIds.has(id)) missingRow('evidence', id, `evidence ${id}`);

  for (const r of t.audit_sessions) {
    const id = String(r.id);
    if (!added.session.has(id)) unexplained('session', id, `audit session ${id}`);
    else if ((r.ended_at !== null) !== endedSessions.has(id)) {
      out.push({ record: 'session', id, field: 'ended', table: r.ended_at !== null, history: endedSessions.has(id), sentence: `audit session ${id}: table says ${r.ended_at !== null ? 'ended' : 'running'}, history says ${endedSessions.has(id) ? 'ended' : 'running'}` });
    }
  }
  const sessionIds = keys(t.audit_sessions, 'id');
  for (const id of added.session) if (!sessionIds.has(id)) missingRow('session', id, `audit session ${id}`);

  for (const r of t.reviews) {
    const id = String(r.id);
    const a = added.review.get(id);
    if (!a) unexplained('review', id, `review ${id}`);
    else {
      if (a.decision !== r.decision) mismatch('review', id, 'decision', r.decision, a.decision, `review ${id}`);
      if (a.controlId !== r.control_id) mismatch('review', id, 'control', r.control_id, a.controlId, `review ${id}`);
    }
  }
  const reviewIds = keys(t.reviews, 'id');
  for (const id of added.review.keys()) if (!reviewIds.has(id)) missingRow('review', id, `review ${id}`);

  for (const r of t.baselines) {
    const id = String(r.id);
    const a = added.baseline.get(id);
    if (!a) unexplained('baseline', id, `baseline ${id}`);
    else if (a.snapshotSha256 !== undefined && a.snapshotSha256 !== r.snapshot_sha256) mismatch('baseline', id, 'snapshot', r.snapshot_sha256, a.snapshotSha256, `baseline ${id}`);
  }
  const baselineIds = keys(t.baselines, 'id');
  for (const id of added.baseline.keys()) if (!baselineIds.has(id)) missingRow('baseline', id, `baseline ${id}`);
}

/**
 * Every difference between the rows and what the events produce, in a fixed order. The events
 * must already have passed the chain checks (their links are what orders concurrent writes).
 */
export function replayDifferences(rows: ProjectRows, events: EventRecord[], registry: Registry = RECORDS): ReplayDifference[] {
  const out: ReplayDifference[] = [];
  const history = new History(events);
  replayFields(rows, events, history, registry, out);
  const added = noRowAdds();
  for (const e of events) addRows(added, e);
  replayRows(rows, added, out);
  return out;
}

/**
 * Replays a project of this database; null when there is no such project.
 *
 * The usual history is one line (this copy's chain, no other copy merged in): there a field's
 * latest write is simply its last one, and what the events say is gathered in one pass that the
 * next replay goes on from, reading only the events after it (a project of 200,000 events is not
 * parsed again after each change). It goes on only when no event it read can have changed since
 * (audit/going-on.ts: the connection's audit watch, and the hash of the event it stopped at), so
 * the events gathered are the events stored. Anything else (other
 * copies merged in, a merge event, a broken link, an event writing one field twice with two
 * values) is replayed whole through the history graph, as bundles are.
 */
export function replayProject(ctx: ReadContext, projectId: string): ReplayDifference[] | null {
  const registry = ctx.records ?? RECORDS;
  const rows = readProjectRows(ctx, projectId);
  if (!rows) return null;
  const merged = (ctx.db.prepare('SELECT count(*) FROM audit_events_imported WHERE project_id = ?').pluck().get(projectId) as number) > 0;
  const line = merged ? null : lineReplay(ctx, projectId, registry);
  if (line) {
    const out: ReplayDifference[] = [];
    if (compareLine(rows, line, registry, out)) {
      replayRows(rows, line.rows, out);
      return out;
    }
  }
  return replayDifferences(rows, readProjectEvents(ctx, projectId), registry);
}

/** A replay of one line of history, up to the event it stopped at. */
type LineReplay = {
  registry: Registry;
  lastSeq: number;
  lastHash: string;
  /** Per field, the writes of the last event that wrote it. */
  latest: Map<string, Write[]>;
  /** The first event, when it created the project without naming an owner (creatorWrite). */
  ownerless: Pick<EventRecord, 'hash' | 'at' | 'actor'> | null;
  rows: RowAdds;
};

/**
 * The line replay of this chain up to its end, gone on from where the last one stopped when the
 * audit watch vouches for the events before it (audit/going-on.ts); null when the chain is not
 * one line.
 */
function lineReplay(ctx: ReadContext, projectId: string, registry: Registry): LineReplay | null {
  const walk = beginWalk<LineReplay>(ctx.db, 'line-replay', projectId);
  const kept = walk.from?.state.registry === registry ? walk.from.state : null;
  // copies: a replay handed out earlier stays as it was
  const line: LineReplay = kept
    ? { ...kept, latest: new Map(kept.latest), rows: copyRowAdds(kept.rows) }
    : { registry, lastSeq: 0, lastHash: GENESIS_HASH, latest: new Map(), ownerless: null, rows: noRowAdds() };
  const events = ctx.db.prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events WHERE project_id = ? AND seq > ? ORDER BY seq`).iterate(projectId, line.lastSeq) as IterableIterator<EventRecord>;
  for (const e of events) {
    // one line: each event follows the one before it, and none merges another copy in
    if (e.prev_hash !== line.lastHash || e.seq !== line.lastSeq + 1 || e.action === MERGE_ACTION) return null;
    for (const w of writesOf(e, registry)) {
      const last = line.latest.get(w.key);
      if (last && last[0]!.hash === w.hash) line.latest.set(w.key, [...last, w]);
      else line.latest.set(w.key, [w]);
    }
    if (ownerlessCreation(e)) line.ownerless = { hash: e.hash, at: e.at, actor: e.actor };
    addRows(line.rows, e);
    line.lastSeq = e.seq;
    line.lastHash = e.hash;
  }
  if (line.lastSeq > 0) walk.stop({ seq: line.lastSeq, hash: line.lastHash, state: line });
  return line;
}

/** compareFields over a line replay; false when a field's last event wrote it twice with two values (then the graph decides). */
function compareLine(rows: ProjectRows, line: LineReplay, registry: Registry, out: ReplayDifference[]): boolean {
  for (const writes of line.latest.values()) {
    if (writes.length > 1 && new Set(writes.map((w) => normal(w.field, w.value))).size > 1) return false;
  }
  const creator = line.ownerless ? creatorWrite(rows, line.ownerless) : null;
  compareFields(rows, registry, out, (key) => {
    // on one line the last write is the latest; the creator's owner role (seq 1) only until another write
    const latest = line.latest.get(key) ?? (creator && key === creator.key ? [creator] : undefined);
    return latest && { all: latest, latest };
  });
  return true;
}
