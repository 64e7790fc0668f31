import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Integration calls summed per minute: one row per (minute, integration, direction, hotel), written by one
 * UPSERT per call (metrics.recorder.ts). `integration` is the outbound client's service name (`square`,
 * `ota:<provider>`, `webhook`, `email`) or an inbound partner route (`square_webhooks`, `ota_push`);
 * `hotel_id` is `*` when the call belongs to no one hotel. The latency histogram's bucket bounds are
 * LATENCY_BOUNDS_MS (metrics.rules.ts): `lat_25` counts calls of at most 25 ms, `lat_inf` the slower rest.
 * Purged after METRICS_RETENTION_DAYS.
 */
export const integrationMetrics = sqliteTable(
  'integration_metrics',
  {
    bucket: integer('bucket').notNull(),
    integration: text('integration').notNull(),
    direction: text('direction', { enum: ['outbound', 'inbound'] }).notNull(),
    hotelId: text('hotel_id').notNull(),
    requests: integer('requests').notNull(),
    errors: integer('errors').notNull(),
    latencyTotalMs: integer('latency_total_ms').notNull(),
    latencyMaxMs: integer('latency_max_ms').notNull(),
    lat25: integer('lat_25').notNull().default(0),
    lat50: integer('lat_50').notNull().default(0),
    lat100: integer('lat_100').notNull().default(0),
    lat250: integer('lat_250').notNull().default(0),
    lat500: integer('lat_500').notNull().default(0),
    lat1000: integer('lat_1000').notNull().default(0),
    lat2500: integer('lat_2500').notNull().default(0),
    lat5000: integer('lat_5000').notNull().default(0),
    lat10000: integer('lat_10000').notNull().default(0),
    latInf: integer('lat_inf').notNull().default(0),
    lastSuccessAt: integer('last_success_at'),
    lastErrorAt: integer('last_error_at'),
    /** Short and redacted: a status, a timeout, an error name — never a body, header or URL. */
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.integration, t.direction, t.hotelId] }),
    index('integration_metrics_hotel').on(t.hotelId, t.bucket),
  ],
);

/**
 * Work waiting, sampled every minute: one `*` row with the platform's totals at every sample (the
 * timeline), and one row per hotel that has anything waiting (a hotel missing at a sample had none).
 */
export const integrationBacklog = sqliteTable(
  'integration_backlog',
  {
    t: integer('t').notNull(),
    hotelId: text('hotel_id').notNull(),
    outboxPending: integer('outbox_pending').notNull(),
    webhookDeliveriesPending: integer('webhook_deliveries_pending').notNull(),
    emailsPending: integer('emails_pending').notNull(),
    channelAriDirty: integer('channel_ari_dirty').notNull(),
    deadLetters: integer('dead_letters').notNull(),
  },
  (t) => [primaryKey({ columns: [t.t, t.hotelId] }), index('integration_backlog_hotel').on(t.hotelId, t.t)],
);

export type IntegrationMetricRow = typeof integrationMetrics.$inferSelect;
export type IntegrationBacklogRow = typeof integrationBacklog.$inferSelect;
