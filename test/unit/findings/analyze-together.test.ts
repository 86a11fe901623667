// Core entry points for the transports: several documents as one account (describe-vpcs with
// describe-flow-logs), and one large document read as a stream; refusals become DOCUMENT_INVALID.
import { describe, expect, it } from 'vitest';
import { analyzeStream, analyzeTogether } from '../../../electron/core/findings/findings';
import { fixtureBytes } from '../analyzers/helpers';
import { testWorkbench } from '../../helpers/workbench';

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('analyzeTogether and analyzeStream', () => {
  it('takes the VPCs to cover from describe-vpcs, and reports an unreadable document in its place', async () => {
    const { ctx } = await testWorkbench();
    const outcomes = analyzeTogether(ctx, [
      { file: 'flow-logs.json', content: fixtureBytes('ec2-flow-logs', 'clean.json') },
      { file: 'vpcs.json', content: fixtureBytes('ec2-vpcs', 'clean-cli-doc-example.json') },
      { file: 'notes.json', content: Buffer.from('{"hello": "world"}') },
    ]);
    const flow = outcomes[0]?.result;
    expect(flow?.type === 'document' && flow.findings.map((f) => f.code)).toEqual(['FLOWLOGS_MISSING', 'FLOWLOGS_MISSING', 'FLOWLOGS_MISSING']);
    expect(outcomes[1]?.result?.kind).toBe('ec2-vpcs');
    expect(outcomes[2]?.error?.code).toBe('DOCUMENT_INVALID');
    expect(outcomes[2]?.error?.message).toMatch(/^notes\.json: its JSON does not have the shape/);
  });

  it('streams a document with the catalog mapping, and refuses a bad one as DOCUMENT_INVALID', async () => {
    const { ctx } = await testWorkbench();
    const bytes = fixtureBytes('prowler-ocsf', 'findings.ocsf.json');
    const result = await analyzeStream(ctx, 'prowler.json', chunks(bytes, 100));
    expect(result.type).toBe('scanner');
    expect(result.findings.length).toBeGreaterThan(0);
    await expect(analyzeStream(ctx, 'cut.json', chunks(bytes.subarray(0, 200), 50))).rejects.toMatchObject({ code: 'DOCUMENT_INVALID' });
  });
});
