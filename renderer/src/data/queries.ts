// The renderer's data layer: every read of the workbench is cached by method and arguments, and
// every write invalidates the reads it touches. Screens no longer pass "something changed" around.
import { QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { MethodArgs, MethodName, MethodResult } from '../../../shared/api';
import { isTouchedBy, type ReadMethod } from './touches';
import type { Loaded } from '../hooks';

export const queryClient = new QueryClient({
  defaultOptions: {
    // nothing goes stale by time: writes invalidate what they touch; coming back to the window
    // refetches what is shown, since the CLI or a bundle import may have changed the database
    queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: 'always' },
  },
});

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
