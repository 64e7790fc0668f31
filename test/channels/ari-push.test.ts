import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps';
import { ariPushSubscriber, markDirty } from '../../src/modules/channels/ari-push/ari-push.subscriber';
import { attr, child, list, parseXml, type XmlNode } from '../../src/modules/channels/xml/xml';
import type { EventEnvelope } from '../../src/modules/events/events.schema';
import { putIntegrations } from '../../src/modules/integrations/integrations.service';
import { inDays, setAri } from '../helpers/ari';
import { bookableHotel, createApiKey, createRatePlan, createRoomType } from '../helpers/builders';
import { ariPartner, insertChannel, insertMapping, OTA_TEST_URL, PARTNER_LOGIN } from '../helpers/channel-rows';
import { CONFORMANCE_SKIP_REASON, otaSchemaErrors, SKIP_CONFORMANCE } from '../helpers/conformance';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { booked, bookingBody, modify } from '../helpers/reservations';
import { drain, handOff, memoryQueue, webhookDeps } from '../webhooks/harness';

const queue = memoryQueue();

/**
 * A bookable hotel (3 units, 100.00 a night for 90 days) whose setup is already handed on, one enabled
 * ota_xml channel mapping its room and plan as DBL/BAR, and a partner answering at ota.test.
 */
async function connectedHotel(options: { units?: number; config?: Partial<Deps['config']> } = {}) {
  const h = await bookableHotel({ units: options.units ?? 3 });
  const partner = ariPartner();
  const base = webhookDeps(queue, [{ method: 'POST', url: `${OTA_TEST_URL}/ari`, reply: partner.handler }]);
  const deps = { ...base, config: { ...base.config, ...options.config } };
  await handOff(deps, h.hotel.id);
  await drain(queue, deps);
  const channel = await insertChannel(h.hotel.id);
  await insertMapping(channel.id, h.roomType.id, h.ratePlan.id, { room: 'DBL', rate: 'BAR' });
  return { ...h, partner, deps, channel };
}

/** Hands the hotel's new events on and runs every job they lead to; returns what ran. */
async function settle(deps: Parameters<typeof drain>[1], hotelId: string) {
  await handOff(deps, hotelId);
  return drain(queue, deps);
}

function body(xml: string): XmlNode {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.refusal.message);
  return parsed.node;
}

function availMessages(xml: string): XmlNode[] {
  return list(child(body(xml), 'AvailStatusMessages')?.AvailStatusMessage);
}

function rateMessages(xml: string): XmlNode[] {
  return list(child(body(xml), 'RateAmountMessages')?.RateAmountMessage);
}

/**
 * A date at least `days` ahead whose next ten nights lie in one calendar month, so a test's ranges are
 * not cut by the monthly split (which has a test of its own).
 */
function day(days: number, plus = 0): string {
  let n = days;
  while (Number(inDays(n).slice(8)) > 18) n++;
  return inDays(n + plus);
}

const control = (m: XmlNode) => child(m, 'StatusApplicationControl');

/** [InvTypeCode, RatePlanCode, Start, End, BookingLimit] of the messages that carry a BookingLimit. */
function limits(xml: string) {
  return availMessages(xml)
    .filter((m) => attr(m, 'BookingLimit') !== undefined)
    .map((m) => [
      attr(control(m), 'InvTypeCode'),
      attr(control(m), 'Start'),
      attr(control(m), 'End'),
      Number(attr(m, 'BookingLimit')),
    ]);
}

async function rows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

