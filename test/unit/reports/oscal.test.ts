import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../../electron/core/reports/errors';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { stableUuid, stableUuidName, uuidV5 } from '../../../electron/core/reports/ids';
import { renderOscalAssessmentResults, renderOscalPoam, token } from '../../../electron/core/reports/oscal';
import { HOSTILE, NAMES, hostileModel, largeModel } from '../../fixtures/report-model';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/oscal-1.0.6');

/**
 * The OSCAL 1.0.6 schemas are draft-07 and compile under Ajv's default strict mode, with
 * formats from ajv-formats. Ajv compiles `pattern` with the `u` flag (unicodeRegExp defaults to
 * true), which the \p{L} / \p{N} classes in OSCAL's token pattern need: nothing is switched off.
 */
function validator(file: string): ValidateFunction {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')));
}
const validateAr = validator('oscal_assessment-results_schema.json');
const validatePoam = validator('oscal_poam_schema.json');

function errors(v: ValidateFunction): string[] {
  return (v.errors ?? []).filter((e) => !['anyOf', 'allOf'].includes(e.keyword)).map((e) => `${e.instancePath} ${e.message}`);
}

type Doc = Record<string, any>; // JSON walked by path in assertions

const signed = hostileModel({ signOff: { signedBy: `${NAMES.aero}\n${HOSTILE.script}`, role: 'CISO', signedAt: '2025-03-02T10:00:00+05:30' } });

describe('OSCAL assessment results', () => {
  it('validates against the OSCAL 1.0.6 schema (hostile text, signed, large)', () => {
    const blankNames = hostileModel({ generatedBy: '  ' });
    for (const m of [hostileModel(), signed, largeModel(60, 240), blankNames]) {
      const doc = renderOscalAssessmentResults(m);
      expect(validateAr(doc), errors(validateAr).join('\n')).toBe(true);
    }
  });

  it('fails validation when deliberately broken, so the check is real', () => {
    const doc = renderOscalAssessmentResults(hostileModel()) as Doc;
    const ar = doc['assessment-results'];
    ar.results[0].findings[0].target['target-id'] = 'DS 01';
    ar.results[0].findings[1].uuid = '123e4567-e89b-12d3-a456-426614174000'; // version 1
    ar.metadata.props[0].value = 'two\nlines';
    ar.results[0].findings[2].target['target-id'] = 'Łódź-1'; // a letter: allowed, needs \p{L}
    delete ar['import-ap'];
    expect(validateAr(doc)).toBe(false);
    expect(errors(validateAr)).toEqual([
      "/assessment-results must have required property 'import-ap'",
      '/assessment-results/metadata/props/0/value must match pattern "^\\S(.*\\S)?$"',
      '/assessment-results/results/0/findings/0/target/target-id must match pattern "^(\\p{L}|_)(\\p{L}|\\p{N}|[.\\-_])*$"',
      '/assessment-results/results/0/findings/1/uuid must match pattern "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$"',
    ]);
  });

  it('has one finding per control with the status mapped, and one observation per evidence item', () => {
    const ar = (renderOscalAssessmentResults(hostileModel()) as Doc)['assessment-results'];
    const result = ar.results[0];
    expect(result.findings.map((f: Doc) => f.target['target-id'])).toEqual(['DS-01', 'DS-02', 'AC-01', 'NS-01', 'LM-01']);
    expect(result.findings.map((f: Doc) => `${f.target.status.state}/${f.target.status.reason}`)).toEqual([
      'not-satisfied/fail',
      'not-satisfied/fail',
      'satisfied/pass',
      'satisfied/other',
      'not-satisfied/other',
    ]);
    expect(result.observations).toHaveLength(4);
    expect(result.risks.map((r: Doc) => r.title)).toEqual([`DS-01: KMS keys ${HOSTILE.pipe}`, `DS-02: Bucket policy ${HOSTILE.backticks}`]);
    expect(result.risks[0].deadline).toBe('2025-04-30T23:59:59Z');
    const fileResource = ar['back-matter'].resources.find((r: Doc) => r.title === 'kms-Łódź.json');
    expect(fileResource.rlinks[0].hashes).toEqual([{ algorithm: 'SHA-256', value: hostileModel().evidence[0]?.sha256 }]);
    expect(fileResource.rlinks[0].href).toMatch(/^\.\.\/evidence\/[0-9a-f]{64}-kms-%C5%81%C3%B3d%C5%BA\.json$/);
  });

  it('records the sign-off as an attestation by the approver', () => {
    const ar = (renderOscalAssessmentResults(signed) as Doc)['assessment-results'];
    const approver = ar.metadata['responsible-parties'].find((p: Doc) => p['role-id'] === 'approver');
    const party = ar.metadata.parties.find((p: Doc) => p.uuid === approver['party-uuids'][0]);
    expect(party.name).toBe(`${NAMES.aero} ${HOSTILE.script}`);
    expect(ar.results[0].attestations[0].parts[0].prose).toContain('on 2025-03-02T04:30:00.000Z');
  });

  it('is byte-identical for the same state; subject UUIDs survive a new export', () => {
    const a = JSON.stringify(renderOscalAssessmentResults(hostileModel()));
    expect(JSON.stringify(renderOscalAssessmentResults(hostileModel()))).toBe(a);
    const later = (renderOscalAssessmentResults(hostileModel({ generatedAt: '2025-04-01T00:00:00.000Z' })) as Doc)['assessment-results'];
    const first = JSON.parse(a)['assessment-results'];
    expect(later.uuid).not.toBe(first.uuid);
    expect(later.results[0].findings[0].uuid).toBe(first.results[0].findings[0].uuid);
  });
});

