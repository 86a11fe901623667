// A refused command that would have created the database leaves no file behind, and stored
// evidence bytes are hashed again on the way out: a changed byte is refused with a sentence.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch';
import { addEvidence } from '../../../electron/core/evidence/evidence';
import { exportBundle } from '../../../electron/core/bundle/export';
import { fingerprint } from '../../helpers/db-fingerprint';
import { cwb } from '../../helpers/cli';
import { tempDir } from '../../helpers/workbench';
import { teamProject } from '../team/helpers';

describe('a refused command leaves no new database behind', () => {
  it('bundle import of a file that is no bundle, into a new --db path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'junk.cwbundle'), 'not a zip at all');
    const db = join(dir, 'new.sqlite');
    const r = await cwb('--db', db, 'bundle', 'import', join(dir, 'junk.cwbundle'));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('This bundle cannot be imported: it is not a readable zip file. Nothing was imported.');
    expect(existsSync(db)).toBe(false);
    expect(readdirSync(dir)).toEqual(['junk.cwbundle']);
  });

  it('backup restore of a file that is no database, into a new --db path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.bak'), 'not sqlite');
    const r = await cwb('--db', join(dir, 'new.sqlite'), 'backup', 'restore', join(dir, 'bad.bak'));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('cannot be restored: it is not a SQLite database');
    expect(readdirSync(dir)).toEqual(['bad.bak']);
  });

  it('but keeps a database that existed before the refused command', async () => {
    const dir = tempDir();
    const db = join(dir, 'kept.sqlite');
    expect((await cwb('--db', db, 'project', 'create', '--name', 'p', '--frameworks', 'pci')).code).toBe(0);
    writeFileSync(join(dir, 'junk.cwbundle'), 'not a zip at all');
    expect((await cwb('--db', db, 'bundle', 'import', join(dir, 'junk.cwbundle'))).code).not.toBe(0);
    expect(existsSync(db)).toBe(true);
  });
});

describe('evidence bytes are hashed again when read out', () => {
  async function tampered() {
    const { wb, projectId } = await teamProject();
    const controlId = wb.ctx.db.prepare('SELECT control_id FROM control_assessments WHERE project_id = ? LIMIT 1').pluck().get(projectId) as string;
    const ev = addEvidence(wb.ctx, projectId, controlId, { kind: 'file', name: 'kms.json', content: Buffer.from('{"rotation":true}') });
    wb.ctx.db.prepare('UPDATE blobs SET content = ? WHERE sha256 = ?').run(Buffer.from('{"rotation":false}'), ev.sha256);
    return { wb, projectId, ev };
  }

  it('refuses an evidence download whose stored bytes changed', async () => {
    const { wb, projectId, ev } = await tampered();
    const before = fingerprint(wb.ctx.db);
    expect(await dispatch(wb.handlers, 'getEvidenceContent', { projectId, evidenceId: ev.id })).toEqual({
      ok: false,
      error: {
        code: 'DB_CORRUPT',
        message: `The stored bytes of "kms.json" no longer match their recorded SHA-256 (${ev.sha256.slice(0, 12)}…), so they were not handed out. Restore the database from a backup (cwb backup list).`,
      },
    });
    expect(fingerprint(wb.ctx.db)).toBe(before);
  });

  it('refuses a bundle export carrying such bytes', async () => {
    const { wb, projectId } = await tampered();
    const before = fingerprint(wb.ctx.db);
    await expect(exportBundle(wb.ctx, projectId)).rejects.toMatchObject({ code: 'DB_CORRUPT', message: expect.stringContaining('The stored bytes of "kms.json" no longer match their recorded SHA-256') });
    expect(fingerprint(wb.ctx.db)).toBe(before);
  });
});
