// The actor-binding rule on histories written out by hand: who is a member with which key is what
// the history says at each event, and a member without a key is bound to the first key that signs
// as them (trust on first use).
import { describe, expect, it } from 'vitest';
import { checkActorKeys, type ActorKeyEvent } from '../../../electron/core/audit/actor-keys';
import { GENESIS_HASH } from '../../../electron/core/audit/chain';
import { fingerprintOf } from '../../../electron/core/identity/keys';

const K = (c: string) => c.repeat(64);
const ADA = K('a');
const GRACE = K('b');
const OTHER = K('c');
const fp = (k: string) => `fp ${fingerprintOf(k)}`;

type Step = { actor: string; action: string; entity_id?: string; after?: unknown; key: string | null; parent?: string };

/** A chain from steps: event n's hash is `h<n>` (or given by `branch`), linked to the step before or to `parent`. */
function history(steps: Step[], prefix = 'h', first = 1): ActorKeyEvent[] {
  return steps.map((s, i) => ({
    seq: first + i,
    hash: `${prefix}${first + i}`,
    prev_hash: s.parent ?? (first + i === 1 ? GENESIS_HASH : `${i === 0 ? 'h' : prefix}${first + i - 1}`),
    actor: s.actor,
    action: s.action,
    entity_id: s.entity_id ?? 'p1',
    after_json: s.after === undefined ? null : JSON.stringify(s.after),
    key_id: s.key,
  }));
}

const created = (keyId?: string): Step => ({ actor: 'Ada', action: 'project.create', after: { owner: { key: 'Ada', name: 'Ada', email: '', role: 'owner', ...(keyId ? { keyId } : {}) } }, key: ADA });
const addGrace = (keyId?: string): Step => ({ actor: 'Ada', action: 'member.add', entity_id: 'Grace', after: { name: 'Grace', email: '', role: 'assessor', ...(keyId ? { keyId } : {}) }, key: ADA });
const byGrace = (key: string): Step => ({ actor: 'Grace', action: 'control.update', entity_id: 'DS-01', after: { status: 'partial' }, key });

describe('actor binding', () => {
  it('accepts each member signing with their own key, as added by key', () => {
    expect(checkActorKeys(history([created(ADA), addGrace(GRACE), byGrace(GRACE)]))).toEqual([]);
  });

  it('reports an event signed by another member\'s key, and one by a key no member holds', () => {
    expect(checkActorKeys(history([created(ADA), addGrace(GRACE), byGrace(ADA), byGrace(OTHER)])).map((p) => p.problem)).toEqual([
      `event 3 says it was made by Grace, but is signed by Ada's key (${fp(ADA)})`,
      `event 4 says it was made by Grace, but is signed by key ${fp(OTHER)}, which is not Grace's key (theirs is ${fp(GRACE)}, since event 2)`,
    ]);
  });

  it('binds a member added without a key to the first key that signs as them, and reports later keys (trust on first use)', () => {
    const problems = checkActorKeys(history([created(), addGrace(), byGrace(GRACE), byGrace(OTHER), byGrace(GRACE)]));
    expect(problems).toEqual([{ seq: 4, hash: 'h4', problem: `event 4 says it was made by Grace, but is signed by key ${fp(OTHER)}, which is not Grace's key (theirs is ${fp(GRACE)}, bound on first use at event 3)` }]);
    // the creator of a project from before keys was bound by its first event; a key already someone's binds nobody else
    expect(checkActorKeys(history([created(), addGrace(), byGrace(ADA)])).map((p) => p.problem)).toEqual([`event 3 says it was made by Grace, but is signed by Ada's key (${fp(ADA)})`]);
  });

  it('reports events by a removed member, and by the old key after a member is added again with a new one', () => {
    const removed = history([created(ADA), addGrace(GRACE), { actor: 'Ada', action: 'member.remove', entity_id: 'Grace', after: { role: null }, key: ADA }, byGrace(GRACE)]);
    expect(checkActorKeys(removed).map((p) => p.problem)).toEqual([`event 4 says it was made by Grace, who was removed from this project at event 3; it is signed by their key (${fp(GRACE)}) after that`]);
    const rekeyed = history([created(ADA), addGrace(GRACE), { actor: 'Ada', action: 'member.remove', entity_id: 'Grace', after: { role: null }, key: ADA }, addGrace(OTHER), byGrace(GRACE), byGrace(OTHER)]);
    expect(checkActorKeys(rekeyed).map((p) => p.seq)).toEqual([5]);
    const stranger = history([created(ADA), { actor: 'Mallory', action: 'control.update', entity_id: 'DS-01', key: OTHER }]);
    expect(checkActorKeys(stranger).map((p) => p.problem)).toEqual([`event 2 says it was made by Mallory, who is not a member of this project at that point (signed by key ${fp(OTHER)})`]);
  });

  it('judges each copy by its own line of history, and lets a holder record an import with a key of their own', () => {
    // Ada's copy removes Grace at event 3 while Grace's copy, forked at event 2, still works: not reported
    const base = history([created(ADA), addGrace(GRACE)]);
    const adas = history([{ actor: 'Ada', action: 'member.remove', entity_id: 'Grace', after: { role: null }, key: ADA }], 'a', 3);
    const graces = history([byGrace(GRACE), byGrace(GRACE)], 'g', 3);
    adas[0]!.prev_hash = 'h2';
    graces[0]!.prev_hash = 'h2';
    expect(checkActorKeys([...base, ...adas, ...graces])).toEqual([]);
    const imported = history([created(ADA), { actor: 'Ada', action: 'bundle.import', entity_id: 'p1', key: OTHER }]);
    expect(checkActorKeys(imported)).toEqual([]);
    const importedAsGrace = history([created(ADA), addGrace(GRACE), { actor: 'Ada', action: 'bundle.import', entity_id: 'p1', key: GRACE }]);
    expect(checkActorKeys(importedAsGrace).map((p) => p.seq)).toEqual([3]);
  });
});
