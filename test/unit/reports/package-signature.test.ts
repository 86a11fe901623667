import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testWorkbench } from '../../helpers/workbench';
import { readZip, writeZip } from '../../helpers/zip';
import { createProject } from '../../../electron/core/projects/projects';
import { updateControl } from '../../../electron/core/assessments/update';
import { writeProjectPackage, renderProjectReport } from '../../../electron/core/exports/export';
import { verifyEvidencePackage } from '../../../electron/core/reports';
import { loadSigner } from '../../../electron/core/identity/key-file';
import { fingerprintOf } from '../../../electron/core/identity/keys';

async function signedPackage() {
  const wb = await testWorkbench();
  const p = createProject(wb.ctx, { name: 'Claims model', frameworks: ['pci'] });
  updateControl(wb.ctx, p.id, 'DS-01', { status: 'compliant', note: 'KMS CMK' });
  const dir = tempDir();
  const pkg = join(dir, 'evidence.zip');
  await writeProjectPackage(wb.ctx, p.id, pkg);
  return { wb, projectId: p.id, dir, pkg };
}

/** Runs the command the README gives auditors, on the three files taken out of the zip. */
function opensslVerify(dir: string, entries: Map<string, Buffer>): { status: number | null; out: string } {
  for (const name of ['signer.pem', 'manifest.sha256', 'manifest.sig']) writeFileSync(join(dir, name), entries.get(name)!);
  const r = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pem', '-rawin', '-in', 'manifest.sha256', '-sigfile', 'manifest.sig'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('evidence package signature', () => {
  it('is checked by openssl alone, and by cwb package verify, and names the signer', async () => {
    const { wb, dir, pkg } = await signedPackage();
    const entries = await readZip(pkg);
    expect(entries.get('manifest.sig')).toHaveLength(64);
    expect(entries.get('manifest.sha256')!.toString('utf8')).toMatch(/^[0-9a-f]{64} {2}signer\.pem$/m);
    expect(opensslVerify(dir, entries)).toMatchObject({ status: 0, out: expect.stringContaining('Signature Verified Successfully') });
    const signer = loadSigner(wb.file, { create: false, profile: 'Ada Tester' })!;
    expect(await verifyEvidencePackage(pkg)).toMatchObject({ ok: true, signedBy: fingerprintOf(signer.keyId) });
    // the manifest names the anchored head too
    expect(JSON.parse(entries.get('manifest.json')!.toString('utf8')).auditHead).toMatchObject({ seq: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(execFileSync('openssl', ['version'], { encoding: 'utf8' })).toMatch(/^OpenSSL 3/);
  });

  it('fails openssl and cwb once manifest.sha256 is edited, even consistently with the files', async () => {
    const { dir, pkg } = await signedPackage();
    const entries = await readZip(pkg);
    const csv = entries.get('checklist.csv')!;
    csv[csv.length - 2] = csv[csv.length - 2]! ^ 0x01;
    const { createHash } = await import('node:crypto');
    const newSum = createHash('sha256').update(csv).digest('hex');
    const sums = entries.get('manifest.sha256')!.toString('utf8').replace(/^[0-9a-f]{64}(?= {2}checklist\.csv$)/m, newSum);
    entries.set('manifest.sha256', Buffer.from(sums, 'utf8'));
    const result = opensslVerify(dir, entries);
    expect(result.status).not.toBe(0);
    expect(result.out).toContain('Signature Verification Failure');
    const tampered = join(dir, 'tampered.zip');
    await writeZip(tampered, entries);
    expect((await verifyEvidencePackage(tampered)).problems).toContainEqual({ file: 'manifest.sig', problem: 'signature_mismatch' });
  });

  it("prints the anchored head in the Markdown report", async () => {
    const { wb, projectId } = await signedPackage();
    const md = (await renderProjectReport(wb.ctx, projectId, 'md')).bytes.toString('utf8');
    const head = wb.ctx.db.prepare('SELECT hash FROM audit_events WHERE project_id = ? AND seq = 2').pluck().get(projectId) as string;
    expect(md).toContain(`Anchored head: event 2, hash \`${head}\` (signed).`);
    expect(md).toContain('Hash chain: verified');
  });
});
