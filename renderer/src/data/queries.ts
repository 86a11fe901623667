// The renderer's data layer: every read of the workbench is cached by method and arguments, and
// every write invalidates the reads it touches. Screens no longer pass "something changed" around.
import { QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { MethodArgs, MethodName, MethodResult } from '../../../shared/api';
import type { Loaded } from '../hooks';

/** The methods a screen reads through the cache; everything else is a write or a one-off call. */
export const READ_METHODS = [
  'getAppInfo', 'getCatalogSummary', 'getProfile', 'listBackups',
  'listProjects', 'getOverview', 'getChecklist', 'getControlDetail', 'getCoverage',
  'listAuditEvents', 'listHistory', 'listMembers', 'getMyMembership', 'listSessions', 'getActiveSession',
  'listActionItems', 'listReviews', 'listBaselines', 'getBaselineDiff', 'listConflicts', 'listAnalyses',
] as const satisfies readonly MethodName[];
export type ReadMethod = (typeof READ_METHODS)[number];

/** Reads that hold no project's state: a project write leaves them alone. */
const GLOBAL_READS: readonly ReadMethod[] = ['getAppInfo', 'getCatalogSummary', 'getProfile', 'listBackups'];
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
  signOff: ['listBaselines', 'getOverview', 'listProjects', ...TRAIL],
  exportBundle: [],
  uploadDatasetChunk: [],
  startScan: [],
  cancelJob: [],
};

export const queryClient = new QueryClient({
  defaultOptions: {
    // nothing goes stale by time: writes invalidate what they touch; coming back to the window
    // refetches what is shown, since the CLI or a bundle import may have changed the database
    queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: 'always' },
  },
});

export const queryKey = <M extends ReadMethod>(method: M, args: MethodArgs<M>) => [method, args] as const;

const projectOf = (args: unknown): string | undefined =>
  typeof args === 'object' && args !== null && 'projectId' in args && typeof args.projectId === 'string' ? args.projectId : undefined;

/** Which cached reads a write of `method` with `args` makes stale. Exported for the unit test. */
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

/**
 * Calls a write and marks stale every cached read it touches. Resolves once the reads on screen
 * have been fetched again, so what follows (a toast, a focus move) sees the new state.
 */
export async function write<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const call = api[method] as (a: MethodArgs<M>) => Promise<MethodResult<M>>;
  const touched = { predicate: (q: { queryKey: readonly unknown[] }) => isTouchedBy(method, args, q.queryKey) };
  let result: MethodResult<M>;
  try {
    result = await call(args);
  } catch (err) {
    // a refusal changes nothing, but a failed import or restore may have got part way: look again
    void queryClient.invalidateQueries(touched);
    throw err;
  }
  await queryClient.invalidateQueries(touched);
  return result;
}

/** A cached read of the workbench; `args` undefined means "not yet" (the query waits). */
export function useWorkbench<M extends ReadMethod>(method: M, args: MethodArgs<M> | undefined): Loaded<MethodResult<M>> {
  const query = useQuery({
    queryKey: [method, args ?? null],
    queryFn: () => (api[method] as (a: MethodArgs<M>) => Promise<MethodResult<M>>)(args as MethodArgs<M>),
    enabled: args !== undefined,
  });
  return {
    data: query.data as MethodResult<M> | undefined,
    error: query.error ?? undefined,
    loading: query.isPending && args !== undefined,
    reload: async () => { await query.refetch(); },
  };
}
