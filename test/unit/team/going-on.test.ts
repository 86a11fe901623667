// Verify after a change goes on from where the last check stopped (audit/going-on.ts), instead of
// walking 200,000 events again. That is sound only while no event it read can have changed: every
// way of rewriting the history, through this connection or another, must still be found by the
// next verify, exactly as a whole walk would find it.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { updateControl } from '../../../electron/core/assessments/update';
import { addMember } from '../../../electron/core/members/members';
import { verifyProject } from '../../../electron/core/audit/verify';
import { beginWalk } from '../../../electron/core/audit/going-on';
import { replayProject } from '../../../electron/core/audit/replay';
import { auditTotals } from '../../../electron/core/audit/totals';
import { readinessHistory } from '../../../electron/core/projects/readiness-history';
import type { CoreContext } from '../../../electron/core/context';
import { teamProject } from './helpers';

const lastSeq = (ctx: CoreContext, p: string) => ctx.db.prepare('SELECT max(seq) FROM audit_events WHERE project_id = ?').pluck().get(p) as number;
const row = (ctx: CoreContext, p: string, seq: number) =>
  ctx.db.prepare('SELECT * FROM audit_events WHERE project_id = ? AND seq = ?').get(p, seq) as Record<string, unknown>;

async function verifiedTwice() {
  const team = await teamProject();
  updateControl(team.contributor, team.projectId, 'DS-01', { status: 'partial' });
  expect(verifyProject(team.owner, team.projectId).ok).toBe(true);
  // one more answer: the next verify goes on from where this one stopped
  updateControl(team.contributor, team.projectId, 'AC-01', { status: 'compliant' });
  return team;
}

