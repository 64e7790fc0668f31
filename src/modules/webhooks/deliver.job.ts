import { z } from 'zod';
import type { Deps } from '../../deps';
import { newId } from '../../lib/ids';
import { defineJob, type RetryPolicy, retryDelaySeconds } from '../../lib/job';
import { type AuditActor, auditStatement, markAudited } from '../audit/audit';
import { commitChange } from '../events/commit';
import { liveSecrets } from './endpoints.service';
import { deliveryHeaders } from './signing';
import { checkWebhookUrl } from './url-policy';
import type { WebhookDeliveryRow, WebhookEndpointRow } from './webhooks.table';

export /** Longer than an attempt can take (timeout for headers, then for the body), so a live claim is never stolen. */
const ATTEMPT_CLAIM_MS = 60_000;
const DELIVERY_TIMEOUT_MS = 10_000;
const RESPONSE_KEEP_BYTES = 1024;
/** An endpoint whose every delivery failed for this long is switched off. */
export const DISABLE_AFTER_MS = 5 * 86_400_000;

/**
 * The schedule between attempts: ×5 from WEBHOOK_RETRY_BASE_SECONDS with equal jitter, capped at
 * 12 h (the longest delay Queues accept). At the default 30 s the 7 gaps average about 23 h.
 */
export function webhookRetryPolicy(baseSeconds: number): RetryPolicy {
  return { baseSeconds, factor: 5, capSeconds: 43_200, maxAttempts: 8 };
}

const Payload = z.object({ delivery_id: z.string().min(1), attempt: z.number().int().min(1) });

type Outcome = {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  body: string | null;
  ok: boolean;
  /** Not sent at all (endpoint disabled, URL refused): retrying cannot help, the delivery dies now. */
  permanent?: boolean;
};

/**
 * One attempt of one delivery. The job runs only for the attempt the row expects, so a duplicate or
 * stale message does nothing. It records the attempt, then either marks the delivery delivered, dead
 * (its schedule is spent) or queues the next attempt after the backoff. A crash after a 2xx but
 * before the record leaves the row as it was: the queue retries, with the same `webhook-id`.
 */
export const deliverWebhookJob = defineJob({
  type: 'webhook.deliver',
  schema: Payload,
  handle: async ({ delivery_id, attempt }, deps) => {
    const found = await deps.d1
      .prepare(
        `SELECT d.id AS delivery_id, d.event_id, d.hotel_id AS delivery_hotel_id, d.payload, d.status, d.attempts, d.schedule_start, d.max_attempts,
                e.id, e.url, e.enabled, e.secret, e.previous_secret, e.previous_secret_expires_at, e.failing_since,
                e.hotel_ids
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ?`,
      )
      .bind(delivery_id)
      .first<Record<string, unknown>>();
    // Gone with its endpoint, or this attempt already ran: nothing to do.
    if (found?.status !== 'pending' || found.attempts !== attempt - 1) return;
    // Two copies of one attempt (the sweep re-queued it, or the queue delivered twice) must not both
    // send: claim it first; a claim outlives the attempt's timeouts and lapses if its worker died.
    const claimedAt = deps.now().getTime();
    const claim = await deps.d1
      .prepare(
        `UPDATE webhook_deliveries SET claim_expires_at = ?
         WHERE id = ? AND status = 'pending' AND attempts = ? AND (claim_expires_at IS NULL OR claim_expires_at < ?)
         RETURNING id`,
      )
      .bind(claimedAt + ATTEMPT_CLAIM_MS, delivery_id, attempt - 1, claimedAt)
      .first();
    if (!claim) return;
    const endpoint = endpointOf(found);
    const delivery = {
      id: delivery_id,
      eventId: String(found.event_id),
      hotelId: (found.delivery_hotel_id as string | null) ?? null,
      payload: String(found.payload),
      scheduleStart: Number(found.schedule_start),
      maxAttempts: Number(found.max_attempts),
    };
    const now = deps.now();
    try {
      const outcome = await attemptDelivery(deps, endpoint, delivery, now);
      await record(deps, endpoint, delivery, attempt, outcome, now);
    } catch (err) {
      // Not recorded (e.g. D1 failed after the receiver answered): free the claim so the queue's retry
      // sends this attempt again, under the same webhook-id. If even this fails, the claim lapses.
      await deps.d1
        .prepare('UPDATE webhook_deliveries SET claim_expires_at = NULL WHERE id = ? AND attempts = ?')
        .bind(delivery_id, attempt - 1)
        .run()
        .catch(() => {});
      throw err;
    }
  },
});

