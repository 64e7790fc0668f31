import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * A subscriber's HTTPS endpoint. The signing secret must stay usable for signing, so it is stored as
 * it is (never hashed), returned only on creation and rotation, and never logged. After a rotation the
 * old secret signs too until `previous_secret_expires_at` (24 h), so receivers can switch over.
 */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    url: text('url').notNull(),
    /** Exact event types, `prefix.*` or `*`. */
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    /** null = every hotel (only a credential for every hotel may create such an endpoint). */
    hotelIds: text('hotel_ids', { mode: 'json' }).$type<string[] | null>(),
    description: text('description'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    /** Why it is disabled: `manual`, or `failing` when every delivery failed for 5 days. */
    disabledReason: text('disabled_reason', { enum: ['manual', 'failing'] }),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: integer('previous_secret_expires_at', { mode: 'timestamp_ms' }),
    /** The first failed attempt since the last success; null while deliveries succeed. */
    failingSince: integer('failing_since', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('webhook_endpoints_enabled').on(t.enabled)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event to one endpoint, with its own retry schedule. The body is frozen when the delivery is
 * made, so every attempt (and a manual retry) sends the same bytes under the same `webhook-id`.
 * `(event_id, endpoint_id)` is unique: a repeated hand-off of an event creates nothing twice.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    hotelId: text('hotel_id'),
    payload: text('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull(),
    /** The attempt count when the current schedule began (0, or when a manual retry/replay restarted it). */
    scheduleStart: integer('schedule_start').notNull(),
    maxAttempts: integer('max_attempts').notNull(),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
    /** An attempt in progress holds the row until then (see deliver.job.ts): two copies never both send. */
    claimExpiresAt: integer('claim_expires_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_endpoint').on(t.eventId, t.endpointId),
    index('webhook_deliveries_endpoint').on(t.endpointId, t.id),
    index('webhook_deliveries_created').on(t.createdAt),
    index('webhook_deliveries_due').on(t.status, t.nextAttemptAt),
  ],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Every HTTP attempt of a delivery, for the deliveries API. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    attemptedAt: integer('attempted_at', { mode: 'timestamp_ms' }).notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    /** The first 1 KB of the receiver's answer. */
    responseBody: text('response_body'),
    nextRetryAt: integer('next_retry_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('webhook_attempts_delivery').on(t.deliveryId, t.attempt)],
);

export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
