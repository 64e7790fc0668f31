import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/dates';
import { blockedRanges } from '../../src/modules/channels/ical/calendar';
import { inDays, setAri } from '../helpers/ari';
import { createChannel } from '../helpers/channel-builders';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { bookableHotel, booked, bookingBody } from '../helpers/reservations';

type Hotel = Awaited<ReturnType<typeof bookableHotel>>;
type Calendar = { name: string; events: { uid: string; start: string; end: string; summary: string }[] };

async function calendarChannel(h: Hotel, overrides: Record<string, unknown> = {}) {
  const channel = await createChannel(h.hotel.id, {
    provider: 'airbnb',
    name: 'Airbnb listing',
    room_type_id: h.roomType.id,
    endpoint_url: undefined,
    credentials: undefined,
    hotel_code: undefined,
    ...overrides,
  });
  return channel as typeof channel & { ical_export_url: string };
}

/** The export as a calendar client gets it: no credential, only the URL. */
function fetchExport(url: string) {
  return call('GET', new URL(url).pathname, { auth: null });
}

/** Parsed back with ical.js, as Airbnb or any calendar client would read it. */
async function exported(url: string): Promise<Calendar> {
  const res = await fetchExport(url);
  expect(res.status).toBe(200);
  const text = await res.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname')),
    events: calendar.getAllSubcomponents('vevent').map((v) => {
      const event = new ICAL.Event(v);
      expect(event.startDate.isDate, 'all-day events').toBe(true);
      return {
        uid: event.uid,
        start: event.startDate.toString(),
        end: event.endDate.toString(),
        summary: event.summary,
      };
    }),
  };
}

/** Blocked ranges inside the hotel's 90 days of ARI (after them every night is unsellable anyway). */
const withinAri = (c: Calendar) =>
  c.events.filter((e) => e.start <= inDays(90)).map(({ start, end }) => ({ start, end }));

