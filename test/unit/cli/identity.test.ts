// cwb's identity commands: a profile's key, a member added by key, a passphrase-wrapped key, and
// verify against a cut-off tail.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cwb } from '../../helpers/cli';
import { tempDir } from '../../helpers/workbench';
import { profileKeyPath } from '../../../electron/core/identity/key-file';

async function ok(...args: string[]): Promise<string> {
  const r = await cwb(...args);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

afterEach(() => {
  delete process.env.CWB_KEY_PASSPHRASE;
});

describe('cwb identity commands', () => {
  it('adds a teammate by key, shows fingerprints, and verify names a cut-off tail', async () => {
    const dir = tempDir();
    const A = join(dir, 'ada.sqlite');
    const B = join(dir, 'linus.sqlite');
    await ok('--db', A, 'profile', 'set', '--name', 'Ada Lovelace', '--email', 'ada@example.org');
    await ok('--db', B, 'profile', 'set', '--name', 'Linus', '--email', 'linus@example.org');
    const P = (JSON.parse(await ok('--db', A, 'project', 'create', '--name', 'Claims model', '--frameworks', 'pci', '--json')) as { id: string }).id;

    const linusPub = join(dir, 'linus.pub');
    const printed = await ok('--db', B, 'profile', 'key', '--out', linusPub);
    const fingerprint = /Fingerprint: ([0-9a-f ]{39})\n/.exec(printed)?.[1];
    expect(fingerprint).toBeDefined();
    expect(readFileSync(linusPub, 'utf8')).toMatch(/^Compliance Workbench profile key\nName: Linus\nEmail: linus@example.org\nFingerprint: .*\n-----BEGIN PUBLIC KEY-----\n/);
    expect(statSync(profileKeyPath(B, 'Linus')).mode & 0o777).toBe(0o600);

    expect(await ok('--db', A, 'member', 'add', '--project', P, '--key', linusPub, '--role', 'contributor'))
      .toBe(`Linus is now a contributor on ${P}.\nKey fingerprint: ${fingerprint}. Compare it with the one Linus reads to you.\n`);
    const members = JSON.parse(await ok('--db', A, 'member', 'list', '--project', P, '--json')) as Array<{ key: string; fingerprint: string | null }>;
    expect(members.find((m) => m.key === 'linus@example.org')?.fingerprint).toBe(fingerprint);
    expect(members.find((m) => m.key === 'ada@example.org')?.fingerprint).toMatch(/^[0-9a-f ]{39}$/);

    // the same key for a second person, and a file that is no key, are refused
    expect(await cwb('--db', A, 'member', 'add', '--project', P, '--key', linusPub, '--name', 'Mallory', '--email', 'mallory@example.org', '--role', 'viewer')).toMatchObject({ code: 1, err: expect.stringContaining("That key is already Linus's on this project") });
    expect(await cwb('--db', A, 'member', 'add', '--project', P, '--key', A, '--role', 'viewer')).toMatchObject({ code: 2, err: expect.stringContaining('too large to be a public key file') });

    await ok('--db', A, 'control', 'set', '--project', P, '--control', 'DS-01', '--status', 'partial');
    expect(await ok('--db', A, 'audit', 'verify', '--project', P)).toMatch(/^OK: 3 events in the audit chain of .* verify; the tables hold what the history records\.\nSignatures: 3 signed\.\nAnchored head: event 3, hash [0-9a-f]{64}\./);
    const head = /Anchored head: event 3, hash ([0-9a-f]{64})\./.exec(await ok('--db', A, 'audit', 'verify', '--project', P))![1]!;
    // the head a report printed, given back: whole, or its first 12 hex digits
    expect(await ok('--db', A, 'audit', 'verify', '--project', P, '--expect-head', `3:${head.slice(0, 12)}`)).toContain(`It holds the expected head 3:${head.slice(0, 12)}.`);
    expect(await ok('--db', A, 'audit', 'verify', '--project', P, '--expect-head', `3:${head.toUpperCase()}`)).toContain('Signatures: 3 signed.');
    const other = await cwb('--db', A, 'audit', 'verify', '--project', P, '--expect-head', '3:0123456789ab');
    expect(other).toMatchObject({ code: 1, err: `cwb: The audit trail of ${P} does not verify: event 3 is ${head.slice(0, 12)}, not the expected head event 3 (0123456789ab): the history up to it was rewritten, or that head is from another copy.\n` });
    expect(await cwb('--db', A, 'audit', 'verify', '--project', P, '--expect-head', '3')).toMatchObject({ code: 1, err: expect.stringContaining('an expected head is SEQ:HASH') });
    const db = new Database(A);
    db.prepare('DELETE FROM audit_events WHERE project_id = ? AND seq >= 2').run(P);
    db.close();
    const cut = await cwb('--db', A, 'audit', 'verify', '--project', P);
    expect(cut.code).toBe(1);
    expect(cut.err).toContain('the chain ends at event 1 but its anchored head is event 3: events 2 to 3 were cut off the end');
    // the anchored head cut away too: only the head kept elsewhere shows what is missing
    const cutHead = new Database(A);
    cutHead.prepare('UPDATE audit_heads SET seq = 1, hash = (SELECT hash FROM audit_events WHERE project_id = ? AND seq = 1) WHERE project_id = ?').run(P, P);
    cutHead.close();
    const expected = await cwb('--db', A, 'audit', 'verify', '--project', P, '--expect-head', `3:${head.slice(0, 12)}`);
    expect(expected.code).toBe(1);
    expect(expected.err).toContain(`the chain ends at event 1, before the expected head event 3 (${head.slice(0, 12)}): it was cut before the head you expected`);
  });

  it('keeps the private key wrapped by a passphrase, and refuses to sign without it', async () => {
    const dir = tempDir();
    const A = join(dir, 'ada.sqlite');
    process.env.CWB_KEY_PASSPHRASE = 'correct horse battery staple';
    await ok('--db', A, 'profile', 'set', '--name', 'Ada');
    const P = (JSON.parse(await ok('--db', A, 'project', 'create', '--name', 'Claims', '--frameworks', 'pci', '--json')) as { id: string }).id;
    const file = JSON.parse(readFileSync(profileKeyPath(A, 'Ada'), 'utf8')) as { wrapping: string; privateKey: string };
    expect(file.wrapping).toBe('passphrase');
    expect(Buffer.from(file.privateKey, 'base64').toString('latin1')).not.toContain('BEGIN');
    delete process.env.CWB_KEY_PASSPHRASE;
    const refused = await cwb('--db', A, 'control', 'set', '--project', P, '--control', 'DS-01', '--status', 'partial');
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('is protected (passphrase); to sign changes, set CWB_KEY_PASSPHRASE') });
    process.env.CWB_KEY_PASSPHRASE = 'wrong passphrase';
    expect((await cwb('--db', A, 'control', 'set', '--project', P, '--control', 'DS-01', '--status', 'partial')).err).toContain('The passphrase of your signing key is wrong');
    process.env.CWB_KEY_PASSPHRASE = 'correct horse battery staple';
    await ok('--db', A, 'control', 'set', '--project', P, '--control', 'DS-01', '--status', 'partial');
    expect(await ok('--db', A, 'audit', 'verify', '--project', P)).toContain('Signatures: 2 signed.');
  });
});
