import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db';
import { runCron } from '../../src/jobs';
import { commitChange } from '../../src/modules/events/commit';
import { loadEnvelope } from '../../src/modules/events/events.service';
import { USER_AGENT } from '../../src/modules/webhooks/signing';
import { webhookSubscriber } from '../../src/modules/webhooks/webhooks.subscriber';
import { webhookReceiver } from '../fakes/webhook-receiver';
import { bookableHotel } from '../helpers/builders';
import { testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { booked, bookingBody } from '../helpers/reservations';
import { createEndpoint, deliveriesOf, drain, ENDPOINTS, handOff, memoryQueue, webhookDeps } from './harness';

const queue = memoryQueue();
const RECEIVER = 'https://hooks.example.com/wehub';

/** A bookable hotel whose setup events (ARI) are already handed on, so only a test's own events follow. */
async function quietHotel() {
  const h = await bookableHotel();
  const deps = webhookDeps(queue, []);
  await handOff(deps, h.hotel.id);
  await drain(queue, deps);
  return h;
}

async function commitAri(hotelId: string, roomNights = 1) {
  await commitChange(testDeps({ subscribers: [] }), {
    hotelId,
    session: env.DB,
    statements: [],
    events: [
      {
        type: 'ari.updated',
        hotelId,
        subjectId: hotelId,
        data: { hotel_id: hotelId, room_nights: roomNights, changes: [] },
      },
    ],
    affectsAvailability: false,
  });
}

describe('webhook delivery', () => {
  it('delivers a booking as a signed Standard Webhooks request that the standardwebhooks library verifies', async () => {
    const h = await quietHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['reservation.*'], hotel_ids: [h.hotel.id] });
    const receiver = webhookReceiver({ secret: endpoint.secret });
    const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply: receiver.handler }]);

    const reservation = await booked(bookingBody(h));
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);

    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    if (!delivery) throw new Error('no delivery');
    expect(receiver.verifies(delivery)).toBe(true);
    expect(receiver.verifies(delivery, `whsec_${btoa('another secret of 24 bytes!!')}`)).toBe(false);
    const event = await env.DB.prepare(
      "SELECT id FROM outbox_events WHERE subject_id = ? AND type = 'reservation.created'",
    )
      .bind(reservation.id)
      .first<{ id: string }>();
    expect(delivery.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': event?.id,
    });
    const body = JSON.parse(delivery.body);
    expect(Object.keys(body).sort()).toEqual(['created_at', 'data', 'hotel_id', 'id', 'type']);
    expect(body).toMatchObject({ id: event?.id, type: 'reservation.created', hotel_id: h.hotel.id });
    // The reservation as the API returned it (events carry no guest id: the event catalogue's schema has none).
    const { id: _guestId, ...guest } = reservation.guest;
    expect(body.data).toEqual({ ...reservation, guest });
    deps.fetch.assertAllUsed();
  });

  it('a receiver that is down, resets, redirects and then accepts gets one accepted delivery, always under the same webhook-id', async () => {
    const h = await quietHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['*'], hotel_ids: [h.hotel.id] });
    const receiver = webhookReceiver({ secret: endpoint.secret, statuses: [500, 0, 301, 200] });
    const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply: receiver.handler }]);

    await commitAri(h.hotel.id);
    await handOff(deps, h.hotel.id);
    const ran = await drain(queue, deps);

    expect(receiver.deliveries.map((d) => d.answeredWith)).toEqual([500, 0, 301, 200]);
    expect(receiver.accepted()).toHaveLength(1);
    expect(new Set(receiver.deliveries.map((d) => d.id)).size).toBe(1);
    expect(receiver.deliveries.every((d) => receiver.verifies(d))).toBe(true);
    // The 301 was an answer, not a hop: nothing was fetched but the receiver.
    expect(deps.fetch.requests.map((r) => r.url)).toEqual([RECEIVER, RECEIVER, RECEIVER, RECEIVER]);
    // Retries wait WEBHOOK_RETRY_BASE_SECONDS (1 in tests) ×5 per attempt, with jitter: at most 1, 5, 25 s.
    const delays = ran.filter((r) => r.job.type === 'webhook.deliver' && r.delaySeconds).map((r) => r.delaySeconds);
    expect(delays).toHaveLength(3);
    expect(delays.every((d, i) => (d ?? 0) <= 5 ** i)).toBe(true);

    const [logged] = await deliveriesOf(endpoint.id);
    expect(logged).toMatchObject({ status: 'delivered', event_type: 'ari.updated', next_attempt_at: null });
    expect(logged.event_id).toBe(receiver.deliveries[0]?.id);
    expect(logged.attempts.map((a: any) => [a.attempt, a.status_code, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, null, 'TypeError'],
      [3, 301, 'HTTP 301'],
      [4, 200, null],
    ]);
    expect(logged.attempts[0].response_body).toBe('try again');
    expect(logged.attempts.slice(0, 3).every((a: any) => a.next_retry_at !== null)).toBe(true);
    expect(logged.attempts[3].next_retry_at).toBeNull();
  });

  it('a repeated hand-off creates one delivery, and a duplicate of an attempt that ran sends nothing', async () => {
    const h = await quietHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.updated'], hotel_ids: [h.hotel.id] });
    const receiver = webhookReceiver({ secret: endpoint.secret, statuses: [500] });
    const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply: receiver.handler }]);
    await commitAri(h.hotel.id);
    await handOff(deps, h.hotel.id);
    const handOffJob = queue.queued.find((q) => q.job.type === 'event.deliver');
    if (!handOffJob) throw new Error('no hand-off');
    const { event_id } = handOffJob.job.payload as { event_id: string };
    const event = await loadEnvelope(createDb(env.DB), event_id);
    if (!event) throw new Error('no event');
    // The subscriber itself, twice (its job retried after the deliveries were written): one delivery,
    // whose first attempt is queued more than once; the copies that run after it failed send nothing.
    await webhookSubscriber.handle(event, deps);
    await webhookSubscriber.handle(event, deps);
    const ran = await drain(queue, deps);
    expect(receiver.deliveries.map((d) => d.answeredWith)).toEqual([500, 200]);
    // A duplicate of the attempt that already ran (the queue delivers at least once) sends nothing.
    const attempt = ran.find((r) => r.job.type === 'webhook.deliver');
    if (!attempt) throw new Error('no attempt');
    queue.queued.push({ job: attempt.job });
    await drain(queue, deps);
    expect(receiver.deliveries).toHaveLength(2);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
  });

  it('gives up after 8 attempts, shows the delivery as dead, and a manual retry sends it again under the same id', async () => {
    const h = await quietHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.*'], hotel_ids: [h.hotel.id] });
    const receiver = webhookReceiver({ secret: endpoint.secret, statuses: Array(8).fill(503) });
    const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply: receiver.handler }]);
    await commitAri(h.hotel.id);
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);

    expect(receiver.deliveries).toHaveLength(8);
    const [dead] = await deliveriesOf(endpoint.id);
    expect(dead).toMatchObject({ status: 'dead', next_attempt_at: null, last_error: 'HTTP 503' });
    expect(dead.attempts).toHaveLength(8);
    expect(dead.attempts[7].next_retry_at).toBeNull();

    const retried = await expectStatus(call('POST', `/api/v1/webhook-deliveries/${dead.id}/retry`), 202);
    expect(retried).toMatchObject({ id: dead.id, status: 'pending', last_error: 'HTTP 503' });
    expect(retried.attempts).toHaveLength(8);
    await drain(queue, deps);
    expect(receiver.accepted()).toHaveLength(1);
    expect(receiver.deliveries[8]?.id).toBe(receiver.deliveries[0]?.id);
    const [delivered] = await deliveriesOf(endpoint.id);
    expect(delivered).toMatchObject({ status: 'delivered' });
    expect(delivered.attempts).toHaveLength(9);
    // Delivered is final until asked again; a pending one cannot be retried on top of its schedule.
    await expectProblem(call('POST', '/api/v1/webhook-deliveries/whd_01jzzzzzzzzzzzzzzzzzzzzzzz/retry'), 404);
  });

  it('sends an endpoint only its own hotels’ events of the types it asked for', async () => {
    const a = await quietHotel();
    const b = await quietHotel();
    const urls = { reservations: `${RECEIVER}/a-res`, ari: `${RECEIVER}/a-ari`, everything: `${RECEIVER}/b-all` };
    const aRes = await createEndpoint({ url: urls.reservations, events: ['reservation.*'], hotel_ids: [a.hotel.id] });
    const aAri = await createEndpoint({ url: urls.ari, events: ['ari.updated'], hotel_ids: [a.hotel.id] });
    const bAll = await createEndpoint({ url: urls.everything, events: ['*'], hotel_ids: [b.hotel.id] });
    const receivers = {
      reservations: webhookReceiver({ secret: aRes.secret }),
      ari: webhookReceiver({ secret: aAri.secret }),
      everything: webhookReceiver({ secret: bAll.secret }),
    };
    const deps = webhookDeps(
      queue,
      (Object.keys(urls) as (keyof typeof urls)[]).map((k) => ({
        method: 'POST',
        url: urls[k],
        reply: receivers[k].handler,
      })),
    );
    await booked(bookingBody(a));
    await commitAri(a.hotel.id);
    await commitAri(b.hotel.id);
    await handOff(deps, a.hotel.id);
    await handOff(deps, b.hotel.id);
    await drain(queue, deps);

    const seen = (r: ReturnType<typeof webhookReceiver>) =>
      r.deliveries.map((d) => JSON.parse(d.body)).map((e) => `${e.type}@${e.hotel_id === a.hotel.id ? 'A' : 'B'}`);
    expect(seen(receivers.reservations)).toEqual(['reservation.created@A']);
    expect(seen(receivers.ari)).toEqual(['ari.updated@A']);
    expect(seen(receivers.everything)).toEqual(['ari.updated@B']);
  });

  it('signs with both secrets for 24 h after a rotation, then only with the new one', async () => {
    const h = await quietHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.updated'], hotel_ids: [h.hotel.id] });
    const rotated = await expectStatus<{ secret: string; previous_secret_expires_at: string }>(
      call('POST', `${ENDPOINTS}/${endpoint.id}/rotate-secret`),
      200,
    );
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]{42}[A-Za-z0-9+/=]{2}$/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    const receiver = webhookReceiver({ secret: rotated.secret });
    const route = { method: 'POST', url: RECEIVER, reply: receiver.handler };

    await commitAri(h.hotel.id);
    const deps = webhookDeps(queue, [route]);
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);
    const inWindow = receiver.deliveries[0];
    if (!inWindow) throw new Error('no delivery');
    expect(inWindow.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(receiver.verifies(inWindow, rotated.secret)).toBe(true);
    expect(receiver.verifies(inWindow, endpoint.secret)).toBe(true);

    // 25 hours later (the receiver's clock too: standardwebhooks checks the timestamp against it).
    const later = new Date(Date.parse(rotated.previous_secret_expires_at) + 3_600_000);
    vi.spyOn(Date, 'now').mockReturnValue(later.getTime());
    await commitAri(h.hotel.id, 2);
    const afterDeps = webhookDeps(queue, [route], { now: () => later });
    await handOff(afterDeps, h.hotel.id);
    await drain(queue, afterDeps);
    const afterWindow = receiver.deliveries[1];
    if (!afterWindow) throw new Error('no delivery');
    expect(afterWindow.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(receiver.verifies(afterWindow, rotated.secret)).toBe(true);
    expect(receiver.verifies(afterWindow, endpoint.secret)).toBe(false);
  });

  it('sends a ping on request and replays every event since a time under the original ids', async () => {
    const h = await quietHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.updated'], hotel_ids: [h.hotel.id] });
    const receiver = webhookReceiver({ secret: endpoint.secret });
    const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply: receiver.handler }]);

    const ping = await expectStatus(call('POST', `${ENDPOINTS}/${endpoint.id}/test`), 202);
    expect(ping).toMatchObject({ event_type: 'ping', status: 'pending' });
    await drain(queue, deps);
    expect(JSON.parse(receiver.deliveries[0]?.body ?? '{}')).toMatchObject({
      type: 'ping',
      hotel_id: null,
      data: { endpoint_id: endpoint.id },
    });
    expect(receiver.verifies(receiver.deliveries[0] as never)).toBe(true);

    const since = new Date().toISOString();
    await commitAri(h.hotel.id, 1);
    await commitAri(h.hotel.id, 2);
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);
    const firstIds = receiver.deliveries.slice(1).map((d) => d.id);
    expect(firstIds).toHaveLength(2);

    const result = await expectStatus(call('POST', `${ENDPOINTS}/${endpoint.id}/replay`, { body: { since } }), 202);
    expect(result).toEqual({ deliveries: 2, more: false, next_after: null });
    await drain(queue, deps);
    expect(receiver.deliveries.slice(3).map((d) => d.id)).toEqual(firstIds);
    await expectProblem(call('POST', `${ENDPOINTS}/${endpoint.id}/replay`, { body: { since: 'yesterday' } }), 400);
  });

  it('refuses at delivery a URL the deployment’s rules forbid, without calling it', async () => {
    const h = await quietHotel();
    // Saved in development, where loopback receivers are allowed ...
    const endpoint = await createEndpoint({
      url: 'http://127.0.0.1:8787/hook',
      events: ['ari.*'],
      hotel_ids: [h.hotel.id],
    });
    const deps = webhookDeps(queue, []);
    const production = { ...deps, config: { ...deps.config, ENVIRONMENT: 'production' as const } };
    await commitAri(h.hotel.id);
    await handOff(production, h.hotel.id);
    await drain(queue, production);
    // ... but delivered by a production worker: refused before any request, and dead at once.
    expect(deps.fetch.requests).toEqual([]);
    const [dead] = await deliveriesOf(endpoint.id);
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toHaveLength(1);
    expect(dead.last_error).toMatch(/https/);
  });

  it('disables an endpoint whose deliveries all failed for 5 days and records webhook_endpoint.disabled', async () => {
    const h = await quietHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.*'], hotel_ids: [h.hotel.id] });
    const receiver = webhookReceiver({ secret: endpoint.secret, statuses: [500] });
    const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply: receiver.handler }]);
    await env.DB.prepare('UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?')
      .bind(Date.now() - 5 * 86_400_000 - 60_000, endpoint.id)
      .run();
    await commitAri(h.hotel.id);
    await handOff(deps, h.hotel.id);
    // The disabled endpoint's pending retry dies instead of being sent.
    await drain(queue, deps);

    const after = await expectStatus(call('GET', `${ENDPOINTS}/${endpoint.id}`), 200);
    expect(after).toMatchObject({ enabled: false, disabled_reason: 'failing' });
    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'dead', last_error: 'endpoint disabled' });
    const events = await env.DB.prepare(
      "SELECT hotel_id, data FROM outbox_events WHERE type = 'webhook_endpoint.disabled' AND subject_id = ?",
    )
      .bind(endpoint.id)
      .all<{ hotel_id: string; data: string }>();
    expect(events.results).toHaveLength(1);
    expect(events.results[0]?.hotel_id).toBe(h.hotel.id);
    expect(JSON.parse(events.results[0]?.data ?? '{}')).toMatchObject({ id: endpoint.id, reason: 'failing' });

    // Switching it back on starts the failure clock afresh.
    await expectStatus(call('PATCH', `${ENDPOINTS}/${endpoint.id}`, { body: { enabled: true } }), 200);
    const row = await env.DB.prepare('SELECT failing_since FROM webhook_endpoints WHERE id = ?')
      .bind(endpoint.id)
      .first();
    expect(row).toEqual({ failing_since: null });
  });

  it('re-queues a delivery whose attempt message was lost, from the every-minute cron', async () => {
    const h = await quietHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.updated'], hotel_ids: [h.hotel.id] });
    const receiver = webhookReceiver({ secret: endpoint.secret });
    const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply: receiver.handler }]);
    await commitAri(h.hotel.id);
    await handOff(deps, h.hotel.id);
    const handOffJobs = queue.queued.splice(0);
    for (const { job } of handOffJobs) queue.queued.push({ job });
    // The hand-off runs and makes the delivery, but its first attempt's message is lost.
    await drain(queue, { ...deps, jobs: { send: async () => {}, sendBatch: async () => {} } });
    const [lost] = await deliveriesOf(endpoint.id);
    expect(lost).toMatchObject({ status: 'pending', attempts: [] });

    // Ten minutes after it was due, the sweep sends it again.
    const at = Date.parse(lost.next_attempt_at) + 10 * 60_000 + 1000;
    await runCron('* * * * *', at, deps);
    await drain(queue, deps);
    expect(receiver.deliveries).toHaveLength(1);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'delivered' });
  });

  it('a 2xx whose record was lost is sent again under the same webhook-id, and recorded once', async () => {
    const h = await quietHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['ari.updated'], hotel_ids: [h.hotel.id] });
    const receiver = webhookReceiver({ secret: endpoint.secret });
    let failNextRecord = true;
    // D1 fails once, just after the receiver accepted: the attempt's record is not written.
    const d1 = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch' && failNextRecord && receiver.deliveries.length === 1) {
          failNextRecord = false;
          return async () => {
            throw new Error('D1_ERROR: network connection lost');
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const requests: { timeoutMs?: number; followRedirects?: boolean }[] = [];
    const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply: receiver.handler }]);
    const outbound = deps.outbound;
    const flaky = {
      ...deps,
      d1,
      outbound: (request: Parameters<typeof outbound>[0]) => {
        requests.push(request);
        return outbound(request);
      },
    };
    await commitAri(h.hotel.id);
    await handOff(flaky, h.hotel.id);
    await drain(queue, flaky);

    expect(failNextRecord).toBe(false);
    expect(receiver.deliveries.map((d) => d.answeredWith)).toEqual([200, 200]);
    expect(receiver.deliveries[1]?.id).toBe(receiver.deliveries[0]?.id);
    const [delivered] = await deliveriesOf(endpoint.id);
    expect(delivered).toMatchObject({ status: 'delivered' });
    expect(delivered.attempts).toHaveLength(1);
    // Every attempt: 10 s timeout, no redirect followed.
    expect(requests.every((r) => r.timeoutMs === 10_000 && r.followRedirects === false)).toBe(true);
  });
});
