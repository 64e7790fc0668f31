import { and, asc, desc, eq, gt, gte, isNotNull, lt, lte } from 'drizzle-orm';
import { inList, statementOf } from '../../db';
import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { iso } from '../../lib/schemas';
import { auditStatement, batchAudited, markAudited } from '../audit/audit';
import { entriesPerHotel } from '../audit/audit-entries';
import type { EventEnvelope } from '../events/events.schema';
import { envelopeOf } from '../events/events.service';
import { outboxEvents } from '../events/outbox.table';
import { matches } from '../events/subscribers';
import { deliverWebhookJob } from './deliver.job';
import { getEndpoint } from './endpoints.service';
import {
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from './webhooks.table';

/** Attempts in one schedule: the first, then 7 retries over about a day at the default base. */
export const ATTEMPTS_PER_SCHEDULE = 8;
/** Events one replay call schedules at most; `more` tells the caller to continue from later. */
export const REPLAY_LIMIT = 500;

type DeliveryDeps = Pick<Deps, 'db' | 'd1' | 'jobs' | 'now' | 'actor'>;

/** An endpoint hears an event when one of its patterns matches the type and the hotel is one of its own. */
export function endpointWants(endpoint: Pick<WebhookEndpointRow, 'events' | 'hotelIds'>, event: EventEnvelope) {
  const hotelOk = endpoint.hotelIds === null || endpoint.hotelIds.includes(event.hotel_id);
  return hotelOk && endpoint.events.some((p) => matches(p, event.type));
}

function deliveryRow(endpointId: string, event: EventEnvelope, now: Date): WebhookDeliveryRow {
  return {
    id: newId('webhookDelivery'),
    endpointId,
    eventId: event.id,
    eventType: event.type,
    hotelId: event.hotel_id,
    payload: JSON.stringify(event),
    status: 'pending',
    attempts: 0,
    scheduleStart: 0,
    maxAttempts: ATTEMPTS_PER_SCHEDULE,
    nextAttemptAt: now,
    claimExpiresAt: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Creates the deliveries of `events` to `endpoints` (each pair once: a repeated hand-off changes
 * nothing) and queues the first attempt of every delivery that has not been tried yet. Queuing a first
 * attempt twice is harmless: the job runs only for the attempt the row expects.
 */
async function createDeliveries(
  deps: DeliveryDeps,
  pairs: { endpoint: WebhookEndpointRow; event: EventEnvelope }[],
): Promise<number> {
  if (pairs.length === 0) return 0;
  const now = deps.now();
  const rows = pairs.map(({ endpoint, event }) => deliveryRow(endpoint.id, event, now));
  // D1 binds at most 100 parameters per statement: as many rows as fit, all in one batch.
  const perStatement = Math.max(1, Math.floor(100 / Object.keys(rows[0] ?? {}).length));
  const inserts = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    inserts.push(
      deps.db
        .insert(webhookDeliveries)
        .values(rows.slice(i, i + perStatement))
        .onConflictDoNothing(),
    );
  }
  const [first, ...rest] = inserts;
  if (first) await deps.db.batch([first, ...rest]);
  const eventIds = [...new Set(rows.map((r) => r.eventId))];
  const fresh = await deps.db
    .select({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId })
    .from(webhookDeliveries)
    .where(
      and(
        inList(webhookDeliveries.eventId, eventIds),
        eq(webhookDeliveries.attempts, 0),
        eq(webhookDeliveries.status, 'pending'),
      ),
    );
  const wanted = new Set(pairs.map((p) => p.endpoint.id));
  const jobs = fresh
    .filter((d) => wanted.has(d.endpointId))
    .map((d) => deliverWebhookJob.message({ delivery_id: d.id, attempt: 1 }));
  await deps.jobs.sendBatch(jobs);
  return jobs.length;
}

/** The webhooks subscriber: one delivery per enabled endpoint that wants the event. */
export async function fanOut(deps: DeliveryDeps, event: EventEnvelope): Promise<void> {
  // An endpoint created after the event does not hear it (webhooks.subscriber.ts): it gets no delivery
  // whether or not another endpoint's made this job exist.
  const endpoints = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), lte(webhookEndpoints.createdAt, new Date(event.created_at))));
  const pairs = endpoints.filter((e) => endpointWants(e, event)).map((endpoint) => ({ endpoint, event }));
  await createDeliveries(deps, pairs);
}