describe('GET /api/v1/ical/{channel_id}/{token}.ics', () => {
  it('blocks every sold-out or closed night of the room type, merged into ranges, and nothing open', async () => {
    const h = await bookableHotel({ units: 1 });
    const channel = await calendarChannel(h);
    expect(channel.ical_export_url).toMatch(/^http:\/\/[^/]+\/api\/v1\/ical\/chn_[a-z0-9]+\/[A-Za-z0-9_-]{40,}\.ics$/);
    expect(withinAri(await exported(channel.ical_export_url))).toEqual([]);

    // Sold out on nights 3 and 4 (one unit, booked), stop-sell on night 5 (touching: one range) and 10.
    await booked(bookingBody(h, { check_in: inDays(3), check_out: inDays(5) }));
    await setAri(h.hotel.id, [
      { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, from: inDays(5), to: inDays(5), closed: true },
      { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, from: inDays(10), to: inDays(10), closed: true },
    ]);
    const calendar = await exported(channel.ical_export_url);
    expect(withinAri(calendar)).toEqual([
      { start: inDays(3), end: inDays(6) },
      { start: inDays(10), end: inDays(11) },
    ]);
    // Past the loaded ARI nothing is for sale, up to the 365-night horizon.
    expect(calendar.events.at(-1)).toMatchObject({ start: inDays(91), end: inDays(365) });
    expect(calendar.events.every((e) => e.summary === 'Not available')).toBe(true);
    expect(calendar.name).toContain(h.hotel.name);
  });

  it('serves RFC 5545 text: CRLF lines folded at 75 octets, text/calendar, a short private cache', async () => {
    const h = await bookableHotel();
    const channel = await calendarChannel(h, { name: 'x'.repeat(150) });
    const res = await fetchExport(channel.ical_export_url);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    const text = await res.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    for (const property of ['PRODID:', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:']) {
      expect(text).toContain(`\r\n${property}`);
    }
    expect(text).toMatch(/\r\nDTSTART;VALUE=DATE:\d{8}\r\nDTEND;VALUE=DATE:\d{8}\r\n/);
    expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
  });

  it('keeps a range’s UID while the range grows, so the importing channel updates rather than churns', async () => {
    const h = await bookableHotel({ units: 1 });
    const channel = await calendarChannel(h);
    await booked(bookingBody(h, { check_in: inDays(20), check_out: inDays(22) }));
    const [first] = (await exported(channel.ical_export_url)).events;
    expect(first).toMatchObject({ start: inDays(20), end: inDays(22) });
    expect(first?.uid).toBe(`${channel.id}.${inDays(20)}@ical.wehub.app`);
    await booked(bookingBody(h, { check_in: inDays(22), check_out: inDays(23) }));
    const [grown] = (await exported(channel.ical_export_url)).events;
    expect(grown).toEqual({ ...first, end: inDays(23) });
  });

  it('answers the same 404 for a wrong token, an unknown channel, another provider and a disabled channel', async () => {
    const h = await bookableHotel();
    const channel = await calendarChannel(h);
    const path = new URL(channel.ical_export_url).pathname;
    const token = path.split('/').at(-1)?.replace('.ics', '') ?? '';
    const ota = await createChannel(h.hotel.id);
    const wrong = [
      path.replace(`${token}.ics`, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}.ics`),
      path.replace(channel.id, 'chn_01aaaaaaaaaaaaaaaaaaaaaaaa'),
      path.replace(channel.id, ota.id),
      path.replace('.ics', ''),
      path.replace('.ics', '.ics.ics'),
    ];
    for (const p of wrong) {
      const problem = await expectProblem(call('GET', p, { auth: null }), 404, 'not_found', p);
      expect(problem.detail).toBe('There is no calendar at this address.');
    }
    await expectStatus(call('PATCH', `/api/v1/channels/${channel.id}`, { body: { enabled: false } }), 200);
    await expectProblem(call('GET', path, { auth: null }), 404, 'not_found', 'disabled');
    await expectStatus(call('PATCH', `/api/v1/channels/${channel.id}`, { body: { enabled: true } }), 200);
    expect((await call('GET', path, { auth: null })).status).toBe(200);
  });

  it('stops serving the old URL once it is rotated; the new one works', async () => {
    const h = await bookableHotel();
    const channel = await calendarChannel(h);
    const rotated = await expectStatus(
      call('PATCH', `/api/v1/channels/${channel.id}`, { body: { rotate_ical_export_url: true } }),
      200,
    );
    expect(rotated.ical_export_url).not.toBe(channel.ical_export_url);
    await expectProblem(fetchExport(channel.ical_export_url), 404, 'not_found');
    expect((await fetchExport(rotated.ical_export_url)).status).toBe(200);
  });

  it('is documented as a public route whose credential is the token in its path', async () => {
    const doc = await (await call('GET', '/openapi.json', { auth: null })).json<any>();
    const op = doc.paths['/api/v1/ical/{channel_id}/{token}.ics'].get;
    expect(op.security).toEqual([]);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['channel_id', 'token']);
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/calendar']);
  });
});

describe('blockedRanges', () => {
  it('merges sold-out and closed nights into ranges with an exclusive end, inside the window only', () => {
    const day = (n: number) => addDays('2030-01-01', n);
    const ranges = blockedRanges({ from: day(0), to: day(10) }, [
      { roomCode: 'c', rateCode: null, start: day(-5), end: day(1), bookingLimit: 0 },
      { roomCode: 'c', rateCode: null, start: day(2), end: day(20), bookingLimit: 3 },
      { roomCode: 'c', rateCode: 'c', start: day(2), end: day(2), closed: true },
      { roomCode: 'c', rateCode: 'c', start: day(3), end: day(5), closed: false },
      { roomCode: 'c', rateCode: 'c', start: day(6), end: day(7), closed: true, closedToArrival: true },
      { roomCode: 'c', rateCode: 'c', start: day(9), end: day(30), closed: true },
    ]);
    expect(ranges).toEqual([
      { start: day(0), end: day(3) },
      { start: day(6), end: day(8) },
      { start: day(9), end: day(10) },
    ]);
  });
});
