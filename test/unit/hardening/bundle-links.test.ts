// A link the app refuses to attach (javascript:, data:, file:) must not arrive through a bundle,
// and must never be written into an OSCAL href even if it got into the data some other way.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addEvidence } from '../../../electron/core/evidence/evidence';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import { readZip, writeZip } from '../../../electron/core/bundle/zip';
import { renderOscalAssessmentResults } from '../../../electron/core/reports/oscal';
import { fingerprint } from '../../helpers/db-fingerprint';
import { testWorkbench } from '../../helpers/workbench';
import { hostileModel } from '../../fixtures/report-model';
import { teamProject } from '../team/helpers';
import { loadSigner } from '../../../electron/core/identity/key-file';
import { signManifest } from '../../../electron/core/bundle/signing';

const HOSTILE_LINKS = ['javascript:alert(document.domain)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:msgbox(1)'];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The bundle with every link's URL replaced, its manifest recomputed and re-signed with the
 * sender's own key (the worst case: the sender is the attacker), so the link rule is what refuses it.
 */
async function withLinkUrl(bytes: Buffer, url: string, dbFile: string): Promise<Buffer> {
  const entries = await readZip(bytes);
  const json = JSON.parse(entries.get('bundle.json')!.toString('utf8')) as { tables: { evidence: Array<{ kind: string; url: string | null }> } };
  for (const ev of json.tables.evidence) if (ev.kind === 'link') ev.url = url;
  entries.set('bundle.json', Buffer.from(JSON.stringify(json)));
  const list = [...entries].filter(([n]) => n !== 'manifest.json' && n !== 'manifest.sig').map(([name, data]) => ({ name, sha256: sha(data), size: data.length }));
  const manifest = Buffer.from(JSON.stringify({ format: 1, entries: list }));
  entries.set('manifest.json', manifest);
  entries.set('manifest.sig', signManifest(loadSigner(dbFile, { create: false, profile: 'Ada Tester' })!, 'Ada Tester', manifest));
  return writeZip([...entries].map(([name, data]) => ({ name, data })), new Date(0));
}

describe('links through bundles', () => {
  it.each(HOSTILE_LINKS)('refuses a bundle carrying the link %s, changing nothing', async (url) => {
    const { wb, projectId } = await teamProject();
    const controlId = (wb.ctx.db.prepare('SELECT control_id FROM control_assessments WHERE project_id = ? LIMIT 1').pluck().get(projectId)) as string;
    addEvidence(wb.ctx, projectId, controlId, { kind: 'link', url: 'https://console.aws.amazon.com/kms' });
    const hostile = await withLinkUrl((await exportBundle(wb.ctx, projectId)).bytes, url, wb.file);
    const other = await testWorkbench();
    const before = fingerprint(other.ctx.db);
    await expect(importBundle(other.ctx, hostile)).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
      message: expect.stringMatching(/tables\.evidence\.0\.url.*only http and https links can be attached|only http and https links can be attached.*tables\.evidence\.0\.url|a link must be a full URL/),
    });
    expect(fingerprint(other.ctx.db)).toBe(before);
  });
});

describe('OSCAL hrefs', () => {
  it.each(HOSTILE_LINKS)('drops a link evidence href %s that reached the report data', (url) => {
    const m = hostileModel();
    const model = { ...m, evidence: m.evidence.map((e) => (e.kind === 'link' ? { ...e, url } : e)) };
    const oscal = JSON.stringify(renderOscalAssessmentResults(model));
    const hrefs = [...oscal.matchAll(/"href":"([^"]*)"/g)].map((x) => x[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(#|\.\.\/evidence\/|https?:\/\/)/);
  });

  it('keeps an http(s) link', () => {
    const oscal = JSON.stringify(renderOscalAssessmentResults(hostileModel()));
    expect(oscal).toContain('"href":"http://evil.example/%3Cx%3E%7Cy"');
  });
});
