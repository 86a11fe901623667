// The history of one copy with no merges (a line) is ordered without the general tree walk;
// these tests check that the shortcut orders events exactly as the walk does.
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../electron/core/audit/chain';
import { History, MERGE_ACTION, type HistoryEvent } from '../../../electron/core/bundle/history';

function event(seq: number, hash: string, prev: string, action = 'control.update', after: unknown = { status: 'partial' }): HistoryEvent {
  return {
    seq, at: `2026-01-05T09:00:${String(seq).padStart(2, '0')}.000Z`, actor: 'Ada', session_id: null, entity: 'control', entity_id: 'DS-1',
    action, before_json: null, after_json: JSON.stringify(after), prev_hash: prev, hash, key_id: null, signature: null,
  };
}

/** e1 ← e2 ← … ← en, hashes h1 … hn. */
function line(n: number): HistoryEvent[] {
  return Array.from({ length: n }, (_, i) => event(i + 1, `h${i + 1}`, i === 0 ? GENESIS_HASH : `h${i}`));
}

const hashes = (events: HistoryEvent[]) => events.map((e) => e.hash);

describe('History of a line', () => {
  it('orders every pair by seq, and the latest of a set is its last event', () => {
    const h = new History(line(6));
    for (let x = 1; x <= 6; x++) {
      for (let y = 1; y <= 6; y++) expect(h.before(`h${x}`, `h${y}`), `h${x} before h${y}`).toBe(x < y);
    }
    expect(h.latest(['h2', 'h5', 'h3'])).toEqual(['h5']);
    expect(h.latest(['h4', 'h4'])).toEqual(['h4']);
  });

  it('gives the same answers as the general walk (forced by a fork that touches none of the compared events)', () => {
    const events = line(6);
    const fast = new History(events);
    // a sibling of h4: the history is no longer a line, so the tree walk runs
    const walked = new History([...events, event(4, 'fork', 'h3')]);
    for (const x of hashes(events)) {
      for (const y of hashes(events)) expect(fast.before(x, y), `${x} before ${y}`).toBe(walked.before(x, y));
    }
    for (const set of [['h1', 'h6'], ['h3', 'h2'], ['h5', 'h1', 'h4']]) expect(fast.latest(set)).toEqual(walked.latest(set));
    // and the fork is concurrent with the later events of the line
    expect(new Set(walked.latest(['fork', 'h5']))).toEqual(new Set(['fork', 'h5']));
  });

  it('takes the events in any order', () => {
    const events = line(5);
    const h = new History([events[3]!, events[0]!, events[4]!, events[2]!, events[1]!]);
    expect(h.before('h1', 'h5')).toBe(true);
    expect(h.before('h5', 'h1')).toBe(false);
    expect(h.latest(['h1', 'h3', 'h2'])).toEqual(['h3']);
  });

  it('leaves a line with a merge event to the general walk, which follows the merged head', () => {
    // a line in which event 4 merges a copy whose head is a side branch off h2
    const events = [
      ...line(3),
      event(3, 'side', 'h2'),
      event(4, 'h4', 'h3', MERGE_ACTION, { remoteHead: 'side' }),
    ];
    const h = new History(events);
    expect(h.before('side', 'h4')).toBe(true);
    expect(h.before('side', 'h3')).toBe(false);
    expect(new Set(h.latest(['side', 'h3']))).toEqual(new Set(['side', 'h3']));
    expect(h.latest(['side', 'h4'])).toEqual(['h4']);
  });
});
