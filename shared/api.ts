// The one API contract. Every method names the zod schema of its arguments and of its result;
// IPC (Electron), HTTP (browser mode) and the tests all derive from this map, so a method exists
// once and cannot drift between transports. The methods are declared in groups (contract-*.ts),
// each loadable alone (contract-load.ts); shared/methods.ts names every method and its group, and
// the check below holds the two to each other.
import type { z } from 'zod';
import type { Envelope } from './result';
import type { MethodGroup, MethodName, MethodsOf } from './methods';
import { projectsContract } from './contract-projects';
import { teamContract } from './contract-team';
import { filesContract } from './contract-files';
import { reportsContract } from './contract-reports';
import { backupsContract } from './contract-backups';
import { frameworksContract } from './contract-frameworks';

export { EXPORT_FORMATS, ExportedFile, Job, type ExportFormat } from './contract-common';
export { AppInfo, CatalogSummary, ChainVerification, ControlDetail, CoverageRow, EvidenceUpload, ProjectSummary } from './contract-projects';
export { PackageVerification, StoredAnalysis } from './contract-files';
export { ExportedReport, ReportRequest } from './contract-reports';
export { BackupEntry } from './contract-backups';
export { IPC_PREFIX, METHOD_NAMES, type MethodGroup, type MethodName } from './methods';

/** Each group's methods, as contract-load.ts loads them. */
export type GroupContracts = {
  projects: typeof projectsContract;
  team: typeof teamContract;
  files: typeof filesContract;
  reports: typeof reportsContract;
  backups: typeof backupsContract;
  frameworks: typeof frameworksContract;
};

// every group declares exactly the methods that shared/methods.ts gives it: no method missing, none extra
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const groupsAgree: { [G in MethodGroup]: Same<keyof GroupContracts[G], MethodsOf<G>> } = {
  projects: true, team: true, files: true, reports: true, backups: true, frameworks: true,
};
void groupsAgree;

export const contract = {
  ...projectsContract,
  ...teamContract,
  ...filesContract,
  ...reportsContract,
  ...backupsContract,
  ...frameworksContract,
} as const;

export type Contract = typeof contract;

export type MethodArgs<M extends MethodName> = z.input<Contract[M]['args']>;
export type MethodResult<M extends MethodName> = z.output<Contract[M]['result']>;

/** What `window.workbench` is, in Electron (preload) and in browser mode (HTTP client) alike. */
export type WorkbenchApi = {
  [M in MethodName]: (args: MethodArgs<M>) => Promise<Envelope<MethodResult<M>>>;
};
