// A method's schemas, loading its group's module on first use: dispatch parses a call's arguments
// without building the schemas of the other 60-odd methods (a `cwb` command starts in a fraction
// of the time). What needs the whole contract at once imports shared/api.ts.
import type { Contract, GroupContracts } from './api';
import { METHOD_GROUPS, type MethodGroup, type MethodName } from './methods';

const LOADERS: { [G in MethodGroup]: () => Promise<GroupContracts[G]> } = {
  projects: async () => (await import('./contract-projects')).projectsContract,
  team: async () => (await import('./contract-team')).teamContract,
  files: async () => (await import('./contract-files')).filesContract,
  reports: async () => (await import('./contract-reports')).reportsContract,
  backups: async () => (await import('./contract-backups')).backupsContract,
  frameworks: async () => (await import('./contract-frameworks')).frameworksContract,
};

export async function methodContract<M extends MethodName>(method: M): Promise<Contract[M]> {
  const group: Record<string, unknown> = await LOADERS[METHOD_GROUPS[method]]();
  return group[method] as Contract[M];
}
