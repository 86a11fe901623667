import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testWorkbench } from '../../helpers/workbench';
import { dispatch } from '../../../electron/core/dispatch';
import type { Handlers } from '../../../electron/core/handlers';

async function call(h: Handlers, method: string, args: unknown): Promise<any> {
  const r = await dispatch(h, method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function withEvidence() {
  const wb = await testWorkbench();
  const { id: projectId } = await call(wb.handlers, 'createProject', { name: 'Expiry', frameworks: ['hipaa'] });
  const evidence = await call(wb.handlers, 'addEvidence', { projectId, controlId: 'DS-01', kind: 'note', name: 'TLS certificate', text: 'valid', collectedOn: '2026-11-01' });
  return { ...wb, projectId, evidence };
}

describe('setting an evidence item\'s expiry after attaching it', () => {
  it('sets, changes and clears it, each change one audited event, and the history still verifies', async () => {
    const { handlers, projectId, evidence } = await withEvidence();
    expect(evidence.expiresOn).toBeNull();
    const set = await call(handlers, 'setEvidenceExpiry', { projectId, evidenceId: evidence.id, expiresOn: '2026-11-20' });
    expect(set).toMatchObject({ id: evidence.id, expiresOn: '2026-11-20', expired: true });
    const renewed = await call(handlers, 'setEvidenceExpiry', { projectId, evidenceId: evidence.id, expiresOn: '2027-11-20' });
    expect(renewed).toMatchObject({ expiresOn: '2027-11-20', expired: false });
    const cleared = await call(handlers, 'setEvidenceExpiry', { projectId, evidenceId: evidence.id, expiresOn: null });
    expect(cleared.expiresOn).toBeNull();
    // the same value again moves nothing and writes nothing
    await call(handlers, 'setEvidenceExpiry', { projectId, evidenceId: evidence.id, expiresOn: null });

    const events = (await call(handlers, 'listAuditEvents', { projectId })).filter((e: { action: string }) => e.action === 'evidence.expiry');
    expect(events.map((e: { before: unknown; after: unknown }) => [e.before, e.after])).toEqual(expect.arrayContaining([
      [{ expiresOn: null }, { expiresOn: '2026-11-20' }],
      [{ expiresOn: '2026-11-20' }, { expiresOn: '2027-11-20' }],
      [{ expiresOn: '2027-11-20' }, { expiresOn: null }],
    ]));
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ entity: 'evidence', entityId: evidence.id, actor: 'Ada Tester' });
    const verified = await call(handlers, 'verifyAuditHistory', { projectId });
    expect(verified.ok).toBe(true);
  });

  it('refuses a date before collection, a removed item and a bad date, changing nothing', async () => {
    const { handlers, projectId, evidence, file } = await withEvidence();
    const before = readFileSync(file);
    await expect(call(handlers, 'setEvidenceExpiry', { projectId, evidenceId: evidence.id, expiresOn: '2026-10-31' })).rejects.toThrow(/before the collection date 2026-11-01 of "TLS certificate"/);
    await expect(call(handlers, 'setEvidenceExpiry', { projectId, evidenceId: evidence.id, expiresOn: '31/12/2026' })).rejects.toThrow(/expiresOn/);
    await expect(call(handlers, 'setEvidenceExpiry', { projectId, evidenceId: 'ev-none', expiresOn: null })).rejects.toThrow(/NOT_FOUND/);
    expect(readFileSync(file).equals(before)).toBe(true);
    await call(handlers, 'removeEvidence', { projectId, evidenceId: evidence.id });
    await expect(call(handlers, 'setEvidenceExpiry', { projectId, evidenceId: evidence.id, expiresOn: '2027-01-01' })).rejects.toThrow(/NOT_FOUND/);
  });
});
