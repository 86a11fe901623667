// Laptops, each its own SQLite file in its own process, making changes concurrently and
// syncing through one server (itself a process, on a real PostgreSQL): every copy ends identical,
// every chain and signature verifies, and no change is lost; again with the server SIGKILLed and
// PostgreSQL restarted mid-sync. Scaled down here to 8 laptops × 10 changes, so that it stays
// within minutes on a loaded 2-core machine; npm run bench -- sync runs 20 laptops × 500 changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, startChild } from '../../helpers/child';
import { convergenceProblems, runFleet, type Fleet } from '../../helpers/sync-fleet';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres';

const LAPTOPS = 8;
const CHANGES = 10;

let child: { script: string; cleanup: () => void };
let cluster: TestPostgres;
beforeAll(async () => {
  child = await bundleChild('sync-child');
  cluster = startTestPostgres();
}, 120_000);
afterAll(() => {
  child?.cleanup();
  cluster?.stop();
});

function expectConverged(fleet: Fleet): void {
  const [first, ...rest] = fleet.copies;
  for (const copy of rest) {
    expect(copy.state, `${copy.actor}'s copy`).toEqual(first!.state);
    expect(copy.events, `${copy.actor}'s events`).toEqual(first!.events);
  }
  for (const copy of fleet.copies) expect(copy.problems, `${copy.actor}'s verify`).toEqual([]);
  // zero lost: every change every laptop made is in every copy's history and rows
  // every laptop's own account first, so a shortfall names the laptop
  expect(fleet.said.filter((s) => s.wrote !== CHANGES || !s.done)).toEqual([]);
  expect(fleet.written.size).toBe(LAPTOPS * CHANGES);
  for (const copy of fleet.copies) expect([...fleet.written].filter((h) => !copy.events.includes(h))).toEqual([]);
  expect(first!.actionItems).toBe(LAPTOPS * (CHANGES - CHANGES / 5));
  // the bench's check (20 × 500) says the same
  expect(convergenceProblems(fleet, LAPTOPS, CHANGES)).toEqual([]);
}

describe('laptops syncing through one server', () => {
  it('end with identical copies, every chain and signature verifying, nothing lost', async () => {
    const fleet = await runFleet({ cluster, script: child.script, startChild, laptops: LAPTOPS, changes: CHANGES, syncEvery: 5 });
    expectConverged(fleet);
  }, 900_000);

  it('lose nothing when the server is SIGKILLed and PostgreSQL restarted mid-sync', async () => {
    const fleet = await runFleet({
      cluster, script: child.script, startChild, laptops: LAPTOPS, changes: CHANGES, syncEvery: 5,
      // once a quarter of the changes are written: kill the server, restart PostgreSQL, start a new server
      interrupt: { afterWrites: (LAPTOPS * CHANGES) / 4 },
    });
    expect(fleet.interrupted).toBe(true);
    expectConverged(fleet);
  }, 900_000);
});
