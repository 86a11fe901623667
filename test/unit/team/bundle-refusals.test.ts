import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { updateControl } from '../../../electron/core/assessments/update';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import { readZip, writeZip } from '../../../electron/core/bundle/zip';
import { eventHash } from '../../../electron/core/audit/chain';
import { testWorkbench } from '../../helpers/workbench';
import { fingerprint } from '../../helpers/db-fingerprint';
import { teamProject } from './helpers';
import { loadSigner, type Signer } from '../../../electron/core/identity/key-file';
import { signManifest } from '../../../electron/core/bundle/signing';
import { eventSigningBytes } from '../../../electron/core/audit/signatures';
import { headSigningBytes } from '../../../electron/core/audit/head';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The sender's key: a tampered bundle is re-signed with it, so the checks behind the signature are reached. */
let sender: Signer | null = null;

/** Rebuilds a bundle with its entries changed; the manifest is recomputed and re-signed by the sender unless told not to. */
async function rebuilt(bytes: Buffer, change: (entries: Map<string, Buffer>) => void, opts: { keepManifest?: boolean; signer?: Signer } = {}): Promise<Buffer> {
  const entries = await readZip(bytes);
  change(entries);
  if (!opts.keepManifest) {
    const list = [...entries].filter(([n]) => n !== 'manifest.json' && n !== 'manifest.sig').map(([name, data]) => ({ name, sha256: sha(data), size: data.length }));
    const manifest = Buffer.from(JSON.stringify({ format: 1, entries: list }));
    entries.set('manifest.json', manifest);
    const signer = opts.signer ?? sender;
    if (signer) entries.set('manifest.sig', signManifest(signer, 'Ada Tester', manifest));
  }
  return writeZip([...entries].map(([name, data]) => ({ name, data })), new Date(0));
}

function editJson(entries: Map<string, Buffer>, edit: (json: Record<string, any>) => void): void {
  const json = JSON.parse(entries.get('bundle.json')!.toString('utf8')) as Record<string, any>;
  edit(json);
  entries.set('bundle.json', Buffer.from(JSON.stringify(json)));
}

/** A zip whose entry name is one yazl would refuse to write: written under a placeholder, then patched. */
async function zipWithName(good: Buffer, badName: string): Promise<Buffer> {
  const placeholder = 'Q'.repeat(badName.length);
  const entries = await readZip(good);
  const zip = await writeZip([...[...entries].map(([name, data]) => ({ name, data })), { name: placeholder, data: Buffer.from('pwned') }], new Date(0));
  const out = Buffer.from(zip);
  for (let i = out.indexOf(placeholder); i !== -1; i = out.indexOf(placeholder, i + 1)) out.write(badName, i, 'latin1');
  return out;
}

async function setup() {
  const team = await teamProject();
  sender = loadSigner(team.wb.file, { create: false, profile: 'Ada Tester' });
  updateControl(team.contributor, team.projectId, 'DS-01', { status: 'compliant' });
  const bundle = await exportBundle(team.wb.ctx, team.projectId);
  const target = await testWorkbench({ actor: 'Linus' });
  target.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  const untouched = readFileSync(target.file);
  const refuse = async (bytes: Buffer, message: string | RegExp) => {
    await expect(importBundle(target.ctx, bytes)).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: typeof message === 'string' ? message : expect.stringMatching(message) });
    target.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(target.file).equals(untouched)).toBe(true);
  };
  return { ...team, bundle: bundle.bytes, refuse, target };
}

