import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../../electron/core/reports/pdf';
import { glyphRuns, withGlyphFallback } from '../../../electron/core/reports/pdf-glyphs';
import { hostileModel, largeModel } from '../../fixtures/report-model';
import type { ReportModel } from '../../../shared/report-model';
import { pdfPageCount, pdfToText } from './helpers';

const HISTORY: NonNullable<ReportModel['readinessHistory']> = {
  points: [
    { day: '2025-02-20', byFramework: [{ framework: 'hipaa', percent: 10 }, { framework: 'gdpr', percent: 0 }, { framework: 'pci', percent: null }] },
    { day: '2025-02-27', byFramework: [{ framework: 'hipaa', percent: 40.4 }, { framework: 'gdpr', percent: 25 }, { framework: 'pci', percent: 12.5 }] },
  ],
  signOffs: [{ day: '2025-02-27', at: '2025-02-27T16:00:00Z', signedBy: 'Søren Ærø' }],
};

describe('the summary PDF', () => {
  const model = hostileModel({ readinessHistory: HISTORY });
  let summary: Buffer;
  let text: string;

  beforeAll(async () => {
    summary = await renderPdf(model, { kind: 'summary' });
    text = pdfToText(summary).replace(/\s+/g, ' ');
  });

  it('is a few pages with what an auditor reads first, and leaves the rest to the full report', async () => {
    const full = await renderPdf(model);
    expect(pdfPageCount(summary)).toBeLessThanOrEqual(4);
    expect(pdfPageCount(summary)).toBeLessThan(pdfPageCount(full));
    for (const s of ['Compliance summary report', 'Readiness', 'By framework', 'Over time', 'Highest-priority gaps', 'Sign-offs and the audit chain', 'Assessed controls', 'Not assessed yet, per domain']) {
      expect(text).toContain(s);
    }
    for (const s of ['Evidence index', 'Requirements by framework', 'Most recent changes']) expect(text).not.toContain(s);
  });

  it('lists every assessed control with its owner and note, and counts the rest per domain', () => {
    for (const c of model.controls.filter((x) => x.status !== 'not_assessed')) expect(text).toContain(c.id);
    expect(text).toContain('Zoë Müller');
    expect(text).toContain('No VPC: batch only');
    expect(text.slice(text.indexOf('Not assessed yet, per domain'))).toMatch(/Monitoring & logging/);
    expect(text.slice(text.indexOf('Not assessed yet, per domain'))).not.toMatch(/Data security|Access control/);
  });

  it('draws readiness over time with its numbers as a table, sign-offs marked', () => {
    expect(text).toContain('from 2025-02-20 to 2025-02-27 (UTC days)');
    expect(text).toMatch(/2025-02-27 40\.4% 25%[^]{0,80}12\.5% Signed off by Søren Ærø/);
  });

  it('stays a few pages for a large project where little is assessed', async () => {
    const big = largeModel(500, 0);
    const sparse = { ...big, controls: big.controls.map((c, i) => (i < 3 ? c : { ...c, status: 'not_assessed' as const, owner: '', note: '' })) };
    expect(pdfPageCount(await renderPdf(sparse, { kind: 'summary' }))).toBeLessThanOrEqual(5);
  });
});

describe('characters DejaVu lacks', () => {
  it('prints emoji in the fallback font, and what no font has as a visible [U+XXXX]', async () => {
    const m = hostileModel();
    const note = 'Rotation checked ✅ 🚀 done \uE000 end';
    const pdf = await renderPdf({ ...m, controls: m.controls.map((c) => (c.id === 'AC-01' ? { ...c, note } : c)) });
    const text = pdfToText(pdf).replace(/\s+/g, ' ');
    // pdftotext may place a run of another font elsewhere on the line: each piece is looked for
    for (const piece of ['Rotation checked', '✅', '🚀', 'done [U+E000] end']) expect(text).toContain(piece);
    expect(text).not.toContain('\uE000');
  });

  it('splits text into runs per font, keeping joiners and skin tones with their emoji', () => {
    const coverage = { primary: (cp: number) => cp < 0x2000, fallback: (cp: number) => cp >= 0x1f000 || cp === 0x200d };
    expect(glyphRuns('ok 👍🏽 \u{1F469}\u200D\u{1F4BB}!', coverage)).toEqual([
      { text: 'ok ', fallback: false },
      { text: '👍🏽 \u{1F469}\u200D\u{1F4BB}', fallback: true },
      { text: '!', fallback: false },
    ]);
    expect(glyphRuns('a\u2603b', coverage)).toEqual([{ text: 'a[U+2603]b', fallback: false }]);
  });

  it('keeps the style of an inline run and reaches table cells and footers', () => {
    const coverage = { primary: (cp: number) => cp < 0x2000, fallback: (cp: number) => cp >= 0x1f000 };
    const doc = withGlyphFallback(
      { content: [{ text: ['x ', { text: 'bold 🚀', bold: true }] }, { table: { widths: ['*'], body: [['cell 🚀']] } }], footer: () => ({ text: 'foot 🚀' }) },
      coverage,
      'Emoji',
    );
    expect(doc.content[0]).toEqual({ text: ['x ', { bold: true, text: 'bold ' }, { bold: true, text: '🚀', font: 'Emoji' }] });
    expect(doc.content[1]).toEqual({ table: { widths: ['*'], body: [[{ text: ['cell ', { text: '🚀', font: 'Emoji' }] }]] } });
    expect(doc.footer()).toEqual({ text: ['foot ', { text: '🚀', font: 'Emoji' }] });
  });
});
