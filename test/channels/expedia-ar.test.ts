import { describe, expect, it } from 'vitest';
import { addDays, datesInRange, WEEKDAYS, type Weekday, weekdayOf } from '../../src/lib/dates';
import type { AvailStatus, ChannelContext, RateAmount } from '../../src/modules/channels/domain';
import { ARI_ADAPTERS } from '../../src/modules/channels/providers/ari-adapters';
import { isPermanentArError, readArAnswer } from '../../src/modules/channels/providers/expedia/ar-answer';
import {
  EQC_AR_NS,
  MAX_MESSAGE_BYTES,
  MAX_UPDATES_PER_MESSAGE,
} from '../../src/modules/channels/providers/expedia/ar-message';
import { expediaAriAdapter } from '../../src/modules/channels/providers/expedia/ari';
import { attr, child, list, parseXml, type XmlNode } from '../../src/modules/channels/xml/xml';
import { channelFields } from '../helpers/channel-context';

/** 2026-03-10 is a Tuesday: Expedia takes 2026-03-09 … 2028-03-09. */
const TODAY = '2026-03-10';
const adapter = expediaAriAdapter(() => new Date(`${TODAY}T12:00:00Z`));

function context(overrides: Partial<ChannelContext> = {}): ChannelContext {
  return {
    channel: channelFields({
      id: 'chn_test',
      hotelId: 'htl_test',
      provider: 'expedia',
      endpointUrl: 'http://expedia.test//',
      hotelCode: '411',
    }),
    credentials: { username: 'eqc-user', password: 'pa"ss<wörd' },
    ...overrides,
  };
}

function root(xml: string | undefined): XmlNode {
  const parsed = parseXml(xml ?? '');
  if (!parsed.ok) throw new Error(parsed.refusal.message);
  expect(parsed.root).toBe('AvailRateUpdateRQ');
  return parsed.node;
}

const updatesOf = (xml: string | undefined) => list(root(xml).AvailRateUpdate);

/** The nights a DateRange covers, read as Expedia would: from..to, only the flagged weekdays if any. */
function nightsOf(range: XmlNode | undefined): string[] {
  const flagged = WEEKDAYS.filter((d) => attr(range, d) !== undefined);
  const days: Weekday[] = flagged.length === 0 ? [...WEEKDAYS] : WEEKDAYS.filter((d) => attr(range, d) === 'true');
  return datesInRange(attr(range, 'from') ?? '', attr(range, 'to') ?? '').filter((d) => days.includes(weekdayOf(d)));
}

/** Expedia's update count of a message: every value attribute or element, once per night. */
function updateCount(xml: string): number {
  let n = 0;
  for (const u of updatesOf(xml)) {
    const room = child(u, 'RoomType');
    const plan = child(room, 'RatePlan');
    const values =
      (attr(room, 'closed') !== undefined ? 1 : 0) +
      (child(room, 'Inventory') !== undefined ? 1 : 0) +
      (attr(plan, 'closed') !== undefined ? 1 : 0) +
      (child(plan, 'Rate') !== undefined ? 1 : 0) +
      Object.keys(child(plan, 'Restrictions') ?? {}).length;
    n += values * nightsOf(child(u, 'DateRange')).length;
  }
  return n;
}

/** Date → price of every night the messages set. */
function pricesSent(xmls: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const xml of xmls) {
    for (const u of updatesOf(xml)) {
      const rate = attr(child(child(child(child(u, 'RoomType'), 'RatePlan'), 'Rate'), 'PerDay'), 'rate') ?? '';
      for (const night of nightsOf(child(u, 'DateRange'))) {
        expect(out.has(night), `${night} set twice`).toBe(false);
        out.set(night, rate);
      }
    }
  }
  return out;
}

const room = (start: string, end: string, s: Partial<AvailStatus> = {}): AvailStatus => ({
  roomCode: '40000',
  rateCode: null,
  start,
  end,
  ...s,
});
const plan = (start: string, end: string, s: Partial<AvailStatus> = {}): AvailStatus => ({
  roomCode: '40000',
  rateCode: '41000',
  start,
  end,
  ...s,
});
const price = (start: string, end: string, amount: number, a: Partial<RateAmount> = {}): RateAmount => ({
  roomCode: '40000',
  rateCode: '41000',
  start,
  end,
  amount,
  currency: 'EUR',
  ...a,
});

