// What the sync server answers besides pushes: which events and files it lacks, pages of events
// a laptop lacks, evidence files to members only, admitting keys, and the dashboard's summary.
import type pg from 'pg';
import { WorkbenchError } from '../errors';
import { fingerprintOf, keyIdOf, parsePublicKeyPem } from '../identity/keys';
import type { CopySnapshot, PullAnswer, SyncEvent } from '../../../shared/sync';
import type { SyncStore } from './server-store';
import { readinessOf } from '../projects/readiness';
import { CONTROL_STATUSES, type ControlStatus, type Readiness } from '../../../shared/domain';
import { inPgTransaction } from './server-store';

export const PULL_PAGE = 5000;

/** The member a key is in a project, or a FORBIDDEN error: removed members and strangers read nothing. */
export async function requireMember(db: SyncStore | pg.PoolClient, projectId: string, keyId: string): Promise<string> {
  const row = (await db.query<{ member_key: string }>('SELECT member_key FROM members WHERE project_id = $1 AND key_id = $2 AND role IS NOT NULL', [projectId, keyId])).rows[0];
  if (!row) {
    const exists = (await db.query('SELECT 1 FROM projects WHERE project_id = $1', [projectId])).rowCount;
    if (!exists) throw new WorkbenchError('NOT_FOUND', `Project ${projectId} is not on this server.`);
    throw new WorkbenchError('FORBIDDEN', `Key ${fingerprintOf(keyId)} is not the key of a member of project ${projectId}; an owner adds it with \`cwb member add --key FILE.pub\` and syncs.`);
  }
  return row.member_key;
}

/** Of the given event hashes and evidence files, those the server does not hold. */
export async function missingOnServer(pool: SyncStore, projectId: string, keyId: string, hashes: string[], blobs: string[]): Promise<{ hashes: string[]; blobs: string[] }> {
  const exists = (await pool.query('SELECT 1 FROM projects WHERE project_id = $1', [projectId])).rowCount;
  if (exists) await requireMember(pool, projectId, keyId);
  const haveEvents = exists
    ? new Set((await pool.query<{ hash: string }>('SELECT hash FROM events WHERE project_id = $1 AND hash = ANY($2::text[])', [projectId, hashes])).rows.map((r) => r.hash))
    : new Set<string>();
  const haveBlobs = new Set((await pool.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE sha256 = ANY($1::text[])', [blobs])).rows.map((r) => r.sha256));
  return { hashes: hashes.filter((h) => !haveEvents.has(h)), blobs: blobs.filter((b) => !haveBlobs.has(b)) };
}

type EventRow = SyncEvent & { received: string };

/**
 * One page of the events that arrived after `after`; the last page brings the other members'
 * copies whose head arrived after `copiesAfter` (a laptop holds the ones before: each copy carries
 * all of a project's rows, and sending every copy on every pull grew with the team and the project).
 */
export async function pullPage(pool: SyncStore, projectId: string, keyId: string, after: number, limit = PULL_PAGE, copiesAfter = 0): Promise<PullAnswer> {
  // one snapshot: the copies sent are consistent with the events counted
  return inPgTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await requireMember(client, projectId, keyId);
    const rows = (await client.query<EventRow>(
      `SELECT seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash, key_id, signature, received
       FROM events WHERE project_id = $1 AND received > $2 ORDER BY received LIMIT $3`,
      [projectId, after, limit + 1],
    )).rows;
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const cursor = page.length ? Number(page.at(-1)!.received) : after;
    const copies = more ? [] : (await client.query<{ member_key: string; public_key: string; rows_json: string; head_seq: number; head_hash: string; head_key_id: string | null; head_signature: string | null; signature: string }>(
      `SELECT member_key, public_key, rows_json, head_seq, head_hash, head_key_id, head_signature, signature FROM copies
       WHERE project_id = $1 AND key_id <> $2 AND head_received <= $3 AND head_received > $4 ORDER BY member_key`,
      [projectId, keyId, cursor, copiesAfter],
    )).rows.map((c): CopySnapshot => ({
      memberKey: c.member_key, publicKey: c.public_key, rowsJson: c.rows_json,
      head: { seq: c.head_seq, hash: c.head_hash, key_id: c.head_key_id, signature: c.head_signature }, signature: c.signature,
    }));
    await client.query(
      'INSERT INTO member_syncs (project_id, key_id, synced_at) VALUES ($1, $2, now()) ON CONFLICT (project_id, key_id) DO UPDATE SET synced_at = excluded.synced_at',
      [projectId, keyId],
    );
    return { events: page.map(({ received: _received, ...e }) => e), cursor, more, copies };
  });
}

