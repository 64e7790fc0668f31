import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps';
import { addDays } from '../../src/lib/dates';
import { markDirty } from '../../src/modules/channels/ari-push/ari-push.subscriber';
import { ARI_ADAPTERS } from '../../src/modules/channels/providers/ari-adapters';
import { attr, child, list, parseXml, type XmlNode } from '../../src/modules/channels/xml/xml';
import { inDays, setAri } from '../helpers/ari';
import { bookableHotel, createRatePlan, createRoomType } from '../helpers/builders';
import { createChannel } from '../helpers/channel-builders';
import { call, expectStatus } from '../helpers/http';
import { drain, handOff, memoryQueue, webhookDeps } from '../webhooks/harness';

const queue = memoryQueue();
const EXPEDIA = 'http://expedia.test';
const LOGIN = { username: 'eqc-wehub', password: 'eqc-S3cret-pass' };

/**
 * Expedia's AR endpoint as these tests need it: POST /eqc/ar, credentials checked in the body's
 * Authentication element (1001 when wrong, as Expedia answers), then the scripted answer or Success.
 */
function fakeExpedia() {
  const received: { xml: string; node: XmlNode; contentType: string | null; authorization: string | null }[] = [];
  const script: string[] = [];
  const rs = (inner: string) =>
    new Response(
      `<?xml version="1.0" encoding="UTF-8"?><AvailRateUpdateRS xmlns="http://www.expediaconnect.com/EQC/AR/2007/02">${inner}</AvailRateUpdateRS>`,
      { status: 200, headers: { 'content-type': 'text/xml' } },
    );
  const handler = async (request: Request): Promise<Response> => {
    const xml = await request.text();
    const parsed = parseXml(xml);
    if (!parsed.ok || parsed.root !== 'AvailRateUpdateRQ') return rs('<Error code="2002">Parsing error</Error>');
    received.push({
      xml,
      node: parsed.node,
      contentType: request.headers.get('content-type'),
      authorization: request.headers.get('authorization'),
    });
    const auth = child(parsed.node, 'Authentication');
    if (attr(auth, 'username') !== LOGIN.username || attr(auth, 'password') !== LOGIN.password) {
      return rs('<Error code="1001">Authentication error: invalid username or password</Error>');
    }
    return rs(script.shift() ?? '<Success/>');
  };
  return { handler, received, next: (inner: string) => script.push(inner) };
}

/** Expedia property ids: one channel per property (channels_ota_property), so each test has its own. */
let properties = 410;

/** A bookable hotel with an expedia channel (made through the API) mapping its room and plan, its first year sent. */
async function expediaHotel(overrides: Partial<Deps> = {}) {
  const h = await bookableHotel({ units: 3 });
  const expedia = fakeExpedia();
  const deps = webhookDeps(queue, [{ method: 'POST', url: `${EXPEDIA}/eqc/ar`, reply: expedia.handler }], overrides);
  await handOff(deps, h.hotel.id);
  await drain(queue, deps);
  const channel = await createChannel(h.hotel.id, {
    provider: 'expedia',
    endpoint_url: EXPEDIA,
    hotel_code: String(++properties),
    credentials: LOGIN,
  });
  await expectStatus(
    call('PUT', `/api/v1/channels/${channel.id}/mappings`, {
      body: [
        {
          room_type_id: h.roomType.id,
          rate_plan_id: h.ratePlan.id,
          channel_room_code: '40000',
          channel_rate_code: '41000',
        },
      ],
    }),
    200,
  );
  return { ...h, expedia, deps, channel };
}

async function settle(deps: Parameters<typeof drain>[1], hotelId: string) {
  await handOff(deps, hotelId);
  return drain(queue, deps);
}

async function rows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

/** [from, to, totalInventoryAvailable] of the room-level updates of a message. */
const inventory = (node: XmlNode | undefined) =>
  list(node?.AvailRateUpdate)
    .filter((u) => child(child(u, 'RoomType'), 'Inventory') !== undefined)
    .map((u) => [
      attr(child(u, 'DateRange'), 'from'),
      attr(child(u, 'DateRange'), 'to'),
      attr(child(child(u, 'RoomType'), 'Inventory'), 'totalInventoryAvailable'),
    ]);

