// The sync protocol between a laptop and a team server (`cwb server`, `cwb sync`): every request
// and answer body crosses a process boundary and is parsed by one of these schemas on arrival.
import { z } from 'zod';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const base64 = z.string().max(100_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text');

export const SYNC_PROTOCOL = 1;

/** One signed audit event as it travels: the database's columns, the key id and signature required. */
export const SyncEvent = z.object({
  seq: z.number().int().positive(),
  at: z.string().max(40),
  actor: z.string().max(200),
  session_id: z.string().max(100).nullable(),
  entity: z.string().max(100),
  entity_id: z.string().max(300),
  action: z.string().max(100),
  before_json: z.string().max(1_000_000).nullable(),
  after_json: z.string().max(1_000_000).nullable(),
  prev_hash: hex64,
  hash: hex64,
  key_id: hex64,
  signature: z.string().min(1).max(200),
});
export type SyncEvent = z.infer<typeof SyncEvent>;

export const ChallengeRequest = z.object({ publicKey: z.string().min(1).max(1000) });
export const ChallengeAnswer = z.object({ challenge: base64, expiresInSeconds: z.number().int().positive() });
export const TokenRequest = z.object({ publicKey: z.string().min(1).max(1000), challenge: base64, signature: z.string().min(1).max(200) });
export const TokenAnswer = z.object({ token: z.string().min(1), keyId: hex64, expiresInSeconds: z.number().int().positive() });

/**
 * A copy's rows as its author last pushed them, signed by that author: a laptop pulling the
 * project merges each teammate's copy through the bundle merge, with the same checks as a bundle.
 */
export const CopySnapshot = z.object({
  memberKey: z.string().min(1).max(300),
  publicKey: z.string().min(1).max(1000),
  /** bundle.json without its audit events (they travel one by one), as canonical JSON text. */
  rowsJson: z.string().min(2).max(200_000_000),
  head: z.object({ seq: z.number().int().positive(), hash: hex64, key_id: hex64.nullable(), signature: z.string().max(200).nullable() }),
  /** The author's Ed25519 signature of copySigningBytes(projectId, head hash, rowsJson). */
  signature: z.string().min(1).max(200),
});
export type CopySnapshot = z.infer<typeof CopySnapshot>;

export const MissingRequest = z.object({
  hashes: z.array(hex64).max(1_000_000),
  blobs: z.array(hex64).max(100_000),
});
export const MissingAnswer = z.object({ hashes: z.array(hex64), blobs: z.array(hex64) });

export const PushRequest = z.object({
  events: z.array(SyncEvent).max(20_000),
  /** Sent with the last batch: the pusher's copy, once all its events are on the server. */
  copy: CopySnapshot.nullable(),
  blobs: z.array(z.object({ sha256: hex64, contentBase64: base64 })).max(10_000),
  /** Public keys (PEM) of the members the pusher's copy knows: used only for keys the history binds to a member. */
  keys: z.array(z.string().max(1000)).max(10_000),
});
export type PushRequest = z.infer<typeof PushRequest>;
export const PushAnswer = z.object({ accepted: z.number().int().nonnegative(), alreadyThere: z.number().int().nonnegative() });
export type PushAnswer = z.infer<typeof PushAnswer>;

export const PullAnswer = z.object({
  events: z.array(SyncEvent),
  /** The server's position after these events: ask again from here until `more` is false. */
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  /** On the last page: every other member's latest copy whose head is at or before the cursor. */
  copies: z.array(CopySnapshot),
});
export type PullAnswer = z.infer<typeof PullAnswer>;

export const ServerError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** What a laptop knows of its sync with one server, for the Sync control and `cwb sync`. */
export const SyncStatus = z.object({
  projectId: z.string(),
  server: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
  pendingEvents: z.number().int().nonnegative(),
  openConflicts: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncResult = z.object({
  projectId: z.string(),
  server: z.string(),
  pushed: z.number().int().nonnegative(),
  pulled: z.number().int().nonnegative(),
  copiesMerged: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  created: z.boolean(),
});
export type SyncResult = z.infer<typeof SyncResult>;
