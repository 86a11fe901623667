// Who signed as whom: every signed event must be signed by the key of the member it names as its
// actor, as the project's own history defines members and keys at that event. The history says
// who the members are (project.create's owner, member.add / member.role / member.remove) and which
// key each has (the keyId of the owner and of a member added by key; a member added again with
// a new key has that key from then on). A member with no key in the history (added by name, or
// before signed identities) is bound to the first key that signs as them: trust on first use.
// Walked in causal order: an event sees the members of its own line of history (its parent's
// state), so concurrent copies do not see each other's additions before they merged. A merge or
// an import (bundle.merge / bundle.import, naming the other copy's head) joins the member states
// of both lines: for each member the causally later change wins; two concurrent changes to one
// member give the lesser standing (removed before any role, then viewer < contributor < assessor
// < owner). The sync server judges pushed events with these same states (lineAfter). The first-use
// bindings are one for the whole project, so two copies cannot bind two keys to one person.
// Pure: the database's events and a bundle's events are checked alike. Reads only.
import { GENESIS_HASH } from './chain';
import { fingerprintOf } from '../identity/keys';
import { profileKeyName } from '../identity/key-file';

/** The columns of an event the check reads (audit_events, audit_events_imported and a bundle's events all have them). */
export type ActorKeyEvent = {
  seq: number;
  hash: string;
  prev_hash: string;
  actor: string;
  action: string;
  entity_id: string;
  after_json: string | null;
  key_id: string | null;
};

export type ActorKeyProblem = { seq: number; hash: string; problem: string };

/**
 * Actions the app writes for whoever holds the copy, member or not and on any of their machines:
 * importing a bundle, merging, a catalog upgrade. They set no answer; only another person's key is refused on them.
 */
const HOLDER_ACTIONS: ReadonlySet<string> = new Set(['bundle.import', 'bundle.merge', 'catalog.upgrade']);

export type MemberState = {
  memberKey: string;
  name: string;
  keyId: string | null;
  keySince: number | null;
  active: boolean;
  leftAt: number | null;
  /** The role along this line; null once removed. */
  role: string | null;
  /** The event that last changed this member, and every change to them this line has seen. */
  last: string;
  changes: ReadonlySet<string>;
};
type Members = ReadonlyMap<string, MemberState>;
/** The project's members as one line of history defines them after an event. */
export type LineMembers = Members;
export const NO_MEMBERS: LineMembers = new Map();

