import { describe, expect, it } from 'vitest';
import { ReportError } from '../../../electron/core/reports/errors';
import { checkReportModel, naturalCompare } from '../../../electron/core/reports/model';
import { hostileModel } from '../../fixtures/report-model';

function errorOf(f: () => unknown): ReportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
}

describe('checkReportModel', () => {
  it('refuses a model that does not parse, saying where', () => {
    const bad = { ...hostileModel(), generatedAt: 'yesterday' };
    const e = errorOf(() => checkReportModel(bad));
    expect(e.reason).toBe('model_invalid');
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('generatedAt');
  });

  it('refuses dangling and crossed evidence references', () => {
    const m = hostileModel();
    const dangling = { ...m, controls: m.controls.map((c) => (c.id === 'LM-01' ? { ...c, evidenceIds: ['ev-9999'] } : c)) };
    expect(errorOf(() => checkReportModel(dangling)).message).toContain('control LM-01 lists evidence ev-9999, which is not in the report');
    const crossed = { ...m, controls: m.controls.map((c) => (c.id === 'LM-01' ? { ...c, evidenceIds: ['ev-0001'] } : c)) };
    expect(errorOf(() => checkReportModel(crossed)).message).toContain('control LM-01 lists evidence ev-0001, which belongs to control DS-01');
    const orphan = { ...m, evidence: m.evidence.map((e) => (e.id === 'ev-0004' ? { ...e, controlId: 'XX-99' } : e)) };
    expect(errorOf(() => checkReportModel(orphan)).message).toContain('evidence ev-0004 belongs to control XX-99, which is not in the report');
  });

  it('requires baseline details exactly when the report describes a signed baseline', () => {
    const m = hostileModel();
    const e = errorOf(() => checkReportModel({ ...m, scope: { ...m.scope, describes: 'signed_baseline', baseline: null } }));
    expect(e.message).toContain('scope.baseline');
  });

  it('puts every list in canonical order', () => {
    const m = hostileModel();
    const out = checkReportModel({ ...m, controls: [...m.controls].reverse(), evidence: [...m.evidence].reverse() });
    expect(out.controls.map((c) => c.id)).toEqual(['DS-01', 'DS-02', 'AC-01', 'NS-01', 'LM-01']);
    expect(out.evidence.map((e) => e.id)).toEqual(['ev-0001', 'ev-0002', 'ev-0003', 'ev-0004']);
    expect(out.auditSummary.recent.map((r) => r.at)).toEqual(['2025-03-01T13:59:00.000Z', '2025-02-28T10:00:00.000Z']);
  });

  it('hands back a model it checked as it is, and checks anything else in full', () => {
    const m = hostileModel();
    const out = checkReportModel({ ...m, controls: [...m.controls].reverse() });
    expect(checkReportModel(out)).toBe(out);
    // a copy of a checked model is not taken on trust: it is parsed (and refused when broken) again
    const copy = { ...out, generatedAt: 'yesterday' };
    expect(errorOf(() => checkReportModel(copy)).message).toContain('generatedAt');
    expect(checkReportModel({ ...out })).not.toBe(out);
  });

  it('sorts requirement and control ids naturally', () => {
    const ids = ['10.2.1', '3.6.1', '9.1', '164.312(b)', '164.308(a)(1)', 'DS-10', 'DS-2'];
    expect([...ids].sort(naturalCompare)).toEqual(['3.6.1', '9.1', '10.2.1', '164.308(a)(1)', '164.312(b)', 'DS-2', 'DS-10']);
  });
});