/** A `ping` to one endpoint, outside the event log, so a subscriber can check its receiver and signature check. */
export async function sendPing(deps: DeliveryDeps, p: Principal, endpointId: string): Promise<WebhookDeliveryRow> {
  const endpoint = await getEndpoint(deps, p, endpointId);
  if (!endpoint.enabled) throw new AppError('invalid_state', 'The endpoint is disabled; enable it before testing it.');
  const now = deps.now();
  const event = {
    id: newId('event'),
    type: 'ping',
    created_at: now.toISOString(),
    hotel_id: null,
    data: { endpoint_id: endpoint.id },
  };
  const row = { ...deliveryRow(endpoint.id, event as unknown as EventEnvelope, now), hotelId: null };
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.insert(webhookDeliveries).values(row))],
    entriesPerHotel(endpoint.hotelIds, {
      action: 'webhook_endpoint.pinged',
      entityType: 'webhook_endpoint',
      entityId: endpoint.id,
      after: { delivery_id: row.id },
    }),
  );
  await deps.jobs.send(deliverWebhookJob.message({ delivery_id: row.id, attempt: 1 }));
  return row;
}

/** Starts a fresh schedule of attempts for a delivery (after it died, or to send a delivered one again). */
function restart(deps: DeliveryDeps, row: WebhookDeliveryRow) {
  const now = deps.now();
  return deps.db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      scheduleStart: row.attempts,
      maxAttempts: row.attempts + ATTEMPTS_PER_SCHEDULE,
      nextAttemptAt: now,
      updatedAt: now,
    })
    .where(and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.attempts, row.attempts)));
}

export async function retryDelivery(deps: DeliveryDeps, p: Principal, deliveryId: string): Promise<WebhookDeliveryRow> {
  const row = await deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get();
  if (!row) throw notFound('Webhook delivery', deliveryId);
  try {
    await getEndpoint(deps, p, row.endpointId);
  } catch {
    throw notFound('Webhook delivery', deliveryId);
  }
  if (row.status === 'pending') {
    throw new AppError('invalid_state', 'The delivery is still being retried; see next_attempt_at.');
  }
  // The audit row goes first, under the restart's own guard: only a restart that happened is recorded.
  const guard = {
    sql: 'EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = ? AND attempts = ?)',
    params: [row.id, row.attempts],
  };
  const entry = {
    hotelId: row.hotelId,
    action: 'webhook_delivery.retried',
    entityType: 'webhook_delivery',
    entityId: row.id,
    before: { status: row.status },
    after: { status: 'pending' },
  };
  const results = await deps.d1.batch([
    auditStatement(deps.d1, deps.actor, entry, deps.now(), guard),
    statementOf(deps.d1, restart(deps, row)),
  ]);
  if (results.at(-1)?.meta.changes !== 1) {
    throw new AppError('conflict', 'The delivery changed at the same moment; try again.');
  }
  markAudited(deps.actor);
  await deps.jobs.send(deliverWebhookJob.message({ delivery_id: row.id, attempt: row.attempts + 1 }));
  return { ...row, status: 'pending', scheduleStart: row.attempts, maxAttempts: row.attempts + ATTEMPTS_PER_SCHEDULE };
}

/**
 * Sends every event committed since `since` that the endpoint wants again, in commit order: new
 * deliveries for events it never got, a fresh schedule for those it got or gave up on. At most
 * REPLAY_LIMIT events a call; with `more`, the next call passes `after: next_after` (the last event
 * this call looked at), so pages follow commit order (`seq`) and never repeat or skip an event, however
 * many share one instant.
 */