function endpointOf(r: Record<string, unknown>) {
  const expires = r.previous_secret_expires_at;
  return {
    id: String(r.id),
    url: String(r.url),
    enabled: r.enabled === 1,
    secret: String(r.secret),
    previousSecret: (r.previous_secret as string | null) ?? null,
    previousSecretExpiresAt: typeof expires === 'number' ? new Date(expires) : null,
    failingSince: typeof r.failing_since === 'number' ? new Date(r.failing_since) : null,
    hotelIds: r.hotel_ids ? (JSON.parse(String(r.hotel_ids)) as string[]) : null,
  };
}
type Endpoint = ReturnType<typeof endpointOf>;
type Delivery = Pick<WebhookDeliveryRow, 'id' | 'eventId' | 'hotelId' | 'payload' | 'scheduleStart' | 'maxAttempts'>;

async function attemptDelivery(deps: Deps, endpoint: Endpoint, delivery: Delivery, now: Date): Promise<Outcome> {
  const refused = (error: string): Outcome => ({
    statusCode: null,
    latencyMs: 0,
    error,
    body: null,
    ok: false,
    permanent: true,
  });
  if (!endpoint.enabled) return refused('endpoint disabled');
  // Checked again at every attempt: the rules may be stricter than when the endpoint was saved.
  const verdict = checkWebhookUrl(endpoint.url, deps.config.ENVIRONMENT);
  if (!verdict.ok) return refused(verdict.reason);
  const headers = deliveryHeaders({
    eventId: delivery.eventId,
    body: delivery.payload,
    at: now,
    secrets: liveSecrets(endpoint as unknown as WebhookEndpointRow, now),
  });
  const result = await deps.outbound({
    service: 'webhook',
    hotelId: delivery.hotelId,
    url: endpoint.url,
    method: 'POST',
    headers,
    body: delivery.payload,
    timeoutMs: DELIVERY_TIMEOUT_MS,
    followRedirects: false,
    paceKey: endpoint.id,
  });
  if (!result.ok) return { statusCode: null, latencyMs: result.durationMs, error: result.error, body: null, ok: false };
  // The body gets what is left of the attempt's timeout: a receiver that stalls after its headers
  // cannot hold the consumer (the outbound signal aborts a real body then; the race covers any fetch).
  const body = await firstBytes(result.response, RESPONSE_KEEP_BYTES, Math.max(0, result.bodyDeadline - Date.now()));
  const ok = result.outcome === 'ok';
  return {
    statusCode: result.status,
    latencyMs: result.durationMs,
    error: ok ? null : `HTTP ${result.status}`,
    body,
    ok,
  };
}

/** The first `limit` bytes of a body as text, read for at most `withinMs`, without reading the rest. */
async function firstBytes(response: Response, limit: number, withinMs: number): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), withinMs);
  });
  try {
    while (size < limit) {
      const next = await Promise.race([reader.read(), late]);
      if (next === 'late' || next.done) break;
      chunks.push(next.value);
      size += next.value.byteLength;
    }
  } catch {
    // A receiver that resets mid-body, or whose body outlived the timeout, still answered with its
    // status; keep what arrived.
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return new TextDecoder().decode(all.slice(0, limit));
}

