// `audit verify`: everything that must hold for a project's history to explain its state. The
// CLI, the app and the reports all ask this one function, and a project is verified only when
// every check holds. Reads only.
import type { ReadContext } from '../store/access';
import { getProject } from '../projects/projects';
import { verifyHistory } from '../bundle/verify-history';
import { replayProject } from './replay';
import { storedHashAt } from './going-on';
import type { ExpectedHead, ProjectVerification, VerificationProblem } from '../../../shared/team';
import type { ReadDb } from '../store/access';
import { memoUntilChanged } from '../store/state-memo';

/** A check beyond the chain and the replay; returns what it found wrong (nothing when it holds). */
export type VerificationCheck = (ctx: ReadContext, projectId: string) => VerificationProblem[];

/** Further checks join the result here, each adding its problems (signatures and the head come with the history). */
export const FURTHER_CHECKS: VerificationCheck[] = [];

/**
 * Whether this copy's chain still holds the head someone wrote down (from a report, a package, a
 * bundle or a sign-off): the event at that seq, with that hash (or a hash that starts so). Cutting
 * the chain before it, or rewriting it up to there, is named in a sentence.
 */
export function checkExpectedHead(db: ReadDb, projectId: string, expected: ExpectedHead): VerificationProblem[] {
  const wanted = `event ${expected.seq} (${expected.hash.slice(0, 12)})`;
  const at = storedHashAt(db, projectId, expected.seq);
  if (at === undefined) {
    const last = (db.prepare('SELECT max(seq) FROM audit_events WHERE project_id = ?').pluck().get(projectId) as number | null) ?? 0;
    return [{ check: 'head', sentence: `the chain ends at event ${last}, before the expected head ${wanted}: it was cut before the head you expected, or that head is not from this project` }];
  }
  if (!at.startsWith(expected.hash)) {
    return [{ check: 'head', sentence: `event ${expected.seq} is ${at.slice(0, 12)}, not the expected head ${wanted}: the history up to it was rewritten, or that head is from another copy` }];
  }
  return [];
}

/**
 * Every check, over the whole history. The answer is kept until the database changes (any write,
 * by this connection or another; store/state-memo.ts): asked again unchanged, it is not worked out again.
 */
export function verifyProject(ctx: ReadContext, projectId: string, options: { expectHead?: ExpectedHead } = {}): ProjectVerification {
  getProject(ctx, projectId);
  const key = `verify\n${projectId}\n${options.expectHead ? `${options.expectHead.seq}:${options.expectHead.hash}` : ''}\n${FURTHER_CHECKS.length}`;
  return memoUntilChanged(ctx.db, key, null, () => verifyNow(ctx, projectId, options));
}

function verifyNow(ctx: ReadContext, projectId: string, options: { expectHead?: ExpectedHead }): ProjectVerification {
  const history = verifyHistory(ctx.db, projectId);
  const problems: VerificationProblem[] = [];
  const broken = history.chain.firstBroken;
  if (broken) problems.push({ check: 'chain', sentence: `event ${broken.seq} of the audit chain is broken: ${broken.problem}` });
  for (const b of history.branches) {
    if (b.firstBroken) problems.push({ check: 'branch', sentence: `event ${b.firstBroken.seq} (${b.firstBroken.hash.slice(0, 12)}) of a merged copy is broken: ${b.firstBroken.problem}` });
  }
  // a broken history cannot explain anything: the replay runs only over events that verify
  const checked = problems.length === 0;
  // signatures and the anchored head (identity-check.ts): who wrote each event, and a cut tail
  for (const p of history.identity.problems) {
    // a problem that names its event already is not prefixed with it again
    const named = p.seq === null || p.problem.startsWith(`event ${p.seq} `);
    problems.push({ check: 'identity', sentence: named ? p.problem : `event ${p.seq}: ${p.problem}` });
  }
  const differences = checked ? (replayProject(ctx, projectId) ?? []) : [];
  for (const d of differences) problems.push({ check: 'replay', sentence: d.sentence });
  if (options.expectHead) problems.push(...checkExpectedHead(ctx.db, projectId, options.expectHead));
  for (const check of FURTHER_CHECKS) problems.push(...check(ctx, projectId));
  return { ...history, ok: problems.length === 0, replay: { checked, differences: differences.length }, problems };
}
