import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { defineJob, type JobEnvelope, PermanentJobError, QUEUE_BATCH_LIMIT } from '../../lib/job';
import { errorFields } from '../../lib/log';
import { envelopeOf } from './events.service';
import { eventDeliveries, outboxEvents } from './outbox.table';
import { type Subscriber, subscribersFor } from './subscribers';

/** How long a relay holds the rows it claimed before another relay may take them over. */
export const CLAIM_LEASE_MS = 60_000;
/**
 * How long a commit's rows are leased to the relay the commit starts. That relay only queues their jobs:
 * the first of a row's jobs to run marks it published, so the lease also covers the jobs' wait in the
 * queue (a backlog shorter than this hands nothing on twice). A hand-off that fails frees its rows for the
 * next sweep at once; only a relay that died holds them until this runs out.
 */
export const HANDOFF_LEASE_MS = 10 * 60_000;
const BATCH = 100;
const MAX_ROUNDS = 20;
export const EVENT_RETENTION_DAYS = 30;

export type RelayDeps = Pick<Deps, 'd1' | 'jobs' | 'now' | 'log' | 'subscribers'>;

/** A row a relay holds the lease of, as its claim returns it: `may_<i>` is subscriber i's `mayAct` at the claim. */
export type ClaimedRow = { id: string; type: string; created_at: number } & Record<`may_${number}`, number | undefined>;

/**
 * The `RETURNING` list of a claim: the row and the `mayAct` of each subscriber that lets the relay
 * decide it. Also returned by commitChange's INSERT of a row it leases to the relay it starts.
 */
export function claimedColumns(subscribers: readonly Subscriber[]): string {
  const mayAct = subscribers.map((s, i) => (s.mayAct && s.decidedAtRelay ? `, (${s.mayAct}) AS may_${i}` : ''));
  return `id, type, created_at${mayAct.join('')}`;
}

/**
 * Hands unpublished outbox rows, oldest first, to their subscribers: one `event.deliver` job per
 * (event, subscriber): the cron's sweep (a request's own relay hands on its commit's rows without a
 * claim, relayCommitted). Rows are claimed with a lease first, so two sweeps, or a sweep and a
 * request's relay, do not both hand on the same rows while the lease lasts. A row is marked published
 * only after all its jobs were accepted by the queue (by the relay after the send, or by the first of
 * them a request's relay marked `publish`); if the send fails, the rows are freed for the next sweep.
 * Handing a row on twice is harmless: deliveries are recorded per (event, subscriber).
 *
 * A subscriber `decidedAtRelay` whose `mayAct` is false for a row (no channel of the hotel) gets no
 * job: its delivery is recorded with the rows' publication, in one batch. That is what its job would
 * have done, and it spares a queued job and its D1 round trips on every booking of such a hotel.
 */
export async function relayOutbox(deps: RelayDeps): Promise<{ events: number; jobs: number }> {
  let events = 0;
  let jobs = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = deps.now().getTime();
    const claimed = await deps.d1
      .prepare(
        `UPDATE outbox_events SET claimed_until = ?1
         WHERE id IN (SELECT id FROM outbox_events
                      WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?2)
                      ORDER BY created_at, id LIMIT ?3)
         RETURNING ${claimedColumns(deps.subscribers)}`,
      )
      .bind(now + CLAIM_LEASE_MS, now, BATCH)
      .all<ClaimedRow>();
    if (claimed.results.length === 0) break;
    events += claimed.results.length;
    jobs += await handOn(deps, claimed.results);
    if (claimed.results.length < BATCH) break;
  }
  if (events > 0) deps.log.info('events relayed', { events, jobs });
  return { events, jobs };
}

/**
 * The relay commitChange starts for the rows it inserted leased to it: no claim, straight to the
 * hand-off, and no write after it for a row with jobs (their first to run publishes it): a booking's
 * request makes no round trip for its events' publication.
 */
export async function relayCommitted(deps: RelayDeps, rows: ClaimedRow[]): Promise<void> {
  const jobs = await handOn(deps, rows, { publishedByJobs: true });
  deps.log.info('events relayed', { events: rows.length, jobs });
}

/**
 * Queues the jobs of rows this relay holds the lease of, oldest first, then marks the rows published
 * (with the deliveries the relay decided, in one batch). With `publishedByJobs`, a row that got jobs is
 * left to them: each is marked `publish` and carries the subscribers decided idle, and the first to run
 * records those and publishes the row (deliverEventJob). Only when every job goes in one queue call,
 * which is accepted whole or not at all: a job of a larger hand-off may run while a later call fails,
 * and must not publish a row whose other jobs were never sent. A hand-off the queue refused frees the
 * rows for the next sweep. Returns how many jobs it queued.
 */
