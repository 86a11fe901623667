import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testWorkbench } from '../../helpers/workbench';
import { miniCatalog } from '../../fixtures/mini-catalog';
import { createProject } from '../../../electron/core/projects/projects';
import { updateControl } from '../../../electron/core/assessments/update';
import { eventHash, GENESIS_HASH, storedEventHash } from '../../../electron/core/audit/chain';
import { eventSigningBytes } from '../../../electron/core/audit/signatures';
import { verifyHistory } from '../../../electron/core/bundle/verify-history';
import { profileKeyPath, loadSigner } from '../../../electron/core/identity/key-file';
import { newKeyPair, signBytes } from '../../../electron/core/identity/keys';
import { defaultMigrationsDir } from '../../../electron/core/store/migrations';
import { openDatabase, type Db } from '../../../electron/core/store/database';

async function projectWithHistory() {
  const wb = await testWorkbench();
  const p = createProject(wb.ctx, { name: 'p', frameworks: ['pci'] });
  for (const [id, status] of [['DS-01', 'compliant'], ['AC-01', 'partial'], ['NS-01', 'non_compliant'], ['LM-01', 'compliant']] as const) {
    updateControl(wb.ctx, p.id, id, { status, note: `note for ${id}` });
  }
  return { ...wb, projectId: p.id };
}

/** Rewrites event `seq` and re-hashes every later event, as someone with the database but no key could. */
function rewriteFrom(db: Db, projectId: string, seq: number, afterJson: string): void {
  db.prepare('UPDATE audit_events SET after_json = ? WHERE project_id = ? AND seq = ?').run(afterJson, projectId, seq);
  const rows = db.prepare('SELECT * FROM audit_events WHERE project_id = ? AND seq >= ? ORDER BY seq').all(projectId, seq) as Array<Parameters<typeof storedEventHash>[0] & { seq: number }>;
  let prev = (db.prepare('SELECT hash FROM audit_events WHERE project_id = ? AND seq = ?').pluck().get(projectId, seq - 1) as string | undefined) ?? GENESIS_HASH;
  for (const row of rows) {
    const hash = storedEventHash({ ...row, prev_hash: prev });
    db.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE project_id = ? AND seq = ?').run(prev, hash, projectId, row.seq);
    prev = hash;
  }
  const last = rows.at(-1)!.seq;
  db.prepare('UPDATE audit_heads SET hash = ? WHERE project_id = ? AND seq = ?').run(prev, projectId, last);
}