function parse(json: string | null): Record<string, unknown> {
  try {
    const v = json === null ? null : (JSON.parse(json) as unknown);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The members after the event: the same map when the event changes no member (the walk shares it). */
function apply(members: Members, e: ActorKeyEvent): Members {
  // most events change no member: their values are not parsed
  if (e.action !== 'project.create' && !e.action.startsWith('member.')) return members;
  const after = parse(e.after_json);
  const put = (m: Omit<MemberState, 'last' | 'changes'>): Members =>
    new Map(members).set(m.memberKey, { ...m, last: e.hash, changes: new Set([...(members.get(m.memberKey)?.changes ?? []), e.hash]) });
  const role = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  if (e.action === 'project.create') {
    const owner = after.owner !== null && typeof after.owner === 'object' ? (after.owner as Record<string, unknown>) : null;
    // a project from before roles: its creator is its owner (migration 0002), known by name
    const memberKey = str(owner?.key) ?? e.actor;
    const keyId = str(owner?.keyId);
    return put({ memberKey, name: str(owner?.name) ?? e.actor, keyId, keySince: keyId ? e.seq : null, active: true, leftAt: null, role: 'owner' });
  }
  if (e.action === 'member.add') {
    const before = members.get(e.entity_id);
    const keyId = str(after.keyId);
    // added again without a key: the key it had stays (as the member table keeps it)
    return put({
      memberKey: e.entity_id,
      name: str(after.name) ?? before?.name ?? e.entity_id,
      keyId: keyId ?? before?.keyId ?? null,
      keySince: keyId ? e.seq : (before?.keySince ?? null),
      active: after.role !== null && after.role !== undefined,
      leftAt: null,
      role: role(after.role),
    });
  }
  if (e.action === 'member.role' || e.action === 'member.remove') {
    const before = members.get(e.entity_id);
    if (!before) return members;
    const active = e.action === 'member.role' && after.role !== null && after.role !== undefined;
    return put({ ...before, active, leftAt: active ? null : e.seq, role: active ? role(after.role) : null });
  }
  return members;
}

const STANDING = ['viewer', 'contributor', 'assessor', 'owner'];
const standing = (m: MemberState): number => (m.active ? STANDING.indexOf(m.role ?? '') : -2);

/** One member after a merge of two lines: the causally later change, or of two concurrent ones the lesser standing. */
function later(ours: MemberState, theirs: MemberState): MemberState {
  if (ours.last === theirs.last || ours.changes.has(theirs.last)) return ours;
  if (theirs.changes.has(ours.last)) return theirs;
  const pick = standing(theirs) < standing(ours) || (standing(theirs) === standing(ours) && theirs.last < ours.last) ? theirs : ours;
  return { ...pick, changes: new Set([...ours.changes, ...theirs.changes]) };
}

function join(ours: Members, theirs: Members): Members {
  if (ours === theirs) return ours;
  let out: Map<string, MemberState> | null = null;
  for (const [key, t] of theirs) {
    const o = ours.get(key);
    const pick = o ? later(o, t) : t;
    if (pick !== o) (out ??= new Map(ours)).set(key, pick);
  }
  return out ?? ours;
}

/** The head of another copy that a merge or an import event takes in, or null. */
export function coveredHeadOf(e: Pick<ActorKeyEvent, 'action' | 'after_json'>): string | null {
  if (e.action !== 'bundle.merge' && e.action !== 'bundle.import') return null;
  return str(parse(e.after_json).remoteHead);
}

/**
 * The members along a line after event e, from the state after its parent (NO_MEMBERS for the
 * first event) and, for a merge or import, the state after the head it takes in (null when that
 * head is not known).
 */
export function lineAfter(parent: LineMembers, e: ActorKeyEvent, covered: LineMembers | null): LineMembers {
  const own = apply(parent, e);
  return covered ? join(own, covered) : own;
}

/** A line's members as JSON, to store (the sync server keeps one per distinct state). */
export function lineToJson(line: LineMembers): string {
  return JSON.stringify([...line.values()].map((m) => ({ ...m, changes: [...m.changes] })));
}

export function lineFromJson(json: string): LineMembers {
  const rows = JSON.parse(json) as Array<Omit<MemberState, 'changes'> & { changes: string[] }>;
  return new Map(rows.map((m) => [m.memberKey, { ...m, changes: new Set(m.changes) }]));
}

/**
 * Checks that every signed event is signed by its actor's key. Events may come in any order and
 * from several copies; each is checked against the members its own line of history defines.
 */
export function checkActorKeys(events: Iterable<ActorKeyEvent>): ActorKeyProblem[] {
  const unique = new Map<string, ActorKeyEvent>();
  for (const e of events) if (!unique.has(e.hash)) unique.set(e.hash, e);
  // seq grows along every line of history, so parents come before their children (one chain read
  // in order, the usual case, is in that order already: not sorted again)
  const inOrder = (a: ActorKeyEvent, b: ActorKeyEvent) => a.seq - b.seq || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0);
  const ordered = [...unique.values()];
  if (!ordered.every((e, i) => i === 0 || inOrder(ordered[i - 1]!, e) < 0)) ordered.sort(inOrder);
  const stateAfter = lineStates(unique);
  const firstUse = new Map<string, { keyId: string; seq: number; name: string }>();
  const problems: ActorKeyProblem[] = [];

  for (const e of ordered) {
    const parent = e.prev_hash === GENESIS_HASH ? NO_MEMBERS : stateAfter(e.prev_hash);
    if (!parent) continue; // a missing parent is the chain check's to report; nothing here can be judged
    // the project's creation makes its owner a member: that event is judged with its owner in place
    const members = e.action === 'project.create' ? apply(parent, e) : parent;
    if (e.key_id !== null) {
      const problem = judge(e, e.key_id, members, firstUse);
      if (problem) problems.push({ seq: e.seq, hash: e.hash, problem });
    }
  }
  return problems;
}

/** Where a check of one line of history stopped: the members after its last event, the first-use bindings and the problems so far. */
export type ActorKeyLine = {
  lastSeq: number;
  lastHash: string;
  members: LineMembers;
  firstUse: ReadonlyMap<string, { keyId: string; seq: number; name: string }>;
  problems: readonly ActorKeyProblem[];
};

/**
 * checkActorKeys over one line of history (the first event starting it, each next one following
 * the one before, none taking in another copy's head), going on from where an earlier check of
 * the same line stopped: the problems checkActorKeys gives for the whole line, in the same order.
 * Null when the events are not such a line (then checkActorKeys decides).
 */
export function checkActorKeysOnLine(from: ActorKeyLine | null, events: Iterable<ActorKeyEvent>): ActorKeyLine | null {
  let { lastSeq, lastHash, members } = from ?? { lastSeq: 0, lastHash: GENESIS_HASH, members: NO_MEMBERS };
  // copies: what was kept stays as it was
  const firstUse = new Map(from?.firstUse ?? []);
  const problems = [...(from?.problems ?? [])];
  for (const e of events) {
    if (e.prev_hash !== lastHash || e.seq !== lastSeq + 1 || coveredHeadOf(e) !== null) return null;
    const after = apply(members, e);
    // the project's creation makes its owner a member: that event is judged with its owner in place
    if (e.key_id !== null) {
      const problem = judge(e, e.key_id, e.action === 'project.create' ? after : members, firstUse);
      if (problem) problems.push({ seq: e.seq, hash: e.hash, problem });
    }
    members = after;
    lastSeq = e.seq;
    lastHash = e.hash;
  }
  return { lastSeq, lastHash, members, firstUse, problems };
}

/**
 * The members after each event, computed on demand: a merge can take in a head numbered after
 * itself, so the states follow the parent and covered-head links, not the numbering. Iterative (a
 * line can be 200,000 events long); null for an event whose line misses its parent.
 */
function lineStates(events: ReadonlyMap<string, ActorKeyEvent>): (hash: string) => Members | null {
  const memo = new Map<string, Members | null>();
  return (start) => {
    // the usual step: the state after an event whose parent's state is known and that takes in
    // no other copy's head (no walk, nothing allocated but the answer)
    const known = memo.get(start);
    if (known !== undefined) return known;
    const e = events.get(start);
    if (!e) {
      memo.set(start, null);
      return null;
    }
    if (coveredHeadOf(e) === null) {
      const parent = e.prev_hash === GENESIS_HASH ? NO_MEMBERS : memo.get(e.prev_hash);
      if (parent !== undefined) {
        const state = parent ? lineAfter(parent, e, null) : null;
        memo.set(start, state);
        return state;
      }
    }
    const stack = [start];
    const busy = new Set<string>();
    while (stack.length) {
      const hash = stack[stack.length - 1]!;
      const e = events.get(hash);
      if (memo.has(hash) || !e) {
        if (!e) memo.set(hash, null);
        stack.pop();
        continue;
      }
      busy.add(hash);
      const covered = coveredHeadOf(e);
      const deps = [e.prev_hash, covered].filter((h): h is string => h !== null && h !== GENESIS_HASH && !memo.has(h) && !busy.has(h));
      if (deps.length) {
        stack.push(...deps);
        continue;
      }
      const parent = e.prev_hash === GENESIS_HASH ? NO_MEMBERS : (memo.get(e.prev_hash) ?? null);
      memo.set(hash, parent ? lineAfter(parent, e, covered ? (memo.get(covered) ?? null) : null) : null);
      busy.delete(hash);
      stack.pop();
    }
    return memo.get(start) ?? null;
  };
}

function keyOf(m: MemberState, firstUse: Map<string, { keyId: string; seq: number }>): { keyId: string; since: number; firstUse: boolean } | null {
  if (m.keyId) return { keyId: m.keyId, since: m.keySince ?? 0, firstUse: false };
  const bound = firstUse.get(m.memberKey);
  return bound ? { keyId: bound.keyId, since: bound.seq, firstUse: true } : null;
}

/**
 * The one rule for the name an event carries: an event signed with the key of a member (or of a
 * person bound on first use) must name that person. Laptop verify and the sync server both apply it.
 */
export function actorNameProblem(e: Pick<ActorKeyEvent, 'seq' | 'actor'>, keyId: string, holderName: string): string | null {
  if (profileKeyName(holderName) === profileKeyName(e.actor)) return null;
  return `event ${e.seq} says it was made by ${e.actor}, but is signed by ${holderName}'s key (fp ${fingerprintOf(keyId)})`;
}

function judge(e: ActorKeyEvent, keyId: string, members: Members, firstUse: Map<string, { keyId: string; seq: number; name: string }>): string | null {
  const name = profileKeyName(e.actor);
  const named = [...members.values()].filter((m) => profileKeyName(m.name) === name);
  const active = named.filter((m) => m.active);
  if (active.some((m) => keyOf(m, firstUse)?.keyId === keyId)) return null;

  const fp = `fp ${fingerprintOf(keyId)}`;
  const holder = [...members.values()].find((m) => keyOf(m, firstUse)?.keyId === keyId)
    ?? [...firstUse.values()].map((b) => ({ name: b.name, keyId: b.keyId })).find((b) => b.keyId === keyId);
  const says = `event ${e.seq} says it was made by ${e.actor}`;
  const misnamed = holder ? actorNameProblem(e, keyId, holder.name) : null;
  if (misnamed) return misnamed;
  // the app writes these for whoever holds the copy, on any of their machines: they record an
  // import or an upgrade and set no answer, so any key that is not another person's may sign them
  if (HOLDER_ACTIONS.has(e.action)) return null;

  if (active.length === 0) {
    const left = named.find((m) => m.leftAt !== null);
    if (left) return `${says}, who was removed from this project at event ${left.leftAt}; it is signed by their key (${fp}) after that`;
    return `${says}, who is not a member of this project at that point (signed by key ${fp})`;
  }
  // trust on first use: a member with no key is bound to the first key that signs as them
  const keyless = active.find((m) => keyOf(m, firstUse) === null);
  if (keyless && !holder) {
    firstUse.set(keyless.memberKey, { keyId, seq: e.seq, name: keyless.name });
    return null;
  }
  const theirs = active.map((m) => keyOf(m, firstUse)).find((k) => k !== null);
  if (!theirs) return `${says}, but is signed by key ${fp}, which another member holds`;
  const how = theirs.firstUse ? `bound on first use at event ${theirs.since}` : `since event ${theirs.since}`;
  return `${says}, but is signed by key ${fp}, which is not ${e.actor}'s key (theirs is fp ${fingerprintOf(theirs.keyId)}, ${how})`;
}
