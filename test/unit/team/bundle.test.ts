import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { updateControl } from '../../../electron/core/assessments/update';
import { addEvidence, listEvidence, readEvidenceContent } from '../../../electron/core/evidence/evidence';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { checklistRows } from '../../../electron/core/assessments/checklist';
import { listMembers } from '../../../electron/core/members/members';
import { startSession, endSession, listSessions } from '../../../electron/core/sessions/sessions';
import { addActionItem } from '../../../electron/core/sessions/action-items';
import { reviewControl } from '../../../electron/core/review/reviews';
import { signOff } from '../../../electron/core/review/baselines';
import { collectBundleData, exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import { readZip, writeZip } from '../../../electron/core/bundle/zip';
import { encryptBundle } from '../../../electron/core/bundle/crypto';
import { verifyHistory } from '../../../electron/core/bundle/verify-history';
import { testWorkbench } from '../../helpers/workbench';
import { countRows, teamProject } from './helpers';

const FAST_KDF = { log2N: 10, r: 8, p: 1 };

async function projectWithEverything() {
  const team = await teamProject();
  const { projectId, assessor, contributor, clock } = team;
  startSession(assessor, projectId, { title: 'Day 1', attendees: [{ name: 'Linus' }] });
  updateControl(contributor, projectId, 'DS-01', { status: 'compliant', note: 'Łódź → CMK ✓', owner: 'Müller', dueDate: '2026-12-31' });
  addEvidence(contributor, projectId, 'DS-01', { kind: 'file', name: 'key-policy.json', content: Buffer.from('{"Statement":[]}') });
  addEvidence(contributor, projectId, 'AC-01', { kind: 'link', url: 'https://example.org/roles' });
  addActionItem(contributor, projectId, { controlId: 'DS-01', text: 'Rotate yearly', owner: 'Müller', dueDate: '2027-01-31' });
  reviewControl(assessor, projectId, 'DS-01', { decision: 'approved' });
  clock.advance(60_000);
  endSession(assessor, projectId);
  signOff(assessor, projectId);
  return team;
}

/** What must be equal between two copies: every row, with the import's own event aside. */
function comparable(data: ReturnType<typeof collectBundleData>) {
  const { exportedAt, exportedBy, audit, ...rest } = data;
  void exportedAt; void exportedBy;
  return { ...rest, chain: audit.chain.filter((e) => e.action !== 'bundle.import'), imported: audit.imported };
}

describe('bundle export and import', () => {
  it('moves a whole project to an empty database: same rows, same files, a chain that verifies', async () => {
    const { wb, projectId } = await projectWithEverything();
    const bundle = await exportBundle(wb.ctx, projectId);
    expect(bundle.fileName).toMatch(/^claims-model-20261128-\d{4}\.cwbundle$/);
    expect(bundle.sha256).toBe(createHash('sha256').update(bundle.bytes).digest('hex'));
    const entries = await readZip(bundle.bytes);
    expect([...entries.keys()].sort()).toEqual(['bundle.json', `evidence/${createHash('sha256').update('{"Statement":[]}').digest('hex')}`, 'manifest.json', 'manifest.sig']);

    const other = await testWorkbench({ actor: 'Linus' });
    const result = await importBundle(other.ctx, bundle.bytes);
    expect(result).toMatchObject({ projectId, projectName: 'Claims model', outcome: 'created', exportedBy: 'Ada Tester', conflicts: [] });
    expect(comparable(collectBundleData(other.ctx, projectId))).toEqual(comparable(collectBundleData(wb.ctx, projectId)));
    expect(checklistRows(other.ctx, projectId)).toEqual(checklistRows(wb.ctx, projectId));
    const file = listEvidence(other.ctx, projectId).find((e) => e.kind === 'file')!;
    expect(readEvidenceContent(other.ctx, projectId, file.id).content.toString()).toBe('{"Statement":[]}');
    expect(listMembers(other.ctx, projectId).map((m) => m.role)).toEqual(['owner', 'assessor', 'contributor', 'viewer']);
    expect(listSessions(other.ctx, projectId)[0]).toMatchObject({ title: 'Day 1', endedAt: expect.any(String) });
    const chain = verifyAuditChain(other.ctx.db, projectId);
    expect(chain).toEqual({ ok: true, events: verifyAuditChain(wb.ctx.db, projectId).events + 1, firstBroken: null });
    expect(verifyHistory(other.ctx.db, projectId)).toMatchObject({ ok: true, branches: [] });
    // importing the same bundle again changes nothing
    const before = countRows(other.ctx);
    expect(await importBundle(other.ctx, bundle.bytes)).toMatchObject({ outcome: 'up_to_date', eventsReceived: 0 });
    expect(countRows(other.ctx)).toEqual(before);
  });

  it('encrypts with a passphrase; a wrong passphrase is refused and the database is untouched', async () => {
    const { wb, projectId } = await projectWithEverything();
    const bundle = await exportBundle(wb.ctx, projectId, { passphrase: 'correct horse battery' });
    expect(bundle.encrypted).toBe(true);
    expect(bundle.bytes.subarray(0, 8).toString('latin1')).toBe('CWB-ENC\0');
    expect(bundle.bytes.includes(Buffer.from('Claims model'))).toBe(false);
    const other = await testWorkbench({ actor: 'Linus' });
    other.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(other.file);
    await expect(importBundle(other.ctx, bundle.bytes, { passphrase: 'wrong horse battery' })).rejects.toMatchObject({
      code: 'BUNDLE_INVALID', message: 'This bundle cannot be imported: the passphrase is wrong, or the bundle is damaged (it could not be decrypted). Nothing was imported.',
    });
    await expect(importBundle(other.ctx, bundle.bytes)).rejects.toThrow('This bundle cannot be imported: it is encrypted; give its passphrase. Nothing was imported.');
    other.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(other.file).equals(bytes)).toBe(true);
    expect(await importBundle(other.ctx, bundle.bytes, { passphrase: 'correct horse battery' })).toMatchObject({ outcome: 'created' });
    await expect(exportBundle(wb.ctx, projectId, { passphrase: 'short' })).rejects.toThrow('A bundle passphrase needs at least 8 characters.');
  });

  it('refuses an encrypted bundle with one byte changed, or a newer encryption format', async () => {
    const zip = await writeZip([{ name: 'bundle.json', data: Buffer.from('{}') }], new Date(0));
    const sealed = await encryptBundle(zip, 'passphrase!', FAST_KDF);
    const other = await testWorkbench();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 40]! ^= 1;
    await expect(importBundle(other.ctx, flipped, { passphrase: 'passphrase!' })).rejects.toThrow(/the passphrase is wrong, or the bundle is damaged/);
    const header = Buffer.from(sealed);
    header[15]! ^= 1; // the salt: authenticated as part of the header
    await expect(importBundle(other.ctx, header, { passphrase: 'passphrase!' })).rejects.toThrow(/could not be decrypted/);
    const future = Buffer.from(sealed);
    future[8] = 2;
    await expect(importBundle(other.ctx, future, { passphrase: 'passphrase!' })).rejects.toThrow(/newer version of Compliance Workbench \(encrypted bundle format 2, this version reads up to 1\)/);
  });
});

describe('bundle import across catalog versions', () => {
  it('brings an imported project up to this machine\'s catalog, recorded as its own event', async () => {
    const { miniCatalog, miniControl } = await import('../../fixtures/mini-catalog');
    const { wb, projectId } = await teamProject();
    const bundle = await exportBundle(wb.ctx, projectId);
    const newer = miniCatalog('2026.2.0', [miniControl('DS-03', 'data_security', 'high', [['pci', '3.5.1']])]);
    const other = await testWorkbench({ actor: 'Linus', catalog: newer });
    expect(await importBundle(other.ctx, bundle.bytes)).toMatchObject({ outcome: 'created' });
    expect(checklistRows(other.ctx, projectId).map((r) => r.id)).toContain('DS-03');
    const { listAuditEvents } = await import('../../../electron/core/audit/chain');
    expect(listAuditEvents(other.ctx.db, projectId).slice(0, 2).map((e) => e.action)).toEqual(['catalog.upgrade', 'bundle.import']);
    expect(verifyAuditChain(other.ctx.db, projectId).ok).toBe(true);
  });
});
