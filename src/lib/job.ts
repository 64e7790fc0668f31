import type { z } from 'zod';
import type { Deps } from '../deps';

/**
 * A queued job: `type` picks its definition, `payload` is checked by that definition's schema.
 * Modules declare their jobs with defineJob(); src/jobs.ts only combines the declarations.
 * `prior_attempts`: attempts made before this message was queued (a job re-queued because its partner
 * call was paced carries its count on, so pacing never counts as an attempt nor resets the count).
 */
export type JobEnvelope = { type: string; payload: unknown; prior_attempts?: number };

/**
 * Exponential backoff with jitter, bounded by `capSeconds`; after `maxAttempts` failures the job is
 * dead-lettered. Each delay is `factor` (default 2) times the one before.
 */
export type RetryPolicy = { baseSeconds: number; capSeconds: number; maxAttempts: number; factor?: number };

export const DEFAULT_RETRY: RetryPolicy = { baseSeconds: 5, capSeconds: 300, maxAttempts: 5 };

/** Thrown by a handler for a job that can never succeed as it is: acknowledged, dead-lettered, not retried. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

type RetrySetting<P> = Partial<RetryPolicy> | ((payload: P, deps: Deps) => Partial<RetryPolicy>);

/** What the consumer knows of the run: `attempts` is 1 on the first try (a job may act on its last one). */
export type JobRun = { attempts: number };

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  type: string;
  schema: S;
  /** The policy for this job (a job may take it from its payload, e.g. per webhook subscriber). */
  retryFor: (payload: z.infer<S>, deps: Deps) => RetryPolicy;
  handle: (payload: z.infer<S>, deps: Deps, run?: JobRun) => Promise<void>;
  /** The queue message for this job, typed by its schema. */
  message: (payload: z.input<S>) => JobEnvelope;
  /** The message a replay of this job's dead letter sends (the same one, unless the job says otherwise). */
  replay: (payload: z.infer<S>) => JobEnvelope;
};

export function defineJob<S extends z.ZodType>(def: {
  type: string;
  schema: S;
  retry?: RetrySetting<z.infer<S>>;
  handle: (payload: z.infer<S>, deps: Deps, run?: JobRun) => Promise<void>;
  /**
   * The payload a dead letter's replay sends, for a job that would otherwise do nothing on it (e.g. its
   * row is already marked failed): the replay is an operator's explicit "try this again".
   */
  replay?: (payload: z.infer<S>) => z.input<S>;
}): JobDefinition<S> {
  const { retry, replay } = def;
  return {
    type: def.type,
    schema: def.schema,
    handle: def.handle,
    retryFor: (payload, deps) => ({
      ...DEFAULT_RETRY,
      ...(typeof retry === 'function' ? retry(payload, deps) : retry),
    }),
    message: (payload) => ({ type: def.type, payload }),
    replay: (payload) => ({ type: def.type, payload: replay ? replay(payload) : payload }),
  };
}

/**
 * Delay before attempt `attempt + 1` after `attempt` failures (1-based): base·factor^(attempt−1), capped,
 * with "equal jitter" (half fixed, half random) so retries of one outage spread out but never come early.
 * Whole seconds, at least 1 (Queues take whole-second delays).
 */
export function retryDelaySeconds(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.capSeconds, policy.baseSeconds * (policy.factor ?? 2) ** exponent);
  return Math.max(1, Math.round(ceiling / 2 + (random() * ceiling) / 2));
}

/** What to do with a job that just failed on its `attempt`-th try. */
export type FailureDecision =
  | { action: 'retry'; delaySeconds: number }
  | { action: 'dead_letter'; reason: DeadLetterReason };

export type DeadLetterReason = 'permanent' | 'exhausted' | 'unparseable' | 'unknown_type' | 'dead_letter_queue';

export function decideFailure(
  policy: RetryPolicy,
  attempt: number,
  error: unknown,
  random: () => number = Math.random,
): FailureDecision {
  if (error instanceof PermanentJobError) return { action: 'dead_letter', reason: 'permanent' };
  if (attempt >= policy.maxAttempts) return { action: 'dead_letter', reason: 'exhausted' };
  return { action: 'retry', delaySeconds: retryDelaySeconds(policy, attempt, random) };
}

/**
 * Queues take at most 100 messages per `sendBatch`, and one call is accepted or refused whole: a
 * JobSender's `sendBatch` of more is several calls, of which the first may be accepted and a later one
 * refused.
 */
export const QUEUE_BATCH_LIMIT = 100;
