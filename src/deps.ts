import type { Context } from 'hono';
import { type Config, loadConfig } from './config';
import { createDb, type Db } from './db';
import type { AppEnv } from './env';
import { type JobEnvelope, QUEUE_BATCH_LIMIT } from './lib/job';
import { Logger } from './lib/log';
import { createOutbound, type Outbound } from './lib/outbound';
import { createPacer, type Pacer } from './lib/pacing';
import { type AuditActor, actorOfContext, SYSTEM_ACTOR } from './modules/audit/audit';
import { bindingMailer, type Mailer } from './modules/emails/mailer';
import type { Subscriber } from './modules/events/subscribers';
import { measuredMailer, metricsSink, outboundRecorder } from './modules/metrics/metrics.recorder';
import { paceRules } from './modules/platform/pacing';
import { SUBSCRIBERS } from './subscribers';

/** Sends jobs to the JOBS queue; a fake in tests records them. */
export type JobSender = {
  send: (job: JobEnvelope, options?: { delaySeconds?: number }) => Promise<void>;
  sendBatch: (jobs: readonly JobEnvelope[]) => Promise<void>;
};

/**
 * What services use, built once per request (from the hono context) or per queue message / cron run
 * (from `env`). Services take this, or the few members they need, never the whole `Env`.
 */
export type Deps = {
  /** The D1 primary; write paths open a session on it for read-your-writes bookmarks. */
  d1: D1Database;
  db: Db;
  cache: KVNamespace;
  jobs: JobSender;
  config: Config;
  log: Logger;
  now: () => Date;
  /**
   * Waits in deferred work (the availability cache's trailing publish): a real timer, or none under
   * DEFERRED_WAITS=skip in development (the tests), where that work then goes on at once on the clock
   * it would have woken up at.
   */
  sleep: (ms: number) => Promise<void>;
  /** Calls to partners (Square, channels, webhook receivers): pacing, timeout, redaction, outcome logging. */
  outbound: Outbound;
  /** Each partner's pace (src/lib/pacing.ts): the outbound client's, and guest email's before it sends. */
  pacer: Pacer;
  /** Runs work after the response (request) or before the message is acknowledged (queue, cron). */
  defer: (work: Promise<unknown>) => void;
  /** Who hears about committed events (src/subscribers.ts; tests inject their own). */
  subscribers: readonly Subscriber[];
  /** Sends guest email (the `send_email` binding; tests inject their own). */
  mailer: Mailer;
  /** Who the audit trail records for changes made with these deps (src/modules/audit). */
  actor: AuditActor;
};

/** The default `sleep`: the isolate's timer. */
export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const noSleep = (): Promise<void> => Promise.resolve();

export function queueSender(queue: Queue): JobSender {
  return {
    send: async (job, options) => {
      await queue.send(job, options?.delaySeconds ? { delaySeconds: options.delaySeconds } : undefined);
    },
    sendBatch: async (jobs) => {
      for (let i = 0; i < jobs.length; i += QUEUE_BATCH_LIMIT) {
        await queue.sendBatch(jobs.slice(i, i + QUEUE_BATCH_LIMIT).map((body) => ({ body })));
      }
    },
  };
}

/**
 * One pacer per isolate: its memos (a refused rate, a KV read that found no hold) and the holds it
 * heard serve every request and queue message of the isolate, not only the one that made it. Keyed by
 * `env`, which workerd hands an isolate's invocations as the same object while its bindings do not
 * change (measured under Miniflare); where it does not, each invocation gets a pacer of its own, as
 * before, and nothing is shared.
 */
const pacers = new WeakMap<Env, Pacer>();

export function isolatePacer(env: Env): Pacer {
  let pacer = pacers.get(env);
  if (!pacer) {
    pacer = createPacer({ ruleOf: paceRules(env), holds: env.CACHE });
    pacers.set(env, pacer);
  }
  return pacer;
}

function build(env: Env, config: Config, log: Logger, defer: Deps['defer'], actor: AuditActor, db?: Db): Deps {
  // Built on every request (the search hot path too): the drizzle client and the outbound client are
  // made on first use only.
  let lazyDb = db;
  let lazyOutbound: Outbound | undefined;
  const sink = metricsSink(env);
  const pacer = () => isolatePacer(env);
  return {
    d1: env.DB,
    get db() {
      lazyDb ??= createDb(env.DB);
      return lazyDb;
    },
    cache: env.CACHE,
    jobs: queueSender(env.JOBS),
    config,
    log,
    now: () => new Date(),
    sleep: config.DEFERRED_WAITS === 'skip' && config.ENVIRONMENT === 'development' ? noSleep : realSleep,
    get outbound() {
      lazyOutbound ??= createOutbound({
        fetch: (input, init) => fetch(input, init),
        log,
        record: outboundRecorder(sink, { defer, log }),
        pacer: pacer(),
      });
      return lazyOutbound;
    },
    get pacer() {
      return pacer();
    },
    defer,
    subscribers: SUBSCRIBERS,
    mailer: measuredMailer(bindingMailer(env.EMAIL), sink, { defer, log }),
    actor,
  };
}

export function depsFromContext(c: Context<AppEnv>): Deps {
  return build(
    c.env,
    c.get('config'),
    c.get('log'),
    (work) => c.executionCtx.waitUntil(work),
    actorOfContext(c),
    c.get('db'),
  );
}

/**
 * For queue messages and cron runs: deferred work is collected and awaited by `settle()` before the
 * message is acknowledged, so nothing is cut off when the invocation ends.
 */
export function depsFromEnv(
  env: Env,
  log?: Logger,
  actor: AuditActor = SYSTEM_ACTOR,
): { deps: Deps; settle: () => Promise<void> } {
  const config = loadConfig(env);
  const pending: Promise<unknown>[] = [];
  const deps = build(env, config, log ?? new Logger(config.LOG_LEVEL), (work) => pending.push(work), actor);
  return {
    deps,
    settle: async () => {
      while (pending.length > 0) await Promise.allSettled(pending.splice(0));
    },
  };
}