describe('Expedia AR: AvailRateUpdateRQ', () => {
  it('is the expedia ARI adapter, posting to {endpoint_url}/eqc/ar with the credentials in the body only', () => {
    const [request, ...more] = ARI_ADAPTERS.expedia.availability(context({ today: TODAY }), [
      room('2026-04-01', '2026-04-03', { bookingLimit: 3 }),
    ]);
    expect(more).toEqual([]);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('http://expedia.test/eqc/ar');
    expect(request?.messageType).toBe('AvailRateUpdateRQ');
    expect(request?.headers['content-type']).toMatch(/^text\/xml/);
    expect(Object.keys(request?.headers ?? {}).map((h) => h.toLowerCase())).not.toContain('authorization');
    const rq = root(request?.body);
    expect(request?.body).toMatch(new RegExp(`^<\\?xml[^>]*\\?><AvailRateUpdateRQ xmlns="${EQC_AR_NS}">`));
    expect([attr(child(rq, 'Authentication'), 'username'), attr(child(rq, 'Authentication'), 'password')]).toEqual([
      'eqc-user',
      'pa"ss<wörd',
    ]);
    expect(attr(child(rq, 'Hotel'), 'id')).toBe('411');
  });

  it('sends a room’s inventory on RoomType and a rate plan’s closure and restrictions on RatePlan', () => {
    const [request] = adapter.availability(context(), [
      room('2026-04-01', '2026-04-03', { bookingLimit: 3 }),
      room('2026-04-04', '2026-04-04', { bookingLimit: -2, closed: true }),
      plan('2026-04-01', '2026-04-02', {
        closed: false,
        closedToArrival: true,
        closedToDeparture: false,
        minLos: null,
        maxLos: 5,
      }),
      plan('2026-04-03', '2026-04-03', { closed: true, minLos: 40, maxLos: null }),
    ]);
    const shape = updatesOf(request?.body).map((u) => {
      const roomType = child(u, 'RoomType');
      const ratePlan = child(roomType, 'RatePlan');
      return {
        range: [attr(child(u, 'DateRange'), 'from'), attr(child(u, 'DateRange'), 'to')],
        room: [
          attr(roomType, 'id'),
          attr(roomType, 'closed'),
          attr(child(roomType, 'Inventory'), 'totalInventoryAvailable'),
        ],
        plan: ratePlan && [attr(ratePlan, 'id'), attr(ratePlan, 'closed'), child(ratePlan, 'Restrictions')],
      };
    });
    expect(shape).toEqual([
      { range: ['2026-04-01', '2026-04-03'], room: ['40000', undefined, '3'], plan: undefined },
      // Never below 0; the room closed as the status says.
      { range: ['2026-04-04', '2026-04-04'], room: ['40000', 'true', '0'], plan: undefined },
      {
        range: ['2026-04-01', '2026-04-02'],
        room: ['40000', undefined, undefined],
        // No minimum is 1; lengths of stay are Expedia's 1..28.
        plan: [
          '41000',
          'false',
          { '@closedToArrival': 'true', '@closedToDeparture': 'false', '@minLOS': '1', '@maxLOS': '5' },
        ],
      },
      {
        range: ['2026-04-03', '2026-04-03'],
        room: ['40000', undefined, undefined],
        plan: ['41000', 'true', { '@minLOS': '28', '@maxLOS': '28' }],
      },
    ]);
    // 3 + 2·1 + 4·2 + 3·1 values-by-night.
    expect(updateCount(request?.body ?? '')).toBe(3 + 2 + 10 + 3);
  });

  it('sends the base-occupancy price as PerDay in the currency’s decimals', () => {
    const [request] = adapter.rates(context(), [
      price('2026-04-01', '2026-04-02', 12_550),
      price('2026-04-01', '2026-04-01', 12_550, { rateCode: '42000', currency: 'JPY' }),
    ]);
    const rates = updatesOf(request?.body).map((u) => {
      const ratePlan = child(child(u, 'RoomType'), 'RatePlan');
      const rate = child(ratePlan, 'Rate');
      return [attr(ratePlan, 'id'), attr(rate, 'currency'), attr(child(rate, 'PerDay'), 'rate')];
    });
    expect(rates).toEqual([
      ['41000', 'EUR', '125.50'],
      ['42000', 'JPY', '12550'],
    ]);
    expect(updateCount(request?.body ?? '')).toBe(3);
  });

  it('writes prices that repeat by weekday as one DateRange per price with weekday flags', () => {
    // Four weeks from Monday 2026-03-02: 100.00 Monday to Thursday, 120.00 Friday to Sunday — as the
    // push plans them, eight runs.
    const amounts: RateAmount[] = [];
    for (let week = 0; week < 4; week++) {
      const monday = addDays('2026-03-02', 7 * week);
      amounts.push(price(monday, addDays(monday, 3), 10_000), price(addDays(monday, 4), addDays(monday, 6), 12_000));
    }
    const [request] = expediaAriAdapter(() => new Date('2026-03-01T00:00:00Z')).rates(context(), amounts);
    const ranges = updatesOf(request?.body).map((u) => child(u, 'DateRange'));
    expect(ranges).toEqual([
      {
        '@from': '2026-03-02',
        '@to': '2026-03-26',
        '@sun': 'false',
        '@mon': 'true',
        '@tue': 'true',
        '@wed': 'true',
        '@thu': 'true',
        '@fri': 'false',
        '@sat': 'false',
      },
      {
        '@from': '2026-03-06',
        '@to': '2026-03-29',
        '@sun': 'true',
        '@mon': 'false',
        '@tue': 'false',
        '@wed': 'false',
        '@thu': 'false',
        '@fri': 'true',
        '@sat': 'true',
      },
    ]);
    const sent = pricesSent([request?.body ?? '']);
    expect(sent.size).toBe(28);
    for (const [night, rate] of sent) {
      expect(rate).toBe(['fri', 'sat', 'sun'].includes(weekdayOf(night)) ? '120.00' : '100.00');
    }
  });

  it('covers every night exactly once with its own value, whatever the pattern', () => {
    // Deterministic pseudo-random prices and gaps over two months: what is sent, read back, is what was asked.
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let round = 0; round < 20; round++) {
      const wanted = new Map<string, number>();
      const amounts: RateAmount[] = [];
      for (const night of datesInRange('2026-04-01', '2026-05-31')) {
        const r = next() % 10;
        if (r === 0) continue;
        const amount = r < 5 ? 10_000 : r < 8 ? 12_000 + (next() % 2) * 1_000 : 9_000 + (round % 3) * 100;
        wanted.set(night, amount);
        amounts.push(price(night, night, amount));
      }
      const sent = pricesSent(adapter.rates(context(), amounts).map((r) => r.body ?? ''));
      expect(new Map([...sent].map(([night, rate]) => [night, Math.round(Number(rate) * 100)]))).toEqual(wanted);
    }
  });

  it('sends a constant value as one plain DateRange, without weekday flags', () => {
    const [request] = adapter.rates(context(), [price('2026-04-01', '2026-04-30', 9_900)]);
    expect(updatesOf(request?.body).map((u) => child(u, 'DateRange'))).toEqual([
      { '@from': '2026-04-01', '@to': '2026-04-30' },
    ]);
  });

  it('splits at 5,000 updates (values × nights) per message, 5,000 exactly still in one', () => {
    // Twelve rate plans, 100 nights each, five values a night: 500 updates each.
    const statuses = Array.from({ length: 12 }, (_, i) =>
      plan('2026-04-01', addDays('2026-04-01', 99), {
        rateCode: String(50_000 + i),
        closed: false,
        closedToArrival: false,
        closedToDeparture: i % 2 === 0,
        minLos: 2,
        maxLos: 14,
      }),
    );
    const requests = adapter.availability(context(), statuses);
    expect(requests.map((r) => updateCount(r.body ?? ''))).toEqual([MAX_UPDATES_PER_MESSAGE, 1_000]);
    expect(requests.map((r) => updatesOf(r.body).length)).toEqual([10, 2]);
  });

  it('a two-year range of five values fits one message; two of them do not', () => {
    const whole = { closed: false, closedToArrival: false, closedToDeparture: false, minLos: 1, maxLos: 7 };
    const requests = adapter.availability(context(), [
      plan('2026-01-01', '2029-12-31', whole),
      plan('2026-01-01', '2029-12-31', { ...whole, rateCode: '41001' }),
    ]);
    // 2026-03-09 … 2028-03-09: 732 nights.
    expect(requests.map((r) => updateCount(r.body ?? ''))).toEqual([5 * 732, 5 * 732]);
  });

  it('splits at 100 KB per message', () => {
    const statuses = Array.from({ length: 1_500 }, (_, i) =>
      room('2026-04-01', '2026-04-01', { roomCode: String(1_000_000 + i), bookingLimit: i % 9 }),
    );
    const requests = adapter.availability(context(), statuses);
    expect(requests.length).toBeGreaterThan(1);
    for (const r of requests)
      expect(new TextEncoder().encode(r.body).byteLength).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const rooms = requests.flatMap((r) => updatesOf(r.body).map((u) => attr(child(u, 'RoomType'), 'id')));
    expect(rooms).toEqual(statuses.map((s) => s.roomCode));
  });

  it('leaves out nights before yesterday and from two years on, at the hotel’s date when it is known', () => {
    const ranges = (ctx: ChannelContext, statuses: AvailStatus[]) =>
      adapter
        .availability(ctx, statuses)
        .flatMap((r) =>
          updatesOf(r.body).map((u) => [attr(child(u, 'DateRange'), 'from'), attr(child(u, 'DateRange'), 'to')]),
        );
    const statuses = [
      room('2026-03-01', '2026-03-20', { bookingLimit: 1 }),
      room('2028-03-01', '2028-12-31', { bookingLimit: 2 }),
    ];
    expect(ranges(context(), statuses)).toEqual([
      ['2026-03-09', '2026-03-20'],
      ['2028-03-01', '2028-03-09'],
    ]);
    // The send job's hotel-local date wins over the clock.
    expect(ranges(context({ today: '2026-03-12' }), statuses)).toEqual([
      ['2026-03-11', '2026-03-20'],
      ['2028-03-01', '2028-03-11'],
    ]);
    // Nothing left: no message at all.
    expect(adapter.availability(context(), [room('2026-01-01', '2026-03-08', { bookingLimit: 1 })])).toEqual([]);
    expect(adapter.rates(context(), [price('2028-03-10', '2028-04-01', 100)])).toEqual([]);
  });
});

