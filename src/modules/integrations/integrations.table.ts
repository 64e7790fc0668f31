import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A hotel's booking-engine and OTA switches (GET/PUT /api/v1/hotels/{hotel_id}/integrations). A null
 * column follows the deployment's default (BOOKING_ENGINE_CACHE_TTL, OTA_SYNC_INTERVAL, …), so a hotel
 * that never set a value moves with the deployment. The payment gateway part is not here: it lives in
 * hotel_payment_settings and payment_connections, its one source of truth.
 */
export const hotelIntegrations = sqliteTable('hotel_integrations', {
  hotelId: text('hotel_id').primaryKey(),
  bookingEngineEnabled: integer('booking_engine_enabled', { mode: 'boolean' }).notNull().default(true),
  /** Seconds a search result is cached. */
  bookingEngineCacheTtl: integer('booking_engine_cache_ttl'),
  /** Milliseconds the booking path waits for the payment gateway. */
  bookingEngineTimeoutMs: integer('booking_engine_timeout_ms'),
  otaEnabled: integer('ota_enabled', { mode: 'boolean' }).notNull().default(true),
  /** The channel providers this hotel may connect; null = every one the deployment supports. */
  otaProviders: text('ota_providers', { mode: 'json' }).$type<string[]>(),
  /** Default pull interval (seconds) of the hotel's new channels. */
  otaSyncInterval: integer('ota_sync_interval'),
  /** Default `auto_accept` of the hotel's new channels. */
  otaAutoAccept: integer('ota_auto_accept', { mode: 'boolean' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export type HotelIntegrationsRow = typeof hotelIntegrations.$inferSelect;
