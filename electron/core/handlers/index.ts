// The contract's methods, each a thin call into the one core implementation of the operation.
// Handlers come in the groups of shared/methods.ts, and a group's module is loaded on its first
// call: `cwb control list` loads the project handlers alone, not the analyzers, reports or team.
import type { Handlers } from '../../../shared/handlers';
import { METHOD_GROUPS, METHOD_NAMES, type MethodGroup, type MethodsOf } from '../../../shared/methods';
import type { CoreContext } from '../context';
import type { HandlerEnv } from './env';

export type { Handlers } from '../../../shared/handlers';
export type { HandlerEnv } from './env';

type GroupHandlers = { [G in MethodGroup]: Pick<Handlers, MethodsOf<G>> };

const LOADERS: { [G in MethodGroup]: (ctx: CoreContext, env: HandlerEnv) => Promise<GroupHandlers[G]> } = {
  projects: async (ctx, env) => (await import('./projects')).projectHandlers(ctx, env),
  team: async (ctx) => {
    const [{ teamHandlers }, { identityHandlers }, { syncHandlers }] = await Promise.all([import('./team'), import('../identity/handlers'), import('../sync/handlers')]);
    return { ...teamHandlers(ctx), ...identityHandlers(ctx), ...syncHandlers(ctx) };
  },
  files: async (ctx) => {
    const { fileHandlers, analysisHandlers } = await import('./files');
    return { ...fileHandlers(ctx, ctx), ...analysisHandlers(ctx) };
  },
  reports: async (ctx) => (await import('./reports')).reportHandlers(ctx),
  backups: async (ctx, env) => (await import('./backup')).backupHandlers(ctx, env),
  frameworks: async (ctx) => (await import('./frameworks')).frameworkHandlers(ctx),
};

export function createHandlers(ctx: CoreContext, env: HandlerEnv): Handlers {
  const loaded = new Map<MethodGroup, Promise<Record<string, (args: unknown) => unknown>>>();
  const groupOf = (group: MethodGroup) => {
    let handlers = loaded.get(group);
    if (!handlers) {
      handlers = LOADERS[group](ctx, env) as Promise<never>;
      loaded.set(group, handlers);
    }
    return handlers;
  };
  const handlers: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const method of METHOD_NAMES) {
    handlers[method] = async (args) => (await groupOf(METHOD_GROUPS[method]))[method]!(args);
  }
  return handlers as Handlers;
}
