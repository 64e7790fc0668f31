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

/** A queue message as `consume()` sees it, recording its fate: acked, or retried (with what delay). */
export type FakeMessage = Message<unknown> & { acked: boolean; retriedWith: number | undefined | null };

let messageSeq = 0;

/** `onRetry` sees each retry (e.g. to put the message back on an in-memory queue). */
export function fakeMessage(
  body: unknown,
  attempts = 1,
  onRetry?: (delaySeconds: number | undefined) => void,
): FakeMessage {
  const m = {
    id: `msg-${Date.now()}-${++messageSeq}`,
    timestamp: new Date(),
    body,
    attempts,
    acked: false,
    retriedWith: null as number | undefined | null,
    ack() {
      m.acked = true;
    },
    retry(options?: { delaySeconds?: number }) {
      m.retriedWith = options?.delaySeconds;
      onRetry?.(options?.delaySeconds);
    },
  };
  return m as unknown as FakeMessage;
}

/**
 * The D1 binding (or a session of it), noting the SQL of every statement prepared and `BATCH`
 * for every batch sent, in order: which reads a path makes, and in how many round trips.
 */
export function notingD1(d1: D1Database, sent: string[]): D1Database {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop);
        if (typeof value !== 'function') return value;
        if (prop === 'prepare') {
          return (sql: string) => {
            sent.push(sql);
            return value.call(t, sql);
          };
        }
        if (prop === 'batch') {
          return (statements: D1PreparedStatement[]) => {
            sent.push('BATCH');
            return value.call(t, statements);
          };
        }
        if (prop === 'withSession') return (...args: unknown[]) => wrap(value.apply(t, args));
        return value.bind(t);
      },
    });
  return wrap(d1);
}
