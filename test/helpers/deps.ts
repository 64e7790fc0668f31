import { env } from 'cloudflare:workers';
import { type Deps, depsFromEnv, type JobSender } from '../../src/deps';
import type { JobEnvelope } from '../../src/lib/job';

/** A JobSender that keeps what was sent instead of queueing it; `fail` makes the next sends throw. */
export function recordingJobs(): JobSender & { sent: JobEnvelope[]; fail: boolean } {
  const sender = {
    sent: [] as JobEnvelope[],
    fail: false,
    send: async (job: JobEnvelope) => {
      if (sender.fail) throw new Error('queue unavailable');
      sender.sent.push(job);
    },
    sendBatch: async (jobs: readonly JobEnvelope[]) => {
      if (sender.fail) throw new Error('queue unavailable');
      sender.sent.push(...jobs);
    },
  };
  return sender;
}

/** Deps over the test's real D1/KV, with jobs recorded (not queued) unless `jobs` is given. */
export function testDeps(overrides: Partial<Deps> = {}): Deps & { settle: () => Promise<void> } {
  const { deps, settle } = depsFromEnv(env);
  return { ...deps, jobs: recordingJobs(), ...overrides, settle };
}
