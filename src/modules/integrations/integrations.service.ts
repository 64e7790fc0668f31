import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { errorFields } from '../../lib/log';
import type { AuditEntry } from '../audit/audit';
import { hotels } from '../catalog/catalog.table';
import { ariPushJob } from '../channels/ari-push/push.job';
import { type CommitDeps, commitChange } from '../events/commit';
import { hotelPaymentSettings, paymentConnections } from '../payments/payments.table';
import { type EffectiveIntegrations, effectiveIntegrations, flatten, integrationsRowOf } from './integrations.rules';
import type { IntegrationsBody } from './integrations.schema';
import type { HotelIntegrationsRow } from './integrations.table';

type IntegrationsDeps = CommitDeps & Pick<Deps, 'db' | 'config'>;

export type IntegrationsJson = EffectiveIntegrations & {
  payment_gateway: {
    provider: 'square';
    enabled: boolean;
    account: 'hotel' | 'platform';
    location_id: string | null;
    access_token_set: boolean;
  };
};

/** The hotel's row, or null when it never set anything (every value is then the deployment's default). */
export async function hotelIntegrationsRow(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
): Promise<HotelIntegrationsRow | null> {
  const row = await d1
    .prepare('SELECT * FROM hotel_integrations WHERE hotel_id = ?')
    .bind(hotelId)
    .first<Record<string, unknown>>();
  return row ? integrationsRowOf(hotelId, row) : null;
}

/** A hotel's effective booking-engine and OTA settings (one D1 read). */
export async function integrationsOf(
  deps: Pick<Deps, 'config'>,
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
): Promise<EffectiveIntegrations> {
  return effectiveIntegrations(await hotelIntegrationsRow(d1, hotelId), deps.config);
}

/** Refuses the booking engine's search and booking for a hotel that turned it off. */
export function assertBookingEngineOn(settings: EffectiveIntegrations, hotelId: string): void {
  if (!settings.booking_engine.enabled) {
    throw new AppError('invalid_state', `The booking engine is turned off for hotel ${hotelId}.`);
  }
}

export async function getIntegrations(deps: IntegrationsDeps, hotelId: string): Promise<IntegrationsJson> {
  const [hotel] = await deps.db.select({ id: hotels.id }).from(hotels).where(eq(hotels.id, hotelId));
  if (!hotel) throw notFound('Hotel', hotelId);
  const [row, settings, connection] = await Promise.all([
    hotelIntegrationsRow(deps.d1, hotelId),
    deps.db
      .select({ enabled: hotelPaymentSettings.paymentsEnabled })
      .from(hotelPaymentSettings)
      .where(eq(hotelPaymentSettings.hotelId, hotelId))
      .get(),
    deps.db
      .select({ status: paymentConnections.status, locationId: paymentConnections.locationId })
      .from(paymentConnections)
      .where(eq(paymentConnections.hotelId, hotelId))
      .get(),
  ]);
  const own = connection !== undefined && connection.status !== 'revoked';
  return {
    ...effectiveIntegrations(row, deps.config),
    payment_gateway: {
      provider: deps.config.PAYMENT_GATEWAY_PROVIDER,
      enabled: settings?.enabled ?? true,
      account: own ? 'hotel' : 'platform',
      location_id: own ? (connection.locationId ?? null) : (deps.config.PAYMENT_GATEWAY_LOCATION_ID ?? null),
      access_token_set: own || deps.config.PAYMENT_GATEWAY_ACCESS_TOKEN !== undefined,
    },
  };
}

/**
 * Merge semantics: sections and fields left out keep their values. The booking-engine and OTA parts are
 * one upsert of hotel_integrations; the payment part goes where payments already keep it (the
 * `payments_enabled` switch in hotel_payment_settings, the location on the hotel's Square connection).
 * All of it and its audit row are one batch (commitChange). A change to the booking engine bumps the
 * hotel's search cache version, so cached answers neither outlive a switch-off nor keep an old TTL.
 */
export async function putIntegrations(
  deps: IntegrationsDeps,
  hotelId: string,
  body: IntegrationsBody,
): Promise<IntegrationsJson> {
  const before = await getIntegrations(deps, hotelId);
  const now = deps.now();
  const statements: D1PreparedStatement[] = [];
  const be = body.booking_engine;
  const ota = body.ota_integration;
  if (be || ota) {
    statements.push(upsertIntegrationsRow(deps.d1, hotelId, be, ota, now));
  }
  const pay = body.payment_gateway;
  if (pay?.access_token !== undefined) {
    throw new AppError('not_supported', 'A hotel’s own Square account is connected through Square OAuth.', {
      errors: [
        {
          path: 'payment_gateway.access_token',
          message: 'connect the account with POST /api/v1/hotels/{hotel_id}/payment-connection/authorize',
        },
      ],
    });
  }
  if (pay?.enabled !== undefined) {
    statements.push(
      deps.d1
        .prepare(
          `INSERT INTO hotel_payment_settings (hotel_id, payments_enabled, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (hotel_id) DO UPDATE SET payments_enabled = excluded.payments_enabled,
             updated_at = excluded.updated_at`,
        )
        .bind(hotelId, pay.enabled ? 1 : 0, now.getTime()),
    );
  }
  if (pay?.location_id !== undefined && pay.location_id !== before.payment_gateway.location_id) {
    if (before.payment_gateway.account !== 'hotel') {
      throw new AppError('invalid_state', 'Only a hotel with its own Square account can choose its location.', {
        errors: [{ path: 'payment_gateway.location_id', message: 'connect the hotel’s Square account first' }],
      });
    }
    statements.push(
      deps.d1
        .prepare(
          `UPDATE payment_connections SET location_id = ?, updated_at = ? WHERE hotel_id = ? AND status != 'revoked'`,
        )
        .bind(pay.location_id, now.getTime(), hotelId),
    );
  }
  if (statements.length === 0) return before;
  const after = await previewAfter(deps, before, body);
  const entry: AuditEntry = {
    hotelId,
    action: 'hotel.integrations.updated',
    entityType: 'hotel_integrations',
    entityId: hotelId,
    before: flatten(before),
    after: flatten(after),
  };
  // Through the change path: the audit row in the same batch, and the search cache version bumped
  // after the commit when the booking engine part changed.
  const committed = await commitChange(deps, {
    hotelId,
    session: deps.d1,
    statements,
    events: [],
    affectsAvailability: be !== undefined,
    audit: [entry],
  });
  if (!committed.ok) throw new AppError('conflict', 'The configuration changed meanwhile; send it again.');
  if (!before.ota_integration.enabled && after.ota_integration.enabled) await resumeAriPush(deps, hotelId);
  deps.log.info('hotel integrations changed', { hotel_id: hotelId, sections: Object.keys(body).join(',') });
  return after;
}

