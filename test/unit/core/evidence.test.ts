import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock, testWorkbench } from '../../helpers/workbench';
import { createProject } from '../../../electron/core/projects/projects';
import { addEvidence, listEvidence, MAX_EVIDENCE_BYTES, readEvidenceContent, removeEvidence } from '../../../electron/core/evidence/evidence';
import { checklistRows, projectOverview } from '../../../electron/core/assessments/checklist';
import { listAuditEvents } from '../../../electron/core/audit/chain';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

describe('evidence', () => {
  it('copies file bytes into the store under their SHA-256, once per distinct content', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['pci'] });
    const bytes = Buffer.from('{"KeyRotationEnabled": true}');
    const a = addEvidence(ctx, p.id, 'DS-01', { kind: 'file', name: 'rotation.json', content: bytes });
    const b = addEvidence(ctx, p.id, 'AC-01', { kind: 'file', name: 'copy.json', content: bytes });
    expect(a).toMatchObject({ kind: 'file', name: 'rotation.json', sha256: sha(bytes), size: bytes.length, mediaType: 'application/json', attachedBy: 'Ada Tester', collectedOn: '2026-11-28', expired: false });
    expect(b.sha256).toBe(a.sha256);
    expect(ctx.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1);
    expect(readEvidenceContent(ctx, p.id, b.id).content.equals(bytes)).toBe(true);
    expect(checklistRows(ctx, p.id).find((r) => r.id === 'DS-01')?.evidenceCount).toBe(1);
  });

  it('keeps links and notes with the hash of their text', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['pci'] });
    const link = addEvidence(ctx, p.id, 'DS-01', { kind: 'link', url: 'https://wiki.example/kms' });
    const note = addEvidence(ctx, p.id, 'DS-01', { kind: 'note', text: 'Checked in console\nwith Sam' });
    expect(link).toMatchObject({ name: 'https://wiki.example/kms', sha256: sha('https://wiki.example/kms') });
    expect(note).toMatchObject({ name: 'Checked in console', sha256: sha('Checked in console\nwith Sam') });
    expect(() => addEvidence(ctx, p.id, 'DS-01', { kind: 'link', url: 'javascript:alert(1)' })).toThrow();
    expect(listEvidence(ctx, p.id)).toHaveLength(2);
  });

  it('flags expired evidence on the control and the project home', async () => {
    const clock = fixedClock('2026-11-28T10:00:00Z');
    const { ctx } = await testWorkbench({ now: clock.now });
    const p = createProject(ctx, { name: 'p', frameworks: ['pci'] });
    addEvidence(ctx, p.id, 'DS-01', { kind: 'note', text: 'old scan' }, { collectedOn: '2026-01-01', expiresOn: '2026-06-30' });
    addEvidence(ctx, p.id, 'DS-01', { kind: 'note', text: 'fresh scan' }, { expiresOn: '2026-12-10' });
    expect(listEvidence(ctx, p.id).map((e) => e.expired)).toEqual([true, false]);
    expect(checklistRows(ctx, p.id).find((r) => r.id === 'DS-01')?.expiredEvidenceCount).toBe(1);
    expect(projectOverview(ctx, p.id).evidence).toEqual({ total: 2, expired: 1, expiringSoon: 1 });
    expect(() => addEvidence(ctx, p.id, 'DS-01', { kind: 'note', text: 'x' }, { collectedOn: '2026-05-01', expiresOn: '2026-04-01' })).toThrow(/before the collection date/);
  });

  it('refuses a file over the size limit with a clear message, storing nothing', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['pci'] });
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    expect(() => addEvidence(ctx, p.id, 'DS-01', { kind: 'file', name: 'dump.bin', content: big })).toThrow(/"dump.bin" is 50.0 MiB; evidence files can be at most 50 MiB/);
    expect(ctx.db.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(0);
    expect(ctx.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(0);
  });

  it('removes evidence from view but keeps the record and an audit event', async () => {
    const { ctx } = await testWorkbench();
    const p = createProject(ctx, { name: 'p', frameworks: ['pci'] });
    const e = addEvidence(ctx, p.id, 'DS-01', { kind: 'note', text: 'temporary' });
    removeEvidence(ctx, p.id, e.id);
    expect(listEvidence(ctx, p.id)).toEqual([]);
    expect(listAuditEvents(ctx.db, p.id, { entity: 'control', entityId: 'DS-01' }).map((x) => x.action)).toEqual(['evidence.remove', 'evidence.add']);
    expect(() => removeEvidence(ctx, p.id, e.id)).toThrow(/No evidence/);
  });
});
