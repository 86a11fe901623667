// The contract's method names, each with the group that holds its schemas and its handlers; no
// schema is built here. What needs only the names (the preload's channels, the HTTP client, IPC
// registration) imports this; a call loads the schemas of its method's group alone
// (shared/contract-load.ts), so `cwb control list` never builds the team, analysis or report schemas.
export const METHOD_GROUPS = {
  getAppInfo: 'projects',
  getCatalogSummary: 'projects',
  listProjects: 'projects',
  createProject: 'projects',
  updateProject: 'projects',
  getOverview: 'projects',
  setWalkthroughPosition: 'projects',
  getChecklist: 'projects',
  updateControl: 'projects',
  bulkUpdateControls: 'projects',
  getControlDetail: 'projects',
  getCoverage: 'projects',
  addEvidence: 'projects',
  setEvidenceExpiry: 'projects',
  removeEvidence: 'projects',
  getEvidenceContent: 'projects',
  listAuditEvents: 'projects',
  verifyAuditChain: 'projects',
  getProfile: 'team',
  setProfile: 'team',
  listMembers: 'team',
  getMyMembership: 'team',
  addMember: 'team',
  setMemberRole: 'team',
  removeMember: 'team',
  startSession: 'team',
  endSession: 'team',
  listSessions: 'team',
  getActiveSession: 'team',
  getSessionMinutes: 'team',
  addActionItem: 'team',
  listActionItems: 'team',
  updateActionItem: 'team',
  reviewControl: 'team',
  listReviews: 'team',
  signOff: 'team',
  listBaselines: 'team',
  getBaselineDiff: 'team',
  listConflicts: 'team',
  resolveConflict: 'team',
  exportBundle: 'team',
  importBundle: 'team',
  verifyAuditHistory: 'team',
  listHistory: 'team',
  exportReport: 'reports',
  verifyPackage: 'files',
  analyzeDocument: 'files',
  analyzeDocuments: 'files',
  listAnalyses: 'files',
  getAnalysisDocument: 'files',
  uploadDatasetChunk: 'files',
  startScan: 'files',
  getJob: 'files',
  cancelJob: 'files',
  attachScanResult: 'files',
  checkKAnonymity: 'files',
  maskDataset: 'files',
  readDatasetPart: 'files',
  listBackups: 'backups',
  createBackup: 'backups',
  restoreBackup: 'backups',
  getReadinessHistory: 'reports',
  startReportExport: 'reports',
  getProfileKey: 'team',
  syncProject: 'team',
  getSyncStatus: 'team',
  listFrameworks: 'frameworks',
  importFramework: 'frameworks',
  getFrameworkMapping: 'frameworks',
  setFrameworkMapping: 'frameworks',
  mapFrameworkFile: 'frameworks',} as const;

export type MethodName = keyof typeof METHOD_GROUPS;
export type MethodGroup = (typeof METHOD_GROUPS)[MethodName];
/** The methods of one group. */
export type MethodsOf<G extends MethodGroup> = { [M in MethodName]: (typeof METHOD_GROUPS)[M] extends G ? M : never }[MethodName];

export const METHOD_NAMES = Object.keys(METHOD_GROUPS) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(METHOD_GROUPS, name);
}

/** IPC channels are the method names under this prefix; main refuses any other channel. */
export const IPC_PREFIX = 'workbench:';
