// The team methods through the contract, as IPC and HTTP call them: schema-parsed, typed envelopes.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch';
import { createHandlers } from '../../../electron/core/handlers';
import type { Workbench } from '../../../electron/core/workbench';
import { testWorkbench } from '../../helpers/workbench';

function api(wb: Workbench) {
  const handlers = createHandlers(wb.ctx, { transport: 'ipc', databasePath: 'test' });
  return async (method: string, args: unknown) => {
    const r = await dispatch(handlers, method, args, () => undefined);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value as any;
  };
}

describe('team methods over the contract', () => {
  it('runs profile, members, a session with minutes, a bundle exchange and the merged history', async () => {
    const a = await testWorkbench({ actor: undefined });
    const callA = api(a);
    expect(await callA('getProfile', {})).toMatchObject({ chosen: false });
    await expect(callA('setProfile', { name: 'Ada', email: 'not an email' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await callA('setProfile', { name: 'Ada', email: 'ada@example.org' })).toEqual({ name: 'Ada', email: 'ada@example.org', chosen: true });
    const p = await callA('createProject', { name: 'Claims model', frameworks: ['pci'] });
    expect(await callA('getMyMembership', { projectId: p.id })).toEqual({ member: expect.objectContaining({ key: 'ada@example.org', role: 'owner' }) });
    await callA('addMember', { projectId: p.id, name: 'Linus', email: 'linus@example.org', role: 'contributor' });
    expect((await callA('setMemberRole', { projectId: p.id, memberKey: 'LINUS@example.org', role: 'assessor' })).role).toBe('assessor');

    const s = await callA('startSession', { projectId: p.id, title: 'Day 1', attendees: [{ name: 'Linus', email: 'linus@example.org' }], scope: { domains: ['data_security'] } });
    expect(await callA('getActiveSession', { projectId: p.id })).toEqual({ session: s });
    await callA('updateControl', { projectId: p.id, controlId: 'DS-01', status: 'compliant' });
    const item = await callA('addActionItem', { projectId: p.id, controlId: 'DS-01', text: 'Rotate the key' });
    expect(item).toMatchObject({ sessionId: s.id, owner: '', dueDate: null, status: 'open' });
    const ended = await callA('endSession', { projectId: p.id });
    expect(ended.minutesMarkdown).toContain('Rotate the key');
    const md = await callA('getSessionMinutes', { projectId: p.id, sessionId: s.id, format: 'markdown' });
    expect(md).toMatchObject({ fileName: 'minutes-day-1.md', mediaType: 'text/markdown' });
    expect(Buffer.from(md.contentBase64, 'base64').toString('utf8')).toBe(ended.minutesMarkdown);
    const pdf = await callA('getSessionMinutes', { projectId: p.id, sessionId: s.id, format: 'pdf' });
    expect(Buffer.from(pdf.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const bundle = await callA('exportBundle', { projectId: p.id, passphrase: 'a good passphrase' });
    expect(bundle).toMatchObject({ encrypted: true, fileName: expect.stringMatching(/\.cwbundle$/) });
    const b = await testWorkbench({ actor: undefined });
    const callB = api(b);
    await callB('setProfile', { name: 'Linus', email: 'linus@example.org' });
    await expect(callB('importBundle', { contentBase64: bundle.contentBase64, passphrase: 'a bad passphrase' })).rejects.toMatchObject({ code: 'BUNDLE_INVALID' });
    expect(await callB('importBundle', { contentBase64: bundle.contentBase64, passphrase: 'a good passphrase' })).toMatchObject({ outcome: 'created', projectId: p.id });
    await callB('reviewControl', { projectId: p.id, controlId: 'DS-01', decision: 'rejected', comment: 'Show the rotation' });
    await callA('importBundle', { contentBase64: (await callB('exportBundle', { projectId: p.id })).contentBase64 });

    const history = await callA('listHistory', { projectId: p.id, controlId: 'DS-01' });
    // Linus's review came in the merge: it shows in the control's history, marked as merged
    expect(history.map((e: { action: string; actor: string; origin: string }) => [e.action, e.actor, e.origin])).toEqual([
      ['review.reject', 'Linus', 'merged'],
      ['control.update', 'Ada', 'local'],
    ]);
    expect((await callA('listReviews', { projectId: p.id }))[0]).toMatchObject({ decision: 'rejected', reviewer: 'Linus', current: true });
    expect(await callA('verifyAuditHistory', { projectId: p.id })).toMatchObject({ ok: true });
    expect(await callA('listConflicts', { projectId: p.id })).toEqual([]);
    expect(await callA('listBaselines', { projectId: p.id })).toEqual([]);
    expect((await callA('getBaselineDiff', { projectId: p.id })).baseline).toBeNull();
  });
});
