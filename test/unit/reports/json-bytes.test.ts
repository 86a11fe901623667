// The OSCAL documents are written from @discoveryjs/json-ext's chunks (reports/json-bytes.ts),
// each chunk encoded on its own: the bytes must be exactly JSON.stringify(value, null, 2) and a newline, for any JSON value,
// so that two exports of one state stay byte-identical with those written before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../../electron/core/reports/json-bytes';
import { memorySink } from '../../../electron/core/reports/index';
import { hostileModel, largeModel } from '../../fixtures/report-model';
import { renderOscalAssessmentResults, renderOscalPoam } from '../../../electron/core/reports/oscal';

const native = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`, 'utf8');

/** The bytes as a report is written: each chunk encoded on its own, as the file and memory sinks do. */
function jsonBytes(value: object): Buffer {
  const sink = memorySink();
  for (const chunk of jsonChunks(value)) sink.write(chunk);
  return sink.bytes();
}

// every kind of string: lone surrogates, control characters, quotes, emoji, long runs
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('\u2028', '\ud800', '\udfff x', '"\\/\b\f\n\r\t\u0000', 'x'.repeat(70_000)));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(text, fc.option(tie('value'), { nil: undefined }), { maxKeys: 5 }),
}));

describe('jsonChunks', () => {
  it('writes any JSON value byte for byte as JSON.stringify with two spaces does', () => {
    fc.assert(fc.property(fc.oneof(json.object, json.array), (v) => {
      expect(jsonBytes(v as object).equals(native(v))).toBe(true);
    }), { numRuns: 300, seed: 20261204 });
  });

  it('writes the OSCAL documents as they were written before', () => {
    for (const m of [hostileModel(), largeModel(60, 400)]) {
      for (const doc of [renderOscalAssessmentResults(m, { appVersion: '1.2.3' }), renderOscalPoam(m)]) expect(jsonBytes(doc).equals(native(doc))).toBe(true);
    }
  });
});
