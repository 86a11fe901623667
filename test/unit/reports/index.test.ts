import { describe, expect, it } from 'vitest';
import { ReportError, renderMarkdown, renderOscalAssessmentResults, renderReport } from '../../../electron/core/reports/index';
import type { ReportFormat } from '../../../shared/report-model';
import { hostileModel } from '../../fixtures/report-model';
import { sha256 } from './helpers';

describe('renderReport', () => {
  const cases: Array<[ReportFormat, string, string, string]> = [
    ['md', 'text/markdown; charset=utf-8', 'md', '# Compliance evidence report'],
    ['pdf', 'application/pdf', 'pdf', '%PDF-1.3'],
    ['oscal', 'application/oscal+json', 'json', '{\n  "assessment-results": {'],
    ['poam', 'application/oscal+json', 'json', '{\n  "plan-of-action-and-milestones": {'],
    ['csv', 'text/csv; charset=utf-8', 'csv', '\uFEFFid,title,'],
  ];

  it.each(cases)('renders %s with its media type and extension, the same bytes each time', async (format, mediaType, extension, start) => {
    const a = await renderReport(hostileModel(), format);
    const b = await renderReport(hostileModel(), format);
    expect(a.mediaType).toBe(mediaType);
    expect(a.extension).toBe(extension);
    expect(a.bytes.subarray(0, Buffer.byteLength(start)).toString('utf8')).toBe(start);
    expect(sha256(b.bytes)).toBe(sha256(a.bytes));
  });

  it('writes the UTF-8 of the text exactly: multi-byte, astral and a lone surrogate (as U+FFFD)', async () => {
    const model = hostileModel();
    const note = 'Łódź → ✓ 😀 half a pair: \ud800.';
    const withNote = { ...model, controls: model.controls.map((c, i) => (i === 0 ? { ...c, note } : c)) };
    const md = await renderReport(withNote, 'md');
    expect(md.bytes.equals(Buffer.from(renderMarkdown(withNote), 'utf8'))).toBe(true);
    expect(md.bytes.toString('utf8')).toContain('Łódź → ✓ 😀 half a pair: \ufffd.');
    const oscal = await renderReport(withNote, 'oscal');
    expect(oscal.bytes.equals(Buffer.from(`${JSON.stringify(renderOscalAssessmentResults(withNote), null, 2)}\n`, 'utf8'))).toBe(true);
  });

  it('refuses an unknown format and a broken model with ReportError', async () => {
    await expect(renderReport(hostileModel(), 'docx' as ReportFormat)).rejects.toThrow(/Unknown report format "docx"\. Use one of: md, pdf, oscal, poam, csv\./);
    const bad = { ...hostileModel(), controls: 'none' } as unknown as Parameters<typeof renderReport>[0];
    const e = await renderReport(bad, 'md').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReportError);
    expect((e as ReportError).reason).toBe('model_invalid');
    expect((e as ReportError).message).toContain('controls');
  });
});
