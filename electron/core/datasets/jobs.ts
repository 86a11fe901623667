// Long work (a PII scan over a large file) runs as a job: the caller gets an id at once, polls
// progress, may cancel, and reads the result or the error when it ends. Jobs live in the
// process that runs them and are forgotten an hour after they end.
import { randomBytes } from 'node:crypto';
import { toWireError, WorkbenchError } from '../errors';
import type { Job } from '../../../shared/api';

/** A job as it runs here: the contract's `Job` and the switch that cancels it. */
type RunningJob = Job & { controller: AbortController; forget?: () => void };

const jobs = new Map<string, RunningJob>();
const KEEP_MS = 60 * 60 * 1000;

/** `stage` says in words where the work is (e.g. "Writing pages"); jobs that have one stage leave it out. */
export type JobWork<T> = (progress: (done: number, total: number, stage?: string) => void, signal: AbortSignal) => Promise<T>;

/**
 * `forget`, if given, is called with the result of a job that ended well when the job itself is
 * forgotten: a report export's file in the dataset workspace goes with its job.
 */
export function startJob<T>(kind: string, work: JobWork<T>, forget?: (result: T) => void): Job {
  prune();
  const id = `job-${randomBytes(8).toString('hex')}`;
  const controller = new AbortController();
  const job: RunningJob = { id, kind, state: 'running', stage: null, done: 0, total: 0, result: null, error: null, startedAt: new Date().toISOString(), endedAt: null, controller };
  jobs.set(id, job);
  void work((done, total, stage) => { job.done = done; job.total = total; if (stage !== undefined) job.stage = stage; }, controller.signal).then(
    (result) => {
      job.state = 'done';
      job.result = result;
      job.endedAt = new Date().toISOString();
      if (forget) job.forget = () => forget(result);
    },
    (err: unknown) => {
      job.state = controller.signal.aborted ? 'cancelled' : 'failed';
      job.error = controller.signal.aborted ? { code: 'CONFLICT', message: 'Cancelled; nothing was kept.' } : toWireError(err);
      job.endedAt = new Date().toISOString();
    },
  );
  return view(job);
}

function view(job: RunningJob): Job {
  const { controller: _controller, forget: _forget, ...rest } = job;
  return { ...rest };
}

export function getJob(id: string): Job {
  const job = jobs.get(id);
  if (!job) throw new WorkbenchError('NOT_FOUND', `No job with id "${id}" (jobs are kept for an hour after they end).`);
  return view(job);
}

export function cancelJob(id: string): Job {
  const job = jobs.get(id);
  if (!job) throw new WorkbenchError('NOT_FOUND', `No job with id "${id}".`);
  if (job.state === 'running') job.controller.abort();
  return view(job);
}

/** Waits for a job to end (tests and the CLI). */
export async function waitForJob(id: string, pollMs = 20): Promise<Job> {
  for (;;) {
    const job = getJob(id);
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

function prune(): void {
  const now = Date.now();
  for (const [id, job] of jobs) {
    if (!job.endedAt || now - Date.parse(job.endedAt) <= KEEP_MS) continue;
    jobs.delete(id);
    job.forget?.();
  }
}
