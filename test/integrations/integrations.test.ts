import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { CHANNEL_PROVIDERS } from '../../src/modules/channels/channels.table';
import { scheduleDuePulls } from '../../src/modules/channels/inbound/pull.service';
import { putIntegrations } from '../../src/modules/integrations/integrations.service';
import { squareAccountFor } from '../../src/modules/payments/accounts';
import { inDays, search } from '../helpers/ari';
import { bookableHotel, createApiKey, createHotel } from '../helpers/builders';
import { channelBody, createChannel } from '../helpers/channel-builders';
import { testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { book, bookingBody } from '../helpers/reservations';
import { insertChannel } from '../helpers/transport-channels';

const config = loadConfig(env);
const url = (hotelId: string) => `/api/v1/hotels/${hotelId}/integrations`;
const put = (hotelId: string, body: unknown) => call('PUT', url(hotelId), { body });

describe('GET/PUT /api/v1/hotels/{hotel_id}/integrations', () => {
  it('answers the deployment defaults until the hotel sets its own, and merges a partial PUT', async () => {
    const hotel = await createHotel();
    const defaults = await expectStatus(call('GET', url(hotel.id)), 200);
    expect(defaults).toEqual({
      booking_engine: {
        enabled: true,
        cache_ttl: config.BOOKING_ENGINE_CACHE_TTL,
        timeout: config.PAYMENT_GATEWAY_TIMEOUT_MS,
      },
      payment_gateway: {
        provider: 'square',
        enabled: true,
        account: 'platform',
        location_id: config.PAYMENT_GATEWAY_LOCATION_ID,
        access_token_set: true,
      },
      ota_integration: {
        enabled: config.OTA_INTEGRATION_ENABLED,
        providers: [...CHANNEL_PROVIDERS],
        sync_interval: config.OTA_SYNC_INTERVAL,
        auto_accept: config.OTA_AUTO_ACCEPT,
      },
    });
    const changed = await expectStatus(
      put(hotel.id, { booking_engine: { cache_ttl: 60 }, ota_integration: { providers: ['booking_com'] } }),
      200,
    );
    expect(changed.booking_engine).toEqual({ ...defaults.booking_engine, cache_ttl: 60 });
    expect(changed.ota_integration).toEqual({ ...defaults.ota_integration, providers: ['booking_com'] });
    const again = await expectStatus(put(hotel.id, { booking_engine: { timeout: 8000 } }), 200);
    expect(again.booking_engine).toEqual({ enabled: true, cache_ttl: 60, timeout: 8000 });
    expect(again.ota_integration.providers).toEqual(['booking_com']);
    expect(await expectStatus(call('GET', url(hotel.id)), 200)).toEqual(again);
  });

  it('two overlapping partial PUTs keep both changes (neither writes back the other’s stale fields)', async () => {
    const hotel = await createHotel();
    let other: Promise<unknown> | null = null;
    // The first PUT's batch runs only after a second PUT, on other fields, committed in between.
    const d1 = {
      prepare: (query: string) => env.DB.prepare(query),
      batch: async (statements: D1PreparedStatement[]) => {
        other ??= putIntegrations(testDeps(), hotel.id, { ota_integration: { enabled: false, sync_interval: 900 } });
        await other;
        return env.DB.batch(statements);
      },
    } as unknown as D1Database;
    await putIntegrations(testDeps({ d1 }), hotel.id, { booking_engine: { enabled: false } });
    const now = await expectStatus(call('GET', url(hotel.id)), 200);
    expect(now.booking_engine.enabled).toBe(false);
    expect(now.ota_integration).toMatchObject({ enabled: false, sync_interval: 900 });
  });

  it('refuses bad values with 400, a token with 422 (never stored), an unknown hotel with 404', async () => {
    const hotel = await createHotel();
    for (const body of [
      { booking_engine: { cache_ttl: -1 } },
      { booking_engine: { timeout: 10 } },
      { booking_engine: { api_url: 'https://x.example' } },
      { ota_integration: { providers: ['paypal'] } },
      { ota_integration: { sync_interval: 5 } },
      { payment_gateway: { provider: 'stripe' } },
      { surprise: true },
    ]) {
      await expectProblem(put(hotel.id, body), 400, 'validation_failed');
    }
    const token = await expectProblem(put(hotel.id, { payment_gateway: { access_token: 'EAAA-secret' } }), 422);
    expect(JSON.stringify(token)).not.toContain('EAAA-secret');
    await expectProblem(put(hotel.id, { payment_gateway: { location_id: 'L2' } }), 409, 'invalid_state');
    await expectProblem(call('GET', url('htl_01jz0000000000000000000099')), 404, 'not_found');
    await expectProblem(put('htl_01jz0000000000000000000099', { booking_engine: { enabled: true } }), 404, 'not_found');
  });

  it('writes one audit row with the field-level diff in the same batch', async () => {
    const hotel = await createHotel();
    const res = await put(hotel.id, { booking_engine: { enabled: false }, payment_gateway: { enabled: false } });
    await expectStatus(res, 200);
    const { results } = await env.DB.prepare(
      "SELECT action, entity_type, entity_id, outcome, request_id, changes FROM audit_logs WHERE hotel_id = ? AND entity_type = 'hotel_integrations'",
    )
      .bind(hotel.id)
      .all<{ changes: string; request_id: string }>();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ action: 'hotel.integrations.updated', entity_id: hotel.id, outcome: 'success' });
    expect(results[0]?.request_id).toBe(res.headers.get('x-request-id'));
    const changes = JSON.parse(results[0]?.changes ?? '{}');
    expect(Object.keys(changes).sort()).toEqual(['booking_engine.enabled', 'payment_gateway.enabled']);
  });

  it('is hotel-scoped: hotels:read reads, hotels:write changes, another hotel’s key gets 403', async () => {
    const hotel = await createHotel();
    const reader = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [hotel.id] });
    await expectStatus(call('GET', url(hotel.id), { auth: { apiKey: reader.key } }), 200);
    await expectProblem(
      call('PUT', url(hotel.id), { auth: { apiKey: reader.key }, body: { booking_engine: { enabled: false } } }),
      403,
    );
    const other = await createApiKey({ scopes: ['hotels:read', 'hotels:write'], hotel_ids: ['htl_someone_else'] });
    await expectProblem(call('GET', url(hotel.id), { auth: { apiKey: other.key } }), 403);
  });

  it('changes payment_gateway only for a credential that may change payment settings (both payment scopes)', async () => {
    const hotel = await createHotel();
    const catalog = await createApiKey({ scopes: ['hotels:read', 'hotels:write'], hotel_ids: [hotel.id] });
    const widget = await createApiKey({ scopes: ['hotels:write', 'payments:write'], hotel_ids: [hotel.id] });
    for (const apiKey of [catalog.key, widget.key]) {
      for (const payment_gateway of [{ enabled: false }, { location_id: 'L_ELSEWHERE' }]) {
        await expectProblem(
          call('PUT', url(hotel.id), { auth: { apiKey }, body: { payment_gateway } }),
          403,
          'forbidden',
        );
      }
    }
    const now = await expectStatus(call('GET', url(hotel.id)), 200);
    expect(now.payment_gateway.enabled).toBe(true);
    // The booking-engine and OTA parts stay with hotels:write.
    await expectStatus(
      call('PUT', url(hotel.id), { auth: { apiKey: catalog.key }, body: { booking_engine: { cache_ttl: 120 } } }),
      200,
    );
    const payments = await createApiKey({
      scopes: ['hotels:write', 'payments:read', 'payments:write'],
      hotel_ids: [hotel.id],
    });
    const changed = await expectStatus(
      call('PUT', url(hotel.id), { auth: { apiKey: payments.key }, body: { payment_gateway: { enabled: false } } }),
      200,
    );
    expect(changed.payment_gateway.enabled).toBe(false);
  });
});

