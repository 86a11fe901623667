import { describe, expect, it } from 'vitest';
import { testWorkbench } from '../../helpers/workbench';
import { createProject } from '../../../electron/core/projects/projects';
import { updateControl } from '../../../electron/core/assessments/update';
import { verifyAuditChain } from '../../../electron/core/audit/chain';

async function projectWithHistory() {
  const wb = await testWorkbench();
  const p = createProject(wb.ctx, { name: 'p', frameworks: ['pci'] });
  for (const [id, status] of [['DS-01', 'compliant'], ['AC-01', 'partial'], ['NS-01', 'non_compliant'], ['LM-01', 'compliant']] as const) {
    updateControl(wb.ctx, p.id, id, { status, note: `note for ${id}` });
  }
  return { ...wb, projectId: p.id };
}

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    const { ctx, projectId } = await projectWithHistory();
    expect(verifyAuditChain(ctx.db, projectId)).toEqual({ ok: true, events: 5, firstBroken: null });
  });

  it('names the first broken event when one byte of a stored event is edited', async () => {
    const { ctx, projectId } = await projectWithHistory();
    // flip one character of event 3's stored "after" value, as someone editing the file would
    const stored = ctx.db.prepare('SELECT after_json FROM audit_events WHERE project_id = ? AND seq = 3').pluck().get(projectId) as string;
    const edited = stored.replace('partial', 'partiaL');
    expect(edited).not.toBe(stored);
    ctx.db.prepare('UPDATE audit_events SET after_json = ? WHERE project_id = ? AND seq = 3').run(edited, projectId);
    expect(verifyAuditChain(ctx.db, projectId)).toMatchObject({ ok: false, firstBroken: { seq: 3, problem: expect.stringContaining('does not match its hash') } });
  });

  it('catches a deleted event and a changed actor', async () => {
    const { ctx, projectId } = await projectWithHistory();
    ctx.db.prepare('DELETE FROM audit_events WHERE project_id = ? AND seq = 2').run(projectId);
    expect(verifyAuditChain(ctx.db, projectId).firstBroken).toMatchObject({ seq: 3, problem: 'event 2 is missing (found 3 next)' });
    const other = await projectWithHistory();
    other.ctx.db.prepare("UPDATE audit_events SET actor = 'Mallory' WHERE project_id = ? AND seq = 4").run(other.projectId);
    expect(verifyAuditChain(other.ctx.db, other.projectId).firstBroken?.seq).toBe(4);
  });
});

describe('stored-row hashing', () => {
  it('gives the same hash as hashing the parsed event, for any JSON values', async () => {
    const fc = await import('fast-check');
    const { eventHash, storedEventHash, GENESIS_HASH } = await import('../../../electron/core/audit/chain');
    const { canonicalJson } = await import('../../../electron/core/audit/canonical');
    fc.assert(fc.property(
      fc.record({ actor: fc.string(), action: fc.string(), entity: fc.string(), entityId: fc.string(), sessionId: fc.option(fc.string(), { nil: null }), seq: fc.nat(), before: fc.jsonValue(), after: fc.jsonValue() }),
      (e) => {
        const input = { projectId: 'prj-aaaaaaaaaa', at: '2026-11-28T10:00:00.000Z', ...e };
        const row = {
          prev_hash: GENESIS_HASH, project_id: input.projectId, seq: e.seq, at: input.at, actor: e.actor, session_id: e.sessionId,
          entity: e.entity, entity_id: e.entityId, action: e.action, before_json: canonicalJson(e.before), after_json: canonicalJson(e.after),
        };
        return storedEventHash(row) === eventHash(GENESIS_HASH, e.seq, input);
      },
    ), { numRuns: 500 });
  });
});
