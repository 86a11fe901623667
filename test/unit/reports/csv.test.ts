import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_COLUMNS, renderChecklistCsv, undoFormulaDefuse } from '../../../electron/core/reports/csv';
import { HOSTILE, hostileModel } from '../../fixtures/report-model';

describe('renderChecklistCsv', () => {
  const model = hostileModel();

  it('round-trips through csv-parse with exact values', () => {
    const csv = renderChecklistCsv(model);
    const rows = parse(csv, { bom: true, columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0] ?? {})).toEqual([...CHECKLIST_COLUMNS]);
    expect(rows.map((r) => r.id)).toEqual(['DS-01', 'DS-02', 'AC-01', 'NS-01', 'LM-01']);
    expect(rows[0]).toEqual({
      id: 'DS-01',
      title: `KMS keys ${HOSTILE.pipe}`,
      domain: 'data_security',
      priority: 'critical',
      status: 'non_compliant',
      owner: 'Müller',
      due_date: '2025-04-30',
      evidence_count: '2',
      frameworks: 'hipaa;gdpr;pci',
      requirements: 'hipaa:164.312(a)(1);gdpr:Art. 5(1)(f);pci:3.6.1',
      note: HOSTILE.multiline,
    });
    expect(rows[1]?.title).toBe(`Bucket policy ${HOSTILE.backticks}`);
    expect(rows[2]?.note).toBe(`${HOSTILE.img} ${HOSTILE.entity}`);
    expect(rows[3]?.owner).toBe('Team');
    expect(rows[4]).toMatchObject({ owner: '', due_date: '', evidence_count: '0', title: 'CloudTrail → all regions ✓' });
  });

  it('uses CRLF between records, a UTF-8 BOM, and quotes only where RFC 4180 needs it', () => {
    const csv = renderChecklistCsv(model);
    expect(csv.startsWith('\uFEFFid,title,domain,priority,status,owner,due_date,evidence_count,frameworks,requirements,note\r\n')).toBe(true);
    expect(csv).toContain('NS-01,VPC mode,network_security,medium,not_applicable,Team,,0,');
    expect(csv).toContain('"first line\nsecond | line\r\n# not a heading');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('defuses spreadsheet formulas by default, and the defuse is reversible', () => {
    const formula = '=HYPERLINK("http://evil.example","click")';
    const m = hostileModel();
    const controls = m.controls.map((c) => (c.id === 'DS-01' ? { ...c, note: formula, owner: '@owner', title: '+1 title' } : c));
    const defused = parse(renderChecklistCsv({ ...m, controls }), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(defused[0]).toMatchObject({ note: `'${formula}`, owner: "'@owner", title: "'+1 title" });
    expect(undoFormulaDefuse(defused[0]?.note ?? '')).toBe(formula);
    const raw = parse(renderChecklistCsv({ ...m, controls }, { defuseFormulas: false }), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(raw[0]).toMatchObject({ note: formula, owner: '@owner', title: '+1 title' });
  });

  it('gives the same bytes for the same model', () => {
    expect(renderChecklistCsv(hostileModel())).toBe(renderChecklistCsv(hostileModel()));
  });
});
