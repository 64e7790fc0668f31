/**
 * Regressions from an adversarial review of the webhooks module: each test failed on the code as
 * reviewed (D1's 100-parameter limit, a stalled response body, duplicate attempts, a leaky disabled
 * event, replay paging, rare IPv6 spellings, trailing dots); the `sound` test pins what already held.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { Logger } from '../../src/lib/log';
import { createOutbound } from '../../src/lib/outbound';
import { commitChange } from '../../src/modules/events/commit';
import { loadEnvelope } from '../../src/modules/events/events.service';
import { deliverWebhookJob } from '../../src/modules/webhooks/deliver.job';
import { fanOut } from '../../src/modules/webhooks/deliveries.service';
import { checkWebhookUrl } from '../../src/modules/webhooks/url-policy';
import { webhookReceiver } from '../fakes/webhook-receiver';
import { createApiKey, createHotel } from '../helpers/builders';
import { testDeps } from '../helpers/deps';
import { call, expectStatus } from '../helpers/http';
import { createEndpoint, drain, handOff, memoryQueue, webhookDeps } from '../webhooks/harness';

const queue = memoryQueue();
const RECEIVER = 'https://hooks.example.com/review';

async function commitAri(hotelId: string) {
  await commitChange(testDeps({ subscribers: [] }), {
    hotelId,
    session: env.DB,
    statements: [],
    events: [
      { type: 'ari.updated', hotelId, subjectId: hotelId, data: { hotel_id: hotelId, room_nights: 1, changes: [] } },
    ],
    affectsAvailability: false,
  });
}

async function lastEvent(hotelId: string) {
  const r = await env.DB.prepare('SELECT id FROM outbox_events WHERE hotel_id = ? ORDER BY created_at DESC LIMIT 1')
    .bind(hotelId)
    .first<{ id: string }>();
  const event = r && (await loadEnvelope(createDb(env.DB), r.id));
  if (!event) throw new Error('no event');
  return event;
}

/** A hotel with one endpoint for it and one pending delivery whose first attempt is queued (and taken off the queue). */
async function onePendingDelivery(reply: (r: Request) => Response | Promise<Response>) {
  const hotel = await createHotel();
  const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.*'], hotel_ids: [hotel.id] });
  const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply }]);
  await commitAri(hotel.id);
  await fanOut(deps, await lastEvent(hotel.id));
  const first = queue.queued.find((q) => q.job.type === 'webhook.deliver');
  queue.queued.length = 0;
  if (!first) throw new Error('no delivery queued');
  const payload = first.job.payload as { delivery_id: string; attempt: number };
  return { hotel, endpoint, deps, payload };
}

describe('review: SSRF rules', () => {
  it('sound: IPv4 notations, IPv6 spellings, trailing dots, case, userinfo and IDN tricks are refused', () => {
    for (const url of [
      'https://0x7f.1/',
      'https://2130706433/',
      'https://127.1/',
      'https://0177.0.0.1/',
      'https://0x7f000001/',
      'https://169.254.169.254./',
      'https://[::ffff:7f00:1]/',
      'https://[0:0:0:0:0:ffff:127.0.0.1]/',
      'https://[::ffff:169.254.169.254]/',
      'https://[::]/',
      'https://[::1]/',
      'https://[::127.0.0.1]/',
      'https://[64:ff9b::a9fe:a9fe]/',
      'https://[2002:7f00:1::]/',
      'https://[fd00:ec2::254]/',
      'https://[fe80::1]/',
      'https://localhost./',
      'https://LOCALHOST/',
      'https://ⓛocalhost/',
      'https://127。0。0。1/',
      'https://a.localhost./',
      'https://metadata.google.internal./',
      'https://evil@127.0.0.1/',
      'https://user:pw@hooks.example.com/',
      'https://0.0.0.0/',
      'https://100.100.100.200/',
      'https://intranet/',
      'http://hooks.example.com/',
    ]) {
      expect(checkWebhookUrl(url, 'production').ok, url).toBe(false);
    }
    // Zone ids do not parse as URLs at all.
    expect(checkWebhookUrl('https://[fe80::1%25eth0]/', 'production').ok).toBe(false);
  });

  it('IPv4-translated (::ffff:0:a.b.c.d) and local-use NAT64 (64:ff9b:1::/48) spellings of private addresses are refused', () => {
    const accepted = [
      'https://[::ffff:0:7f00:1]/', // ::ffff:0:127.0.0.1 (RFC 2765 IPv4-translated)
      'https://[::ffff:0:a9fe:a9fe]/', // ::ffff:0:169.254.169.254
      'https://[64:ff9b:1::a00:1]/', // RFC 8215 local-use NAT64 prefix, 10.0.0.1
      'https://[fec0::1]/', // deprecated site-local
    ].filter((url) => checkWebhookUrl(url, 'production').ok);
    expect(accepted).toEqual([]);
  });

  it('a host of two trailing dots (`localhost..`) is not a public name', () => {
    expect(checkWebhookUrl('https://localhost../', 'production').ok).toBe(false);
  });
});