describe('OSCAL plan of action and milestones', () => {
  it('validates, with one item per non-compliant or partial control', () => {
    for (const m of [hostileModel(), signed, largeModel(60, 240)]) {
      const doc = renderOscalPoam(m);
      expect(validatePoam(doc), errors(validatePoam).join('\n')).toBe(true);
    }
    const poam = (renderOscalPoam(hostileModel()) as Doc)['plan-of-action-and-milestones'];
    expect(poam['poam-items'].map((i: Doc) => i.title)).toEqual([`DS-01: KMS keys ${HOSTILE.pipe}`, `DS-02: Bucket policy ${HOSTILE.backticks}`]);
    expect(poam['poam-items'][0].remarks).toBe(HOSTILE.multiline);
    expect(poam.observations).toHaveLength(3); // the evidence of DS-01 and DS-02
  });

  it('fails validation when broken', () => {
    const doc = renderOscalPoam(hostileModel()) as Doc;
    doc['plan-of-action-and-milestones']['poam-items'] = [];
    expect(validatePoam(doc)).toBe(false);
    expect(errors(validatePoam)).toEqual(['/plan-of-action-and-milestones/poam-items must NOT have fewer than 1 items']);
  });

  it('refuses a project with nothing to remediate, since OSCAL needs at least one item', () => {
    const m = hostileModel();
    const clean = { ...m, controls: m.controls.map((c) => ({ ...c, status: 'compliant' as const })) };
    expect(() => renderOscalPoam(clean)).toThrow(ReportError);
    expect(() => renderOscalPoam(clean)).toThrow(/nothing to put in a plan of action/);
  });
});

describe('deterministic identifiers', () => {
  it('computes RFC 4122 version-5 UUIDs (known vector)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('names and hashes any parts as RFC 4122 does over JSON.stringify of them (so ids never change)', () => {
    // the reference: RFC 4122 section 4.3 spelt out with a Hash object, as ids.ts did before
    const reference = (parts: string[]) => {
      const b = createHash('sha1').update(Buffer.from('b5454087e3e25c41be9cea84f7b0b360', 'hex')).update(JSON.stringify(parts), 'utf8').digest().subarray(0, 16);
      b[6] = (b[6]! & 0x0f) | 0x50;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    };
    const part = fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[a-z0-9-]{1,20}$/), fc.constantFrom('"', '\\', '\u0001', '\ud800', '😀', 'x'.repeat(3000)));
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
      expect(stableUuidName(...parts)).toBe(JSON.stringify(parts));
      expect(stableUuid(...parts)).toBe(reference(parts));
    }), { numRuns: 500, seed: 4122 });
  });

  it('turns any id into an OSCAL token', () => {
    expect(token('DS-01')).toBe('DS-01');
    expect(token('164.312(b)')).toBe('_164.312_b_');
    expect(token('Łódź 1')).toBe('Łódź_1');
  });
});
