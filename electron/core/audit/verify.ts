// `audit verify`: everything that must hold for a project's history to explain its state. The
// CLI, the app and the reports all ask this one function, and a project is verified only when
// every check holds. Reads only.
import type { ReadContext } from '../store/access';
import { getProject } from '../projects/projects';
import { verifyHistory } from '../bundle/verify-history';
import { replayProject } from './replay';
import type { ProjectVerification, VerificationProblem } from '../../../shared/team';

/** A check beyond the chain and the replay; returns what it found wrong (nothing when it holds). */
export type VerificationCheck = (ctx: ReadContext, projectId: string) => VerificationProblem[];

/** Further checks join the result here, each adding its problems (signatures and the head come with the history). */
export const FURTHER_CHECKS: VerificationCheck[] = [];

export function verifyProject(ctx: ReadContext, projectId: string): ProjectVerification {
  getProject(ctx, projectId);
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
  for (const check of FURTHER_CHECKS) problems.push(...check(ctx, projectId));
  return { ...history, ok: problems.length === 0, replay: { checked, differences: differences.length }, problems };
}
