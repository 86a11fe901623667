// Team work contracts: the local profile, project members and roles, audit sessions and their
// action items, reviews and signed baselines, merge conflicts and air-gapped bundles.
import { z } from 'zod';
import { ActionItemStatus, AuditEvent, ControlStatus, DomainId, FrameworkRef, IsoDate, OptionalEmail, PersonName, Role } from './domain';

// declared with the domain words: the record registry, the store and the profile use them without
// building the team schemas
export { ACTION_ITEM_STATUSES, ActionItemStatus, Email, OptionalEmail, PersonName, ProfileInput, ROLES, Role } from './domain';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  assessor: 'Assessor',
  contributor: 'Contributor',
  viewer: 'Viewer',
};

export const Profile = z.object({
  name: z.string(),
  email: z.string(),
  /** False until someone chose a profile on this machine (the name is then the OS user). */
  chosen: z.boolean(),
});
export type Profile = z.infer<typeof Profile>;

/** This profile's signing key: what a teammate adds you with (`cwb member add --key`). */
export const ProfileKey = z.object({ keyId: z.string(), fingerprint: z.string(), publicKeyPem: z.string() });
export type ProfileKey = z.infer<typeof ProfileKey>;

export const Member = z.object({
  /** The email lower-cased when there is one, else the name: how the member is referred to. */
  key: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  addedAt: z.string(),
  addedBy: z.string(),
  /** The short fingerprint of the member's signing key, to compare out of band; null when added by name only. */
  fingerprint: z.string().nullable(),
});
export type Member = z.infer<typeof Member>;

export const Attendee = z.object({
  name: PersonName,
  email: OptionalEmail.optional(),
  role: z.string().trim().max(100).optional(),
  /** Not a project member: an external auditor, a guest from another team. */
  guest: z.boolean().default(false),
});
export type Attendee = z.infer<typeof Attendee>;

export const SessionScope = z.object({
  domains: z.array(DomainId).default([]),
  frameworks: z.array(FrameworkRef).default([]),
});
export type SessionScope = z.infer<typeof SessionScope>;

export const AuditSession = z.object({
  id: z.string(),
  projectId: z.string(),
  title: z.string(),
  facilitator: z.string(),
  attendees: z.array(Attendee),
  scope: SessionScope,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
});
export type AuditSession = z.infer<typeof AuditSession>;

export const SessionStartInput = z.object({
  title: z.string().trim().min(1, 'a session needs a title').max(200, 'a session title has at most 200 characters'),
  attendees: z.array(Attendee).max(100).default([]),
  scope: SessionScope.default({ domains: [], frameworks: [] }),
});

export const MINUTES_FORMATS = ['markdown', 'pdf'] as const;