describe('ARI push to channels', () => {
  it('sends an ARI change to each enabled channel, only for mapped products, as messages that validate', async () => {
    const h = await connectedHotel();
    // A second room type and plan the channel does not map, and a disabled channel that maps everything.
    const suite = await createRoomType(h.hotel.id, { code: 'STE' });
    const suitePlan = await createRatePlan(h.hotel.id, [suite.id]);
    const disabled = await insertChannel(h.hotel.id, { enabled: false, hotelCode: 'OFF' });
    await insertMapping(disabled.id, h.roomType.id, h.ratePlan.id, { room: 'DBL', rate: 'BAR' });
    await insertMapping(disabled.id, suite.id, suitePlan.id, { room: 'STE', rate: 'BAR' });
    await settle(h.deps, h.hotel.id);
    h.partner.received.length = 0;

    await setAri(h.hotel.id, [
      { room_type_id: h.roomType.id, from: day(20), to: day(20, 3), inventory: 2 },
      { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, from: day(20, 1), to: day(20, 2), amount: 12_550 },
      { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, from: day(20, 1), to: day(20, 1), min_stay: 2 },
      {
        room_type_id: h.roomType.id,
        rate_plan_id: h.ratePlan.id,
        from: day(20, 3),
        to: day(20, 3),
        closed_to_arrival: true,
      },
      { room_type_id: suite.id, from: day(20), to: day(20, 3), inventory: 1 },
      { room_type_id: suite.id, rate_plan_id: suitePlan.id, from: day(20), to: day(20, 3), amount: 30_000 },
    ]);
    await settle(h.deps, h.hotel.id);

    expect(h.partner.received.map((m) => m.root).sort()).toEqual([
      'OTA_HotelAvailNotifRQ',
      'OTA_HotelRateAmountNotifRQ',
    ]);
    expect(h.partner.received.every((m) => m.xml.includes('HotelCode="HOTEL1"'))).toBe(true);
    expect(h.partner.received[0]?.authorization).toBe(
      `Basic ${btoa(`${PARTNER_LOGIN.username}:${PARTNER_LOGIN.password}`)}`,
    );
    const [avail] = h.partner.of('OTA_HotelAvailNotifRQ');
    const [rates] = h.partner.of('OTA_HotelRateAmountNotifRQ');
    expect(limits(avail?.xml ?? '')).toEqual([['DBL', day(20), day(20, 3), 2]]);
    expect(avail?.xml).not.toContain('STE');
    expect(rates?.xml).not.toContain('STE');
    const priced = rateMessages(rates?.xml ?? '').map((m) => [
      attr(control(m), 'Start'),
      attr(control(m), 'End'),
      attr(child(child(child(child(m, 'Rates'), 'Rate'), 'BaseByGuestAmts'), 'BaseByGuestAmt'), 'AmountAfterTax'),
    ]);
    // Prices changed from the second night on: those nights (the first kept its price and is not resent).
    expect(priced).toEqual([
      [day(20, 1), day(20, 2), '125.50'],
      [day(20, 3), day(20, 3), '100.00'],
    ]);
    const arrival = availMessages(avail?.xml ?? '').find(
      (m) =>
        attr(child(m, 'RestrictionStatus'), 'Restriction') === 'Arrival' && attr(control(m), 'Start') === day(20, 3),
    );
    expect(attr(child(arrival, 'RestrictionStatus'), 'Status')).toBe('Close');

    const log = await rows<{ message_type: string; outcome: string }>(
      'SELECT message_type, outcome FROM channel_messages WHERE channel_id = ? ORDER BY message_type',
      h.channel.id,
    );
    expect(log).toEqual([
      { message_type: 'OTA_HotelAvailNotifRQ', outcome: 'success' },
      { message_type: 'OTA_HotelRateAmountNotifRQ', outcome: 'success' },
    ]);
    const [channel] = await rows<{ last_success_at: number | null }>(
      'SELECT last_success_at FROM channels WHERE id = ?',
      h.channel.id,
    );
    expect(channel?.last_success_at).not.toBeNull();
    expect(await rows('SELECT * FROM channel_ari_dirty WHERE hotel_id = ?', h.hotel.id)).toEqual([]);
  });

  it.skipIf(SKIP_CONFORMANCE)(
    `what it sends validates against the 2015A XSDs ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`,
    async () => {
      const h = await connectedHotel();
      await setAri(h.hotel.id, [
        { room_type_id: h.roomType.id, from: inDays(5), to: inDays(9), inventory: 1 },
        {
          room_type_id: h.roomType.id,
          rate_plan_id: h.ratePlan.id,
          from: inDays(6),
          to: inDays(7),
          amount: 9_900,
          max_stay: 7,
        },
        {
          room_type_id: h.roomType.id,
          rate_plan_id: h.ratePlan.id,
          from: inDays(8),
          to: inDays(8),
          closed: true,
          closed_to_departure: true,
        },
      ]);
      await settle(h.deps, h.hotel.id);
      expect(h.partner.received).toHaveLength(2);
      for (const m of h.partner.received) expect(await otaSchemaErrors(m.xml)).toEqual([]);
    },
  );

  it('coalesces many changes within the window into one push per channel', async () => {
    const h = await connectedHotel();
    for (let i = 0; i < 4; i++) {
      await setAri(h.hotel.id, [{ room_type_id: h.roomType.id, from: day(30, i), to: day(30, i), inventory: 1 }]);
    }
    const ran = await settle(h.deps, h.hotel.id);
    expect(ran.filter((r) => r.job.type === 'channels.ari_push')).toHaveLength(1);
    // Inventory only: no rate message; the four consecutive equal nights are one range.
    expect(h.partner.received.map((m) => m.root)).toEqual(['OTA_HotelAvailNotifRQ']);
    expect(limits(h.partner.received[0]?.xml ?? '')).toEqual([['DBL', day(30), day(30, 3), 1]]);
  });

  it('splits a long resync into one message per calendar month and kind', async () => {
    const h = await connectedHotel();
    // A different price every night, so nothing coalesces.
    await setAri(
      h.hotel.id,
      Array.from({ length: 90 }, (_, i) => ({
        room_type_id: h.roomType.id,
        rate_plan_id: h.ratePlan.id,
        from: inDays(i),
        to: inDays(i),
        amount: 10_000 + i,
      })),
    );
    await settle(h.deps, h.hotel.id);
    h.partner.received.length = 0;
    const result = await expectStatus<{ room_types: number }>(
      call('POST', `/api/v1/channels/${h.channel.id}/resync`, { body: { from: inDays(0), to: inDays(89) } }),
      202,
    );
    expect(result.room_types).toBe(1);
    await settle(h.deps, h.hotel.id);
    const months = new Set(Array.from({ length: 90 }, (_, i) => inDays(i).slice(0, 7)));
    const rates = h.partner.of('OTA_HotelRateAmountNotifRQ');
    expect(rates).toHaveLength(months.size);
    for (const m of rates) {
      const spans = rateMessages(m.xml).map((r) => attr(control(r), 'Start')?.slice(0, 7));
      expect(new Set(spans).size).toBe(1);
    }
    expect(rates.reduce((n, m) => n + rateMessages(m.xml).length, 0)).toBe(90);
    expect(h.partner.of('OTA_HotelAvailNotifRQ')).toHaveLength(months.size);
  });

  it('pushes a night sold out by a booking as BookingLimit 0, without waiting for the coalescing window', async () => {
    const h = await connectedHotel({ units: 1, config: { OTA_PUSH_COALESCE_SECONDS: 5 } });
    await booked(bookingBody(h, { check_in: day(40), check_out: day(40, 2) }));
    const ran = await settle(h.deps, h.hotel.id);
    const push = ran.filter((r) => r.job.type === 'channels.ari_push');
    expect(push.map((r) => r.delaySeconds ?? 0)).toEqual([0]);
    expect(h.partner.received.map((m) => m.root)).toEqual(['OTA_HotelAvailNotifRQ']);
    expect(limits(h.partner.received[0]?.xml ?? '')).toEqual([['DBL', day(40), day(40, 1), 0]]);
  });

  it('waits for the coalescing window when nothing sold out', async () => {
    const h = await connectedHotel({ units: 3, config: { OTA_PUSH_COALESCE_SECONDS: 5 } });
    await booked(bookingBody(h, { check_in: day(40), check_out: day(40, 2) }));
    const ran = await settle(h.deps, h.hotel.id);
    expect(ran.filter((r) => r.job.type === 'channels.ari_push').map((r) => r.delaySeconds)).toEqual([5]);
    expect(limits(h.partner.received[0]?.xml ?? '')).toEqual([['DBL', day(40), day(40, 1), 2]]);
  });

  it('retries an Errors answer with backoff, then dead-letters it and emits channel.sync_failed', async () => {
    const h = await connectedHotel();
    h.partner.always('errors');
    await booked(bookingBody(h, { check_in: inDays(50), check_out: inDays(51) }));
    const ran = await settle(h.deps, h.hotel.id);
    const sends = ran.filter((r) => r.job.type === 'channels.ari_send');
    expect(sends).toHaveLength(6);
    const delays = sends.slice(1).map((r) => r.delaySeconds ?? 0);
    expect(delays.every((d) => d >= 15)).toBe(true);
    expect(h.partner.received).toHaveLength(6);
    const dead = await rows<{ job_type: string; reason: string; attempts: number; payload: string }>(
      "SELECT job_type, reason, attempts, payload FROM dead_letters WHERE job_type = 'channels.ari_send' AND payload LIKE ?",
      `%${h.channel.id}%`,
    );
    expect(dead.map((d) => [d.reason, d.attempts])).toEqual([['exhausted', 6]]);
    const events = await rows<{ data: string }>(
      "SELECT data FROM outbox_events WHERE hotel_id = ? AND type = 'channel.sync_failed'",
      h.hotel.id,
    );
    expect(events.map((e) => JSON.parse(e.data))).toEqual([
      expect.objectContaining({
        channel_id: h.channel.id,
        provider: 'ota_xml',
        message_type: 'OTA_HotelAvailNotifRQ',
        attempts: 6,
      }),
    ]);
    const log = await rows<{ outcome: string; detail: string }>(
      'SELECT outcome, detail FROM channel_messages WHERE channel_id = ?',
      h.channel.id,
    );
    expect(log).toHaveLength(6);
    expect(log.every((l) => l.outcome === 'error' && l.detail.includes('392'))).toBe(true);
    const [channel] = await rows<{ last_error: string; last_success_at: number | null }>(
      'SELECT last_error, last_success_at FROM channels WHERE id = ?',
      h.channel.id,
    );
    expect(channel?.last_error).toContain('Invalid hotel code');
    expect(channel?.last_success_at).toBeNull();
  });

  it('a channel whose credentials do not open fails at once: channel.sync_failed, a permanent dead letter', async () => {
    const h = await connectedHotel();
    await env.DB.prepare("UPDATE channels SET credentials_sealed = 'v1.AAAA.AAAA' WHERE id = ?")
      .bind(h.channel.id)
      .run();
    await booked(bookingBody(h, { check_in: day(50), check_out: day(50, 1) }));
    const ran = await settle(h.deps, h.hotel.id);
    expect(ran.filter((r) => r.job.type === 'channels.ari_send')).toHaveLength(1);
    expect(h.partner.received).toEqual([]);
    const dead = await rows<{ reason: string }>(
      'SELECT reason FROM dead_letters WHERE payload LIKE ?',
      `%${h.channel.id}%`,
    );
    expect(dead).toEqual([{ reason: 'permanent' }]);
    const events = await rows<{ data: string }>(
      "SELECT data FROM outbox_events WHERE hotel_id = ? AND type = 'channel.sync_failed'",
      h.hotel.id,
    );
    expect(events.map((e) => JSON.parse(e.data).error)).toEqual([expect.stringContaining('credentials unavailable')]);
  });

  it('retries an HTTP failure and recovers: the log keeps both, the channel its last success', async () => {
    const h = await connectedHotel();
    h.partner.next(503);
    await booked(bookingBody(h, { check_in: inDays(50), check_out: inDays(51) }));
    await settle(h.deps, h.hotel.id);
    const log = await rows<{ outcome: string; http_status: number }>(
      'SELECT outcome, http_status FROM channel_messages WHERE channel_id = ? ORDER BY created_at, rowid',
      h.channel.id,
    );
    expect(log).toEqual([
      { outcome: 'failed', http_status: 503 },
      { outcome: 'success', http_status: 200 },
    ]);
    expect(await rows('SELECT 1 FROM dead_letters WHERE payload LIKE ?', `%${h.channel.id}%`)).toEqual([]);
  });

  it('records Warnings and does not retry', async () => {
    const h = await connectedHotel();
    h.partner.next('warnings');
    await booked(bookingBody(h, { check_in: inDays(50), check_out: inDays(51) }));
    await settle(h.deps, h.hotel.id);
    expect(h.partner.received).toHaveLength(1);
    const log = await rows<{ outcome: string; detail: string }>(
      'SELECT outcome, detail FROM channel_messages WHERE channel_id = ?',
      h.channel.id,
    );
    expect(log).toEqual([{ outcome: 'warning', detail: expect.stringContaining('Rate plan FLEX is not active') }]);
  });

  it('a retry after the state changed sends the new state, not the one of the failed attempt', async () => {
    const h = await connectedHotel();
    // The first answer fails; meanwhile the hotel's inventory of that night drops (no event: only D1).
    h.partner.next(500, async () => {
      await env.DB.prepare('UPDATE room_nights SET inventory = 2 WHERE room_type_id = ? AND date = ?')
        .bind(h.roomType.id, inDays(60))
        .run();
    });
    await booked(bookingBody(h, { check_in: inDays(60), check_out: inDays(61) }));
    await settle(h.deps, h.hotel.id);
    expect(h.partner.received.map((m) => limits(m.xml))).toEqual([
      [['DBL', inDays(60), inDays(60), 2]],
      [['DBL', inDays(60), inDays(60), 1]],
    ]);
  });

  it('a modification pushes the nights the stay left as well as the new ones', async () => {
    const h = await connectedHotel();
    const reservation = await booked(bookingBody(h, { check_in: day(45), check_out: day(45, 2) }));
    await settle(h.deps, h.hotel.id);
    h.partner.received.length = 0;
    await expectStatus(modify(reservation.id, { check_in: day(45, 4), check_out: day(45, 5) }), 200);
    await settle(h.deps, h.hotel.id);
    // One message from the first night left to the new one; the nights in between are as they were.
    expect(h.partner.received.map((m) => limits(m.xml))).toEqual([
      [
        ['DBL', day(45), day(45, 3), 3],
        ['DBL', day(45, 4), day(45, 4), 2],
      ],
    ]);
  });

  it('does nothing while OTA_INTEGRATION_ENABLED is false', async () => {
    const h = await connectedHotel({ units: 1, config: { OTA_INTEGRATION_ENABLED: false } });
    await booked(bookingBody(h, { check_in: day(50), check_out: day(50, 1) }));
    const ran = await settle(h.deps, h.hotel.id);
    expect(ran.filter((r) => r.job.type.startsWith('channels.'))).toEqual([]);
    expect(h.partner.received).toEqual([]);
    expect(await rows('SELECT * FROM channel_ari_dirty WHERE hotel_id = ?', h.hotel.id)).toEqual([]);
  });

  it('holds a hotel’s changes while its OTA integration is off and sends them once it is turned on again', async () => {
    const h = await connectedHotel({ units: 1 });
    await putIntegrations(h.deps, h.hotel.id, { ota_integration: { enabled: false } });
    await booked(bookingBody(h, { check_in: day(50), check_out: day(50, 1) }));
    await settle(h.deps, h.hotel.id);
    expect(h.partner.received).toEqual([]);
    expect(await rows('SELECT * FROM channel_ari_dirty WHERE hotel_id = ?', h.hotel.id)).toHaveLength(1);
    // No further change to the hotel: switching OTA on alone must send what was held.
    await putIntegrations(h.deps, h.hotel.id, { ota_integration: { enabled: true } });
    await drain(queue, h.deps);
    expect(h.partner.received.map((m) => m.root)).toEqual(['OTA_HotelAvailNotifRQ']);
    expect(limits(h.partner.received[0]?.xml ?? '')).toEqual([['DBL', day(50), day(50), 0]]);
    expect(await rows('SELECT * FROM channel_ari_dirty WHERE hotel_id = ?', h.hotel.id)).toEqual([]);
  });

  it('sends nothing to a hotel without an enabled channel, and keeps no dirty ranges for it', async () => {
    const h = await connectedHotel();
    await env.DB.prepare('UPDATE channels SET enabled = 0 WHERE id = ?').bind(h.channel.id).run();
    await booked(bookingBody(h, { check_in: inDays(50), check_out: inDays(51) }));
    const ran = await settle(h.deps, h.hotel.id);
    expect(ran.filter((r) => r.job.type.startsWith('channels.'))).toEqual([]);
    expect(h.partner.received).toEqual([]);
    expect(await rows('SELECT * FROM channel_ari_dirty WHERE hotel_id = ?', h.hotel.id)).toEqual([]);
  });
});

