import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cwb } from '../../helpers/cli';
import { tempDir } from '../../helpers/workbench';

function dataset(): string {
  const file = join(tempDir(), 'patients.csv');
  writeFileSync(file, [
    'id,name,email,ssn,card,zip,age',
    '1,Ann,ann@example.org,123-45-6789,4111 1111 1111 1111,10001,34',
    '2,Bob,bob@example.com,666-12-3456,4111 1111 1111 1112,10002,35',
    '3,Cy,not-an-email,078-05-1120,5555-5555-5555-4444,10003,36',
    '4,Di,di@example.net,900-12-3456,1234,10004,61',
  ].join('\n') + '\n');
  return file;
}

describe('cwb scan, mask, kanon', () => {
  it('scan --json finds exactly the valid entities per column, samples masked', async () => {
    const r = await cwb('scan', dataset(), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { file: string; rows: number; bytes: number; findings: Array<{ entity: string; column: string; count: number; samples: string[] }> };
    expect(out.rows).toBe(4);
    const count = (entity: string, column: string) => out.findings.find((f) => f.entity === entity && f.column === column)?.count ?? 0;
    expect(count('EMAIL_ADDRESS', 'email')).toBe(3);
    expect(count('US_SSN', 'ssn')).toBe(2); // 666 and 9xx areas are not SSNs
    expect(count('CREDIT_CARD', 'card')).toBe(2); // Luhn-valid only
    const all = JSON.stringify(out.findings);
    for (const raw of ['ann@example.org', '123-45-6789', '4111 1111 1111 1111']) expect(all).not.toContain(raw);
  });

  it('mask writes a copy, keeps the original, and refuses a rule for a missing column writing nothing', async () => {
    const file = dataset();
    const before = readFileSync(file);
    const dir = tempDir();
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ rules: [{ column: 'email', method: 'redact' }, { column: 'card', method: 'partial', keepLast: 4 }, { column: 'ssn', method: 'suppress' }] }));
    const out = join(dir, 'masked.csv');
    const r = await cwb('mask', file, '--rules', rules, '--out', out);
    expect(r).toMatchObject({ code: 0 });
    const masked = readFileSync(out, 'utf8');
    expect(masked.split('\n')[0]).toBe('id,name,email,card,zip,age');
    expect(masked).toContain('[REDACTED]');
    expect(masked).toContain('**** **** **** 1111');
    expect(readFileSync(file).equals(before)).toBe(true);
    const badRules = join(dir, 'bad.json');
    writeFileSync(badRules, JSON.stringify({ rules: [{ column: 'phone', method: 'redact' }] }));
    const out2 = join(dir, 'masked2.csv');
    const bad = await cwb('mask', file, '--rules', badRules, '--out', out2);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('phone');
    expect(existsSync(out2)).toBe(false);
  });

  it('kanon reports k and the distribution, and attaches the report as evidence', async () => {
    const db = join(tempDir(), 'k.sqlite');
    const id = (JSON.parse((await cwb('--db', db, 'project', 'create', '--name', 'p', '--frameworks', 'hipaa', '--json')).out) as { id: string }).id;
    const r = await cwb('--db', db, 'kanon', dataset(), '--qi', 'zip,age', '--k', '2', '--json', '--project', id, '--attach');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { k: number; classes: number; rowsBelowTarget: number; suggestion: unknown };
    expect(report).toMatchObject({ k: 1, classes: 4, rowsBelowTarget: 4 });
    expect(report.suggestion).not.toBeNull();
    const controls = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', id, '--json')).out) as Array<{ id: string; evidence: number }>;
    expect(controls.find((c) => c.id === 'DS-12')?.evidence).toBe(1);
  });

  it('names the file and the problem for input that is not a dataset', async () => {
    const bin = join(tempDir(), 'blob.csv');
    writeFileSync(bin, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10]));
    const r = await cwb('scan', bin);
    expect(r.code).toBe(1);
    expect(r.err).toContain('blob.csv');
    expect((await cwb('kanon', dataset(), '--qi', 'zip', '--k', 'x')).code).toBe(2);
  });
});
