import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../../electron/core/reports/pdf';
import { HOSTILE, NAMES, hostileModel, largeModel } from '../../fixtures/report-model';
import { pdfPageCount, pdfToText, sha256, tempDir } from './helpers';

describe('renderPdf', () => {
  let pdf: Buffer;
  let text: string;
  let flat: string; // cells wrap: compare with every run of white space as one space
  const model = hostileModel({ signOff: { signedBy: NAMES.aero, role: 'CISO', signedAt: '2025-03-02T10:00:00Z' } });

  beforeAll(async () => {
    pdf = await renderPdf(model);
    text = pdfToText(pdf);
    flat = text.replace(/\s+/g, ' ');
  });

  it('is a PDF whose text can be extracted, Unicode names included', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const s of [NAMES.lodz, NAMES.muller, NAMES.aero, 'Zoë Müller', 'CloudTrail → all regions ✓', 'Søren Ærø']) {
      expect(flat).toContain(s);
    }
    // User text prints as typed: nothing is interpreted.
    expect(flat).toContain(HOSTILE.script);
    expect(flat).toContain('<img src=x onerror=alert(1)>');
  });

  it('shows status as words beside the colour', () => {
    expect(text).toContain('✗ Non-compliant');
    expect(text).toContain('◐ Partial');
    expect(text).toContain('✓ Compliant');
  });

  it('numbers every page "Page N of M"', () => {
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(5);
    for (let p = 1; p <= pages; p++) expect(pdfToText(pdf, p, p)).toContain(`Page ${p} of ${pages}`);
  });

  it('has the sections and a contents page', () => {
    const contents = pdfToText(pdf, 2, 2);
    for (const s of ['Contents', 'Executive summary', 'Requirements by framework', 'Remediation plan', 'Controls', 'Evidence index', 'Audit trail', 'Sign-off']) {
      expect(contents).toContain(s);
    }
    expect(flat).toContain('The current working state as of 2025-03-01 14:05 UTC (not a signed baseline)');
    expect(text).toContain(model.evidence[0]?.sha256);
  });

  it('carries fixed metadata taken from the model', () => {
    const dir = tempDir();
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('/usr/bin/pdfinfo', ['-isodates', file], { encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+2025-03-01T14:05:09Z/);
    expect(info).toMatch(/Title:\s+Compliance evidence report: Fraud model — Łódź/);
    expect(info).toMatch(/Author:\s+Zoë Müller/);
  });

  it('gives the same bytes for the same model, in this process and in a fresh one', async () => {
    const again = await renderPdf(hostileModel({ signOff: { signedBy: NAMES.aero, role: 'CISO', signedAt: '2025-03-02T10:00:00Z' } }));
    expect(sha256(again)).toBe(sha256(pdf));
    const script = `
      import { renderPdf } from ${JSON.stringify(path.resolve('electron/core/reports/pdf.ts'))};
      import { hostileModel, NAMES } from ${JSON.stringify(path.resolve('test/fixtures/report-model.ts'))};
      import { createHash } from 'node:crypto';
      const b = await renderPdf(hostileModel({ signOff: { signedBy: NAMES.aero, role: 'CISO', signedAt: '2025-03-02T10:00:00Z' } }));
      process.stdout.write(createHash('sha256').update(b).digest('hex'));`;
    const dir = tempDir();
    const file = path.join(dir, 'render.mts');
    writeFileSync(file, script);
    const hash = execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Auckland' } });
    expect(hash.trim()).toBe(sha256(pdf));
  });

  it('repeats the table header on every page a long table runs over', async () => {
    const big = await renderPdf(largeModel(60, 260));
    const pages = pdfPageCount(big);
    const byPage = Array.from({ length: pages }, (_, i) => pdfToText(big, i + 1, i + 1));
    const first = byPage.findIndex((t) => t.includes('Evidence index') && t.includes('Attached by'));
    const last = byPage.findIndex((t) => t.includes('Audit trail') && t.includes('recorded changes'));
    expect(first).toBeGreaterThan(0);
    expect(last - first).toBeGreaterThanOrEqual(3); // the index spans several pages
    for (let p = first + 1; p < last; p++) {
      expect(byPage[p], `page ${p + 1}`).not.toContain('Evidence index');
      for (const head of ['Ref', 'Control', 'Kind', 'SHA-256', 'Collected', 'Expires', 'Attached by']) {
        expect(byPage[p], `page ${p + 1}`).toContain(head);
      }
    }
  });
});
