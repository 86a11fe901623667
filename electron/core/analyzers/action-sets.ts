// IAM actions as sets of integers, so a statement is judged against thousands of actions at once:
// every documented action gets an id in the order of its name (a set read in id order is sorted),
// and a statement's Action/NotAction becomes one bitset, worked out once per distinct list of
// patterns for the process. Loading the index reads the whole action list (some 22,000 actions).
import { type CatalogAction, catalogServices, expandActionPattern, serviceActions } from './action-catalog';
import { type Statement, wildcardMatch } from './policy';

/** One bit per documented action, by id. */
export type ActionSet = Uint32Array;

type ActionIndex = { actions: readonly CatalogAction[]; ids: ReadonlyMap<string, number>; words: number };

let index: ActionIndex | undefined;
function actionIndex(): ActionIndex {
  if (!index) {
    const actions = catalogServices()
      .flatMap((s) => serviceActions(s) ?? [])
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    index = { actions, ids: new Map(actions.map((a, i) => [a.lower, i])), words: (actions.length + 31) >>> 5 };
  }
  return index;
}

/** The id of a documented action (lowercase name), or undefined when AWS documents no such action. */
export function actionId(lower: string): number | undefined {
  return actionIndex().ids.get(lower);
}

/**
 * Sets are cut from slabs of 128: a typed array of its own costs an ArrayBuffer of 2.7 kB per set
 * (allocated, zeroed and tracked as external memory), which on policies full of distinct action
 * lists cost more than judging them. A slab lives as long as any set cut from it.
 */
const SETS_PER_SLAB = 128;
let slab = new Uint32Array(0);
let slabUsed = 0;
export function emptySet(): ActionSet {
  const { words } = actionIndex();
  if (slabUsed + words > slab.length) {
    slab = new Uint32Array(words * SETS_PER_SLAB);
    slabUsed = 0;
  }
  const set = slab.subarray(slabUsed, slabUsed + words);
  slabUsed += words;
  return set;
}

/**
 * Sets that live for one judgement only are lent from a pool: allocating a zeroed 2.7 kB array
 * each time cost more than the judgement itself. `lentSets()` marks the pool, `returnSets(mark)`
 * takes back everything lent since; the judgements run synchronously and never keep a lent set.
 */
const pool: ActionSet[] = [];
let lent = 0;
export function lentSets(): number {
  return lent;
}
export function borrowSet(): ActionSet {
  if (lent === pool.length) pool.push(emptySet());
  const set = pool[lent++]!;
  set.fill(0);
  return set;
}
export function returnSets(mark: number): void {
  lent = mark;
}

let empty: ActionSet | undefined;
/** A settled set with no action, shared: what a policy without Deny statements denies. Never write to it. */
export function noActions(): ActionSet {
  empty ??= settle(emptySet());
  return empty;
}

function setOf(actions: Iterable<CatalogAction>): ActionSet {
  const set = emptySet();
  const { ids } = actionIndex();
  for (const a of actions) {
    const id = ids.get(a.lower);
    if (id !== undefined) set[id >>> 5]! |= 1 << (id & 31);
  }
  return set;
}

/**
 * For a set that no longer changes (every set kept in a cache here), the indexes of its words that
 * are not zero. An action list names a few services, and a service's actions sit side by side in
 * id order: a statement's set is a few words of the 700, and operations with it visit only those.
 * Kept on the set itself: a WeakMap lookup per operation cost more than the few words it spared.
 */
type Settled = ActionSet & { support?: Uint16Array };
const supportOf = (set: ActionSet): Uint16Array | undefined => (set as Settled).support;

/** Word indexes found by the last settle(); a set's own support is cut from it. */
let scratch = new Uint16Array(0);

/** Marks a set as finished (it is never changed again) and notes its words that are not zero. */
function settle(set: ActionSet): ActionSet {
  if (scratch.length < set.length) scratch = new Uint16Array(set.length);
  let count = 0;
  for (let w = 0; w < set.length; w++) if (set[w] !== 0) scratch[count++] = w;
  (set as Settled).support = scratch.slice(0, count);
  return set;
}

/** The fewest words an operation over these sets must visit: the support of the smallest settled one, or null for all. */
function narrowest(a: ActionSet, b: ActionSet | null, c: ActionSet | null): Uint16Array | null {
  let best = supportOf(a) ?? null;
  const wb = b ? supportOf(b) : undefined;
  if (wb && (!best || wb.length < best.length)) best = wb;
  const wc = c ? supportOf(c) : undefined;
  if (wc && (!best || wc.length < best.length)) best = wc;
  return best;
}

export function has(set: ActionSet, id: number): boolean {
  return (set[id >>> 5]! & (1 << (id & 31))) !== 0;
}

export function unionInto(target: ActionSet, source: ActionSet): void {
  const words = supportOf(source);
  if (words) for (let i = 0; i < words.length; i++) target[words[i]!]! |= source[words[i]!]!;
  else for (let w = 0; w < target.length; w++) target[w]! |= source[w]!;
}

/** target = target ∪ (a ∩ b ∩ c), c optional. */
export function unionIntersectionInto(target: ActionSet, a: ActionSet, b: ActionSet, c: ActionSet | null): void {
  const words = narrowest(a, b, c);
  if (words) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      target[w]! |= a[w]! & b[w]! & (c ? c[w]! : -1);
    }
  } else {
    for (let w = 0; w < target.length; w++) target[w]! |= a[w]! & b[w]! & (c ? c[w]! : -1);
  }
}