describe('review: delivery job', () => {
  it('a receiver that sends 200 headers and then never finishes its body cannot hold the attempt past the timeout', async () => {
    const { deps, payload } = await onePendingDelivery(
      () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) }), { status: 200 }),
    );
    // The job's own 10 s timeout, shortened to 50 ms so the probe is quick; the body read has no timeout of its own.
    const real = createOutbound({ fetch: deps.fetch, log: new Logger('error') });
    const fast = { ...deps, outbound: (r: Parameters<typeof real>[0]) => real({ ...r, timeoutMs: 50 }) };
    const run = deliverWebhookJob.handle(payload, fast).then(() => 'finished');
    const verdict = await Promise.race([run, new Promise((r) => setTimeout(() => r('still reading'), 2_000))]);
    expect(verdict).toBe('finished');
  });

  it('two copies of the same attempt running at once (sweep re-queue + late original) send and record once', async () => {
    const receiver = webhookReceiver({ secret: 'whsec_' });
    const { deps, payload } = await onePendingDelivery(receiver.handler);
    await Promise.all([deliverWebhookJob.handle(payload, deps), deliverWebhookJob.handle(payload, deps)]);
    const rows = await env.DB.prepare('SELECT attempt FROM webhook_attempts WHERE delivery_id = ?')
      .bind(payload.delivery_id)
      .all();
    expect({ sent: deps.fetch.requests.length, recorded: rows.results.length }).toEqual({ sent: 1, recorded: 1 });
  });
});

describe('review: fan-out', () => {
  it('an event that 8 endpoints want is delivered to each (D1 allows 100 bound parameters per query)', async () => {
    const hotel = await createHotel();
    for (let i = 0; i < 8; i++) await createEndpoint({ url: RECEIVER, events: ['ari.*'], hotel_ids: [hotel.id] });
    const deps = webhookDeps(queue, []);
    await commitAri(hotel.id);
    const outcome = await fanOut(deps, await lastEvent(hotel.id)).then(
      () => 'fanned out',
      (err: Error) => String(err.cause ?? err.message),
    );
    queue.queued.length = 0;
    expect(outcome).toBe('fanned out');
  });
});

describe('review: hotel isolation', () => {
  it('a key for hotel A does not learn another hotel or another tenant’s URL from webhook_endpoint.disabled', async () => {
    const [a, b] = [await createHotel(), await createHotel()];
    const shared = 'https://shared-tenant.example.com/secret-path-token-123';
    const endpoint = await createEndpoint({ url: shared, events: ['ari.*'], hotel_ids: [a.id, b.id] });
    const deps = webhookDeps(queue, [
      { method: 'POST', url: shared, reply: () => new Response('no', { status: 500 }) },
    ]);
    await env.DB.prepare('UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?')
      .bind(Date.now() - 6 * 86_400_000, endpoint.id)
      .run();
    await commitAri(a.id);
    await handOff(deps, a.id);
    await drain(queue, deps);

    const keyA = await createApiKey({ scopes: ['webhooks:manage'], hotel_ids: [a.id] });
    // Hotel A's key may not see this endpoint (it also serves B) ...
    await expectStatus(call('GET', `/api/v1/webhook-endpoints/${endpoint.id}`, { auth: { apiKey: keyA.key } }), 404);
    // ... yet hotel A's event stream carries its URL and hotel B's id.
    const page = await expectStatus(
      call('GET', `/api/v1/events?type=webhook_endpoint.disabled&hotel_id=${a.id}`, { auth: { apiKey: keyA.key } }),
      200,
    );
    const text = JSON.stringify(page);
    expect(text).toContain(endpoint.id);
    expect({ leaksUrl: text.includes(shared), leaksOtherHotel: text.includes(b.id) }).toEqual({
      leaksUrl: false,
      leaksOtherHotel: false,
    });
  });
});

describe('review: replay', () => {
  it('replaying 8 events the endpoint never got answers 202, not 500', async () => {
    const hotel = await createHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.*'], hotel_ids: [hotel.id] });
    const since = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 8; i++) await commitAri(hotel.id);
    const res = await call('POST', `/api/v1/webhook-endpoints/${endpoint.id}/replay`, { body: { since } });
    queue.queued.length = 0;
    expect(res.status).toBe(202);
  });

  it('replay makes progress past more than 500 events committed in the same millisecond', async () => {
    const hotel = await createHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.*'], hotel_ids: [hotel.id] });
    const at = Date.now() - 60_000;
    const data = JSON.stringify({ hotel_id: hotel.id, room_nights: 1, changes: [] });
    // 600 events of one commit instant, each taking its place in commit order as commitChange does.
    const stmts = Array.from({ length: 600 }, (_, i) => [
      env.DB.prepare('UPDATE outbox_sequence SET value = value + 1 WHERE id = 1'),
      env.DB.prepare(
        `INSERT INTO outbox_events (id, hotel_id, type, subject_id, data, created_at, published_at, seq)
         VALUES (?, ?, 'ari.updated', ?, ?, ?, ?, (SELECT value FROM outbox_sequence WHERE id = 1))`,
      ).bind(`evt_review_${hotel.id}_${String(i).padStart(4, '0')}`, hotel.id, hotel.id, data, at, at),
    ]).flat();
    await env.DB.batch(stmts);
    const since = new Date(at).toISOString();
    const first = await expectStatus(
      call('POST', `/api/v1/webhook-endpoints/${endpoint.id}/replay`, { body: { since } }),
      202,
    );
    queue.queued.length = 0;
    expect(first.more).toBe(true);
    const second = await expectStatus(
      call('POST', `/api/v1/webhook-endpoints/${endpoint.id}/replay`, { body: { since, after: first.next_after } }),
      202,
    );
    queue.queued.length = 0;
    const delivered = await env.DB.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?')
      .bind(endpoint.id)
      .first<{ n: number }>();
    expect(first.deliveries).toBe(500);
    expect(second).toEqual({ deliveries: 100, more: false, next_after: null });
    expect(delivered?.n).toBe(600);
  });
});
