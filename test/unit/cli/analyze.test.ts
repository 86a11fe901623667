import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cwb } from '../../helpers/cli';
import { tempDir } from '../../helpers/workbench';

const fx = (kind: string, file: string) => join('test/fixtures/aws', kind, file);

describe('cwb analyze', () => {
  it('prints the documented JSON for several files, exit 0 with findings', async () => {
    const r = await cwb('analyze', fx('iam-policy', 'action-wildcard.json'), fx('kms-key-rotation-status', 'clean.json'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { documents: Array<{ file: string; kind: string; findings: Array<Record<string, unknown>> }> };
    expect(out.documents.map((d) => d.kind)).toEqual(['iam-policy', 'kms-key-rotation-status']);
    expect(out.documents[0]!.findings.map((f) => f.code)).toContain('IAM_ACTION_WILDCARD');
    expect(Object.keys(out.documents[0]!.findings[0]!)).toEqual(['code', 'severity', 'status', 'message', 'path', 'controls']);
    expect(out.documents[1]!.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('says when a Security Hub export is one page of several, in the table (on stderr) and in --json', async () => {
    const file = 'test/fixtures/aws-cli-docs/securityhub-get-findings-pci.json';
    const table = await cwb('analyze', file);
    expect(table.code).toBe(0);
    expect(table.err).toContain(`cwb: ${file}: it is one page of several (its NextToken is set`);
    const json = JSON.parse((await cwb('analyze', file, '--json')).out) as { documents: Array<{ partial?: string }> };
    expect(json.documents[0]!.partial).toMatch(/^it is one page of several/);
  });

  it('--vpc makes flow-log coverage a per-VPC question', async () => {
    const r = JSON.parse((await cwb('analyze', fx('ec2-flow-logs', 'clean.json'), '--vpc', 'vpc-0abc1234def567890', 'vpc-0fff0000aaaa11112', '--json')).out) as { documents: Array<{ findings: Array<{ code: string; message: string }> }> };
    expect(r.documents[0]!.findings.map((f) => f.code)).toEqual(['FLOWLOGS_MISSING']);
    expect(r.documents[0]!.findings[0]!.message).toContain('vpc-0fff0000aaaa11112');
  });

  it('names what else to export when the documents do not answer a control whole (LM-01)', async () => {
    const alone = JSON.parse((await cwb('analyze', fx('cloudtrail-trails', 'clean.json'), '--json')).out) as { coverage: Array<{ controlId: string; missing: string[] }> };
    expect(alone.coverage.map((g) => [g.controlId, g.missing])).toEqual([['LM-01', ['cloudtrail-trail-status']]]);
    const both = JSON.parse((await cwb('analyze', fx('cloudtrail-trails', 'clean.json'), fx('cloudtrail-trail-status', 'clean.json'), '--json')).out) as { coverage: unknown[] };
    expect(both.coverage).toEqual([]);
  });

  it('analyses several files as one account: describe-vpcs names the VPCs the flow logs must cover', async () => {
    type Out = { documents: Array<{ kind: string; findings: Array<{ code: string; message: string }> }>; suggestions: Array<{ controlId: string; status: string; note: string }> };
    const alone = JSON.parse((await cwb('analyze', fx('ec2-flow-logs', 'clean.json'), '--json')).out) as Out;
    expect(alone.documents[0]!.findings.filter((f) => f.code === 'FLOWLOGS_MISSING')).toEqual([]);
    const r = await cwb('analyze', fx('ec2-vpcs', 'clean-cli-doc-example.json'), fx('ec2-flow-logs', 'clean.json'), '--json');
    expect(r.code).toBe(0);
    const both = JSON.parse(r.out) as Out;
    expect(both.documents.map((d) => d.kind)).toEqual(['ec2-vpcs', 'ec2-flow-logs']);
    // the three VPCs of the AWS CLI's describe-vpcs example have no flow log in the flow-log file
    const missing = both.documents[1]!.findings.filter((f) => f.code === 'FLOWLOGS_MISSING').map((f) => /vpc-[0-9a-f]+/.exec(f.message)?.[0]);
    expect(missing.sort()).toEqual(['vpc-a01106c2', 'vpc-a45db1c0', 'vpc-b61106d4']);
    expect(both.suggestions.find((s) => s.controlId === 'LM-05')?.status).toBe('non_compliant');
    expect(both.suggestions.some((s) => s.status === 'compliant' && s.controlId === 'LM-05')).toBe(false);
  });

  it('suggests LM-01 compliant only from describe-trails and get-trail-status together, naming what was checked', async () => {
    type Out = { suggestions: Array<{ controlId: string; status: string; note: string }>; coverage: Array<{ controlId: string; note: string }> };
    const alone = JSON.parse((await cwb('analyze', fx('cloudtrail-trails', 'clean.json'), '--json')).out) as Out;
    expect(alone.suggestions.find((s) => s.controlId === 'LM-01')).toBeUndefined();
    expect(alone.coverage.find((g) => g.controlId === 'LM-01')?.note).toContain('aws cloudtrail get-trail-status');
    const both = JSON.parse((await cwb('analyze', fx('cloudtrail-trails', 'clean.json'), fx('cloudtrail-trail-status', 'clean.json'), '--json')).out) as Out;
    const lm01 = both.suggestions.find((s) => s.controlId === 'LM-01');
    expect(lm01?.status).toBe('compliant');
    expect(lm01?.note).toMatch(/cloudtrail-trails .*cloudtrail-trail-status/);
    expect(lm01?.note).toContain('confirm nothing else in scope is left out');
    // a trail that is not logging is never suggested compliant, even with both documents
    const stopped = await cwb('analyze', fx('cloudtrail-trails', 'clean.json'), fx('cloudtrail-trail-status', 'not-logging.json'));
    expect(stopped.out).toMatch(/LM-01: suggested (non-compliant|partial)/);
    expect(stopped.out).not.toContain('LM-01: suggested compliant');
  });

  it('reports an unreadable file among several in its place and still analyses the others, exit 1', async () => {
    const bad = join(tempDir(), 'notes.json');
    writeFileSync(bad, '{"hello": "world"}');
    const r = await cwb('analyze', fx('kms-key-rotation-status', 'clean.json'), bad, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { documents: Array<{ file: string; kind?: string; error?: string }> };
    expect(out.documents[0]!.kind).toBe('kms-key-rotation-status');
    expect(out.documents[1]!.error).toContain('notes.json');
    expect(r.err).toContain('notes.json');
  });

  it('fails CI with exit 3 on a finding at or above --fail-on, and passes a clean document', async () => {
    expect((await cwb('analyze', fx('iam-policy', 'action-wildcard.json'), '--fail-on', 'high')).code).toBe(3);
    expect((await cwb('analyze', fx('iam-policy', 'clean.json'), '--fail-on', 'low')).code).toBe(0);
  });

  it('refuses an unreadable document with a message naming the file, exit 1', async () => {
    const bad = join(tempDir(), 'notes.json');
    writeFileSync(bad, '{"hello": "world"}');
    const r = await cwb('analyze', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('notes.json');
    expect(r.err).toContain('Expected');
    expect((await cwb('analyze', join(tempDir(), 'missing.json'))).err).toContain('cannot be read (ENOENT)');
  });

  it('attaches the document as evidence to the project controls it bears on', async () => {
    const db = join(tempDir(), 'a.sqlite');
    const id = (JSON.parse((await cwb('--db', db, 'project', 'create', '--name', 'p', '--frameworks', 'hipaa,pci', '--json')).out) as { id: string }).id;
    const r = await cwb('--db', db, 'analyze', fx('kms-key-rotation-status', 'disabled.json'), '--project', id, '--attach', '--json');
    expect(r.code).toBe(0);
    const doc = (JSON.parse(r.out) as { documents: Array<{ attachedTo: string[]; findings: Array<{ code: string }> }> }).documents[0]!;
    expect(doc.findings.map((f) => f.code)).toEqual(['KMS_ROTATION_DISABLED']);
    expect(doc.attachedTo).toContain('DS-03');
    const controls = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', id, '--json')).out) as Array<{ id: string; evidence: number }>;
    expect(controls.find((c) => c.id === 'DS-03')?.evidence).toBe(1);
  });

  it('--attach with several files analyses them as one account and keeps each as evidence', async () => {
    const db = join(tempDir(), 'a.sqlite');
    const id = (JSON.parse((await cwb('--db', db, 'project', 'create', '--name', 'p', '--frameworks', 'hipaa,pci', '--json')).out) as { id: string }).id;
    const r = await cwb('--db', db, 'analyze', fx('cloudtrail-trails', 'clean.json'), fx('cloudtrail-trail-status', 'clean.json'), '--project', id, '--attach', '--json');
    expect(r.code).toBe(0);
    type Out = { documents: Array<{ kind: string; attachedTo: string[] }>; suggestions: Array<{ controlId: string; status: string }>; coverage: unknown[] };
    const out = JSON.parse(r.out) as Out;
    expect(out.documents.map((d) => d.kind)).toEqual(['cloudtrail-trails', 'cloudtrail-trail-status']);
    // together they answer LM-01, as without --attach; one by one neither would
    expect(out.suggestions.find((s) => s.controlId === 'LM-01')?.status).toBe('compliant');
    expect(out.coverage).toEqual([]);
    for (const d of out.documents) expect(d.attachedTo).toContain('LM-01');
    const controls = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', id, '--json')).out) as Array<{ id: string; evidence: number }>;
    expect(controls.find((c) => c.id === 'LM-01')?.evidence).toBe(2);
  });

  it('--attach with an unreadable file among several keeps nothing and says so, exit 1', async () => {
    const db = join(tempDir(), 'a.sqlite');
    const id = (JSON.parse((await cwb('--db', db, 'project', 'create', '--name', 'p', '--frameworks', 'hipaa,pci', '--json')).out) as { id: string }).id;
    const bad = join(tempDir(), 'notes.json');
    writeFileSync(bad, '{"hello": "world"}');
    const r = await cwb('--db', db, 'analyze', fx('kms-key-rotation-status', 'disabled.json'), bad, '--project', id, '--attach');
    expect(r.code).toBe(1);
    expect(r.err).toContain('notes.json');
    expect(r.err).toContain('Nothing was attached');
    const controls = JSON.parse((await cwb('--db', db, 'control', 'list', '--project', id, '--json')).out) as Array<{ id: string; evidence: number }>;
    expect(controls.every((c) => c.evidence === 0)).toBe(true);
  });

  it('rejects an unknown kind or severity as a usage error', async () => {
    expect((await cwb('analyze', 'x.json', '--kind', 'rds-instance')).code).toBe(2);
    expect((await cwb('analyze', 'x.json', '--fail-on', 'severe')).code).toBe(2);
    expect((await cwb('analyze', 'x.json', '--attach')).err).toContain('--attach needs --project');
  });
});