describe('overbooking and resync', () => {
  it('an overbooking goes to every channel at once, even with a coalescing window and a push pending', async () => {
    const h = await connectedHotel({ config: { OTA_PUSH_COALESCE_SECONDS: 5 } });
    const second = await insertChannel(h.hotel.id, { hotelCode: 'HOTEL2' });
    await insertMapping(second.id, h.roomType.id, h.ratePlan.id, { room: 'D2', rate: 'R2' });
    // A change first (as the subscriber records a booking of day 70): its push waits for the window.
    await markDirty(
      h.deps,
      h.hotel.id,
      null,
      [{ roomTypeId: h.roomType.id, from: day(70), to: day(70, 1), availability: true, rates: false }],
      false,
    );
    // The channel's reservation took the last units and more (as the import records it).
    await env.DB.prepare('UPDATE room_nights SET taken = inventory, overbooked = 1 WHERE room_type_id = ? AND date = ?')
      .bind(h.roomType.id, day(70, 1))
      .run();
    const overbooked: EventEnvelope = {
      id: 'evt_over',
      type: 'reservation.overbooked',
      created_at: new Date().toISOString(),
      hotel_id: h.hotel.id,
      data: { nights: [{ room_type_id: h.roomType.id, date: day(70, 1), over_by: 1 }] },
    };
    await ariPushSubscriber.handle(overbooked, h.deps);
    // As time would order them: the undelayed push runs before the one waiting for the window.
    queue.queued.sort((a, b) => (a.delaySeconds ?? 0) - (b.delaySeconds ?? 0));
    const ran = await drain(queue, h.deps);
    expect(ran.filter((r) => r.job.type === 'channels.ari_push').map((r) => r.delaySeconds ?? 0)).toEqual([0, 5]);
    const [first, other] = [
      h.partner.of('OTA_HotelAvailNotifRQ'),
      h.partner.received.filter((m) => m.xml.includes('HOTEL2')),
    ];
    expect(first.length).toBeGreaterThan(0);
    expect(other.length).toBeGreaterThan(0);
    // The immediate push took both ranges; the delayed one found nothing left.
    expect(h.partner.received.filter((m) => m.xml.includes('HOTEL1')).map((m) => limits(m.xml))).toEqual([
      [
        ['DBL', day(70), day(70), 3],
        ['DBL', day(70, 1), day(70, 1), 0],
      ],
    ]);
  });

  it('POST /channels/:id/resync: 202 for a mapped channel; 404 (also for another hotel), 409 and 400 otherwise', async () => {
    const h = await connectedHotel();
    const url = (id: string) => `/api/v1/channels/${id}/resync`;
    const range = { from: day(10), to: day(10, 2) };
    expect(await expectStatus(call('POST', url(h.channel.id), { body: range }), 202)).toEqual({
      channel_id: h.channel.id,
      ...range,
      room_types: 1,
    });
    await settle(h.deps, h.hotel.id);
    expect(h.partner.received.map((m) => m.root).sort()).toEqual([
      'OTA_HotelAvailNotifRQ',
      'OTA_HotelRateAmountNotifRQ',
    ]);

    await expectProblem(call('POST', url('chn_missing'), { body: range }), 404);
    await expectProblem(call('POST', url(h.channel.id), { body: { from: range.to, to: range.from } }), 400);
    await expectProblem(call('POST', url(h.channel.id), { body: { from: day(1) } }), 400);
    const other = await bookableHotel();
    const key = await createApiKey({ scopes: ['channels:manage'], hotel_ids: [other.hotel.id] });
    // Another hotel's channel is not there for it (a 403 told that it exists, and its hotel's id).
    const hidden = await expectProblem(
      call('POST', url(h.channel.id), { body: range, auth: { apiKey: key.key } }),
      404,
    );
    expect(JSON.stringify(hidden)).not.toContain(h.hotel.id);
    const reader = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [h.hotel.id] });
    await expectProblem(call('POST', url(h.channel.id), { body: range, auth: { apiKey: reader.key } }), 403);
    await env.DB.prepare('UPDATE channels SET enabled = 0 WHERE id = ?').bind(h.channel.id).run();
    await expectProblem(call('POST', url(h.channel.id), { body: range }), 409);
  });
});
