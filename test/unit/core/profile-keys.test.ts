// One key per profile: switching the profile in one database signs with that profile's own key,
// an old single key file moves to the profile that used it, and verify and bundle import bind each
// signed event to the key of the member it names as its actor.
import { existsSync, linkSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testWorkbench } from '../../helpers/workbench';
import { fingerprint } from '../../helpers/db-fingerprint';
import { createProject } from '../../../electron/core/projects/projects';
import { updateControl } from '../../../electron/core/assessments/update';
import { addMember, listMembers } from '../../../electron/core/members/members';
import { setProfile } from '../../../electron/core/profile';
import { profileKey } from '../../../electron/core/identity/handlers';
import { keyFilePath, loadSigner, profileKeyPath, profileKeysDir } from '../../../electron/core/identity/key-file';
import { setSigner } from '../../../electron/core/identity/signers';
import { verifyProject } from '../../../electron/core/audit/verify';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import type { Db } from '../../../electron/core/store/database';

const keyIds = (db: Db, projectId: string) => db.prepare('SELECT key_id FROM audit_events WHERE project_id = ? ORDER BY seq').pluck().all(projectId) as string[];

describe('per-profile keys', () => {
  it('signs with the active profile\'s own key, made on first use, and shows that key', async () => {
    const wb = await testWorkbench({ actor: undefined });
    setProfile(wb.ctx.db, { name: 'Ada' });
    const p = createProject(wb.ctx, { name: 'p', frameworks: ['pci'] });
    addMember(wb.ctx, p.id, { name: 'Grace', role: 'assessor' });
    const ada = profileKey(wb.ctx);
    expect(existsSync(profileKeyPath(wb.file, 'Grace'))).toBe(false);

    setProfile(wb.ctx.db, { name: 'Grace' });
    const grace = profileKey(wb.ctx);
    expect(grace.keyId).not.toBe(ada.keyId);
    expect(statSync(profileKeyPath(wb.file, 'Grace')).mode & 0o777).toBe(0o600);
    expect(statSync(profileKeysDir(wb.file)).mode & 0o777).toBe(0o700);
    updateControl(wb.ctx, p.id, 'DS-01', { status: 'partial' });
    setProfile(wb.ctx.db, { name: 'Ada' });
    updateControl(wb.ctx, p.id, 'DS-01', { status: 'compliant' });

    expect(keyIds(wb.ctx.db, p.id)).toEqual([ada.keyId, ada.keyId, grace.keyId, ada.keyId]);
    // Grace was added by name: her first signed event bound her key (trust on first use), and the member list shows it
    expect(listMembers(wb.ctx, p.id).find((m) => m.name === 'Grace')?.fingerprint).toBe(grace.fingerprint);
    expect(verifyProject(wb.ctx, p.id)).toMatchObject({ ok: true, problems: [] });
  });

  it('moves an old single key file, byte for byte, to the profile that used it; history is not re-signed', async () => {
    const wb = await testWorkbench({ actor: 'Ada Tester' });
    const p = createProject(wb.ctx, { name: 'p', frameworks: ['pci'] });
    updateControl(wb.ctx, p.id, 'DS-01', { status: 'partial' });
    wb.close();
    // the layout before per-profile keys: one key file beside the database
    linkSync(profileKeyPath(wb.file, 'Ada Tester'), keyFilePath(wb.file));
    rmSync(profileKeysDir(wb.file), { recursive: true });
    const bytes = readFileSync(keyFilePath(wb.file));
    const db = (await testWorkbench({ file: wb.file, actor: 'Someone Else' })).ctx.db;
    const events = db.prepare('SELECT seq, hash, key_id, signature FROM audit_events ORDER BY seq').all();
    db.close();

    // opened by another profile: the key still goes to Ada Tester, whose key the project's members record
    const again = await testWorkbench({ file: wb.file, actor: 'Ada Tester' });
    expect(existsSync(keyFilePath(wb.file))).toBe(false);
    expect(readFileSync(profileKeyPath(wb.file, 'Ada Tester')).equals(bytes)).toBe(true);
    expect(statSync(profileKeyPath(wb.file, 'Ada Tester')).mode & 0o777).toBe(0o600);
    expect(again.ctx.db.prepare('SELECT seq, hash, key_id, signature FROM audit_events ORDER BY seq').all()).toEqual(events);
    updateControl(again.ctx, p.id, 'DS-01', { status: 'compliant' });
    const ids = keyIds(again.ctx.db, p.id);
    expect(new Set(ids).size).toBe(1);
    expect(verifyProject(again.ctx, p.id)).toMatchObject({ ok: true, problems: [] });
  });

  it('catches a profile that renames itself to another member, on its own copy and in the bundle it sends', async () => {
    const adaWb = await testWorkbench({ actor: 'Ada' });
    const graceWb = await testWorkbench({ actor: undefined });
    setProfile(graceWb.ctx.db, { name: 'Grace' });
    const p = createProject(adaWb.ctx, { name: 'p', frameworks: ['pci'] });
    const graceKey = profileKey(graceWb.ctx);
    addMember(adaWb.ctx, p.id, { name: 'Grace', role: 'owner', publicKey: graceKey.publicKeyPem });
    await importBundle(graceWb.ctx, (await exportBundle(adaWb.ctx, p.id)).bytes);

    // renamed: the profile "Ada" on Grace's laptop has a key of its own, which is not Ada's
    setProfile(graceWb.ctx.db, { name: 'Ada' });
    updateControl(graceWb.ctx, p.id, 'DS-01', { status: 'compliant' });
    const renamed = verifyProject(graceWb.ctx, p.id);
    expect(renamed.ok).toBe(false);
    expect(renamed.problems).toContainEqual({ check: 'identity', sentence: expect.stringMatching(/^event 4 says it was made by Ada, but is signed by key fp [0-9a-f ]{39}, which is not Ada's key \(theirs is fp [0-9a-f ]{39}, since event 1\)$/) });

    // a modified client that signs as "Ada" with Grace's own key: named as Grace's key, and refused by import
    const third = await testWorkbench({ actor: 'Ada' });
    setSigner(third.ctx.db, loadSigner(graceWb.file, { create: false, profile: 'Grace' }));
    await importBundle(third.ctx, (await exportBundle(adaWb.ctx, p.id)).bytes);
    updateControl(third.ctx, p.id, 'DS-01', { status: 'non_compliant' });
    expect(verifyProject(third.ctx, p.id).problems).toEqual([3, 4].map((seq) => ({
      check: 'identity', sentence: `event ${seq} says it was made by Ada, but is signed by Grace's key (fp ${graceKey.fingerprint})`,
    })));
    const forged = (await exportBundle(third.ctx, p.id)).bytes;
    const before = fingerprint(adaWb.ctx.db);
    await expect(importBundle(adaWb.ctx, forged)).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
      message: `This bundle cannot be imported: its audit event 3 says it was made by Ada, but is signed by Grace's key (fp ${graceKey.fingerprint}) (entry "bundle.json"). Nothing was imported.`,
    });
    expect(fingerprint(adaWb.ctx.db)).toBe(before);
    unlinkSync(profileKeyPath(graceWb.file, 'Grace')); // nothing else reads it; keeps the temp folder tidy
  });
});
