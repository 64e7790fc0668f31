import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/env';
import { AppError } from '../../src/errors';
import { createChannel as createChannelService } from '../../src/modules/channels/channels.service';
import { acknowledgeJobWith } from '../../src/modules/channels/inbound/acknowledge.job';
import { decideChannelReservation } from '../../src/modules/channels/inbound/channel-reservations.service';
import { pullChannelJob } from '../../src/modules/channels/inbound/pull.job';
import { pullChannel } from '../../src/modules/channels/inbound/pull.service';
import { CHANNEL_TOOLS } from '../../src/modules/channels/inbound/tools';
import { RESERVATION_ADAPTERS } from '../../src/modules/channels/providers/reservation-adapters';
import { inDays } from '../helpers/ari';
import { createChannel } from '../helpers/channel-builders';
import { auditChannelInventory, channelRow, nightOf } from '../helpers/channel-import';
import { recordingJobs, testDeps } from '../helpers/deps';
import { expectStatus } from '../helpers/http';
import { feedUrl, useIcalHostEachTest } from '../helpers/ical-host';
import {
  act,
  auditInventory,
  bookableHotel,
  booked,
  bookingBody,
  hotelSnapshot,
  takenOn,
} from '../helpers/reservations';

const host = useIcalHostEachTest();
type Hotel = Awaited<ReturnType<typeof bookableHotel>>;

const ADMIN: Principal = {
  kind: 'admin',
  id: 'admin',
  keyId: null,
  scopes: ['admin'],
  hotelIds: null,
  allowedOrigins: [],
};

let feeds = 0;

/** An airbnb channel of the hotel's room type importing a fresh feed of the host (auto_accept on). */
async function calendarChannel(h: Hotel, overrides: Record<string, unknown> = {}) {
  const feed = `listing-${++feeds}-${Date.now()}`;
  host.current.open(feed);
  const channel = await createChannel(h.hotel.id, {
    provider: 'airbnb',
    room_type_id: h.roomType.id,
    ical_import_url: feedUrl(feed),
    auto_accept: true,
    endpoint_url: undefined,
    credentials: undefined,
    hotel_code: undefined,
    ...overrides,
  });
  return { channel, feed };
}

/** One run of the pull job (what the cron starts for each due channel). */
async function pull(channelId: string) {
  const deps = testDeps();
  try {
    await pullChannelJob.handle({ channel_id: channelId }, deps);
  } finally {
    await deps.settle();
  }
}

async function reservationOf(channelId: string, uid: string) {
  const row = await channelRow(channelId, uid);
  if (!row?.reservation_id) return null;
  return env.DB.prepare('SELECT * FROM reservations WHERE id = ?')
    .bind(row.reservation_id)
    .first<Record<string, any>>();
}

const booking = (uid: string, start: number, end: number, summary = 'Reserved') => ({
  uid,
  start: inDays(start),
  end: inDays(end),
  summary,
  description: `Reservation URL: https://www.airbnb.com/hosting/reservations/details/${uid}`,
});

