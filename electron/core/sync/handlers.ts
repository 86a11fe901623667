// The contract's sync methods: sync a project with a team server, and its sync status.
import type { Handlers } from '../../../shared/handlers';
import type { CoreContext } from '../context';
import { getProject } from '../projects/projects';
import { syncProject, syncStatus } from './client';

export function syncHandlers(ctx: CoreContext): Pick<Handlers, 'syncProject' | 'getSyncStatus'> {
  return {
    syncProject: ({ projectId, server }) => syncProject(ctx, projectId, server),
    getSyncStatus: ({ projectId }) => {
      getProject(ctx, projectId);
      return syncStatus(ctx, projectId);
    },
  };
}
