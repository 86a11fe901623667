// The sync loop against a real PostgreSQL: push only what the server lacks, pull only what the
// laptop lacks, teammates' copies merged through the bundle merge, and every copy verifying.
import { afterAll, describe, expect, it } from 'vitest';
import { createProject } from '../../../electron/core/projects/projects';
import { addMember } from '../../../electron/core/members/members';
import { updateControl } from '../../../electron/core/assessments/update';
import { syncProject, syncStatus } from '../../../electron/core/sync/client';
import { verifyProject } from '../../../electron/core/audit/verify';
import { testWorkbench, fixedClock } from '../../helpers/workbench';
import { projectState } from '../team/state';
import { admit, publicKeyOf, stopSharedCluster, testSyncServer } from './sync-helpers';
import type { CoreContext } from '../../../electron/core/context';

afterAll(() => stopSharedCluster());

function eventHashes(ctx: CoreContext, projectId: string): string[] {
  return (ctx.db.prepare('SELECT hash FROM audit_events WHERE project_id = ? UNION SELECT hash FROM audit_events_imported WHERE project_id = ? ORDER BY 1').pluck().all(projectId, projectId) as string[]);
}

describe('cwb sync', () => {
  it('brings two laptops to the same project through the server, each copy verifying', async () => {
    const srv = await testSyncServer();
    try {
      const ada = await testWorkbench({ actor: 'Ada Tester', now: fixedClock().now });
      const linus = await testWorkbench({ actor: 'Linus', now: fixedClock('2026-11-28T10:30:00.000Z').now });
      await admit(srv.store, ada.ctx);
      const project = createProject(ada.ctx, { name: 'Claims model', frameworks: ['pci'] });
      addMember(ada.ctx, project.id, { name: 'Linus', role: 'contributor', publicKey: publicKeyOf(linus.ctx) });
      updateControl(ada.ctx, project.id, 'DS-01', { status: 'compliant' });

      const first = await syncProject(ada.ctx, project.id, srv.url);
      expect(first).toMatchObject({ pushed: 3, pulled: 0, created: false }); // create, add Linus, the answer
      expect(syncStatus(ada.ctx, project.id)).toMatchObject({ pendingEvents: 0, openConflicts: 0 });

      const fresh = await syncProject(linus.ctx, project.id, srv.url);
      expect(fresh.created).toBe(true);
      updateControl(linus.ctx, project.id, 'AC-01', { status: 'non_compliant', note: 'no MFA' });
      expect(syncStatus(linus.ctx, project.id).pendingEvents).toBe(1); // the answer (the import went up with the first sync)
      await syncProject(linus.ctx, project.id, srv.url);
      const back = await syncProject(ada.ctx, project.id, srv.url);
      expect(back.copiesMerged).toBe(1);
      await syncProject(linus.ctx, project.id, srv.url);

      expect(projectState(linus.ctx, project.id)).toEqual(projectState(ada.ctx, project.id));
      expect(eventHashes(linus.ctx, project.id)).toEqual(eventHashes(ada.ctx, project.id));
      for (const ctx of [ada.ctx, linus.ctx]) expect(verifyProject(ctx, project.id).problems).toEqual([]);
      // nothing left to send either way: a second sync moves nothing
      const again = await syncProject(ada.ctx, project.id, srv.url);
      expect(again).toMatchObject({ pushed: 0, pulled: 0, copiesMerged: 0 });
    } finally {
      await srv.close();
    }
  });
});
