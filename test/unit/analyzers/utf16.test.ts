// AWS exports saved as UTF-16 (Windows PowerShell's `aws … > out.json` writes UTF-16LE with a byte
// order mark): decoded and analysed like the UTF-8 file, or refused saying they are UTF-16.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyzeDocument, AnalyzerError } from '../../../electron/core/analyzers/index';

const POLICY = JSON.stringify({
  PolicyVersion: {
    Document: { Version: '2012-10-17', Statement: [{ Sid: 'Größe', Effect: 'Allow', Action: ['iam:PassRole', 's3:*'], Resource: '*' }] },
    VersionId: 'v3',
  },
}, null, 2);

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

function refusal(run: () => unknown): AnalyzerError {
  try {
    run();
  } catch (error) {
    if (error instanceof AnalyzerError) return error;
    throw error;
  }
  throw new Error('expected an AnalyzerError');
}

describe('UTF-16 AWS exports', () => {
  const reference = analyzeDocument({ file: 'policy.json', content: Buffer.from(POLICY, 'utf8') });

  it.each([
    ['little-endian with a byte order mark', 'le', true],
    ['little-endian without one', 'le', false],
    ['big-endian with a byte order mark', 'be', true],
    ['big-endian without one', 'be', false],
  ] as const)('%s is read like the UTF-8 file', (_name, order, bom) => {
    const content = utf16(POLICY, order, bom);
    const result = analyzeDocument({ file: 'policy.json', content });
    expect(reference.type).toBe('document');
    expect(result.type).toBe('document');
    if (result.type !== 'document' || reference.type !== 'document') return;
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings).toEqual(reference.findings);
    expect(result.findings.some((f) => f.message.includes('Größe'))).toBe(true);
    // The hash is of the bytes as dropped, not of the decoded text.
    expect(result.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it.each([['le', 'little'], ['be', 'big']] as const)('a %s file cut inside a character is refused as UTF-16', (order, endian) => {
    const whole = utf16(POLICY, order, true);
    const error = refusal(() => analyzeDocument({ file: 'cut.json', content: whole.subarray(0, whole.length - 1) }));
    expect(error.code).toBe('DOCUMENT_UNREADABLE');
    expect(error.message).toMatch(new RegExp(`^cut\\.json: it is UTF-16 encoded \\(${endian}-endian\\), but its bytes break off inside a character`));
    expect(error.message).toContain('save the AWS CLI output as UTF-8');
  });

  it('UTF-8 with NUL-free ASCII at its start is still read as UTF-8', () => {
    const error = refusal(() => analyzeDocument({ file: 'archive.zip', content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0xc3]) }));
    expect(error.message).toMatch(/^archive\.zip: it is not UTF-8 text/);
  });
});
