// cwb's team commands, as two people on two databases would use them.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/index';
import { tempDir } from '../../helpers/workbench';

type Run = { code: number; out: string; err: string };

async function cwb(...args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

async function ok(...args: string[]): Promise<string> {
  const r = await cwb(...args);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

describe('cwb team commands', () => {
  it('lets two people on two databases work apart, exchange bundles, and end with the same verified project', async () => {
    const dir = tempDir();
    const A = join(dir, 'ada.sqlite');
    const B = join(dir, 'linus.sqlite');
    const pass = join(dir, 'pass.txt');
    writeFileSync(pass, 'a long shared passphrase\n');

    await ok('--db', A, 'profile', 'set', '--name', 'Ada Lovelace', '--email', 'Ada@Example.org');
    expect(await ok('--db', A, 'profile', 'show')).toBe('Ada Lovelace <Ada@Example.org>\n');
    const project = JSON.parse(await ok('--db', A, 'project', 'create', '--name', 'Claims model', '--frameworks', 'pci', '--json')) as { id: string };
    const P = project.id;
    await ok('--db', A, 'member', 'add', '--project', P, '--name', 'Linus', '--email', 'linus@example.org', '--role', 'contributor');
    await ok('--db', A, 'member', 'add', '--project', P, '--name', 'Erin', '--role', 'viewer');
    const members = JSON.parse(await ok('--db', A, 'member', 'list', '--project', P, '--json')) as Array<{ key: string; role: string }>;
    expect(members.map((m) => [m.key, m.role])).toEqual([['ada@example.org', 'owner'], ['linus@example.org', 'contributor'], ['Erin', 'viewer']]);

    // the first exchange: Linus gets the project, encrypted
    const base = join(dir, 'base.cwbundle');
    expect(await ok('--db', A, 'bundle', 'export', '--project', P, '--out', base, '--passphrase-file', pass)).toMatch(/^Wrote .*base\.cwbundle \(\d+ bytes, encrypted, SHA-256 [0-9a-f]{64}\)\.\n$/);
    await ok('--db', B, 'profile', 'set', '--name', 'Linus', '--email', 'linus@example.org');
    expect(await ok('--db', B, 'bundle', 'import', base, '--passphrase-file', pass)).toMatch(new RegExp(`^Imported project ${P} "Claims model" \\(\\d+ audit events\\)\\.\\nSigned by ada@example\\.org, key [0-9a-f ]{39}\\.\\n$`));

    // apart: Ada runs a session on A…
    const started = JSON.parse(await ok('--db', A, 'session', 'start', '--project', P, '--title', 'PCI walkthrough', '--attendee', 'Linus <linus@example.org>', '--guest', 'Zoë <zoe@qsa.example>', '--frameworks', 'pci', '--json')) as { id: string };
    await ok('--db', A, 'control', 'set', '--project', P, '--control', 'DS-01', '--status', 'compliant');
    const md = join(dir, 'minutes.md');
    const pdf = join(dir, 'minutes.pdf');
    expect(await ok('--db', A, 'session', 'end', '--project', P, '--minutes', md, '--pdf', pdf)).toBe(`Ended session ${started.id} "PCI walkthrough". Minutes: ${md}. PDF: ${pdf}.\n`);
    expect(readFileSync(md, 'utf8')).toContain('| DS-01 | Not assessed | Compliant | Ada Lovelace |');
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('Zoë (zoe@qsa.example, guest)');
    const sessions = JSON.parse(await ok('--db', A, 'session', 'list', '--project', P, '--json')) as Array<{ id: string; endedAt: string | null }>;
    expect(sessions).toEqual([expect.objectContaining({ id: started.id, endedAt: expect.any(String) })]);
    // …while Linus answers on B
    await ok('--db', B, 'control', 'set', '--project', P, '--control', 'AC-01', '--status', 'partial', '--owner', 'Priya');
    await ok('--db', B, 'control', 'set', '--project', P, '--control', 'DS-01', '--status', 'partial');

    // exchange both ways
    const fromB = join(dir, 'linus.cwbundle');
    const fromA = join(dir, 'ada.cwbundle');
    await ok('--db', B, 'bundle', 'export', '--project', P, '--out', fromB);
    const merged = await ok('--db', A, 'bundle', 'import', fromB);
    expect(merged).toMatch(/^Merged \d+ events from Linus <linus@example.org> into .*: 2 fields changed, 0 rows added\.\nSigned by linus@example\.org, key [0-9a-f ]{39} \(first time this key is seen for them: compare the fingerprint with theirs\)\.\n1 conflict to resolve in the app: cf-[0-9a-f]{16}\.\n$/);
    const [conflict] = JSON.parse(await ok('--db', A, 'conflict', 'list', '--project', P, '--json')) as Array<{ id: string; currentValue: string }>;
    expect(conflict!.currentValue).toBe('compliant');
    expect(await ok('--db', A, 'conflict', 'resolve', '--project', P, '--conflict', conflict!.id, '--value', 'partial')).toBe(`Resolved ${conflict!.id}: control DS-01 status is now partial.\n`);
    await ok('--db', A, 'bundle', 'export', '--project', P, '--out', fromA);
    await ok('--db', B, 'bundle', 'import', fromA);
    await ok('--db', B, 'bundle', 'export', '--project', P, '--out', fromB);
    expect(await ok('--db', A, 'bundle', 'import', fromB)).toMatch(/is already up to date with this bundle/);

    // the same project on both machines, every change attributed, every chain verified
    const list = async (db: string) => JSON.parse(await ok('--db', db, 'control', 'list', '--project', P, '--json')) as unknown;
    expect(await list(A)).toEqual(await list(B));
    expect(((await list(A)) as Array<{ id: string; status: string; owner: string }>).filter((c) => c.status !== 'not_assessed').map((c) => [c.id, c.status, c.owner]))
      .toEqual([['DS-01', 'partial', ''], ['AC-01', 'partial', 'Priya']]);
    for (const db of [A, B]) {
      const v = JSON.parse(await ok('--db', db, 'audit', 'verify', '--project', P, '--json')) as { ok: boolean; branches: unknown[] };
      expect(v.ok).toBe(true);
      expect(v.branches.length).toBeGreaterThan(0);
      expect(await ok('--db', db, 'audit', 'verify', '--project', P)).toMatch(/^OK: \d+ events in the audit chain of .* verify, and \d+ events of \d+ merged cop(y|ies); the tables hold what the history records\.\nSignatures: \d+ signed\.\nAnchored head: event \d+, hash [0-9a-f]{64}\. Compare it with the head printed in your last report, or pass it to --expect-head\.\n$/);
    }
  });

  it('names the first broken event when one byte of a stored event is edited', async () => {
    const db = join(tempDir(), 'tamper.sqlite');
    const P = (JSON.parse(await ok('--db', db, 'project', 'create', '--name', 'p', '--frameworks', 'pci', '--json')) as { id: string }).id;
    await ok('--db', db, 'control', 'set', '--project', P, '--control', 'DS-01', '--status', 'compliant');
    await ok('--db', db, 'control', 'set', '--project', P, '--control', 'AC-01', '--status', 'partial');
    const raw = new Database(db);
    const stored = raw.prepare('SELECT after_json FROM audit_events WHERE project_id = ? AND seq = 2').pluck().get(P) as string;
    raw.prepare('UPDATE audit_events SET after_json = ? WHERE project_id = ? AND seq = 2').run(stored.replace('compliant', 'compliAnt'), P);
    raw.close();
    const r = await cwb('--db', db, 'audit', 'verify', '--project', P);
    expect(r).toEqual({ code: 1, out: '', err: `cwb: The audit trail of ${P} does not verify: event 2 of the audit chain is broken: its content does not match its hash (it was changed after it was written).\n` });
    const json = await cwb('--db', db, 'audit', 'verify', '--project', P, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, chain: { firstBroken: { seq: 2 } } });
  });

  it('refuses a viewer, a wrong passphrase and a bad role with a clear sentence, writing nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'a.sqlite');
    const P = (JSON.parse(await ok('--db', db, 'project', 'create', '--name', 'p', '--frameworks', 'pci', '--json')) as { id: string }).id;
    await ok('--db', db, 'member', 'add', '--project', P, '--name', 'Erin', '--role', 'viewer');
    expect(await cwb('--db', db, 'member', 'add', '--project', P, '--name', 'X', '--role', 'boss')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown role "boss": use one of owner, assessor, contributor, viewer.') });
    const pass = join(dir, 'p.txt');
    writeFileSync(pass, 'the right passphrase');
    const bundle = join(dir, 'b.cwbundle');
    await ok('--db', db, 'bundle', 'export', '--project', P, '--out', bundle, '--passphrase-file', pass);

    const other = join(dir, 'erin.sqlite');
    await ok('--db', other, 'profile', 'set', '--name', 'Erin');
    const wrong = join(dir, 'wrong.txt');
    writeFileSync(wrong, 'not the passphrase');
    const before = readFileSync(other);
    expect(await cwb('--db', other, 'bundle', 'import', bundle, '--passphrase-file', wrong)).toEqual({
      code: 1, out: '', err: 'cwb: This bundle cannot be imported: the passphrase is wrong, or the bundle is damaged (it could not be decrypted). Nothing was imported.\n',
    });
    expect(readFileSync(other).equals(before)).toBe(true);
    await ok('--db', other, 'bundle', 'import', bundle, '--passphrase-file', pass);
    expect(await cwb('--db', other, 'control', 'set', '--project', P, '--control', 'DS-01', '--status', 'compliant')).toMatchObject({
      code: 1, err: 'cwb: Answering a control needs the contributor, assessor or owner role; Erin is a viewer on this project. Nothing was changed.\n',
    });
    expect(await cwb('--db', other, 'session', 'start', '--project', P, '--title', 't')).toMatchObject({ code: 1, err: expect.stringContaining('Starting or ending an audit session needs the assessor or owner role; Erin is a viewer') });
    expect(await cwb('--db', other, 'bundle', 'import', join(dir, 'missing.cwbundle'))).toMatchObject({ code: 2, err: expect.stringContaining('Cannot read the bundle') });
    expect(await cwb('--db', other, 'bundle', 'export', '--project', P, '--out', join(dir, 'x', 'y.cwbundle'))).toMatchObject({ code: 1, err: expect.stringContaining('the folder does not exist') });
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it.each([['profile'], ['member'], ['member', 'add'], ['session'], ['session', 'start'], ['session', 'end'], ['audit', 'verify'], ['bundle'], ['bundle', 'export'], ['bundle', 'import'], ['conflict', 'resolve']])('has --help on %j', async (...path) => {
    const r = await cwb(...path, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: cwb/);
  });
});