describe('iCal import (the pull cron on a calendar channel)', () => {
  it('turns each booking of the feed into a reservation holding the room type’s units; re-importing changes nothing', async () => {
    const h = await bookableHotel({ units: 2 });
    const { channel, feed } = await calendarChannel(h);
    host.current.put(feed, booking('HMA1@airbnb.com', 10, 12));
    // None of these is a booking: nights the host blocked, a cancelled event, a stay already over,
    // and our own export echoed back by the channel.
    host.current.put(feed, booking('block-1@airbnb.com', 20, 25, 'Airbnb (Not available)'));
    host.current.put(feed, { ...booking('cxl@airbnb.com', 30, 31), status: 'CANCELLED' });
    host.current.put(feed, booking('old@airbnb.com', -5, -2));
    host.current.put(feed, booking(`${channel.id}.${inDays(40)}@ical.wehub.app`, 40, 41, 'Not available'));

    await pull(channel.id);
    expect(host.current.fetched).toEqual([feed]);
    const held = await reservationOf(channel.id, 'HMA1@airbnb.com');
    expect(held).toMatchObject({
      status: 'confirmed',
      source: 'airbnb',
      check_in: inDays(10),
      check_out: inDays(12),
      guest_first_name: 'Airbnb',
      guest_last_name: 'guest',
      total_amount: 0,
    });
    expect(held?.special_requests).toContain('Reservation URL');
    expect([await takenOn(h.roomType.id, inDays(10)), await takenOn(h.roomType.id, inDays(11))]).toEqual([1, 1]);
    expect(await takenOn(h.roomType.id, inDays(12))).toBe(0);
    const { results } = await env.DB.prepare(
      'SELECT channel_reservation_id FROM channel_reservations WHERE channel_id = ?',
    )
      .bind(channel.id)
      .all<{ channel_reservation_id: string }>();
    expect(results.map((r) => r.channel_reservation_id)).toEqual(['HMA1@airbnb.com']);
    await auditInventory(h.hotel.id);

    const before = await hotelSnapshot(h.hotel.id);
    await pull(channel.id);
    expect(host.current.fetched).toHaveLength(2);
    expect(await hotelSnapshot(h.hotel.id)).toBe(before);
    const log = await env.DB.prepare(
      'SELECT message_type, outcome, http_status, request FROM channel_messages WHERE channel_id = ? ORDER BY created_at',
    )
      .bind(channel.id)
      .all();
    expect(log.results).toEqual([
      expect.objectContaining({ message_type: 'iCalendar', outcome: 'success', http_status: 200 }),
      expect.objectContaining({ message_type: 'iCalendar', outcome: 'success', http_status: 200 }),
    ]);
    const row = await env.DB.prepare('SELECT last_success_at, last_error FROM channels WHERE id = ?')
      .bind(channel.id)
      .first();
    expect(row).toMatchObject({ last_success_at: expect.any(Number), last_error: null });
  });

  it('moves the reservation when its event moves, and releases it when the event disappears', async () => {
    const h = await bookableHotel({ units: 2 });
    const { channel, feed } = await calendarChannel(h);
    host.current.put(feed, booking('HMMOVE@airbnb.com', 10, 12, 'Reserved - Jane Q Doe'));
    // Nights the host blocked: the feed never goes empty (an empty one cancels nothing, see below).
    host.current.put(feed, booking('block-move@airbnb.com', 60, 62, 'Airbnb (Not available)'));
    await pull(channel.id);
    const id = (await reservationOf(channel.id, 'HMMOVE@airbnb.com'))?.id;
    expect(await reservationOf(channel.id, 'HMMOVE@airbnb.com')).toMatchObject({
      guest_first_name: 'Jane Q',
      guest_last_name: 'Doe',
    });

    host.current.put(feed, booking('HMMOVE@airbnb.com', 11, 14, 'Reserved - Jane Q Doe'));
    await pull(channel.id);
    expect(await reservationOf(channel.id, 'HMMOVE@airbnb.com')).toMatchObject({
      id,
      status: 'confirmed',
      check_in: inDays(11),
      check_out: inDays(14),
    });
    expect(await channelRow(channel.id, 'HMMOVE@airbnb.com')).toMatchObject({ last_kind: 'modify' });
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(0);
    expect(await takenOn(h.roomType.id, inDays(13))).toBe(1);
    await auditInventory(h.hotel.id);

    host.current.remove(feed, 'HMMOVE@airbnb.com');
    await pull(channel.id);
    expect(await reservationOf(channel.id, 'HMMOVE@airbnb.com')).toMatchObject({ id, status: 'cancelled' });
    expect(await channelRow(channel.id, 'HMMOVE@airbnb.com')).toMatchObject({ last_kind: 'cancel' });
    for (const n of [11, 12, 13]) expect(await takenOn(h.roomType.id, inDays(n))).toBe(0);
    await auditInventory(h.hotel.id);
  });

  it('holds the nights again when a UID it cancelled comes back (a flaky feed, a reinstated booking)', async () => {
    const h = await bookableHotel({ units: 2 });
    const { channel, feed } = await calendarChannel(h);
    host.current.put(feed, booking('HMBACK@airbnb.com', 10, 13, 'Reserved - Jane Q Doe'));
    host.current.put(feed, booking('block-back@airbnb.com', 60, 62, 'Airbnb (Not available)'));
    await pull(channel.id);
    const first = await reservationOf(channel.id, 'HMBACK@airbnb.com');
    // One pull without it: the booking is released.
    host.current.remove(feed, 'HMBACK@airbnb.com');
    await pull(channel.id);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(0);

    // Back in the feed: the nights are blocked at the source, so a new reservation holds them here.
    host.current.put(feed, booking('HMBACK@airbnb.com', 10, 13, 'Reserved - Jane Q Doe'));
    await pull(channel.id);
    const again = await reservationOf(channel.id, 'HMBACK@airbnb.com');
    expect(again).toMatchObject({
      status: 'confirmed',
      check_in: inDays(10),
      check_out: inDays(13),
      guest_last_name: 'Doe',
    });
    expect(again?.id).not.toBe(first?.id);
    expect(await env.DB.prepare('SELECT status FROM reservations WHERE id = ?').bind(first?.id).first('status')).toBe(
      'cancelled',
    );
    expect(await channelRow(channel.id, 'HMBACK@airbnb.com')).toMatchObject({ last_kind: 'new', status: 'imported' });
    for (const n of [10, 11, 12]) expect(await takenOn(h.roomType.id, inDays(n))).toBe(1);
    await auditInventory(h.hotel.id);

    // Pulled again unchanged: nothing more is booked.
    await pull(channel.id);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
    // Marked cancelled this time, then brought back once more: the same again.
    host.current.put(feed, { ...booking('HMBACK@airbnb.com', 10, 13), status: 'CANCELLED' });
    await pull(channel.id);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(0);
    host.current.put(feed, booking('HMBACK@airbnb.com', 10, 13));
    await pull(channel.id);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
    await auditInventory(h.hotel.id);
  });

  it('does not cancel a booking whose stay is over when the feed drops it (feeds leave the past out)', async () => {
    const h = await bookableHotel({ units: 2 });
    const { channel, feed } = await calendarChannel(h);
    host.current.put(feed, booking('HMPAST@airbnb.com', 10, 12));
    host.current.put(feed, booking('HMLATER@airbnb.com', 14, 16));
    host.current.put(feed, booking('block-past@airbnb.com', 60, 62, 'Airbnb (Not available)'));
    await pull(channel.id);
    host.current.remove(feed, 'HMPAST@airbnb.com');
    host.current.remove(feed, 'HMLATER@airbnb.com');
    // Thirteen days on: the first stay is over, the second still ahead.
    const deps = testDeps({ now: () => new Date(Date.now() + 13 * 86_400_000) });
    await pullChannel(deps, channel.id, CHANNEL_TOOLS);
    await deps.settle();
    expect(await reservationOf(channel.id, 'HMPAST@airbnb.com')).toMatchObject({ status: 'confirmed' });
    expect(await reservationOf(channel.id, 'HMLATER@airbnb.com')).toMatchObject({ status: 'cancelled' });
    await auditInventory(h.hotel.id);
  });

  it('flags a booking overbooked, like an OTA booking, when the room type has no unit left', async () => {
    const h = await bookableHotel({ units: 1 });
    const { channel, feed } = await calendarChannel(h);
    await booked(bookingBody(h, { check_in: inDays(10), check_out: inDays(11) }));
    host.current.put(feed, booking('HMOVER@airbnb.com', 10, 12));
    await pull(channel.id);
    expect(await channelRow(channel.id, 'HMOVER@airbnb.com')).toMatchObject({ status: 'imported', overbooked: 1 });
    expect(await reservationOf(channel.id, 'HMOVER@airbnb.com')).toMatchObject({ status: 'confirmed' });
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 1 });
    expect(await nightOf(h.roomType.id, inDays(11))).toEqual({ inventory: 1, taken: 1, overbooked: 0 });
    await auditChannelInventory(h.hotel.id);
  });

  it('cancels nothing when the feed cannot be fetched or read; the job fails and the channel shows why', async () => {
    const h = await bookableHotel({ units: 2 });
    const { channel, feed } = await calendarChannel(h);
    host.current.put(feed, booking('HMKEEP@airbnb.com', 10, 12));
    await pull(channel.id);
    const kept = await hotelSnapshot(h.hotel.id);
    const manyEvents = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${Array.from(
      { length: 2001 },
      (_, i) => `BEGIN:VEVENT\r\nUID:e${i}\r\nDTSTART;VALUE=DATE:20300101\r\nEND:VEVENT\r\n`,
    ).join('')}END:VCALENDAR\r\n`;
    const broken: [Parameters<typeof host.current.breakNext>[1], RegExp][] = [
      [{ status: 503, body: 'busy' }, /iCalendar: HTTP 503/],
      [{ body: '<html><body>Sign in</body></html>', contentType: 'text/html' }, /not iCalendar/],
      [{ body: '' }, /not one iCalendar/],
      [
        { body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20300101\r\nEND:VEVENT\r\nEND:VCALENDAR' },
        /no UID/,
      ],
      [
        {
          body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:2030AB01\r\nEND:VEVENT\r\nEND:VCALENDAR',
        },
        /unreadable/,
      ],
      [{ body: manyEvents }, /2001 events; at most 2000/],
      [{ body: `BEGIN:VCALENDAR\r\nX-PAD:${'x'.repeat(1_100_000)}\r\nEND:VCALENDAR\r\n` }, /larger than 1048576 bytes/],
    ];
    for (const [answer, why] of broken) {
      host.current.breakNext(feed, answer);
      await expect(pull(channel.id), String(why)).rejects.toThrow(why);
      expect(await hotelSnapshot(h.hotel.id), String(why)).toBe(kept);
      const row = await env.DB.prepare('SELECT last_error FROM channels WHERE id = ?')
        .bind(channel.id)
        .first<string>('last_error');
      expect(row).toMatch(why);
    }
    expect(await reservationOf(channel.id, 'HMKEEP@airbnb.com')).toMatchObject({ status: 'confirmed' });
    // Once the feed is back, so is the channel: nothing was lost, nothing doubled.
    await pull(channel.id);
    expect(await hotelSnapshot(h.hotel.id)).toBe(kept);
    await auditInventory(h.hotel.id);
  });

  it('cancels nothing when a feed that held bookings comes back empty, until the hotel cancels them itself', async () => {
    const h = await bookableHotel({ units: 2 });
    const { channel, feed } = await calendarChannel(h);
    host.current.put(feed, booking('HMEMPTY1@airbnb.com', 10, 12));
    host.current.put(feed, booking('HMEMPTY2@airbnb.com', 20, 22));
    await pull(channel.id);
    const kept = await hotelSnapshot(h.hotel.id);
    // A flaky host answering 200 with a bare VCALENDAR.
    host.current.remove(feed, 'HMEMPTY1@airbnb.com');
    host.current.remove(feed, 'HMEMPTY2@airbnb.com');
    await expect(pull(channel.id)).rejects.toThrow(/no event at all while 2 upcoming booking\(s\)/);
    expect(await hotelSnapshot(h.hotel.id)).toBe(kept);
    expect(await channelRow(channel.id, 'HMEMPTY1@airbnb.com')).toMatchObject({ last_kind: 'new' });
    const log = await env.DB.prepare(
      'SELECT outcome FROM channel_messages WHERE channel_id = ? ORDER BY created_at DESC LIMIT 1',
    )
      .bind(channel.id)
      .first<string>('outcome');
    expect(log).toBe('error');

    // Really gone: the hotel cancels them, and the empty feed applies again (nothing left to hold).
    for (const uid of ['HMEMPTY1@airbnb.com', 'HMEMPTY2@airbnb.com']) {
      const id = (await reservationOf(channel.id, uid))?.id;
      await expectStatus(act(id, 'cancel'), 200);
    }
    await pull(channel.id);
    expect(await channelRow(channel.id, 'HMEMPTY2@airbnb.com')).toMatchObject({ last_kind: 'cancel' });
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(0);
    await auditInventory(h.hotel.id);
  });

  it('releases a booking whose event the feed marks STATUS:CANCELLED instead of dropping it', async () => {
    const h = await bookableHotel({ units: 2 });
    const { channel, feed } = await calendarChannel(h);
    host.current.put(feed, booking('HMCXL@example.com', 10, 12));
    await pull(channel.id);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
    host.current.put(feed, { ...booking('HMCXL@example.com', 10, 12), status: 'CANCELLED' });
    await pull(channel.id);
    expect(await reservationOf(channel.id, 'HMCXL@example.com')).toMatchObject({ status: 'cancelled' });
    expect(await channelRow(channel.id, 'HMCXL@example.com')).toMatchObject({ last_kind: 'cancel' });
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(0);
    await auditInventory(h.hotel.id);
  });

  it('dates a check-in given as a UTC time at the hotel (15:00 in Honolulu is 01:00Z the next day)', async () => {
    const h = await bookableHotel({ units: 2 });
    await env.DB.prepare("UPDATE hotels SET timezone = 'Pacific/Honolulu' WHERE id = ?").bind(h.hotel.id).run();
    const { channel, feed } = await calendarChannel(h);
    const utc = (days: number, time: string) => `${inDays(days).replaceAll('-', '')}T${time}Z`;
    host.current.breakNext(feed, {
      body: [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        'UID:HMUTC@example.com',
        `DTSTART:${utc(11, '010000')}`,
        `DTEND:${utc(12, '210000')}`,
        'SUMMARY:Reserved',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:HMLOCAL@example.com',
        `DTSTART;TZID=Pacific/Honolulu:${utc(20, '150000').slice(0, -1)}`,
        `DTEND;TZID=Pacific/Honolulu:${utc(21, '110000').slice(0, -1)}`,
        'SUMMARY:Reserved',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    });
    await pull(channel.id);
    expect(await reservationOf(channel.id, 'HMUTC@example.com')).toMatchObject({
      check_in: inDays(10),
      check_out: inDays(12),
    });
    expect(await reservationOf(channel.id, 'HMLOCAL@example.com')).toMatchObject({
      check_in: inDays(20),
      check_out: inDays(21),
    });
  });

  it('keeps a booking pending when auto_accept is off; accepting it tells the calendar channel nothing and succeeds', async () => {
    const h = await bookableHotel({ units: 2 });
    const { channel, feed } = await calendarChannel(h, { auto_accept: false, provider: 'ical' });
    host.current.put(feed, booking('VRBO-1', 10, 12, 'Reserved - Max Muster'));
    await pull(channel.id);
    expect(await reservationOf(channel.id, 'VRBO-1')).toMatchObject({ status: 'pending', source: 'ical' });
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
    const jobs = recordingJobs();
    const deps = testDeps({ jobs });
    await decideChannelReservation(deps, ADMIN, channel.id, 'VRBO-1', 'accept');
    const ack = jobs.sent.find((job) => job.type === 'channels.acknowledge') as { payload: any } | undefined;
    expect(ack).toBeDefined();
    await acknowledgeJobWith(RESERVATION_ADAPTERS).handle(ack?.payload, deps);
    await deps.settle();
    expect(await reservationOf(channel.id, 'VRBO-1')).toMatchObject({ status: 'confirmed' });
    expect(await channelRow(channel.id, 'VRBO-1')).toMatchObject({
      status: 'imported',
      acknowledged_at: expect.any(Number),
    });
  });

  it('an export-only channel (no ical_import_url) fetches nothing and succeeds', async () => {
    const h = await bookableHotel();
    const { channel } = await calendarChannel(h, { ical_import_url: undefined });
    const deps = testDeps();
    expect(await pullChannel(deps, channel.id, CHANNEL_TOOLS)).toEqual({
      status: 'done',
      received: 0,
      acknowledged: 0,
    });
    expect(host.current.fetched).toEqual([]);
  });
});

describe('ical_import_url', () => {
  it('may be plain http to loopback in development only', async () => {
    const h = await bookableHotel();
    const body = {
      provider: 'ical',
      room_type_id: h.roomType.id,
      enabled: true,
    } as const;
    const dev = testDeps();
    for (const url of ['http://127.0.0.1:8793/calendar/demo.ics', 'http://localhost:8793/demo.ics']) {
      const row = await createChannelService(dev, h.hotel.id, { ...body, ical_import_url: url } as never);
      expect(row.icalImportUrl).toBe(url);
    }
    const production = { ...dev, config: { ...dev.config, ENVIRONMENT: 'production' as const } };
    for (const url of [
      'http://127.0.0.1:8793/calendar/demo.ics',
      'https://localhost/demo.ics',
      'http://calendar.example.com/demo.ics',
      'https://10.1.2.3/demo.ics',
    ]) {
      const error = await createChannelService(production, h.hotel.id, {
        ...body,
        ical_import_url: url,
      } as never).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(AppError);
      expect((error as AppError).extra.errors).toEqual([expect.objectContaining({ path: 'ical_import_url' })]);
    }
    const ok = await createChannelService(production, h.hotel.id, {
      ...body,
      ical_import_url: 'https://www.airbnb.com/calendar/ical/1.ics?s=abc',
    } as never);
    expect(ok.icalImportUrl).toBe('https://www.airbnb.com/calendar/ical/1.ics?s=abc');
  });

  it('saved in development is not fetched by a production deployment', async () => {
    const h = await bookableHotel();
    const { channel } = await calendarChannel(h);
    await env.DB.prepare('UPDATE channels SET ical_import_url = ? WHERE id = ?')
      .bind('http://127.0.0.1:9/calendar.ics', channel.id)
      .run();
    const base = testDeps();
    const deps = { ...base, config: { ...base.config, ENVIRONMENT: 'production' as const } };
    await expect(pullChannel(deps, channel.id, CHANNEL_TOOLS)).rejects.toThrow(
      /ical_import_url: The URL must use https/,
    );
  });
});