describe('the configuration drives behaviour', () => {
  it('booking_engine.enabled=false refuses the hotel’s search and new bookings with 409, cached or not', async () => {
    const h = await bookableHotel();
    const query = { hotel_id: h.hotel.id, check_in: inDays(10), check_out: inDays(12), adults: 2, children: 0 };
    await expectStatus(search(query), 200);
    await expectStatus(put(h.hotel.id, { booking_engine: { enabled: false } }), 200);
    await expectProblem(search(query), 409, 'invalid_state');
    await expectProblem(book(bookingBody(h)), 409, 'invalid_state');
    await expectStatus(put(h.hotel.id, { booking_engine: { enabled: true } }), 200);
    await expectStatus(search(query), 200);
    await expectStatus(book(bookingBody(h)), 201);
  });

  it('booking_engine.cache_ttl=0 stops caching that hotel’s searches', async () => {
    const h = await bookableHotel();
    await expectStatus(put(h.hotel.id, { booking_engine: { cache_ttl: 0 } }), 200);
    const query = { hotel_id: h.hotel.id, check_in: inDays(10), check_out: inDays(12), adults: 2, children: 0 };
    for (let i = 0; i < 3; i++) expect((await search(query)).headers.get('x-cache')).toBe('BYPASS');
  });

  it('payment_gateway.enabled=false refuses new payments (refund paths keep their account); timeout applies', async () => {
    const hotel = await createHotel();
    const deps = testDeps();
    expect((await squareAccountFor(deps, hotel.id)).timeoutMs).toBeUndefined();
    await expectStatus(put(hotel.id, { booking_engine: { timeout: 4000 } }), 200);
    expect(await squareAccountFor(deps, hotel.id)).toMatchObject({ kind: 'platform', timeoutMs: 4000 });
    await expectStatus(put(hotel.id, { payment_gateway: { enabled: false } }), 200);
    await expect(squareAccountFor(deps, hotel.id)).rejects.toMatchObject({ code: 'invalid_state' });
    expect((await squareAccountFor(deps, hotel.id, 'platform')).kind).toBe('platform');
    const settings = await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}/payment-settings`), 200);
    expect(settings).toEqual({ auto_refund_on_cancel: false, hold_high_risk: false });
  });

  it('ota_integration: providers, defaults of new channels, and off', async () => {
    const hotel = await createHotel();
    await expectStatus(
      put(hotel.id, { ota_integration: { providers: ['ota_xml'], sync_interval: 900, auto_accept: true } }),
      200,
    );
    const channel = await createChannel(hotel.id);
    expect(channel).toMatchObject({ sync_interval: 900, auto_accept: true });
    const refused = await expectProblem(
      call('POST', `/api/v1/hotels/${hotel.id}/channels`, { body: channelBody({ provider: 'booking_com' }) }),
      422,
      'not_supported',
    );
    expect(refused.errors[0].path).toBe('provider');

    await expectStatus(put(hotel.id, { ota_integration: { enabled: false } }), 200);
    await expectProblem(
      call('POST', `/api/v1/hotels/${hotel.id}/channels`, { body: channelBody() }),
      409,
      'invalid_state',
    );
  });

  it('ota_integration.enabled=false: the hotel’s channels are not pulled', async () => {
    const on = await createHotel();
    const off = await createHotel();
    const pulled = await insertChannel(on.id, { syncIntervalSeconds: 60 });
    const skipped = await insertChannel(off.id, { syncIntervalSeconds: 60 });
    await expectStatus(put(off.id, { ota_integration: { enabled: false } }), 200);
    const due = await scheduleDuePulls(testDeps(), Date.now() + 86_400_000 * 400);
    expect(due).toContain(pulled.id);
    expect(due).not.toContain(skipped.id);
  });
});