describe('verify going on from where it stopped', () => {
  it('after an append, goes on from the last event and says what a whole walk says', async () => {
    const { owner, projectId, contributor } = await verifiedTwice();
    const stoppedAt = lastSeq(owner, projectId) - 1;
    for (const walk of ['chain', 'signatures', 'actor-keys']) {
      expect(beginWalk(owner.db, walk, projectId).from?.seq, walk).toBe(stoppedAt);
    }
    // beginWalk takes the point it hands out: verify now starts again, then keeps the new end
    const resumed = verifyProject(owner, projectId);
    expect(resumed.ok).toBe(true);
    updateControl(contributor, projectId, 'NS-01', { status: 'partial' });
    const after = verifyProject(owner, projectId);
    expect(beginWalk(owner.db, 'chain', projectId).from?.seq).toBe(lastSeq(owner, projectId));
    expect(after).toMatchObject({ ok: true, chain: { ok: true, events: lastSeq(owner, projectId) }, identity: { signed: resumed.identity.signed + 1 } });
  });

  it('finds an old event rewritten through the same connection (UPDATE of its values, key id or signature)', async () => {
    for (const edit of [
      "UPDATE audit_events SET after_json = replace(after_json, 'partial', 'compliant') WHERE project_id = ? AND seq = ?",
      'UPDATE audit_events SET signature = NULL, key_id = NULL WHERE project_id = ? AND seq = ?',
    ]) {
      const { owner, projectId } = await verifiedTwice();
      const seq = lastSeq(owner, projectId) - 1;
      expect(owner.db.prepare(edit).run(projectId, seq).changes).toBe(1);
      expect(verifyProject(owner, projectId).ok, edit).toBe(false);
    }
  });

  it('finds an old event deleted and written back changed, and one replaced in place (INSERT OR REPLACE fires no delete trigger)', async () => {
    for (const how of ['delete', 'replace'] as const) {
      const { owner, projectId } = await verifiedTwice();
      const seq = lastSeq(owner, projectId) - 2;
      const old = row(owner, projectId, seq);
      const changed = { ...old, actor: 'Mallory', id: how === 'replace' ? old['id'] : null };
      if (how === 'delete') owner.db.prepare('DELETE FROM audit_events WHERE project_id = ? AND seq = ?').run(projectId, seq);
      const columns = Object.keys(changed);
      owner.db.prepare(`INSERT OR REPLACE INTO audit_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => changed[c as keyof typeof changed]));
      expect(row(owner, projectId, seq)['actor']).toBe('Mallory');
      expect(verifyProject(owner, projectId).problems.map((p) => p.sentence).join('\n'), how).toMatch(new RegExp(`event ${seq} `));
    }
  });

  it('finds an old event rewritten by another connection (the sqlite3 shell, another process)', async () => {
    const { owner, projectId, wb } = await verifiedTwice();
    const file = (owner.db as unknown as Database.Database).name;
    const other = new Database(file);
    try {
      other.prepare("UPDATE audit_events SET actor = 'Mallory' WHERE project_id = ? AND seq = 2").run(projectId);
    } finally {
      other.close();
    }
    expect(verifyProject(owner, projectId).problems[0]?.sentence).toMatch(/^event 2 of the audit chain is broken/);
    expect(wb).toBeDefined();
  });

  it('inside a transaction walks the whole history and keeps nothing', async () => {
    const { owner, projectId } = await verifiedTwice();
    const db = owner.db as unknown as Database.Database;
    db.transaction(() => {
      expect(beginWalk(owner.db, 'chain', projectId).from).toBeNull();
    })();
  });

  it("a report's audit totals go on from the last count, and count again when an event they counted was rewritten", async () => {
    const { owner, projectId, contributor } = await verifiedTwice();
    const sql = () => ({
      totals: owner.db.prepare('SELECT count(*) AS events, min(at) AS firstAt, max(at) AS lastAt FROM audit_events WHERE project_id = ?').get(projectId),
      byActor: owner.db.prepare('SELECT actor, count(*) AS events FROM audit_events WHERE project_id = ? GROUP BY actor ORDER BY actor').all(projectId),
    });
    expect(auditTotals(owner, projectId)).toEqual(sql());
    updateControl(contributor, projectId, 'NS-01', { status: 'partial' });
    expect(beginWalk(owner.db, 'audit-totals', projectId).from?.seq).toBe(lastSeq(owner, projectId) - 1);
    expect(auditTotals(owner, projectId)).toEqual(sql());
    // actors SQLite orders by their UTF-8 bytes, as the whole count did: 'Z' < 'a' < 'é' < '😀' < '￼'
    for (const actor of ['😀 Emoji', '\ufffc Object', 'ébène', 'zed']) {
      addMember(owner, projectId, { name: actor, role: 'contributor' });
      updateControl({ ...contributor, actor: () => actor }, projectId, 'LM-01', { note: actor });
    }
    expect(auditTotals(owner, projectId)).toEqual(sql());
    // an old event's actor rewritten in place: counted again from the first event
    owner.db.prepare("UPDATE audit_events SET actor = 'Mallory' WHERE project_id = ? AND seq = 2").run(projectId);
    expect(auditTotals(owner, projectId)).toEqual(sql());
    expect(auditTotals(owner, projectId).byActor.map((a) => a.actor)).toContain('Mallory');
  });

  it('the replay and readiness over time go on the same way, and start again when an event they read was rewritten', async () => {
    const { owner, projectId, contributor } = await verifiedTwice();
    // through a second connection, which has walked nothing: what a walk from the first event says
    const whole = () => {
      const db = new Database((owner.db as unknown as Database.Database).name);
      try {
        const other = { ...owner, db: db as unknown as CoreContext['db'] };
        return { replay: replayProject(other, projectId), readiness: readinessHistory(other, projectId) };
      } finally {
        db.close();
      }
    };
    const kept = () => ({ replay: replayProject(owner, projectId), readiness: readinessHistory(owner, projectId) });
    expect(kept()).toEqual(whole());
    updateControl(contributor, projectId, 'NS-01', { status: 'partial' });
    expect(kept()).toEqual(whole());
    const end = lastSeq(owner, projectId);
    for (const walk of ['line-replay', 'readiness']) expect(beginWalk(owner.db, walk, projectId).from?.seq, walk).toBe(end);
    updateControl(contributor, projectId, 'LM-01', { status: 'partial' });
    kept(); // beginWalk above took the points: these walks keep new ones

    // DS-01's answer rewritten in place through this connection: both walk the whole history again
    const ds01 = owner.db.prepare("SELECT seq FROM audit_events WHERE project_id = ? AND entity_id = 'DS-01' AND action = 'control.update'").pluck().get(projectId) as number;
    owner.db.prepare("UPDATE audit_events SET after_json = replace(after_json, 'partial', 'compliant') WHERE project_id = ? AND seq = ?").run(projectId, ds01);
    const rewritten = kept();
    expect(rewritten).toEqual(whole());
    expect(rewritten.replay?.map((d) => d.sentence)).toContain('DS-01 status: table says partial, history says compliant');
  });
});
