import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consume, runCron } from '../../src/jobs';
import { newId } from '../../src/lib/ids';
import { measuredMailer, recordIntegrationCall } from '../../src/modules/metrics/metrics.recorder';
import { integrationsHealth, integrationsMetrics } from '../../src/modules/metrics/metrics.service';
import { callSquare } from '../../src/modules/payments/square.client';
import { fakeMessage, recordingJobs, testDeps } from '../helpers/deps';

afterEach(() => vi.restoreAllMocks());

const health = (hotelId: string) => integrationsHealth(testDeps(), { hotelIds: [hotelId] });

describe('what is recorded', () => {
  it('every call through the deps’ outbound client, under the hotel the call site names', async () => {
    const hotelId = newId('hotel');
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('{}', { status: 500 }));
    const deps = testDeps();
    const result = await callSquare(deps, { accessToken: 'sq-token', hotelId }, (c) => c.locations.list());
    await deps.settle();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ ok: false, kind: 'unknown', reason: 'server_error' });
    expect((await health(hotelId)).integrations).toEqual([
      expect.objectContaining({
        integration: 'square',
        direction: 'outbound',
        status: 'failing',
        errors: 1,
        last_error: 'HTTP 500',
      }),
    ]);
  });

  it('every email send, a refused one with its redacted reason', async () => {
    const hotelId = newId('hotel');
    const deps = testDeps();
    const refusing = { send: async () => Promise.reject(new Error('destination zoe@guest.example not verified')) };
    const mailer = measuredMailer(refusing, { d1: env.DB }, deps);
    await expect(
      mailer.send({ from: 'a@wehub.localhost', to: 'zoe@guest.example', raw: '', hotelId }),
    ).rejects.toThrow();
    await measuredMailer({ send: async () => ({ messageId: 'm1' }) }, { d1: env.DB }, deps).send({
      from: 'a@wehub.localhost',
      to: 'zoe@guest.example',
      raw: '',
      hotelId,
    });
    await deps.settle();
    const [email] = (await health(hotelId)).integrations;
    expect(email).toMatchObject({ integration: 'email', requests: 2, errors: 1, status: 'degraded' });
    expect(email?.last_error).toBe('Error: destination [redacted email] not verified');
  });
});

describe('backlog samples and retention', () => {
  it('the minute cron samples the backlog, which the metrics answer per hotel', async () => {
    const hotelId = newId('hotel');
    await env.DB.prepare(
      `INSERT INTO channel_ari_dirty (hotel_id, channel_id, room_type_id, from_date, to_date, created_at)
       VALUES (?, NULL, 'rt_x', '2027-01-01', '2027-01-05', 0)`,
    )
      .bind(hotelId)
      .run();
    const jobs = recordingJobs();
    const at = Date.now();
    await runCron('* * * * *', at, { ...testDeps(), jobs });
    const sample = jobs.sent.find((j) => j.type === 'metrics.sample_backlog');
    expect(sample).toBeDefined();
    const deps = testDeps();
    const message = fakeMessage(sample);
    await consume('wehub-jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);
    const metrics = await integrationsMetrics(deps, { hotelIds: [hotelId], bucketMinutes: 60 });
    expect(metrics.backlog).toEqual([
      expect.objectContaining({ channel_ari_dirty: 1, outbox_pending: 0, dead_letters: 0 }),
    ]);
    // The platform's own series has the sample too, with at least this hotel's range.
    const platform = await integrationsMetrics(deps, { hotelIds: null, bucketMinutes: 60 });
    expect(platform.backlog.at(-1)?.channel_ari_dirty).toBeGreaterThanOrEqual(1);
  });

  it('the daily purge removes rows older than METRICS_RETENTION_DAYS and keeps the rest', async () => {
    const hotelId = newId('hotel');
    const now = Date.now();
    const row = (at: number) =>
      recordIntegrationCall(
        { d1: env.DB },
        { integration: 'webhook', direction: 'outbound', hotelId, at, durationMs: 5, status: 200, error: null },
      );
    await row(now - 31 * 86_400_000);
    await row(now - 29 * 86_400_000);
    const jobs = recordingJobs();
    await runCron('17 3 * * *', now, { ...testDeps(), jobs });
    const purge = jobs.sent.find((j) => j.type === 'metrics.purge');
    const deps = testDeps();
    await consume('wehub-jobs', fakeMessage(purge), deps, deps.settle);
    const left = await env.DB.prepare('SELECT bucket FROM integration_metrics WHERE hotel_id = ?').bind(hotelId).all();
    expect(left.results.map((r) => Number(r.bucket))).toEqual([Math.floor((now - 29 * 86_400_000) / 60_000) * 60_000]);
  });
});