describe('bundle refusals (nothing is written)', () => {
  it('refuses an entry that does not match the manifest', async () => {
    const { bundle, refuse } = await setup();
    const tampered = await rebuilt(bundle, (e) => editJson(e, (j) => { j.project.name = 'Claims modeL'; }), { keepManifest: true });
    await refuse(tampered, 'This bundle cannot be imported: an entry does not match the SHA-256 and size in the manifest (it was changed or damaged) (entry "bundle.json"). Nothing was imported.');
    await refuse(await rebuilt(bundle, (e) => e.delete('manifest.json'), { keepManifest: true }), /its manifest is missing \(entry "manifest.json"\)/);
    const extra = await rebuilt(bundle, (e) => e.set(`evidence/${sha(Buffer.from('x'))}`, Buffer.from('x')), { keepManifest: true });
    await refuse(extra, /an entry is not listed in the manifest \(entry "evidence\/2d711642/);
  });

  it('refuses an audit chain edited inside the bundle, even with a matching manifest', async () => {
    const { bundle, refuse } = await setup();
    const edited = await rebuilt(bundle, (e) => editJson(e, (j) => { j.audit.chain[4].after_json = j.audit.chain[4].after_json.replace('compliant', 'partial'); }));
    await refuse(edited, 'This bundle cannot be imported: its audit chain is broken at event 5: its content does not match its hash (entry "bundle.json"). Nothing was imported.');
    const cut = await rebuilt(bundle, (e) => editJson(e, (j) => { j.audit.chain.splice(2, 1); }));
    await refuse(cut, /its audit chain skips from event 2 to event 4/);
    const forged = await rebuilt(bundle, (e) => editJson(e, (j) => { j.tables.control_assessments[0].status = 'bogus'; }));
    await refuse(forged, /its project data is malformed: tables\.control_assessments\.0\.status/);
  });

  it('refuses rows edited inside an unencrypted bundle, even with a matching manifest: they must be what its events produce', async () => {
    const { bundle, refuse } = await setup();
    const status = await rebuilt(bundle, (e) => editJson(e, (j) => {
      const row = j.tables.control_assessments.find((r: { control_id: string }) => r.control_id === 'DS-01');
      row.status = 'non_compliant';
    }));
    await refuse(status, 'This bundle cannot be imported: its rows are not what its own audit events produce: DS-01 status: table says non_compliant, history says compliant (entry "bundle.json"). Nothing was imported.');
    const forgedMember = await rebuilt(bundle, (e) => editJson(e, (j) => {
      j.tables.project_members.find((m: { member_key: string }) => m.member_key === 'Erin').role = 'owner';
      j.tables.control_assessments.find((r: { control_id: string }) => r.control_id === 'AC-01').note = 'edited';
    }));
    await refuse(forgedMember, /its rows are not what its own audit events produce: AC-01 note: table says edited, history says empty \(and 1 more difference\)/);
  });

  it('refuses edited rows when merging into an existing copy too, leaving it byte-identical', async () => {
    const { owner, projectId, wb } = await setup();
    const target = await testWorkbench({ actor: 'Linus' });
    await importBundle(target.ctx, (await exportBundle(owner, projectId)).bytes);
    updateControl(owner, projectId, 'AC-01', { status: 'partial' });
    const next = await exportBundle(wb.ctx, projectId);
    const edited = await rebuilt(next.bytes, (e) => editJson(e, (j) => {
      j.tables.control_assessments.find((r: { control_id: string }) => r.control_id === 'AC-01').status = 'compliant';
    }));
    const before = fingerprint(target.ctx.db);
    await expect(importBundle(target.ctx, edited)).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringContaining('AC-01 status: table says compliant, history says partial') });
    expect(fingerprint(target.ctx.db)).toBe(before);
  });

  it('refuses a bundle from a newer version', async () => {
    const { bundle, refuse } = await setup();
    await refuse(await rebuilt(bundle, (e) => editJson(e, (j) => { j.format = 2; })),
      'This bundle cannot be imported: it was written by a newer version of Compliance Workbench (bundle format 2, this version reads up to 1); update the app to import it. Nothing was imported.');
  });

  it.each([
    ['../../../../evil.sh', 'an entry name tries to leave the bundle folder with ".."'],
    ['evidence/../../x.js', 'an entry name tries to leave the bundle folder with ".."'],
    ['/etc/cron.d/evil', 'an entry name is an absolute path'],
    ['C:/Windows/evil.dll', 'an entry name is an absolute path'],
    ['..\\..\\evil.bat', 'an entry name contains a backslash'],
    ['notes.txt', 'the bundle holds an entry it should not'],
  ])('refuses the zip entry %j before extracting anything', async (name, problem) => {
    const { bundle, refuse } = await setup();
    await refuse(await zipWithName(bundle, name), `This bundle cannot be imported: ${problem} (entry "${name}"). Nothing was imported.`);
  });

  it('refuses a file that is not a bundle at all', async () => {
    const { refuse } = await setup();
    await refuse(Buffer.from('hello, not a zip'), 'This bundle cannot be imported: it is not a readable zip file. Nothing was imported.');
  });

  it('refuses a different project that happens to have the same id, leaving this one untouched', async () => {
    const { bundle, target, projectId, wb } = await setup();
    await importBundle(target.ctx, bundle);
    target.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = readFileSync(target.file);
    // each profile signs with its own key: Ada made the project, Linus the last change
    const keys = new Map([sender!, loadSigner(wb.file, { create: false, profile: 'Linus' })!].map((k) => [k.keyId, k]));
    // a chain that is whole and valid, but began differently: re-hash every event after the edit
    const other = await rebuilt(bundle, (e) => editJson(e, (j) => {
      let prev = '0'.repeat(64);
      j.audit.chain[0].at = '2026-11-27T10:00:00.000Z'; // (its actor must stay: another actor under Ada's key is refused as impersonation)
      for (const ev of j.audit.chain) {
        ev.prev_hash = prev;
        ev.hash = eventHash(prev, ev.seq, {
          projectId, at: ev.at, actor: ev.actor, sessionId: ev.session_id, entity: ev.entity, entityId: ev.entity_id, action: ev.action,
          before: ev.before_json === null ? null : JSON.parse(ev.before_json), after: ev.after_json === null ? null : JSON.parse(ev.after_json),
        });
        ev.signature = keys.get(ev.key_id)!.sign(eventSigningBytes(projectId, ev.seq, ev.hash));
        prev = ev.hash;
      }
      const last = j.audit.chain.at(-1);
      j.audit.head = { seq: last.seq, hash: last.hash, key_id: sender!.keyId, signature: sender!.sign(headSigningBytes(projectId, last.seq, last.hash)) };
    }));
    await expect(importBundle(target.ctx, other)).rejects.toThrow(`This bundle cannot be imported: it holds a different project that has the same id ${projectId} as one here (their first audit events differ). Nothing was imported.`);
    target.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(target.file).equals(before)).toBe(true);
  });

  it('refuses a bundle signed by a stranger, whoever it claims to be, on create and on merge', async () => {
    const { bundle, refuse, target } = await setup();
    const elsewhere = await testWorkbench({ actor: 'Mallory' });
    const stranger = loadSigner(elsewhere.file, { create: true, profile: 'Mallory' })!; // a real key, but no member's
    const strangers = await rebuilt(bundle, () => undefined, { signer: stranger });
    await refuse(strangers, /^This bundle cannot be imported: it is signed by key [0-9a-f ]{39} \(as "Ada Tester"\), which is not the key of any member of this project as the bundle lists them; /);
    await importBundle(target.ctx, bundle);
    target.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = readFileSync(target.file);
    await expect(importBundle(target.ctx, strangers)).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringContaining('which is not the key of any member of this project here') });
    target.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(target.file).equals(before)).toBe(true);
  });

  it("refuses a bundle whose last events were dropped while the later state was kept, even re-signed", async () => {
    const { bundle, refuse } = await setup();
    let events = 0;
    const cut = await rebuilt(bundle, (e) => editJson(e, (j) => {
      events = j.audit.chain.length;
      j.audit.chain.splice(-2);
    }));
    await refuse(cut, `This bundle cannot be imported: its audit chain ends at event ${events - 2}, but the sender's anchored head is event ${events}: the last events were dropped (entry "bundle.json"). Nothing was imported.`);
  });

  it('refuses an unsigned bundle and one whose manifest was changed after signing', async () => {
    const { bundle, refuse } = await setup();
    await refuse(await rebuilt(bundle, (e) => e.delete('manifest.sig'), { keepManifest: true }), /it is not signed/);
    const sig = JSON.parse((await readZip(bundle)).get('manifest.sig')!.toString('utf8')) as Record<string, unknown>;
    const resigned = await rebuilt(bundle, (e) => editJson(e, (j) => { j.project.name = 'Renamed'; }), { signer: undefined });
    const withOldSig = await rebuilt(resigned, (e) => e.set('manifest.sig', Buffer.from(JSON.stringify(sig))), { keepManifest: true });
    await refuse(withOldSig, /its manifest does not match the signature of key [0-9a-f ]{39} \(it was changed after it was signed\)/);
  });
});