export async function replay(
  deps: DeliveryDeps,
  p: Principal,
  endpointId: string,
  since: Date,
  after?: string,
): Promise<{ deliveries: number; more: boolean; next_after: string | null }> {
  const endpoint = await getEndpoint(deps, p, endpointId);
  if (!endpoint.enabled) throw new AppError('invalid_state', 'The endpoint is disabled; enable it before a replay.');
  const where = [gte(outboxEvents.createdAt, since), isNotNull(outboxEvents.seq)];
  if (endpoint.hotelIds) where.push(inList(outboxEvents.hotelId, endpoint.hotelIds));
  if (after) {
    const from = await deps.db
      .select({ seq: outboxEvents.seq })
      .from(outboxEvents)
      .where(eq(outboxEvents.id, after))
      .get();
    if (from?.seq == null) {
      throw new AppError('validation_failed', 'No event with that id is in the log.', {
        errors: [{ path: 'after', message: 'unknown or purged event' }],
      });
    }
    where.push(gt(outboxEvents.seq, from.seq));
  }
  const rows = await deps.db
    .select()
    .from(outboxEvents)
    .where(and(...where))
    .orderBy(asc(outboxEvents.seq))
    .limit(REPLAY_LIMIT + 1);
  const page = rows.slice(0, REPLAY_LIMIT);
  const events = page.map(envelopeOf).filter((e) => endpointWants(endpoint, e));
  const existing = events.length
    ? await deps.db
        .select()
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.endpointId, endpoint.id),
            inList(
              webhookDeliveries.eventId,
              events.map((e) => e.id),
            ),
          ),
        )
    : [];
  const done = existing.filter((d) => d.status !== 'pending');
  // One batch for every restart, not a query each.
  const [firstRestart, ...moreRestarts] = done.map((d) => restart(deps, d));
  if (firstRestart) await deps.db.batch([firstRestart, ...moreRestarts]);
  await deps.jobs.sendBatch(done.map((d) => deliverWebhookJob.message({ delivery_id: d.id, attempt: d.attempts + 1 })));
  const known = new Set(existing.map((d) => d.eventId));
  const created = await createDeliveries(
    deps,
    events.filter((e) => !known.has(e.id)).map((event) => ({ endpoint, event })),
  );
  const more = rows.length > REPLAY_LIMIT;
  return { deliveries: done.length + created, more, next_after: more ? (page.at(-1)?.id ?? null) : null };
}

export async function listDeliveries(
  deps: Pick<Deps, 'db'>,
  p: Principal,
  endpointId: string,
  query: { limit: number; cursor?: string },
) {
  await getEndpoint(deps, p, endpointId);
  const where = [eq(webhookDeliveries.endpointId, endpointId)];
  if (query.cursor) where.push(lt(webhookDeliveries.id, query.cursor));
  const rows = await deps.db
    .select()
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  return withAttempts(deps, rows);
}

/** One delivery as the API shows it, with its attempts (after the checks of the caller). */
export async function deliveryView(deps: Pick<Deps, 'db'>, deliveryId: string) {
  const row = await deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get();
  if (!row) throw notFound('Webhook delivery', deliveryId);
  const [view] = await withAttempts(deps, [row]);
  return view as NonNullable<typeof view>;
}

async function withAttempts(deps: Pick<Deps, 'db'>, rows: WebhookDeliveryRow[]) {
  const attempts = rows.length
    ? await deps.db
        .select()
        .from(webhookAttempts)
        .where(
          inList(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(webhookAttempts.attempt))
    : [];
  return rows.map((r) => ({
    id: r.id,
    endpoint_id: r.endpointId,
    event_id: r.eventId,
    event_type: r.eventType,
    hotel_id: r.hotelId,
    status: r.status,
    next_attempt_at: r.status === 'pending' ? iso(r.nextAttemptAt) : null,
    last_error: r.lastError,
    created_at: r.createdAt.toISOString(),
    attempts: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({
        attempt: a.attempt,
        attempted_at: a.attemptedAt.toISOString(),
        status_code: a.statusCode,
        latency_ms: a.latencyMs,
        error: a.error,
        response_body: a.responseBody,
        next_retry_at: iso(a.nextRetryAt),
      })),
  }));
}