async function record(deps: Deps, endpoint: Endpoint, delivery: Delivery, attempt: number, o: Outcome, now: Date) {
  const spent = attempt >= delivery.maxAttempts || o.permanent === true;
  const delay = o.ok || spent ? null : nextDelaySeconds(deps, attempt - delivery.scheduleStart);
  const nextAt = delay === null ? null : new Date(now.getTime() + delay * 1000);
  const status = o.ok ? 'delivered' : spent ? 'dead' : 'pending';
  const at = now.getTime();
  // The exchange is recorded against the receiving endpoint, with the attempt row (once: a duplicate
  // attempt row is ignored, so is its audit row, written ahead of it under the same condition).
  const receiver: AuditActor = { ...deps.actor, type: 'webhook', id: endpoint.id };
  const audit = auditStatement(
    deps.d1,
    receiver,
    {
      hotelId: delivery.hotelId,
      action: 'webhook_delivery.attempted',
      entityType: 'webhook_delivery',
      entityId: delivery.id,
      after: {
        endpoint_id: endpoint.id,
        event_id: delivery.eventId,
        attempt,
        status_code: o.statusCode,
        error: o.error,
        delivery_status: status,
      },
      outcome: o.ok ? 'success' : 'failed',
      status: o.statusCode,
    },
    now,
    {
      sql: 'NOT EXISTS (SELECT 1 FROM webhook_attempts WHERE delivery_id = ? AND attempt = ?)',
      params: [delivery.id, attempt],
    },
  );
  await deps.d1.batch([
    audit,
    deps.d1
      .prepare(
        `INSERT OR IGNORE INTO webhook_attempts
           (id, delivery_id, attempt, attempted_at, status_code, latency_ms, error, response_body, next_retry_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        newId('webhookAttempt'),
        delivery.id,
        attempt,
        at,
        o.statusCode,
        o.latencyMs,
        o.error,
        o.body,
        nextAt?.getTime() ?? null,
      ),
    deps.d1
      .prepare(
        `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?,
           claim_expires_at = NULL
         WHERE id = ? AND attempts = ?`,
      )
      .bind(status, attempt, nextAt?.getTime() ?? null, o.error, at, delivery.id, attempt - 1),
    o.ok
      ? deps.d1.prepare('UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ?').bind(endpoint.id)
      : deps.d1
          .prepare('UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?) WHERE id = ?')
          .bind(at, endpoint.id),
  ]);
  markAudited(receiver);
  if (delay !== null) {
    await deps.jobs.send(deliverWebhookJob.message({ delivery_id: delivery.id, attempt: attempt + 1 }), {
      delaySeconds: delay,
    });
  }
  if (!o.ok && endpoint.enabled && endpoint.failingSince && at - endpoint.failingSince.getTime() >= DISABLE_AFTER_MS) {
    await disableFailingEndpoint(deps, endpoint, now);
  }
  deps.log.info('webhook attempt', {
    delivery_id: delivery.id,
    endpoint_id: endpoint.id,
    attempt,
    status: o.statusCode,
    outcome: status,
  });
}

function nextDelaySeconds(deps: Deps, attemptInSchedule: number): number {
  return retryDelaySeconds(webhookRetryPolicy(deps.config.WEBHOOK_RETRY_BASE_SECONDS), attemptInSchedule);
}

/**
 * Switches off an endpoint that failed every delivery for 5 days and records `webhook_endpoint.disabled`
 * (one per hotel it served, `*` for an all-hotel endpoint) through the change path. The UPDATE is
 * guarded on `enabled`, so of two failures racing here at most one changes the row.
 */
async function disableFailingEndpoint(deps: Deps, endpoint: Endpoint, now: Date): Promise<void> {
  const hotelIds = endpoint.hotelIds ?? ['*'];
  const data = {
    id: endpoint.id,
    reason: 'failing' as const,
    failing_since: endpoint.failingSince?.toISOString() ?? now.toISOString(),
    disabled_at: now.toISOString(),
  };
  const still = await deps.d1
    .prepare('SELECT enabled FROM webhook_endpoints WHERE id = ?')
    .bind(endpoint.id)
    .first<{ enabled: number }>();
  if (still?.enabled !== 1) return;
  await commitChange(deps, {
    hotelId: hotelIds[0] ?? '*',
    session: deps.d1,
    statements: [
      deps.d1
        .prepare(
          `UPDATE webhook_endpoints SET enabled = 0, disabled_reason = 'failing', updated_at = ? WHERE id = ? AND enabled = 1`,
        )
        .bind(now.getTime(), endpoint.id),
    ],
    events: hotelIds.map((hotelId) => ({
      type: 'webhook_endpoint.disabled' as const,
      hotelId,
      subjectId: endpoint.id,
      data,
    })),
    affectsAvailability: false,
  });
  deps.log.warn('webhook endpoint disabled', { endpoint_id: endpoint.id });
}