describe('ARI push to an Expedia QuickConnect channel', () => {
  it('sends the mapped calendar and each change as AvailRateUpdateRQ to /eqc/ar; the log keeps no password', async () => {
    const h = await expediaHotel();
    await settle(h.deps, h.hotel.id);
    // The year the new mapping starts selling, availability and rates; every one taken.
    expect(h.expedia.received.length).toBeGreaterThan(2);
    for (const m of h.expedia.received) {
      expect(attr(child(m.node, 'Hotel'), 'id')).toBe(h.channel.hotel_code);
      expect(m.contentType).toMatch(/^text\/xml/);
      expect(m.authorization).toBeNull();
    }
    const prices = h.expedia.received.flatMap((m) =>
      list(m.node.AvailRateUpdate).map((u) =>
        attr(child(child(child(child(u, 'RoomType'), 'RatePlan'), 'Rate'), 'PerDay'), 'rate'),
      ),
    );
    expect(prices).toContain('100.00');

    h.expedia.received.length = 0;
    await setAri(h.hotel.id, [{ room_type_id: h.roomType.id, from: inDays(20), to: inDays(21), inventory: 1 }]);
    await settle(h.deps, h.hotel.id);
    expect(h.expedia.received.map((m) => inventory(m.node))).toEqual([[[inDays(20), inDays(21), '1']]]);

    const log = await rows<{ message_type: string; outcome: string; request: string }>(
      'SELECT message_type, outcome, request FROM channel_messages WHERE channel_id = ?',
      h.channel.id,
    );
    expect(log.length).toBeGreaterThan(3);
    expect(log.every((l) => l.message_type === 'AvailRateUpdateRQ' && l.outcome === 'success')).toBe(true);
    expect(log.some((l) => l.request.includes(LOGIN.password))).toBe(false);
    expect(log.every((l) => l.request.includes(`username="${LOGIN.username}" password="[redacted]"`))).toBe(true);
    const [channel] = await rows<{ last_success_at: number | null; last_error: string | null }>(
      'SELECT last_success_at, last_error FROM channels WHERE id = ?',
      h.channel.id,
    );
    expect(channel).toEqual({ last_success_at: expect.any(Number), last_error: null });
  });

  it('a permanent EQC error dead-letters the send at once and tells the hotel (channel.sync_failed)', async () => {
    const h = await expediaHotel();
    await settle(h.deps, h.hotel.id);
    h.expedia.received.length = 0;
    h.expedia.next('<Error code="3202">Rate Plan ID 41000 not found</Error>');
    await setAri(h.hotel.id, [{ room_type_id: h.roomType.id, from: inDays(30), to: inDays(30), inventory: 2 }]);
    const ran = await settle(h.deps, h.hotel.id);
    expect(ran.filter((r) => r.job.type === 'channels.ari_send')).toHaveLength(1);
    expect(h.expedia.received).toHaveLength(1);
    const dead = await rows<{ reason: string; attempts: number }>(
      "SELECT reason, attempts FROM dead_letters WHERE job_type = 'channels.ari_send' AND payload LIKE ?",
      `%${h.channel.id}%`,
    );
    expect(dead).toEqual([{ reason: 'permanent', attempts: 1 }]);
    const events = await rows<{ data: string }>(
      "SELECT data FROM outbox_events WHERE hotel_id = ? AND type = 'channel.sync_failed'",
      h.hotel.id,
    );
    expect(events.map((e) => JSON.parse(e.data))).toEqual([
      expect.objectContaining({
        channel_id: h.channel.id,
        provider: 'expedia',
        message_type: 'AvailRateUpdateRQ',
        error: expect.stringContaining('3202 Rate Plan ID 41000 not found'),
        attempts: 1,
      }),
    ]);
    const [channel] = await rows<{ last_error: string }>('SELECT last_error FROM channels WHERE id = ?', h.channel.id);
    expect(channel?.last_error).toContain('3202');
  });

  it('a permanent error on one message of a send still posts its other messages, then dead-letters once', async () => {
    const h = await expediaHotel();
    const second = await createRoomType(h.hotel.id);
    const plan = await createRatePlan(h.hotel.id, [second.id]);
    await setAri(h.hotel.id, [{ room_type_id: second.id, from: inDays(0), to: inDays(90), inventory: 3 }]);
    await expectStatus(
      call('PUT', `/api/v1/channels/${h.channel.id}/mappings`, {
        body: [
          {
            room_type_id: h.roomType.id,
            rate_plan_id: h.ratePlan.id,
            channel_room_code: '40000',
            channel_rate_code: '41000',
          },
          { room_type_id: second.id, rate_plan_id: plan.id, channel_room_code: '50000', channel_rate_code: '51000' },
        ],
      }),
      200,
    );
    await settle(h.deps, h.hotel.id);
    h.expedia.received.length = 0;
    // Expedia's own split only cuts past 100 kB; one message per room makes a small scope two messages.
    const original = ARI_ADAPTERS.expedia;
    ARI_ADAPTERS.expedia = {
      ...original,
      availability: (ctx, statuses) =>
        [...new Set(statuses.map((s) => s.roomCode))].flatMap((room) =>
          original.availability(
            ctx,
            statuses.filter((s) => s.roomCode === room),
          ),
        ),
    };
    try {
      h.expedia.next('<Error code="3202">Room Type ID 40000 not found</Error>');
      await setAri(h.hotel.id, [
        { room_type_id: h.roomType.id, from: inDays(30), to: inDays(30), inventory: 2 },
        { room_type_id: second.id, from: inDays(30), to: inDays(30), inventory: 1 },
      ]);
      await settle(h.deps, h.hotel.id);
    } finally {
      ARI_ADAPTERS.expedia = original;
    }
    const rooms = h.expedia.received.map((m) =>
      list(m.node.AvailRateUpdate).map((u) => attr(child(u, 'RoomType'), 'id')),
    );
    expect(rooms.map((r) => r[0])).toEqual(['40000', '50000']);
    expect(inventory(h.expedia.received[1]?.node)).toEqual([[inDays(30), inDays(30), '1']]);
    const dead = await rows<{ reason: string }>(
      "SELECT reason FROM dead_letters WHERE job_type = 'channels.ari_send' AND payload LIKE ?",
      `%${h.channel.id}%`,
    );
    expect(dead).toEqual([{ reason: 'permanent' }]);
    const events = await rows<{ data: string }>(
      "SELECT data FROM outbox_events WHERE hotel_id = ? AND type = 'channel.sync_failed'",
      h.hotel.id,
    );
    expect(events.map((e) => JSON.parse(e.data).error)).toEqual([expect.stringContaining('3202 Room Type ID 40000')]);
  });

  it('a transient EQC error (4000 and up) is retried with backoff and recovers', async () => {
    const h = await expediaHotel();
    await settle(h.deps, h.hotel.id);
    h.expedia.received.length = 0;
    h.expedia.next('<Error code="4000">Expedia QuickConnect is in maintenance mode</Error>');
    await setAri(h.hotel.id, [{ room_type_id: h.roomType.id, from: inDays(30), to: inDays(30), inventory: 2 }]);
    const ran = await settle(h.deps, h.hotel.id);
    const sends = ran.filter((r) => r.job.type === 'channels.ari_send');
    expect(sends).toHaveLength(2);
    expect(sends[1]?.delaySeconds ?? 0).toBeGreaterThanOrEqual(15);
    expect(h.expedia.received.map((m) => inventory(m.node))).toEqual([
      [[inDays(30), inDays(30), '2']],
      [[inDays(30), inDays(30), '2']],
    ]);
    expect(await rows('SELECT 1 FROM dead_letters WHERE payload LIKE ?', `%${h.channel.id}%`)).toEqual([]);
    const log = await rows<{ outcome: string; detail: string | null }>(
      'SELECT outcome, detail FROM channel_messages WHERE channel_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 2',
      h.channel.id,
    );
    expect(log).toEqual([
      { outcome: 'success', detail: null },
      { outcome: 'error', detail: expect.stringContaining('4000 Expedia QuickConnect is in maintenance mode') },
    ]);
  });

  it('leaves out the nights before yesterday at the hotel, whose date may be ahead of UTC’s', async () => {
    // Noon UTC is 02:00 the next day on Kiritimati (UTC+14): the hotel's yesterday is UTC's today.
    const utcToday = new Date().toISOString().slice(0, 10);
    const now = new Date(`${utcToday}T12:00:00Z`);
    const h = await expediaHotel({ now: () => now });
    await env.DB.prepare("UPDATE hotels SET timezone = 'Pacific/Kiritimati' WHERE id = ?").bind(h.hotel.id).run();
    await settle(h.deps, h.hotel.id);
    h.expedia.received.length = 0;
    // The push plans from UTC's yesterday (still today somewhere); Expedia would refuse that night here.
    const range = { roomTypeId: h.roomType.id, from: addDays(utcToday, -1), to: addDays(utcToday, 2) };
    await markDirty(h.deps, h.hotel.id, null, [{ ...range, availability: true, rates: false }], false);
    await drain(queue, h.deps);
    const sent = h.expedia.received.flatMap((m) => inventory(m.node));
    expect(sent.map(([from]) => from).sort()[0]).toBe(utcToday);
    expect(
      sent
        .map(([, to]) => to)
        .sort()
        .at(-1),
    ).toBe(addDays(utcToday, 1));
  });

  it('credentials Expedia refuses (1001) stop the push at once instead of retrying them for a quarter hour', async () => {
    const h = await expediaHotel();
    await settle(h.deps, h.hotel.id);
    await expectStatus(
      call('PATCH', `/api/v1/channels/${h.channel.id}`, {
        body: { credentials: { username: LOGIN.username, password: 'an-old-password' } },
      }),
      200,
    );
    h.expedia.received.length = 0;
    await setAri(h.hotel.id, [{ room_type_id: h.roomType.id, from: inDays(40), to: inDays(40), inventory: 1 }]);
    const ran = await settle(h.deps, h.hotel.id);
    expect(ran.filter((r) => r.job.type === 'channels.ari_send')).toHaveLength(1);
    expect(h.expedia.received).toHaveLength(1);
    const dead = await rows<{ reason: string }>(
      "SELECT reason FROM dead_letters WHERE job_type = 'channels.ari_send' AND payload LIKE ?",
      `%${h.channel.id}%`,
    );
    expect(dead).toEqual([{ reason: 'permanent' }]);
    const logged = await rows<{ request: string }>(
      'SELECT request FROM channel_messages WHERE channel_id = ? AND outcome = ?',
      h.channel.id,
      'error',
    );
    expect(logged.some((l) => l.request.includes('an-old-password'))).toBe(false);
  });
});
