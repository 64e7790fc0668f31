import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/lib/ids';
import { recordIntegrationCall } from '../../src/modules/metrics/metrics.recorder';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';

type Health = {
  integrations: {
    integration: string;
    direction: string;
    hotel_id: string | null;
    requests: number;
    errors: number;
    last_error: string | null;
  }[];
  backlog: Record<string, number>;
};

const record = (integration: string, hotelId: string, status: number | null) =>
  recordIntegrationCall(
    { d1: env.DB },
    { integration, direction: 'outbound', hotelId, at: Date.now(), durationMs: 30, status, error: null },
  );

describe('GET /api/v1/integrations/health', () => {
  it('answers a hotel-restricted key with its hotels only, and refuses another hotel', async () => {
    const [mine, theirs] = [await createHotel(), await createHotel()];
    await record('ota:routes_test', mine.id, 200);
    await record('ota:routes_test', theirs.id, 503);
    await record('ota:routes_test', theirs.id, 503);
    const key = await createApiKey({ scopes: ['audit:read'], hotel_ids: [mine.id] });

    const own = await expectStatus<Health>(
      call('GET', '/api/v1/integrations/health', { auth: { apiKey: key.key } }),
      200,
    );
    expect(own.integrations.filter((i) => i.integration === 'ota:routes_test')).toEqual([
      expect.objectContaining({ hotel_id: mine.id, requests: 1, errors: 0, last_error: null }),
    ]);
    await expectProblem(
      call('GET', `/api/v1/integrations/health?hotel_id=${theirs.id}`, { auth: { apiKey: key.key } }),
      403,
    );
    // The platform credential sees both hotels' calls together.
    const all = await expectStatus<Health>(call('GET', '/api/v1/integrations/health'), 200);
    const summed = all.integrations.find((i) => i.integration === 'ota:routes_test');
    expect(summed).toMatchObject({ hotel_id: null, requests: 3, errors: 2, last_error: 'HTTP 503' });
  });

  it('never counts calls of no one hotel (stored under `*`) for a credential whose hotel list says `*`', async () => {
    // `*` is the metrics tables' "no hotel" marker, not a hotel: a hotel list naming it (an outside
    // identity provider's token claim, a key made by mistake) must not open the platform-wide rows.
    await recordIntegrationCall(
      { d1: env.DB },
      {
        integration: 'square:star_test',
        direction: 'outbound',
        hotelId: null,
        at: Date.now(),
        durationMs: 30,
        status: 503,
        error: null,
      },
    );
    const key = await createApiKey({ scopes: ['audit:read'], hotel_ids: ['*'] });
    for (const path of ['/api/v1/integrations/health', '/api/v1/integrations/health?hotel_id=*']) {
      const health = await expectStatus<Health>(call('GET', path, { auth: { apiKey: key.key } }), 200);
      expect(health.integrations.filter((i) => i.integration === 'square:star_test')).toEqual([]);
    }
    const metrics = await expectStatus<{ series: { integration: string }[] }>(
      call('GET', '/api/v1/integrations/metrics', { auth: { apiKey: key.key } }),
      200,
    );
    expect(metrics.series.filter((s) => s.integration === 'square:star_test')).toEqual([]);
    const all = await expectStatus<Health>(call('GET', '/api/v1/integrations/health'), 200);
    expect(all.integrations.find((i) => i.integration === 'square:star_test')).toMatchObject({ errors: 1 });
  });

  it('needs audit:read, and refuses a window out of range', async () => {
    const hotel = await createHotel();
    const key = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [hotel.id] });
    await expectProblem(call('GET', '/api/v1/integrations/health', { auth: { apiKey: key.key } }), 403);
    for (const bad of ['0', '1441', 'soon']) {
      await expectProblem(call('GET', `/api/v1/integrations/health?window_minutes=${bad}`), 400);
    }
  });

  it('counts the backlog of the hotels asked for', async () => {
    const [hotel, other] = [await createHotel(), await createHotel()];
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO outbox_events (id, hotel_id, type, subject_id, data, created_at) VALUES (?, ?, 'hotel.updated', 'x', '{}', 0)`,
      ).bind(newId('event'), hotel.id),
      env.DB.prepare(
        `INSERT INTO channel_ari_dirty (hotel_id, channel_id, room_type_id, from_date, to_date, created_at)
         VALUES (?, NULL, 'rt_x', '2027-01-01', '2027-01-05', 0)`,
      ).bind(hotel.id),
      env.DB.prepare(
        `INSERT INTO dead_letters (id, queue, message_id, job_type, payload, reason, error, attempts, created_at, hotel_id)
         VALUES (?, 'wehub-jobs', ?, 'channels.ari_push', ?, 'exhausted', 'HTTP 503', 5, 0, ?)`,
      ).bind(
        newId('deadLetter'),
        crypto.randomUUID(),
        JSON.stringify({ type: 'x', payload: { hotel_id: hotel.id } }),
        hotel.id,
      ),
    ]);
    const health = await expectStatus<Health>(call('GET', `/api/v1/integrations/health?hotel_id=${hotel.id}`), 200);
    expect(health.backlog).toEqual({
      outbox_pending: 1,
      webhook_deliveries_pending: 0,
      emails_pending: 0,
      channel_ari_dirty: 1,
      dead_letters: 1,
    });
    const none = await expectStatus<Health>(call('GET', `/api/v1/integrations/health?hotel_id=${other.id}`), 200);
    expect(Object.values(none.backlog)).toEqual([0, 0, 0, 0, 0]);
  });

  it('records a partner request the gate refuses as a failing inbound call', async () => {
    const res = await call('POST', '/api/v1/webhooks/square', {
      auth: null,
      headers: { 'x-square-hmacsha256-signature': 'forged' },
      body: { type: 'payment.updated', event_id: crypto.randomUUID() },
    });
    expect(res.status).toBe(401);
    await vi.waitFor(async () => {
      const health = await expectStatus<Health>(call('GET', '/api/v1/integrations/health'), 200);
      expect(health.integrations.find((i) => i.integration === 'square_webhooks')).toMatchObject({
        direction: 'inbound',
        last_error: 'HTTP 401 unauthorized',
      });
    });
  });
});

describe('GET /api/v1/integrations/metrics', () => {
  it('answers series and refuses a range of too many buckets or an inverted one', async () => {
    const hotel = await createHotel();
    await record('webhook', hotel.id, 200);
    const metrics = await expectStatus<{
      bucket_seconds: number;
      series: { integration: string; points: unknown[] }[];
    }>(call('GET', `/api/v1/integrations/metrics?hotel_id=${hotel.id}&bucket_minutes=60`), 200);
    expect(metrics.bucket_seconds).toBe(3600);
    expect(metrics.series.map((s) => s.integration)).toEqual(['webhook']);
    expect(metrics.series[0]?.points.length).toBeGreaterThanOrEqual(24);
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
    await expectProblem(call('GET', `/api/v1/integrations/metrics?from=${from}&bucket_minutes=1`), 400);
    const to = new Date(Date.now() - 86_400_000).toISOString();
    await expectProblem(call('GET', `/api/v1/integrations/metrics?from=${new Date().toISOString()}&to=${to}`), 400);
  });
});
