// Spreadsheet formulas hidden behind a line break, NUL and bidirectional controls: every export
// format must keep them from acting (CSV rows, formulas) and show bidi controls visibly.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../electron/core/reports';
import { hostileModel } from '../../fixtures/report-model';
import type { ReportModel } from '../../../shared/report-model';
import { pdfToText } from './helpers';

const FORMULA = "=1+cmd|' /C calc'!A0";

function withNotes(notes: Record<string, string>, owner?: string): ReportModel {
  const m = hostileModel();
  return { ...m, controls: m.controls.map((c) => (c.id in notes ? { ...c, note: notes[c.id]!, ...(owner ? { owner } : {}) } : c)) };
}

describe('CSV formula injection behind a line break', () => {
  const notes = { 'DS-01': `harmless\n${FORMULA}`, 'DS-02': `harmless\r+cmd|' /C calc'!A0`, 'AC-01': `\r${FORMULA}` };

  it('keeps every note inside its own quoted cell, even for a reader that splits rows on a lone LF or CR', async () => {
    const csv = (await renderReport(withNotes(notes), 'csv')).bytes.toString('utf8');
    // a spreadsheet accepts LF and CR alone as row ends: read the file the way it would
    const rows = parse(csv, { bom: true, columns: true, record_delimiter: ['\r\n', '\n', '\r'] }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.id)).toEqual(['DS-01', 'DS-02', 'AC-01', 'NS-01', 'LM-01']);
    expect(rows[0]?.note).toBe(`harmless\n${FORMULA}`);
    expect(rows[1]?.note).toBe(`harmless\r+cmd|' /C calc'!A0`);
    expect(rows[2]?.note).toBe(`'\r${FORMULA}`); // a cell starting with CR is defused too
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('NUL and bidirectional controls in every export format', () => {
  const sneaky = 'pay\u202Eexe.txt\u2066x\u2069 and\u0000NUL';
  const visible = 'pay[U+202E]exe.txt[U+2066]x[U+2069] andNUL';
  const raw = /[\u0000\u202a-\u202e\u2066-\u2069]/;
  const model = (): ReportModel => {
    const m = withNotes({ 'DS-01': sneaky, 'DS-02': sneaky, 'AC-01': sneaky, 'NS-01': sneaky, 'LM-01': sneaky }, `Ow\u202Ener`);
    return { ...m, evidence: m.evidence.map((e) => ({ ...e, name: `${e.name}\u202E` })) };
  };

  it.each(['csv', 'md', 'oscal', 'poam'] as const)('%s shows them as [U+…] and never passes them raw', async (format) => {
    const text = (await renderReport(model(), format)).bytes.toString('utf8');
    expect(text).not.toMatch(raw);
    const unescaped = format === 'md' ? text.replace(/\\([[\]])/g, '$1') : text;
    expect(unescaped).toContain(format === 'md' ? 'pay[U+202E]exe.txt[U+2066]x[U+2069] andNUL' : visible);
    expect(unescaped).toContain('Ow[U+202E]ner');
  });

  it('pdf shows them as [U+…] too', async () => {
    const text = pdfToText((await renderReport(model(), 'pdf')).bytes);
    expect(text).not.toMatch(raw);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('pay[U+202E]exe'); // the remediation plan shortens notes
    expect(flat).toContain('Ow[U+202E]ner');
  });
});
