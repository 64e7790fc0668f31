import type { Config } from '../../config';
import { CHANNEL_PROVIDERS } from '../channels/channels.table';
import type { HotelIntegrationsRow } from './integrations.table';

/** The booking-engine and OTA parts of a hotel's configuration, with the deployment's defaults filled in. */
export type EffectiveIntegrations = {
  booking_engine: { enabled: boolean; cache_ttl: number; timeout: number };
  ota_integration: { enabled: boolean; providers: string[]; sync_interval: number; auto_accept: boolean };
};

type Defaults = Pick<
  Config,
  | 'BOOKING_ENGINE_CACHE_TTL'
  | 'PAYMENT_GATEWAY_TIMEOUT_MS'
  | 'OTA_INTEGRATION_ENABLED'
  | 'OTA_SYNC_INTERVAL'
  | 'OTA_AUTO_ACCEPT'
>;

/**
 * A hotel's row over the deployment's defaults. OTA is on only where the deployment has it on
 * (OTA_INTEGRATION_ENABLED) and the hotel has not turned it off; a hotel cannot turn on what the
 * deployment has off.
 */
export function effectiveIntegrations(row: HotelIntegrationsRow | null, config: Defaults): EffectiveIntegrations {
  return {
    booking_engine: {
      enabled: row?.bookingEngineEnabled ?? true,
      cache_ttl: row?.bookingEngineCacheTtl ?? config.BOOKING_ENGINE_CACHE_TTL,
      timeout: row?.bookingEngineTimeoutMs ?? config.PAYMENT_GATEWAY_TIMEOUT_MS,
    },
    ota_integration: {
      enabled: config.OTA_INTEGRATION_ENABLED && (row?.otaEnabled ?? true),
      providers: row?.otaProviders ?? [...CHANNEL_PROVIDERS],
      sync_interval: row?.otaSyncInterval ?? config.OTA_SYNC_INTERVAL,
      auto_accept: row?.otaAutoAccept ?? config.OTA_AUTO_ACCEPT,
    },
  };
}

/**
 * A `hotel_integrations` row as D1 returns it (column names, SQLite values), read by `SELECT *` here and
 * as a JSON object inside the search's one statement (src/modules/availability/stay-data.ts).
 */
export function integrationsRowOf(hotelId: string, row: Record<string, unknown>): HotelIntegrationsRow {
  const bool = (v: unknown) => (v === null ? null : Boolean(v));
  return {
    hotelId,
    bookingEngineEnabled: Boolean(row.booking_engine_enabled),
    bookingEngineCacheTtl: row.booking_engine_cache_ttl as number | null,
    bookingEngineTimeoutMs: row.booking_engine_timeout_ms as number | null,
    otaEnabled: Boolean(row.ota_enabled),
    otaProviders: row.ota_providers === null ? null : (JSON.parse(row.ota_providers as string) as string[]),
    otaSyncInterval: row.ota_sync_interval as number | null,
    otaAutoAccept: bool(row.ota_auto_accept),
    updatedAt: new Date(row.updated_at as number),
  };
}

/** `{a: {b: 1}}` → `{'a.b': 1}`, so the audit diff names each field that changed. */
export function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${key}.`));
    } else {
      out[`${prefix}${key}`] = v;
    }
  }
  return out;
}
