// Analyzers as descriptors: the registry and shared/'s kind list agree, and a kind defined in one
// object (here a test's own) is detected, analysed, streamed and its findings mapped to controls
// with nothing else changed.
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, SCANNER_KINDS } from '../../../shared/analysis';
import type { ConfigurationDescriptor } from '../../../electron/core/analyzers/descriptor';
import { finding } from '../../../electron/core/analyzers/controls';
import { AnalyzerError, createAnalyzers, DESCRIPTORS, KIND_COMMANDS, suggestStatusesForResults } from '../../../electron/core/analyzers/index';
import { isRecord, list, text } from '../../../electron/core/analyzers/shape';

describe('the registry of document kinds', () => {
  it('lists exactly the kinds of shared/analysis.ts, each once', () => {
    const kinds = DESCRIPTORS.map((d) => d.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect([...kinds].sort()).toEqual([...DOCUMENT_KINDS].sort());
    expect(DESCRIPTORS.filter((d) => d.type === 'scanner').map((d) => d.kind).sort()).toEqual([...SCANNER_KINDS].sort());
  });

  it('gives every kind a command and an expected shape, and every JSON kind a detector', () => {
    for (const d of DESCRIPTORS) {
      expect(KIND_COMMANDS[d.kind]).toMatch(/^(aws|prowler) /);
      expect(d.expected.length).toBeGreaterThan(10);
      expect(Boolean(d.detectJson) || Boolean(d.detectText)).toBe(true);
    }
  });
});

/** A kind no one ships: `aws example describe-widgets`, widgets that must be encrypted. */
const widgets: ConfigurationDescriptor<'example-widgets'> = {
  type: 'document',
  kind: 'example-widgets',
  command: 'aws example describe-widgets',
  expected: 'the JSON of aws example describe-widgets (a Widgets array)',
  evidences: ['DS-01'],
  detectJson: (r) => isRecord(r) && Array.isArray(r['Widgets']),
  analyze: ({ json }, { file, evidences }) => {
    if (!isRecord(json)) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it is not an object', widgets.expected);
    const findings = list(json['Widgets']).flatMap((w, i) =>
      isRecord(w) && w['Encrypted'] !== true ? [finding('S3_NOT_KMS', 'high', `Widgets[${i}]`, `Widget ${text(w['Id']) ?? i} is not encrypted.`)] : []);
    return { findings, subject: `${list(json['Widgets']).length} widgets`, evidences: [...evidences] };
  },
  stream: {
    arrays: ['Widgets'],
    open: ({ evidences }) => {
      const findings: ReturnType<typeof finding>[] = [];
      let count = 0;
      return {
        item: (_array, w, i) => {
          count++;
          if (isRecord(w) && w['Encrypted'] !== true) findings.push(finding('S3_NOT_KMS', 'high', `Widgets[${i}]`, `Widget ${text(w['Id']) ?? i} is not encrypted.`));
        },
        end: () => ({ findings, subject: `${count} widgets`, evidences: [...evidences] }),
      };
    },
  },
};

describe('a kind added as one descriptor', () => {
  const analyzers = createAnalyzers([...DESCRIPTORS, widgets]);
  const doc = JSON.stringify({ Widgets: [{ Id: 'w-1', Encrypted: true }, { Id: 'w-2', Encrypted: false }] });

  it('is detected and analysed, and its findings map to controls and suggestions', () => {
    const result = analyzers.analyzeDocument({ file: 'widgets.json', content: Buffer.from(doc) });
    expect(result).toMatchObject({ type: 'document', kind: 'example-widgets', subject: '2 widgets' });
    if (result.type !== 'document') throw new Error('not a configuration document');
    expect(result.findings.map((f) => [f.code, f.path, f.controls])).toEqual([['S3_NOT_KMS', 'Widgets[1]', ['DS-01']]]);
    expect(suggestStatusesForResults([result]).map((s) => [s.controlId, s.status])).toEqual([['DS-01', 'non_compliant']]);
  });

  it('can be asked for by name, and is refused when the document does not fit', () => {
    expect(() => analyzers.analyzeDocument({ file: 'x.json', content: '[1]', kind: 'example-widgets' as never })).toThrow(/not an object/);
  });

  it('streams its array and gives the same result as read whole', async () => {
    const whole = analyzers.analyzeDocument({ file: 'widgets.json', content: Buffer.from(doc) });
    const bytes = Buffer.from(doc);
    const streamed = await analyzers.analyzeDocumentStream({ file: 'widgets.json', chunks: [bytes.subarray(0, 7), bytes.subarray(7, 30), bytes.subarray(30)] });
    expect(streamed).toEqual(whole);
  });

  it('is unknown to the app\'s own analyzers', () => {
    expect(() => createAnalyzers(DESCRIPTORS).analyzeDocument({ file: 'widgets.json', content: doc })).toThrow(/does not have the shape of any document/);
  });
});
