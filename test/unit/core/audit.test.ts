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
