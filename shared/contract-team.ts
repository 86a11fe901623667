// The contract's team methods: profile and signing key, members and roles, audit sessions and
// their action items, review and sign-off, conflicts, bundles, the verified history, and the team
// sync server (shared/team.ts, shared/sync.ts).
import { z } from 'zod';
import { ActionItemPatch } from './records';
import { SyncResult, SyncStatus } from './sync';
import {
  ActionItem,
  ActionItemInput,
  ActionItemStatus,
  Attendee,
  AuditSession,
  Baseline,
  BaselineDiff,
  BundleExport,
  BundleImportResult,
  Conflict,
  HistoryEntry,
  ProjectVerification,
  ExpectedHead,
  Member,
  ProfileKey,
  MINUTES_FORMATS,
  Profile,
  ProfileInput,
  Review,
  ReviewDecision,
  Role,
  SessionScope,
} from './team';
import { ControlRef, method, ProjectRef } from './contract-common';

export const teamContract = {
  getProfile: method(() => z.object({}), () => Profile),
  setProfile: method(() => ProfileInput, () => Profile),
  listMembers: method(() => ProjectRef, () => z.array(Member)),
  getMyMembership: method(() => ProjectRef, () => z.object({ member: Member.nullable() })),
  addMember: method(() => ProjectRef.extend({ name: z.string(), email: z.string().optional(), role: Role, publicKey: z.string().max(2000).optional() }), () => Member),
  setMemberRole: method(() => ProjectRef.extend({ memberKey: z.string().min(1), role: Role }), () => Member),
  removeMember: method(() => ProjectRef.extend({ memberKey: z.string().min(1) }), () => z.object({ removed: z.literal(true) })),
  startSession: method(
    () => ProjectRef.extend({ title: z.string(), attendees: z.array(Attendee).optional(), scope: SessionScope.optional() }),
    () => AuditSession,
  ),
  endSession: method(() => ProjectRef.extend({ sessionId: z.string().optional() }), () => z.object({ session: AuditSession, minutesMarkdown: z.string() })),
  listSessions: method(() => ProjectRef, () => z.array(AuditSession)),
  getActiveSession: method(() => ProjectRef, () => z.object({ session: AuditSession.nullable() })),
  getSessionMinutes: method(
    () => ProjectRef.extend({ sessionId: z.string().min(1), format: z.enum(MINUTES_FORMATS) }),
    () => z.object({ fileName: z.string(), mediaType: z.string(), contentBase64: z.string() }),
  ),
  addActionItem: method(() => ProjectRef.extend(ActionItemInput.shape), () => ActionItem),
  listActionItems: method(
    () => ProjectRef.extend({ controlId: z.string().optional(), sessionId: z.string().optional(), status: ActionItemStatus.optional() }),
    () => z.array(ActionItem),
  ),
  updateActionItem: method(() => ProjectRef.extend({ itemId: z.string().min(1) }).extend(ActionItemPatch.shape), () => ActionItem),
  reviewControl: method(() => ControlRef.extend({ decision: ReviewDecision, comment: z.string().optional() }), () => Review),
  listReviews: method(() => ProjectRef.extend({ controlId: z.string().optional() }), () => z.array(Review)),
  signOff: method(() => ProjectRef.extend({ note: z.string().max(5000).optional() }), () => Baseline),
  listBaselines: method(() => ProjectRef, () => z.array(Baseline)),
  getBaselineDiff: method(() => ProjectRef.extend({ baselineId: z.string().optional() }), () => BaselineDiff),
  listConflicts: method(() => ProjectRef.extend({ includeResolved: z.boolean().optional() }), () => z.array(Conflict)),
  resolveConflict: method(() => ProjectRef.extend({ conflictId: z.string().min(1), value: z.unknown() }), () => Conflict),
  exportBundle: method(() => ProjectRef.extend({ passphrase: z.string().optional() }), () => BundleExport),
  importBundle: method(() => z.object({ contentBase64: z.string().min(1, 'the bundle is empty'), passphrase: z.string().optional() }), () => BundleImportResult),
  verifyAuditHistory: method(() => ProjectRef.extend({ expectHead: ExpectedHead.optional() }), () => ProjectVerification),
  listHistory: method(
    () => ProjectRef.extend({ controlId: z.string().optional(), limit: z.number().int().min(1).max(10_000).optional() }),
    () => z.array(HistoryEntry),
  ),

  // signed identities: this profile's public key and fingerprint (electron/core/identity)
  getProfileKey: method(() => z.object({}), () => ProfileKey),

  // the team sync server (shared/sync.ts): sync a project with it, and what the Sync control shows
  syncProject: method(() => ProjectRef.extend({ server: z.string().min(1, 'name the sync server (https://…)').max(2000) }), () => SyncResult),
  getSyncStatus: method(() => ProjectRef, () => SyncStatus),
} as const;
