// Which cached reads a write makes stale: a read is keyed [method, args]; a write of a project
// touches that project's reads, narrowed where a write is known to touch less. No DOM here.
import type { MethodName } from '../../../shared/api';

/** The methods a screen reads through the cache; everything else is a write or a one-off call. */
export const READ_METHODS = [
  'getAppInfo', 'getCatalogSummary', 'getProfile', 'getProfileKey', 'listBackups',
  'listProjects', 'getOverview', 'getChecklist', 'getControlDetail', 'getCoverage',
  'listAuditEvents', 'listHistory', 'listMembers', 'getMyMembership', 'listSessions', 'getActiveSession',
  'listActionItems', 'listReviews', 'listBaselines', 'getBaselineDiff', 'listConflicts', 'listAnalyses',
  'getSyncStatus',
  'listFrameworks', 'getFrameworkMapping',
  'getReadinessHistory',
] as const satisfies readonly MethodName[];
export type ReadMethod = (typeof READ_METHODS)[number];

/** Reads that hold no project's state: a project write leaves them alone. */
const GLOBAL_READS: readonly ReadMethod[] = ['getAppInfo', 'getCatalogSummary', 'getProfile', 'getProfileKey', 'listBackups'];
const TRAIL: readonly ReadMethod[] = ['listAuditEvents', 'listHistory', 'getControlDetail', 'getBaselineDiff'];

/**
 * What a write touches, where that is narrower than "everything of its project" (the default for a
 * write with a projectId) or "everything" (the default for a write without one, e.g. a restore).
 */
const TOUCHES: Partial<Record<MethodName, readonly ReadMethod[]>> = {
  setWalkthroughPosition: ['getOverview'],
  createProject: ['listProjects'],
  createBackup: ['listBackups'],
  addMember: ['listMembers', 'getMyMembership', ...TRAIL],
  setMemberRole: ['listMembers', 'getMyMembership', ...TRAIL],
  removeMember: ['listMembers', 'getMyMembership', ...TRAIL],
  addActionItem: ['listActionItems', 'getOverview', ...TRAIL],
  updateActionItem: ['listActionItems', 'getOverview', ...TRAIL],
  reviewControl: ['listReviews', 'getChecklist', 'getOverview', ...TRAIL],
  startSession: ['listSessions', 'getActiveSession', ...TRAIL],
  endSession: ['listSessions', 'getActiveSession', 'listActionItems', ...TRAIL],
  signOff: ['listBaselines', 'getOverview', 'listProjects', 'getReadinessHistory', ...TRAIL],
  exportBundle: [],
  uploadDatasetChunk: [],
  startScan: [],
  cancelJob: [],
};

const projectOf = (args: unknown): string | undefined =>
  typeof args === 'object' && args !== null && 'projectId' in args && typeof args.projectId === 'string' ? args.projectId : undefined;

/** Which cached reads a write of `method` with `args` makes stale. */
export function isTouchedBy(method: MethodName, args: unknown, key: readonly unknown[]): boolean {
  const [read, readArgs] = key as [ReadMethod, unknown];
  const projectId = projectOf(args);
  const narrow = TOUCHES[method];
  if (narrow) {
    if (!narrow.includes(read)) return false;
    const readProject = projectOf(readArgs);
    return !projectId || !readProject || readProject === projectId;
  }
  if (!projectId) return true;
  if (GLOBAL_READS.includes(read)) return false;
  const readProject = projectOf(readArgs);
  return readProject === undefined || readProject === projectId;
}