export async function handOn(
  deps: RelayDeps,
  claimed: ClaimedRow[],
  options: { publishedByJobs?: boolean } = {},
): Promise<number> {
  const rows = [...claimed].sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  const plan = rows.map((row) => {
    const matching = subscribersFor(deps.subscribers, row.type);
    const idle = matching.filter((s) => row[`may_${deps.subscribers.indexOf(s)}`] === 0).map((s) => s.name);
    return { row, idle, acting: matching.filter((s) => !idle.includes(s.name)).map((s) => s.name) };
  });
  const jobCount = plan.reduce((n, p) => n + p.acting.length, 0);
  const byJobs = options.publishedByJobs === true && jobCount <= QUEUE_BATCH_LIMIT;
  const messages: JobEnvelope[] = [];
  const idle: [string, string][] = [];
  const publish: string[] = [];
  for (const { row, idle: idleNames, acting } of plan) {
    const leftToJobs = byJobs && acting.length > 0;
    for (const subscriber of acting) {
      const payload = { event_id: row.id, subscriber };
      const marks = leftToJobs ? { publish: true as const, ...(idleNames.length > 0 ? { idle: idleNames } : {}) } : {};
      messages.push(deliverEventJob.message({ ...payload, ...marks }));
    }
    if (leftToJobs) continue;
    publish.push(row.id);
    for (const name of idleNames) idle.push([row.id, name]);
  }
  try {
    await deps.jobs.sendBatch(messages);
  } catch (err) {
    await release(deps, rows).catch((releaseErr) => deps.log.warn('relay lease not released', errorFields(releaseErr)));
    throw err;
  }
  if (publish.length === 0) return messages.length;
  const at = deps.now().getTime();
  const published = deps.d1
    .prepare(
      `UPDATE outbox_events SET published_at = ?, claimed_until = NULL
       WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .bind(at, JSON.stringify(publish));
  await (idle.length > 0 ? deps.d1.batch([recordIdle(deps, idle, at), published]) : published.run());
  return messages.length;
}

/** `[event id, subscriber]` pairs recorded as delivered: what their jobs would have left. */
function recordIdle(deps: Pick<RelayDeps, 'd1'>, pairs: [string, string][], at: number): D1PreparedStatement {
  return deps.d1
    .prepare(
      `INSERT OR IGNORE INTO event_deliveries (event_id, subscriber, delivered_at)
       SELECT value ->> 0, value ->> 1, ? FROM json_each(?)`,
    )
    .bind(at, JSON.stringify(pairs));
}

/** Rows whose hand-off failed go back to the sweep now, not when their lease runs out. */
async function release(deps: Pick<RelayDeps, 'd1'>, rows: ClaimedRow[]): Promise<void> {
  await deps.d1
    .prepare(
      `UPDATE outbox_events SET claimed_until = NULL
       WHERE id IN (SELECT value FROM json_each(?)) AND published_at IS NULL`,
    )
    .bind(JSON.stringify(rows.map((r) => r.id)))
    .run();
}

const DeliverPayload = z.object({
  event_id: z.string().min(1),
  subscriber: z.string().min(1),
  /** The relay left the event's publication to its jobs (a request's relay: handOn); only then `idle`. */
  publish: z.literal(true).optional(),
  /** Subscribers the relay decided have nothing to do with the event. */
  idle: z.array(z.string().min(1)).max(50).optional(),
});

/**
 * One event to one subscriber. Retries follow the subscriber's own policy; a success is recorded, so a
 * duplicate job (the relay handed the row on twice) does nothing.
 */
export const deliverEventJob = defineJob({
  type: 'event.deliver',
  schema: DeliverPayload,
  retry: (payload, deps) => deps.subscribers.find((s) => s.name === payload.subscriber)?.retry ?? {},
  handle: async ({ event_id, subscriber: name, publish, idle }, deps) => {
    const subscriber = deps.subscribers.find((s) => s.name === name);
    if (!subscriber) throw new PermanentJobError(`no subscriber named ${name}`);
    // One round trip for all reads (the subscriber's `mayAct` and its own `prefetch` too) and, where
    // `mayAct` is false, the delivery record: a batch of jobs runs one after another, each costing its
    // round trips. The same batch publishes the event if its relay left that to its jobs (handOn).
    const done = deps.db
      .select({ one: sql<number>`1` })
      .from(eventDeliveries)
      .where(and(eq(eventDeliveries.eventId, event_id), eq(eventDeliveries.subscriber, name)));
    const event = deps.db.select().from(outboxEvents).where(eq(outboxEvents.id, event_id));
    const decide = subscriber.mayAct ? mayActStatements(deps, event_id, name, subscriber.mayAct) : [];
    const own = subscriber.prefetch?.(deps.db, event_id) ?? [];
    const [delivered, [row], ...rest] = (await deps.db.batch([
      done,
      event,
      ...decide,
      ...own,
      ...(publish ? publishStatements(deps, event_id, idle ?? []) : []),
    ])) as [unknown[], (typeof outboxEvents.$inferSelect)[], ...unknown[]];
    if (delivered.length > 0) return;
    if (!row) throw new PermanentJobError(`event ${event_id} is no longer in the outbox`);
    // Nothing to do: recorded in the batch above.
    if (decide.length > 0 && (rest[0] as { may: number }[])[0]?.may === 0) return;
    await subscriber.handle(envelopeOf(row), deps, rest.slice(decide.length, decide.length + own.length));
    await deps.d1
      .prepare('INSERT OR IGNORE INTO event_deliveries (event_id, subscriber, delivered_at) VALUES (?, ?, ?)')
      .bind(event_id, name, deps.now().getTime())
      .run();
  },
});

/**
 * The event's publication, by the first of its jobs to run when its relay left that to them (a no-op
 * for a row already published), with the deliveries of the subscribers that relay decided idle. Only
 * such jobs publish: a sweep's job may run before the sweep's later queue call fails.
 */
function publishStatements(deps: Pick<Deps, 'db' | 'now'>, eventId: string, idle: readonly string[]) {
  const at = deps.now();
  const publish = deps.db
    .update(outboxEvents)
    .set({ publishedAt: at, claimedUntil: null })
    .where(and(eq(outboxEvents.id, eventId), isNull(outboxEvents.publishedAt)));
  if (idle.length === 0) return [publish] as const;
  const recorded = deps.db
    .insert(eventDeliveries)
    .values(idle.map((subscriber) => ({ eventId, subscriber, deliveredAt: at })))
    .onConflictDoNothing();
  return [recorded, publish] as const;
}

/**
 * `mayAct` for the event, and what handle's success would have left where it is false (the delivery
 * record), decided by the same expression in the same transaction.
 */
function mayActStatements(deps: Pick<Deps, 'db' | 'now'>, eventId: string, name: string, mayAct: string) {
  return [
    deps.db
      .select({ may: sql<number>`(${sql.raw(mayAct)})` })
      .from(outboxEvents)
      .where(eq(outboxEvents.id, eventId)),
    deps.db
      .insert(eventDeliveries)
      .select(
        deps.db
          .select({
            eventId: outboxEvents.id,
            subscriber: sql<string>`${name}`.as('subscriber'),
            deliveredAt: sql<number>`${deps.now().getTime()}`.as('delivered_at'),
          })
          .from(outboxEvents)
          .where(and(eq(outboxEvents.id, eventId), sql`NOT (${sql.raw(mayAct)})`)),
      )
      .onConflictDoNothing(),
  ] as const;
}

/** The cron's sweep: hands on whatever a request's relay missed. */
export const relaySweepJob = defineJob({
  type: 'event.relay',
  schema: z.object({ at: z.number() }),
  retry: { baseSeconds: 10, capSeconds: 60, maxAttempts: 3 },
  handle: async (_payload, deps) => {
    await relayOutbox(deps);
  },
});

/** Published events and their delivery records leave after 30 days (CONTRACT: the log keeps 30 days). */
export const purgeEventsJob = defineJob({
  type: 'event.purge',
  schema: z.object({ at: z.number() }),
  handle: async ({ at }, deps) => {
    const before = at - EVENT_RETENTION_DAYS * 86_400_000;
    const [events, deliveries] = await deps.d1.batch([
      deps.d1.prepare('DELETE FROM outbox_events WHERE published_at IS NOT NULL AND created_at < ?').bind(before),
      deps.d1.prepare('DELETE FROM event_deliveries WHERE delivered_at < ?').bind(before),
    ]);
    deps.log.info('events purged', { events: events?.meta.changes ?? 0, deliveries: deliveries?.meta.changes ?? 0 });
  },
});

export const EVENT_JOBS = [deliverEventJob, relaySweepJob, purgeEventsJob];
