// The renderer's cache: which cached reads a write makes stale.
import { describe, expect, it } from 'vitest';
import { isTouchedBy } from '../../../renderer/src/data/touches';

const key = (method: string, args: unknown) => [method, args] as const;

describe('isTouchedBy', () => {
  it('an answer makes its own project\'s overview, checklist and detail stale, not another project\'s', () => {
    const write = { projectId: 'p1', controlId: 'DS-1', status: 'compliant' };
    expect(isTouchedBy('updateControl', write, key('getOverview', { projectId: 'p1' }))).toBe(true);
    expect(isTouchedBy('updateControl', write, key('getChecklist', { projectId: 'p1' }))).toBe(true);
    expect(isTouchedBy('updateControl', write, key('getControlDetail', { projectId: 'p1', controlId: 'DS-1' }))).toBe(true);
    expect(isTouchedBy('updateControl', write, key('listProjects', { includeArchived: false }))).toBe(true);
    expect(isTouchedBy('updateControl', write, key('getOverview', { projectId: 'p2' }))).toBe(false);
    expect(isTouchedBy('updateControl', write, key('getAppInfo', {}))).toBe(false);
  });

  it('a narrow write touches only what it names', () => {
    const write = { projectId: 'p1', controlId: 'DS-2' };
    expect(isTouchedBy('setWalkthroughPosition', write, key('getOverview', { projectId: 'p1' }))).toBe(true);
    expect(isTouchedBy('setWalkthroughPosition', write, key('getChecklist', { projectId: 'p1' }))).toBe(false);
    expect(isTouchedBy('createBackup', {}, key('listBackups', {}))).toBe(true);
    expect(isTouchedBy('createBackup', {}, key('getOverview', { projectId: 'p1' }))).toBe(false);
    expect(isTouchedBy('addMember', { projectId: 'p1' }, key('listMembers', { projectId: 'p2' }))).toBe(false);
  });

  it('a write with no project (a restore, a bundle import, a profile switch) touches everything', () => {
    for (const method of ['restoreBackup', 'importBundle', 'setProfile'] as const) {
      expect(isTouchedBy(method, {}, key('getOverview', { projectId: 'p1' }))).toBe(true);
      expect(isTouchedBy(method, {}, key('getAppInfo', {}))).toBe(true);
    }
  });
});