export function subtractInto(target: ActionSet, source: ActionSet): void {
  const words = supportOf(source);
  if (words) for (let i = 0; i < words.length; i++) target[words[i]!]! &= ~source[words[i]!]!;
  else for (let w = 0; w < target.length; w++) target[w]! &= ~source[w]!;
}

/** Is there an action in a ∩ b (∩ c) outside `without`? */
export function meets(a: ActionSet, b: ActionSet, c: ActionSet | null, without: ActionSet | null): boolean {
  const words = narrowest(a, b, c);
  const count = words ? words.length : a.length;
  for (let i = 0; i < count; i++) {
    const w = words ? words[i]! : i;
    if ((a[w]! & b[w]! & (c ? c[w]! : -1) & (without ? ~without[w]! : -1)) !== 0) return true;
  }
  return false;
}

export function isEmpty(set: ActionSet): boolean {
  for (let w = 0; w < set.length; w++) if (set[w] !== 0) return false;
  return true;
}

/** The names of the actions in the set, sorted (ids follow the names' order). */
export function namesOf(set: ActionSet): string[] {
  const { actions } = actionIndex();
  const names: string[] = [];
  for (let w = 0; w < set.length; w++) {
    let bits = set[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      names.push(actions[(w << 5) + 31 - Math.clz32(low)]!.name);
      bits ^= low;
    }
  }
  return names;
}

/** Patterns and lists come from the files read: the caches are bounded (a set is some 2.7 kB). A kept set is settled. */
const CACHE_BOUND = 2_000;
function remember<K>(cache: Map<K, ActionSet>, key: K, make: () => ActionSet): ActionSet {
  let set = cache.get(key);
  if (!set) {
    set = settle(make());
    if (cache.size >= CACHE_BOUND) cache.clear();
    cache.set(key, set);
  }
  return set;
}

const expansions = new Map<string, ActionSet>();
/** The documented actions a pattern expands to (`expandActionPattern`), as a set. */
export function expansionSet(pattern: string): ActionSet {
  const lower = pattern.toLowerCase();
  return remember(expansions, lower, () => setOf(expandActionPattern(lower)));
}

/**
 * The documented actions a lowercase pattern covers when matched whole against `service:action`.
 * With exactly one colon that is its expansion (the colon can only meet the action's one colon);
 * a malformed pattern without one (`iam`, `*object`) is matched as written, as AWS would.
 */
function patternCover(lower: string): ActionSet {
  if (lower.indexOf(':') >= 0 && lower.indexOf(':') === lower.lastIndexOf(':')) return expansionSet(lower);
  return remember(expansions, `\u0000${lower}`, () => setOf(actionIndex().actions.filter((a) => wildcardMatch(lower, a.lower))));
}

const covers = new Map<string, ActionSet>();
const coversByStatement = new WeakMap<Statement, ActionSet>();
/** The documented actions a statement's Action or NotAction covers (`coversForm`), whatever its Effect. */
export function coverSet(statement: Statement): ActionSet {
  let set = coversByStatement.get(statement);
  if (set) return set;
  const { actions, notActions } = statement.match;
  // One pattern: its own set, shared with every statement that names it. With "*" among its
  // patterns, the statement covers every action whatever else it names: the set of "*".
  if (actions?.length === 1) return patternCover(actions[0]!);
  if (actions?.includes('*')) return patternCover('*');
  const patterns = actions ?? notActions;
  const key = `${actions ? 'A' : notActions ? 'N' : '-'}${patterns?.join('\n') ?? ''}`;
  set = remember(covers, key, () => {
    const found = emptySet();
    for (const p of patterns ?? []) unionInto(found, patternCover(p));
    if (actions || !notActions) return found;
    // NotAction: every action its patterns do not match.
    const all = actionIndex().actions.length;
    for (let w = 0; w < found.length; w++) found[w] = ~found[w]! & (w === found.length - 1 && all % 32 !== 0 ? (1 << all % 32) - 1 : -1);
    return found;
  });
  coversByStatement.set(statement, set);
  return set;
}

const reaches = new WeakMap<Statement, ActionSet>();
/**
 * The documented actions a statement's own patterns expand to and cover: its cover, except for a
 * malformed pattern without a colon (`iam` expands to every IAM action yet covers none of them).
 */
export function reachSet(statement: Statement): ActionSet {
  const cover = coverSet(statement);
  const { actions } = statement;
  // "*" covers (and reaches) every action
  if (!actions || cover === patternCover('*') || actions.every((p) => p.indexOf(':') >= 0)) return cover;
  let set = reaches.get(statement);
  if (!set) {
    set = emptySet();
    for (const p of actions) unionIntersectionInto(set, expansionSet(p), cover, null);
    reaches.set(statement, settle(set));
  }
  return set;
}

const kinds = new Map<(a: CatalogAction) => boolean, ActionSet>();
/** The documented actions of one kind (a module-level predicate: the set is kept for the process). */
export function kindSet(keep: (a: CatalogAction) => boolean): ActionSet {
  return remember(kinds, keep, () => setOf(actionIndex().actions.filter(keep)));
}

const typed = new Map<string, ActionSet>();
/** The documented actions that can be scoped to one of these resource types (lowercase). */
export function typedSet(types: ReadonlySet<string>): ActionSet {
  return remember(typed, [...types].sort().join('\n'), () => setOf(actionIndex().actions.filter((a) => a.resourceTypes.some((t) => types.has(t)))));
}