/** A hotel_integrations column and how it is stored. */
const COLUMNS = {
  booking_engine_enabled: (v: boolean) => (v ? 1 : 0),
  booking_engine_cache_ttl: (v: number) => v,
  booking_engine_timeout_ms: (v: number) => v,
  ota_enabled: (v: boolean) => (v ? 1 : 0),
  ota_providers: (v: string[]) => JSON.stringify([...new Set(v)]),
  ota_sync_interval: (v: number) => v,
  ota_auto_accept: (v: boolean) => (v ? 1 : 0),
};
type Column = keyof typeof COLUMNS;

/**
 * The upsert of the fields a PUT gives, and only those: a new row takes the defaults for the rest, an
 * existing row keeps them as they are in the database at the write, not as this request read them, so
 * two overlapping PUTs on different fields (one turning OTA off, the other the booking engine) both hold.
 */
function upsertIntegrationsRow(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
  be: IntegrationsBody['booking_engine'],
  ota: IntegrationsBody['ota_integration'],
  now: Date,
): D1PreparedStatement {
  const given: Partial<Record<Column, unknown>> = {
    booking_engine_enabled: be?.enabled,
    booking_engine_cache_ttl: be?.cache_ttl,
    booking_engine_timeout_ms: be?.timeout,
    ota_enabled: ota?.enabled,
    ota_providers: ota?.providers,
    ota_sync_interval: ota?.sync_interval,
    ota_auto_accept: ota?.auto_accept,
  };
  const columns = Object.keys(COLUMNS) as Column[];
  const set = columns.filter((c) => given[c] !== undefined && given[c] !== null);
  const stored = (c: Column) => (COLUMNS[c] as (v: unknown) => unknown)(given[c]);
  // Defaults of a new row: both switches on, every other value the deployment's (NULL).
  const value = (c: Column) =>
    set.includes(c) ? stored(c) : c === 'booking_engine_enabled' || c === 'ota_enabled' ? 1 : null;
  return d1
    .prepare(
      `INSERT INTO hotel_integrations (hotel_id, ${columns.join(', ')}, updated_at)
       VALUES (?, ${columns.map(() => '?').join(', ')}, ?)
       ON CONFLICT (hotel_id) DO UPDATE SET ${[...set, 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`,
    )
    .bind(hotelId, ...columns.map(value), now.getTime());
}

/**
 * While OTA was off the hotel's ARI changes were kept in channel_ari_dirty (ariPushJob leaves them), but
 * a new push is queued only by the next change: without one they would wait indefinitely. Turning OTA on
 * queues the push. A queue failure does not undo the committed switch; the next ARI change of the hotel
 * finds the held ranges stale and queues the push itself (markDirty).
 */
async function resumeAriPush(deps: IntegrationsDeps, hotelId: string): Promise<void> {
  try {
    await deps.jobs.send(ariPushJob.message({ hotel_id: hotelId }));
  } catch (err) {
    deps.log.error('held ARI not queued after OTA was turned on', { hotel_id: hotelId, ...errorFields(err) });
  }
}

/** What GET will answer once the batch has run (computed, so the audit row can go in the same batch). */
async function previewAfter(
  deps: IntegrationsDeps,
  before: IntegrationsJson,
  body: IntegrationsBody,
): Promise<IntegrationsJson> {
  const ota = body.ota_integration;
  return {
    booking_engine: { ...before.booking_engine, ...stripUndefined(body.booking_engine) },
    ota_integration: {
      ...before.ota_integration,
      ...stripUndefined({ ...ota, enabled: undefined }),
      providers: ota?.providers ? [...new Set(ota.providers)] : before.ota_integration.providers,
      enabled:
        ota?.enabled === undefined
          ? before.ota_integration.enabled
          : deps.config.OTA_INTEGRATION_ENABLED && ota.enabled,
    },
    payment_gateway: {
      ...before.payment_gateway,
      ...stripUndefined({ enabled: body.payment_gateway?.enabled, location_id: body.payment_gateway?.location_id }),
    },
  };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
