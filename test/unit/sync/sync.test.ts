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
import { fingerprint } from '../../helpers/db-fingerprint';
import { pullPage } from '../../../electron/core/sync/server-reads';
import { keyIdOf, parsePublicKeyPem } from '../../../electron/core/identity/keys';
import type { SyncStore } from '../../../electron/core/sync/server-store';

afterAll(() => stopSharedCluster());

function eventHashes(ctx: CoreContext, projectId: string): string[] {
  return (ctx.db.prepare('SELECT hash FROM audit_events WHERE project_id = ? UNION SELECT hash FROM audit_events_imported WHERE project_id = ? ORDER BY 1').pluck().all(projectId, projectId) as string[]);
}

/** What a compromised server could do: change a stored event behind the append-only trigger. */
async function tamper(store: SyncStore, hash: string, set: 'after_json' | 'signature', value: string): Promise<void> {
  await store.query('ALTER TABLE events DISABLE TRIGGER events_no_update');
  await store.query(`UPDATE events SET ${set} = $1 WHERE hash = $2`, [value, hash]);
  await store.query('ALTER TABLE events ENABLE TRIGGER events_no_update');
}

function lastEvent(ctx: CoreContext, projectId: string): { hash: string; after_json: string; signature: string } {
  return ctx.db.prepare('SELECT hash, after_json, signature FROM audit_events WHERE project_id = ? ORDER BY seq DESC LIMIT 1').get(projectId) as { hash: string; after_json: string; signature: string };
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
      // and the server no longer sends Linus's copy to Ada: she holds everything up to her cursor
      const cursor = JSON.parse(ada.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(`sync:${project.id}`) as string) as { pulled: number; copies: number };
      expect(cursor.copies).toBe(cursor.pulled);
      const adaKey = keyIdOf(parsePublicKeyPem(publicKeyOf(ada.ctx), 'Ada'));
      expect((await pullPage(srv.store, project.id, adaKey, cursor.pulled, undefined, cursor.copies)).copies).toEqual([]);
      expect((await pullPage(srv.store, project.id, adaKey, cursor.pulled)).copies.map((c) => c.memberKey)).toEqual(['Linus']);
    } finally {
      await srv.close();
    }
  });

  it('checks every event a laptop lacks, in whichever copy brings it, and keeps its own content for events it holds', async () => {
    const srv = await testSyncServer();
    try {
      const ada = await testWorkbench({ actor: 'Ada Tester', now: fixedClock().now });
      const linus = await testWorkbench({ actor: 'Linus', now: fixedClock('2026-11-28T10:30:00.000Z').now });
      const grace = await testWorkbench({ actor: 'Grace', now: fixedClock('2026-11-28T11:00:00.000Z').now });
      await admit(srv.store, ada.ctx);
      const project = createProject(ada.ctx, { name: 'Claims model', frameworks: ['pci'] });
      addMember(ada.ctx, project.id, { name: 'Linus', role: 'contributor', publicKey: publicKeyOf(linus.ctx) });
      addMember(ada.ctx, project.id, { name: 'Grace', role: 'contributor', publicKey: publicKeyOf(grace.ctx) });
      await syncProject(ada.ctx, project.id, srv.url);
      await syncProject(linus.ctx, project.id, srv.url);
      await syncProject(grace.ctx, project.id, srv.url);
      // Linus's change comes in his copy, and again in Grace's, who merged it before changing DS-01
      updateControl(linus.ctx, project.id, 'AC-01', { status: 'non_compliant', note: 'no MFA' });
      await syncProject(linus.ctx, project.id, srv.url);
      const linusChange = lastEvent(linus.ctx, project.id);
      await syncProject(grace.ctx, project.id, srv.url);
      updateControl(grace.ctx, project.id, 'DS-01', { status: 'compliant' });
      await syncProject(grace.ctx, project.id, srv.url);

      // a held event (Ada wrote the project's first one) altered on the server: Ada's own content counts
      const created = ada.ctx.db.prepare('SELECT hash, after_json FROM audit_events WHERE project_id = ? AND seq = 1').get(project.id) as { hash: string; after_json: string };
      await tamper(srv.store, created.hash, 'after_json', created.after_json.replace('Claims model', 'Another model'));
      // an event Ada lacks, altered: refused whichever copy brings it, and nothing changes here
      const before = fingerprint(ada.ctx.db);
      await tamper(srv.store, linusChange.hash, 'after_json', linusChange.after_json.replace('no MFA', 'MFA everywhere'));
      await expect(syncProject(ada.ctx, project.id, srv.url)).rejects.toThrow(/does not match its hash/);
      expect(fingerprint(ada.ctx.db)).toBe(before);
      // its content back, its signature replaced by another event's: refused too
      await tamper(srv.store, linusChange.hash, 'after_json', linusChange.after_json);
      await tamper(srv.store, linusChange.hash, 'signature', lastEvent(grace.ctx, project.id).signature);
      await expect(syncProject(ada.ctx, project.id, srv.url)).rejects.toThrow(/signature that does not match/);
      expect(fingerprint(ada.ctx.db)).toBe(before);

      // the server honest again: both copies merge in one pull, each event checked once
      await tamper(srv.store, linusChange.hash, 'signature', linusChange.signature);
      const pulled = await syncProject(ada.ctx, project.id, srv.url);
      expect(pulled.copiesMerged).toBeGreaterThanOrEqual(1);
      for (const wb of [linus, grace, ada, linus, grace]) await syncProject(wb.ctx, project.id, srv.url);
      for (const wb of [linus, grace]) {
        expect(projectState(wb.ctx, project.id)).toEqual(projectState(ada.ctx, project.id));
        expect(eventHashes(wb.ctx, project.id)).toEqual(eventHashes(ada.ctx, project.id));
      }
      for (const wb of [ada, linus, grace]) {
        expect(verifyProject(wb.ctx, project.id).problems).toEqual([]);
        expect(wb.ctx.db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(project.id)).toBe('Claims model');
      }
    } finally {
      await srv.close();
    }
  });
});