describe('signed identities', () => {
  it('signs every event and anchors the head; an untouched project verifies', async () => {
    const { ctx, projectId, file } = await projectWithHistory();
    const result = verifyHistory(ctx.db, projectId);
    expect(result.ok).toBe(true);
    expect(result.identity).toMatchObject({ signed: 5, unsigned: 0, problems: [] });
    const last = ctx.db.prepare('SELECT seq, hash FROM audit_events WHERE project_id = ? AND seq = 5').get(projectId);
    expect(result.identity.head).toEqual(last);
    // the private key stays in a file only its owner can read
    expect(statSync(profileKeyPath(file, 'Ada Tester')).mode & 0o777).toBe(0o600);
  });

  it('names the event whose content was rewritten with recomputed hashes (the chain alone cannot see it)', async () => {
    const { ctx, projectId } = await projectWithHistory();
    const stored = ctx.db.prepare('SELECT after_json FROM audit_events WHERE project_id = ? AND seq = 3').pluck().get(projectId) as string;
    rewriteFrom(ctx.db, projectId, 3, stored.replace('partial', 'compliant'));
    const result = verifyHistory(ctx.db, projectId);
    expect(result.chain.ok).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.identity.problems[0]).toMatchObject({ seq: 3, problem: expect.stringContaining('event 3 carries a signature that does not match it') });
    expect(result.identity.problems.map((p) => p.seq)).toEqual([3, 4, 5, null]);
  });

  it('names an event signed by a stranger key, and one whose signature was removed', async () => {
    const { ctx, projectId } = await projectWithHistory();
    const stranger = newKeyPair();
    const e = ctx.db.prepare('SELECT hash FROM audit_events WHERE project_id = ? AND seq = 2').get(projectId) as { hash: string };
    ctx.db.prepare('UPDATE audit_events SET key_id = ?, signature = ? WHERE project_id = ? AND seq = 2')
      .run('ab'.repeat(32), signBytes(stranger.privateKey, eventSigningBytes(projectId, 2, e.hash)), projectId);
    ctx.db.prepare('UPDATE audit_events SET key_id = NULL, signature = NULL WHERE project_id = ? AND seq = 4').run(projectId);
    const problems = verifyHistory(ctx.db, projectId).identity.problems;
    expect(problems).toEqual([
      { seq: 2, problem: expect.stringContaining('event 2 is signed by key abab abab') },
      { seq: 4, problem: expect.stringContaining('event 4 is unsigned, but event 1 before it is signed') },
      { seq: 2, problem: expect.stringMatching(/^event 2 says it was made by Ada Tester, but is signed by key fp abab abab .*, which is not Ada Tester's key \(theirs is fp [0-9a-f ]{39}, since event 1\)$/) },
    ]);
  });

  it('detects a cut-off tail: DELETE FROM audit_events WHERE seq >= N', async () => {
    const { ctx, projectId } = await projectWithHistory();
    ctx.db.prepare('DELETE FROM audit_events WHERE project_id = ? AND seq >= 4').run(projectId);
    const result = verifyHistory(ctx.db, projectId);
    expect(result.chain.ok).toBe(true); // what remains links perfectly
    expect(result.ok).toBe(false);
    expect(result.identity.problems).toEqual([
      { seq: 4, problem: 'the chain ends at event 3 but its anchored head is event 5: events 4 to 5 were cut off the end' },
    ]);
  });

  it('refuses a head moved back without the key', async () => {
    const { ctx, projectId } = await projectWithHistory();
    const third = ctx.db.prepare('SELECT hash FROM audit_events WHERE project_id = ? AND seq = 3').pluck().get(projectId) as string;
    ctx.db.prepare('DELETE FROM audit_events WHERE project_id = ? AND seq >= 4').run(projectId);
    ctx.db.prepare('UPDATE audit_heads SET seq = 3, hash = ? WHERE project_id = ?').run(third, projectId);
    expect(verifyHistory(ctx.db, projectId).identity.problems).toEqual([
      { seq: null, problem: 'the anchored head carries a signature that does not match it (it was forged or altered)' },
    ]);
    ctx.db.prepare('DELETE FROM audit_heads WHERE project_id = ?').run(projectId);
    expect(verifyHistory(ctx.db, projectId).identity.problems[0]!.problem).toContain("the chain's anchored head is missing");
  });

  it('keeps the key file across opens and signs with the same key', async () => {
    const first = await testWorkbench();
    createProject(first.ctx, { name: 'p', frameworks: ['pci'] });
    const a = loadSigner(first.file, { create: false, profile: 'Ada Tester' });
    expect(a).not.toBeNull();
    const again = await testWorkbench({ file: first.file });
    createProject(again.ctx, { name: 'q', frameworks: ['pci'] });
    expect(loadSigner(again.file, { create: false, profile: 'Ada Tester' })?.keyId).toBe(a?.keyId);
  });

  it('migrates a database from before identities: old events stay valid and are reported unsigned', async () => {
    const dir = tempDir();
    const oldMigrations = join(dir, 'migrations');
    mkdirSync(oldMigrations);
    for (const f of ['0001_initial.sql', '0002_team.sql', '0003_analyses.sql']) copyFileSync(join(defaultMigrationsDir(), f), join(oldMigrations, f));
    const file = join(dir, 'old.sqlite');
    const old = await openDatabase(file, { create: true, migrationsDir: oldMigrations, now: () => new Date('2026-01-01T00:00:00Z') });
    const at = '2026-01-01T00:00:00.000Z';
    const projectId = 'legacy';
    old.prepare('INSERT INTO projects (id, name, catalog_version, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(projectId, 'Legacy', miniCatalog().version, at, 'Ada Tester', at);
    old.prepare("INSERT INTO project_frameworks (project_id, framework_id) VALUES (?, 'pci')").run(projectId);
    old.prepare("INSERT INTO control_assessments (project_id, control_id) VALUES (?, 'DS-01')").run(projectId);
    old.prepare("INSERT INTO project_members (project_id, member_key, name, role, added_at, added_by) VALUES (?, 'Ada Tester', 'Ada Tester', 'owner', ?, 'Ada Tester')").run(projectId, at);
    let prev = GENESIS_HASH;
    const events = [
      { entity: 'project', entityId: projectId, action: 'project.create', after: { name: 'Legacy' } },
      { entity: 'control', entityId: 'DS-01', action: 'control.update', after: { status: 'partial' } },
    ];
    events.forEach((e, i) => {
      const input = { projectId, at, actor: 'Ada Tester', sessionId: null, ...e, before: null };
      const hash = eventHash(prev, i + 1, input);
      old.prepare(`INSERT INTO audit_events (project_id, seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash)
        VALUES (?, ?, ?, 'Ada Tester', NULL, ?, ?, ?, NULL, ?, ?, ?)`).run(projectId, i + 1, at, e.entity, e.entityId, e.action, JSON.stringify(e.after), prev, hash);
      prev = hash;
    });
    old.close();

    const wb = await testWorkbench({ file });
    const migrated = verifyHistory(wb.ctx.db, projectId);
    expect(migrated).toMatchObject({ ok: true, chain: { ok: true, events: 2 }, identity: { signed: 0, unsigned: 2, head: { seq: 2, hash: prev }, problems: [] } });
    updateControl(wb.ctx, projectId, 'DS-01', { status: 'compliant' });
    expect(verifyHistory(wb.ctx.db, projectId)).toMatchObject({ ok: true, identity: { signed: 1, unsigned: 2, head: { seq: 3 }, problems: [] } });
  });

  it('stores the private key wrapped by an injected wrapping (as main does with safeStorage) and cannot sign without it', async () => {
    const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    const wrapping = { name: 'safeStorage', wrap: mask, unwrap: mask };
    const wb = await testWorkbench({ keyWrapping: wrapping });
    const p = createProject(wb.ctx, { name: 'p', frameworks: ['pci'] });
    const stored = JSON.parse(readFileSync(profileKeyPath(wb.file, 'Ada Tester'), 'utf8')) as { wrapping: string; privateKey: string };
    expect(stored.wrapping).toBe('safeStorage');
    expect(verifyHistory(wb.ctx.db, p.id)).toMatchObject({ ok: true, identity: { signed: 1 } });
    wb.close();
    const without = await testWorkbench({ file: wb.file });
    expect(() => updateControl(without.ctx, p.id, 'DS-01', { status: 'partial' })).toThrow('is protected (safeStorage); to sign changes, open this database with the app that wrapped it (safeStorage)');
    expect(verifyHistory(without.ctx.db, p.id).identity.signed).toBe(1); // the refused change wrote nothing
  });
});
