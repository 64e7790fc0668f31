import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids';
import { Logger } from '../../src/lib/log';
import { createOutbound } from '../../src/lib/outbound';
import { outboundRecorder, recordIntegrationCall } from '../../src/modules/metrics/metrics.recorder';
import { integrationsHealth, integrationsMetrics } from '../../src/modules/metrics/metrics.service';
import { testDeps } from '../helpers/deps';
import { fakeFetch } from '../helpers/outbound';

const MINUTE = 60_000;
const NOW = Date.parse('2027-03-01T12:00:30Z');
const at = (deps: ReturnType<typeof testDeps>) => ({ ...deps, now: () => new Date(NOW) });

/** A hotel id nobody else records under, so each test reads its own rows. */
const hotel = () => newId('hotel');

describe('integration health', () => {
  it('shows a failing partner as failing, with its last error, and the calls that worked before', async () => {
    const hotelId = hotel();
    const deps = at(testDeps());
    let clock = NOW - 10 * MINUTE;
    const fetch = fakeFetch([
      { method: 'POST', url: 'https://partner.example/ok', reply: () => new Response('ok') },
      { method: 'POST', url: 'https://partner.example/down', reply: () => new Response('down', { status: 503 }) },
    ]);
    const outbound = createOutbound({
      fetch,
      log: new Logger('error'),
      now: () => clock,
      record: outboundRecorder({ d1: env.DB }, deps),
    });
    const send = async (path: string) => {
      await outbound({ service: 'ota:acme', hotelId, method: 'POST', url: `https://partner.example/${path}` });
      clock += MINUTE;
    };
    await send('ok');
    for (let i = 0; i < 4; i++) await send('down');
    await deps.settle();

    const health = await integrationsHealth(deps, { hotelIds: [hotelId] });
    expect(health.window).toEqual({ from: '2027-03-01T11:00:30.000Z', to: '2027-03-01T12:00:30.000Z' });
    expect(health.integrations).toEqual([
      {
        integration: 'ota:acme',
        hotel_id: hotelId,
        direction: 'outbound',
        status: 'failing',
        requests: 5,
        errors: 4,
        success_rate: 0.2,
        throughput_per_minute: 5 / 60,
        latency_ms: { p50: 0, p95: 0 },
        last_success_at: new Date(NOW - 10 * MINUTE).toISOString(),
        last_error_at: new Date(NOW - 6 * MINUTE).toISOString(),
        last_error: 'HTTP 503',
      },
    ]);
    fetch.assertAllUsed();
  });

  it('reads p50 and p95 from the recorded latencies, and only the hotels asked for', async () => {
    const [mine, other] = [hotel(), hotel()];
    const deps = at(testDeps());
    const record = (hotelId: string, durationMs: number, status: number | null = 200) =>
      recordIntegrationCall(
        { d1: env.DB },
        { integration: 'webhook', direction: 'outbound', hotelId, at: NOW - MINUTE, durationMs, status, error: null },
      );
    for (let i = 0; i < 60; i++) await record(mine, 20);
    for (let i = 0; i < 30; i++) await record(mine, 80);
    for (let i = 0; i < 10; i++) await record(mine, 400);
    await record(other, 9_000, null);

    const health = await integrationsHealth(deps, { hotelIds: [mine], windowMinutes: 5 });
    expect(health.integrations).toHaveLength(1);
    expect(health.integrations[0]).toMatchObject({
      requests: 100,
      errors: 0,
      status: 'ok',
      throughput_per_minute: 20,
      latency_ms: { p50: 21, p95: 375 },
      last_error: null,
    });
    const theirs = await integrationsHealth(deps, { hotelIds: [other], windowMinutes: 5 });
    expect(theirs.integrations[0]).toMatchObject({
      requests: 1,
      errors: 1,
      status: 'failing',
      last_error: 'no answer',
    });
    // An hour later the window is empty: still listed (seen in the last 24 h), idle, with its history.
    const later = await integrationsHealth(
      { ...deps, now: () => new Date(NOW + 2 * 3_600_000) },
      {
        hotelIds: [other],
      },
    );
    expect(later.integrations[0]).toMatchObject({
      status: 'idle',
      requests: 0,
      success_rate: null,
      last_error: 'no answer',
    });
    expect(later.integrations[0]?.latency_ms).toEqual({ p50: null, p95: null });
  });
});

describe('integration metrics', () => {
  it('has a point per bucket of the range, with calls, failure rate and p95', async () => {
    const hotelId = hotel();
    const deps = at(testDeps());
    const record = (minutesAgo: number, durationMs: number, status: number) =>
      recordIntegrationCall(
        { d1: env.DB },
        {
          integration: 'square',
          direction: 'outbound',
          hotelId,
          at: NOW - minutesAgo * MINUTE,
          durationMs,
          status,
          error: null,
        },
      );
    await record(2, 100, 200);
    await record(2, 100, 503);
    await record(12, 40, 200);
    const metrics = await integrationsMetrics(deps, {
      hotelIds: [hotelId],
      from: new Date(NOW - 15 * MINUTE),
      bucketMinutes: 5,
    });
    expect(metrics.bucket_seconds).toBe(300);
    expect(metrics.series).toHaveLength(1);
    const points = metrics.series[0]?.points ?? [];
    // 11:45:30 → 12:00:30 in buckets aligned at :45, :50, :55, :00.
    expect(points.map((p) => p.t)).toEqual([
      '2027-03-01T11:45:00.000Z',
      '2027-03-01T11:50:00.000Z',
      '2027-03-01T11:55:00.000Z',
      '2027-03-01T12:00:00.000Z',
    ]);
    // 11:48:30 falls in the 11:45 bucket, 11:58:30 in the 11:55 one.
    expect(points.map((p) => [p.requests, p.errors, p.error_rate])).toEqual([
      [1, 0, 0],
      [0, 0, null],
      [2, 1, 0.5],
      [0, 0, null],
    ]);
    expect(points[2]?.p95_ms).toBe(98);
  });
});