const rs = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><AvailRateUpdateRS xmlns="http://www.expediaconnect.com/EQC/AR/2007/02">${inner}</AvailRateUpdateRS>`;

describe('Expedia AR: AvailRateUpdateRS', () => {
  it('reads Success, Success with Warnings and Errors with their codes', () => {
    expect(readArAnswer(rs('<Success/>'))).toEqual({ outcome: 'success', warnings: [], errors: [] });
    expect(
      readArAnswer(rs('<Success><Warning code="7013">Inventory date 2026-04-01; capped. Ref=[ab]</Warning></Success>')),
    ).toEqual({
      outcome: 'warning',
      warnings: [{ code: '7013', text: 'Inventory date 2026-04-01; capped. Ref=[ab]' }],
      errors: [],
    });
    expect(readArAnswer(rs('<Error code="3202">Invalid rate plan</Error><Error code="4000">later</Error>'))).toEqual({
      outcome: 'error',
      warnings: [],
      errors: [
        { code: '3202', text: 'Invalid rate plan' },
        { code: '4000', text: 'later' },
      ],
      permanent: true,
    });
  });

  it.each([
    ['1001', true],
    ['1000', true],
    ['2002', true],
    ['2010', true],
    ['3015', true],
    ['3103', true],
    ['3204', true],
    ['3010', false],
    ['3210', false],
    ['4000', false],
    ['4100', false],
    ['9000', false],
    ['abc', false],
  ])('error %s is permanent: %s', (code, permanent) => {
    expect(isPermanentArError(code)).toBe(permanent);
    expect(readArAnswer(rs(`<Error code="${code}">x</Error>`)).permanent).toBe(permanent);
  });

  it('an answer that is not an AvailRateUpdateRS, or says nothing, is an error worth retrying', () => {
    for (const body of [
      '<html>bad gateway</html>',
      'not xml',
      rs(''),
      '<OTA_HotelAvailNotifRS><Success/></OTA_HotelAvailNotifRS>',
    ]) {
      const answer = readArAnswer(body);
      expect(answer.outcome).toBe('error');
      expect(answer.permanent ?? false).toBe(false);
    }
  });
});
