// Who signed as whom, on a one-line history: after each change the check goes on from where it
// stopped, and says what a check of the whole history says. The key id is not covered by the
// chain's hashes, so an old event re-signed with another member's key is seen even then.
import { describe, expect, it } from 'vitest';
import { updateControl } from '../../../electron/core/assessments/update';
import { addMember } from '../../../electron/core/members/members';
import { verifyProject } from '../../../electron/core/audit/verify';
import { checkActorKeys, type ActorKeyEvent } from '../../../electron/core/audit/actor-keys';
import { checkProjectActorKeys } from '../../../electron/core/audit/identity-check';
import { eventSigningBytes } from '../../../electron/core/audit/signatures';
import { loadSigner } from '../../../electron/core/identity/key-file';
import type { CoreContext } from '../../../electron/core/context';
import { as, teamProject } from './helpers';

/** The whole history checked from its first event, nothing kept. */
function wholeCheck(ctx: CoreContext, projectId: string) {
  const events = ctx.db.prepare('SELECT seq, hash, prev_hash, actor, action, entity_id, after_json, key_id FROM audit_events WHERE project_id = ? ORDER BY seq').all(projectId) as ActorKeyEvent[];
  return checkActorKeys(events).map((p) => ({ seq: p.seq, problem: p.problem }));
}

describe('who signed as whom, gone on from where it stopped', () => {
  it('gives what the whole check gives after each change, and sees an old event re-signed by another member', async () => {
    const { owner, contributor, assessor, projectId: p } = await teamProject();
    const steps: Array<() => unknown> = [
      () => updateControl(contributor, p, 'DS-01', { status: 'partial' }),
      () => updateControl(assessor, p, 'AC-01', { status: 'compliant' }),
      () => addMember(owner, p, { name: 'Ada Lovelace', role: 'contributor' }),
      () => updateControl(as(owner, 'Ada Lovelace'), p, 'NS-01', { status: 'partial' }),
      () => updateControl(contributor, p, 'DS-01', { status: 'compliant' }),
    ];
    for (const step of steps) {
      step();
      expect(verifyProject(owner, p)).toMatchObject({ ok: true, problems: [] });
      expect(checkProjectActorKeys(owner.db, p, { chainHolds: true })).toEqual(wholeCheck(owner, p));
    }
    // an event of Linus's, long since checked, re-signed with Grace's key: a valid signature of a
    // member, over the same event, so only who signed as whom can tell
    const linus = owner.db.prepare("SELECT seq, hash FROM audit_events WHERE project_id = ? AND actor = 'Linus' ORDER BY seq LIMIT 1").get(p) as { seq: number; hash: string };
    const grace = loadSigner(owner.db.name, { create: false, profile: 'Grace' })!;
    owner.db.prepare('UPDATE audit_events SET key_id = ?, signature = ? WHERE project_id = ? AND seq = ?')
      .run(grace.keyId, grace.sign(eventSigningBytes(p, linus.seq, linus.hash)), p, linus.seq);
    const tampered = verifyProject(owner, p);
    expect(tampered.ok).toBe(false);
    // Linus was added by name: his first signed event binds the key that signs it (trust on first
    // use), so Grace's own events and Linus's later ones are the ones that no longer fit
    expect(tampered.problems.map((x) => x.sentence)).toEqual([
      expect.stringMatching(/^event \d+ says it was made by Grace, but is signed by Linus's key/),
      expect.stringMatching(new RegExp(`^event \\d+ says it was made by Linus, but is signed by key fp .*, which is not Linus's key \\(theirs is fp .*, bound on first use at event ${linus.seq}\\)$`)),
    ]);
    expect(checkProjectActorKeys(owner.db, p, { chainHolds: true })).toEqual(wholeCheck(owner, p));
  });
});
