// Following a long job of the core (the PII scan, a report export): the one polling loop the
// screens share.
import { api } from './api';
import type { Job } from '../../shared/api';

const POLL_MS = 150;

/** Polls the job until it ends or `stop()` says so, telling each answer; returns the last one. */
export async function pollJob(job: Job, onUpdate: (job: Job) => void, stop: () => boolean = () => false): Promise<Job> {
  let current = job;
  while (current.state === 'running' && !stop()) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    current = await api.getJob({ jobId: current.id });
    onUpdate(current);
  }
  return current;
}