/** An evidence file, to a member of a project that holds it; anyone else learns nothing of it. */
export async function readBlob(pool: SyncStore, projectId: string, keyId: string, sha256: string): Promise<Buffer> {
  await requireMember(pool, projectId, keyId);
  const row = (await pool.query<{ content: Buffer }>(
    'SELECT b.content FROM blobs b JOIN project_blobs p ON p.sha256 = b.sha256 WHERE p.project_id = $1 AND b.sha256 = $2', [projectId, sha256],
  )).rows[0];
  if (!row) throw new WorkbenchError('NOT_FOUND', `No evidence file ${sha256} in project ${projectId} on this server.`);
  return row.content;
}

/** Lets a key create projects on this server; returns its fingerprint. Admitting twice changes nothing. */
export async function admitKey(pool: SyncStore, publicKeyPem: string): Promise<{ keyId: string; fingerprint: string }> {
  const keyId = keyIdOf(parsePublicKeyPem(publicKeyPem, 'The key file'));
  await pool.query('INSERT INTO admitted_keys (key_id, public_key) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING', [keyId, publicKeyPem]);
  return { keyId, fingerprint: fingerprintOf(keyId) };
}

export type DashboardProject = {
  projectId: string;
  name: string;
  events: number;
  /** Per framework in scope, from the newest copy pushed: the app's own readiness (projects/readiness.ts readinessOf). */
  readiness: Array<{ framework: string; readiness: Readiness }>;
  /** name: as the newest copy's members table has it (null where no copy names them). */
  members: Array<{ memberKey: string; name: string | null; role: string | null; fingerprint: string | null; lastSyncAt: string | null }>;
};

type CopyRows = {
  project?: { name?: string; frameworks?: string[] };
  tables?: { control_assessments?: Array<{ control_id: string; status?: string | null; archived_at?: string | null }>; project_members?: Array<{ member_key?: string; name?: string }> };
};

/** The dashboard's summary of every project; controlFrameworks maps a control to its frameworks (the catalog's word). */
export async function dashboardSummary(pool: SyncStore, controlFrameworks: (controlId: string) => readonly string[]): Promise<DashboardProject[]> {
  const projects = (await pool.query<{ project_id: string; events: string }>(
    'SELECT p.project_id, (SELECT count(*) FROM events e WHERE e.project_id = p.project_id) AS events FROM projects p ORDER BY p.project_id',
  )).rows;
  const out: DashboardProject[] = [];
  for (const p of projects) {
    const copy = (await pool.query<{ rows_json: string }>('SELECT rows_json FROM copies WHERE project_id = $1 ORDER BY head_received DESC LIMIT 1', [p.project_id])).rows[0];
    const rows = copy ? (JSON.parse(copy.rows_json) as CopyRows) : {};
    const frameworks = rows.project?.frameworks ?? [];
    // the rows the app's checklist reads: assessments not archived, of controls the catalog knows
    const live = (rows.tables?.control_assessments ?? []).filter((c) => !c.archived_at && controlFrameworks(c.control_id).length > 0);
    const readiness = frameworks.map((framework) => ({
      framework,
      readiness: readinessOf(live.filter((c) => controlFrameworks(c.control_id).includes(framework)).map((c) => (isControlStatus(c.status) ? c.status : 'not_assessed'))),
    }));
    const names = new Map((rows.tables?.project_members ?? []).flatMap((m) => (typeof m.member_key === 'string' && typeof m.name === 'string' ? [[m.member_key, m.name] as const] : [])));
    const members = (await pool.query<{ member_key: string; role: string | null; key_id: string | null; synced_at: Date | null }>(
      `SELECT m.member_key, m.role, m.key_id, s.synced_at FROM members m
       LEFT JOIN member_syncs s ON s.project_id = m.project_id AND s.key_id = m.key_id WHERE m.project_id = $1 ORDER BY m.member_key`,
      [p.project_id],
    )).rows.map((m) => ({
      memberKey: m.member_key, name: names.get(m.member_key) ?? null, role: m.role,
      fingerprint: m.key_id ? fingerprintOf(m.key_id) : null, lastSyncAt: m.synced_at ? m.synced_at.toISOString() : null,
    }));
    out.push({ projectId: p.project_id, name: rows.project?.name ?? p.project_id, events: Number(p.events), readiness, members });
  }
  return out;
}

const isControlStatus = (s: unknown): s is ControlStatus => (CONTROL_STATUSES as readonly unknown[]).includes(s);