export const ActionItem = z.object({
  id: z.string(),
  projectId: z.string(),
  controlId: z.string(),
  sessionId: z.string().nullable(),
  text: z.string(),
  owner: z.string(),
  dueDate: z.string().nullable(),
  status: ActionItemStatus,
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const ActionItemInput = z.object({
  controlId: z.string().min(1, 'an action item belongs to a control'),
  text: z.string().trim().min(1, 'an action item needs a text').max(2000, 'an action item has at most 2,000 characters'),
  owner: z.string().trim().max(200).default(''),
  dueDate: IsoDate.nullable().default(null),
});

// ActionItemPatch is derived from the registry of audited records (shared/records.ts).

export const REVIEW_DECISIONS = ['approved', 'rejected'] as const;
export const ReviewDecision = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const Answer = z.object({ status: ControlStatus, owner: z.string(), note: z.string(), dueDate: z.string().nullable() });
export type Answer = z.infer<typeof Answer>;

export const Review = z.object({
  id: z.string(),
  controlId: z.string(),
  decision: ReviewDecision,
  comment: z.string(),
  reviewer: z.string(),
  at: z.string(),
  sessionId: z.string().nullable(),
  /** The answer as it was judged. */
  answer: Answer,
  /** False once the answer changed after the review: it needs a new one. */
  current: z.boolean(),
});
export type Review = z.infer<typeof Review>;

export const ReviewInput = z
  .object({
    decision: ReviewDecision,
    comment: z.string().trim().max(5000, 'a review comment has at most 5,000 characters').default(''),
  })
  .refine((r) => r.decision === 'approved' || r.comment.length > 0, {
    message: 'a rejected answer goes back with a comment that says what to change',
    path: ['comment'],
  });

export const BaselineControl = Answer.extend({ controlId: z.string(), evidenceIds: z.array(z.string()) });
export type BaselineControl = z.infer<typeof BaselineControl>;

export const Baseline = z.object({
  id: z.string(),
  projectId: z.string(),
  signedBy: z.string(),
  signedRole: Role,
  signedAt: z.string(),
  note: z.string(),
  snapshotSha256: z.string(),
  auditSeq: z.number().int(),
  auditHash: z.string(),
  controls: z.number().int(),
});
export type Baseline = z.infer<typeof Baseline>;

export const BaselineDiff = z.object({
  baseline: Baseline.nullable(),
  /** True when nothing changed since the baseline was signed. */
  unchanged: z.boolean(),
  changes: z.array(z.object({ controlId: z.string(), field: z.enum(['status', 'owner', 'note', 'dueDate']), baseline: z.unknown(), current: z.unknown() })),
  evidenceAdded: z.array(z.object({ controlId: z.string(), evidenceId: z.string() })),
  evidenceRemoved: z.array(z.object({ controlId: z.string(), evidenceId: z.string() })),
  controlsAdded: z.array(z.string()),
  controlsRemoved: z.array(z.string()),
});
export type BaselineDiff = z.infer<typeof BaselineDiff>;

export const CONFLICT_ENTITIES = ['control', 'project', 'member', 'action_item', 'evidence'] as const;

export const ConflictCandidate = z.object({ value: z.unknown(), actor: z.string(), at: z.string(), hash: z.string() });

export const Conflict = z.object({
  id: z.string(),
  entity: z.enum(CONFLICT_ENTITIES),
  entityId: z.string(),
  field: z.string(),
  /** What this copy shows until someone decides. */
  currentValue: z.unknown(),
  /** The competing changes, one per copy that changed the field. */
  candidates: z.array(ConflictCandidate),
  detectedAt: z.string(),
  detectedBy: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.unknown(),
});
export type Conflict = z.infer<typeof Conflict>;

export const BundleExport = z.object({
  fileName: z.string(),
  contentBase64: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  encrypted: z.boolean(),
});

export const BundleImportResult = z.object({
  projectId: z.string(),
  projectName: z.string(),
  /** created: the project was new here; merged: changes combined; up_to_date: nothing new. */
  outcome: z.enum(['created', 'merged', 'up_to_date']),
  eventsReceived: z.number().int(),
  fieldsChanged: z.number().int(),
  rowsAdded: z.number().int(),
  conflicts: z.array(z.string()),
  exportedBy: z.string(),
  exportedAt: z.string(),
  /** Whose key signed the bundle; firstUse: a member without a key here was bound to it (compare the fingerprint). */
  signedBy: z.object({ fingerprint: z.string(), memberKey: z.string(), firstUse: z.boolean() }),
});
export type BundleImportResult = z.infer<typeof BundleImportResult>;

/** An audit event of this copy (local) or of another copy merged in (merged). */
export const HistoryEntry = AuditEvent.omit({ id: true, projectId: true }).extend({ origin: z.enum(['local', 'merged']) });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const BranchVerification = z.object({
  head: z.string(),
  events: z.number().int(),
  ok: z.boolean(),
  firstBroken: z.object({ hash: z.string(), seq: z.number().int(), problem: z.string() }).nullable(),
});

export const AuditProblem = z.object({ seq: z.number().int().nullable(), problem: z.string() });

export const IdentityVerification = z.object({
  signed: z.number().int(),
  unsigned: z.number().int(),
  /** The anchored head as recorded: compare it with the head printed in an earlier report. */
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  problems: z.array(AuditProblem),
});
export type IdentityVerification = z.infer<typeof IdentityVerification>;

export const HistoryVerification = z.object({
  ok: z.boolean(),
  chain: z.object({
    ok: z.boolean(),
    events: z.number().int(),
    firstBroken: z.object({ seq: z.number().int(), id: z.number().int(), problem: z.string() }).nullable(),
  }),
  /** Chains of other copies received in bundles, each checked back to the project's first event. */
  branches: z.array(BranchVerification),
  /** Signatures of the local chain's events and its anchored head (unsigned = written before identities). */
  identity: IdentityVerification,
});
export type HistoryVerification = z.infer<typeof HistoryVerification>;

/** One thing `audit verify` found wrong, in a sentence a person can read. */
export const VerificationProblem = z.object({
  /** Which check found it: chain, branch, replay (and the checks later versions add). */
  check: z.string(),
  sentence: z.string(),
});
export type VerificationProblem = z.infer<typeof VerificationProblem>;

/** Everything `audit verify` checks of a project; ok only when every check holds. */
export const ProjectVerification = HistoryVerification.extend({
  /** The tables against what the history produces (electron/core/audit/replay.ts); not run over a broken history. */
  replay: z.object({ checked: z.boolean(), differences: z.number().int().nonnegative() }),
  problems: z.array(VerificationProblem),
});
export type ProjectVerification = z.infer<typeof ProjectVerification>;

/**
 * A head to check the chain against, as a report prints it: `SEQ:HASH`, the hash whole or its
 * first 12 or more hex digits (`audit verify --expect-head 12:3f5a9c01d2e4`).
 */
export const ExpectedHead = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,14}:[0-9a-fA-F]{12,64}$/, 'an expected head is SEQ:HASH, the event number and at least the first 12 hex digits of its hash, e.g. 12:3f5a9c01d2e4')
  .transform((v) => {
    const [seq, hash] = v.split(':') as [string, string];
    return { seq: Number(seq), hash: hash.toLowerCase() };
  });
export type ExpectedHead = z.output<typeof ExpectedHead>;
