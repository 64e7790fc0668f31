import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { inDays, nextWeekday, search, setAri } from '../helpers/ari';
import { aHotelWithRooms, createApiKey, openHotel } from '../helpers/builders';
import { publishCacheVersion } from '../helpers/cache';
import { ADMIN_KEY, call, expectStatus } from '../helpers/http';

function stay(hotelId: string, checkIn: string, nights: number, party: { adults?: number; children?: number } = {}) {
  const [y, m, d] = checkIn.split('-').map(Number) as [number, number, number];
  const checkOut = new Date(Date.UTC(y, m - 1, d + nights)).toISOString().slice(0, 10);
  return {
    hotel_id: hotelId,
    check_in: checkIn,
    check_out: checkOut,
    adults: party.adults ?? 2,
    children: party.children ?? 0,
  };
}

async function offers(body: Record<string, unknown>) {
  return expectStatus(search(body, { headers: { 'cache-control': 'no-cache' } }), 200);
}

describe('POST /api/booking-engine/availability', () => {
  it('returns every fitting room type with nightly breakdown and total', async () => {
    const { hotel, double, flex } = await openHotel();
    const body = await offers(stay(hotel.id, inDays(10), 3));
    expect(body).toMatchObject({ hotel_id: hotel.id, nights: 3, currency: 'EUR', adults: 2, children: 0 });
    expect(body.room_types).toHaveLength(1); // the single does not fit two adults
    expect(body.room_types[0]).toMatchObject({ room_type_id: double.id, code: 'DBL', available_units: 3 });
    expect(body.room_types[0].rate_plans).toEqual([
      expect.objectContaining({
        rate_plan_id: flex.id,
        code: 'FLEX',
        total_amount: 30000,
        nightly: [
          { date: inDays(10), amount: 10000 },
          { date: inDays(11), amount: 10000 },
          { date: inDays(12), amount: 10000 },
        ],
      }),
    ]);
  });

  it('prices occupancy: base adults, extra adults, children', async () => {
    const { hotel } = await openHotel();
    const one = await offers(stay(hotel.id, inDays(10), 2, { adults: 1 }));
    expect(one.room_types.map((r: any) => [r.code, r.rate_plans[0].total_amount])).toEqual([
      ['SGL', 14000],
      ['DBL', 20000],
    ]);
    const three = await offers(stay(hotel.id, inDays(10), 2, { adults: 3, children: 1 }));
    expect(three.room_types.map((r: any) => [r.code, r.rate_plans[0].total_amount])).toEqual([
      ['DBL', 2 * (10000 + 2500 + 1000)],
    ]);
    const tooMany = await offers(stay(hotel.id, inDays(10), 2, { adults: 3, children: 2 }));
    expect(tooMany.room_types).toEqual([]);
  });

  it('uses weekend prices set through days_of_week', async () => {
    const { hotel, double, flex } = await openHotel();
    await setAri(hotel.id, [
      {
        room_type_id: double.id,
        rate_plan_id: flex.id,
        from: inDays(0),
        to: inDays(60),
        days_of_week: ['fri', 'sat'],
        amount: 16000,
      },
    ]);
    const thursday = nextWeekday(inDays(7), 'thu');
    const body = await offers(stay(hotel.id, thursday, 4));
    expect(body.room_types[0].rate_plans[0].nightly.map((n: any) => n.amount)).toEqual([10000, 16000, 16000, 10000]);
    expect(body.room_types[0].rate_plans[0].total_amount).toBe(52000);
  });

  it('applies min/max stay and closed-to-arrival on the arrival night only', async () => {
    const { hotel, double, flex } = await openHotel();
    const arrival = inDays(20);
    await setAri(hotel.id, [
      { room_type_id: double.id, rate_plan_id: flex.id, from: arrival, to: arrival, min_stay: 3, max_stay: 5 },
      { room_type_id: double.id, rate_plan_id: flex.id, from: inDays(21), to: inDays(21), closed_to_arrival: true },
    ]);
    expect((await offers(stay(hotel.id, arrival, 2))).room_types).toEqual([]);
    expect((await offers(stay(hotel.id, arrival, 3))).room_types).toHaveLength(1);
    expect((await offers(stay(hotel.id, arrival, 5))).room_types).toHaveLength(1);
    expect((await offers(stay(hotel.id, arrival, 6))).room_types).toEqual([]);
    // Staying through the CTA night is fine; arriving on it is not.
    expect((await offers(stay(hotel.id, inDays(21), 1))).room_types).toEqual([]);
    expect((await offers(stay(hotel.id, inDays(19), 1))).room_types).toHaveLength(1);
  });

  it('removes offers with a closed night or a closed departure date', async () => {
    const { hotel, double, flex } = await openHotel();
    await setAri(hotel.id, [
      { room_type_id: double.id, rate_plan_id: flex.id, from: inDays(31), to: inDays(31), closed: true },
      { room_type_id: double.id, rate_plan_id: flex.id, from: inDays(35), to: inDays(35), closed_to_departure: true },
    ]);
    expect((await offers(stay(hotel.id, inDays(30), 3))).room_types).toEqual([]);
    expect((await offers(stay(hotel.id, inDays(33), 2))).room_types).toEqual([]);
    expect((await offers(stay(hotel.id, inDays(33), 3))).room_types).toHaveLength(1);
  });

  it('reports the minimum units over the stay and drops sold-out or unpriced nights', async () => {
    const { hotel, double, flex } = await openHotel();
    await setAri(hotel.id, [{ room_type_id: double.id, from: inDays(41), to: inDays(41), inventory: 1 }]);
    expect((await offers(stay(hotel.id, inDays(40), 3))).room_types[0].available_units).toBe(1);
    await setAri(hotel.id, [{ room_type_id: double.id, from: inDays(41), to: inDays(41), inventory: 0 }]);
    expect((await offers(stay(hotel.id, inDays(40), 3))).room_types).toEqual([]);
    await setAri(hotel.id, [
      { room_type_id: double.id, rate_plan_id: flex.id, from: inDays(45), to: inDays(45), amount: null },
    ]);
    expect((await offers(stay(hotel.id, inDays(44), 2))).room_types).toEqual([]);
    // No ARI at all beyond the opened window.
    expect((await offers(stay(hotel.id, inDays(60), 2))).room_types).toEqual([]);
  });

  it('filters by room type and rate plan', async () => {
    const { hotel, single, flex } = await openHotel();
    const body = await offers({
      ...stay(hotel.id, inDays(10), 1, { adults: 1 }),
      room_type_id: single.id,
      rate_plan_id: flex.id,
    });
    expect(body.room_types.map((r: any) => r.code)).toEqual(['SGL']);
  });

  it('serves from the cache and never stale after an ARI change', async () => {
    const { hotel, double, flex } = await openHotel();
    const body = stay(hotel.id, inDays(15), 2);
    const first = await search(body);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const firstJson: unknown = await first.json();
    // The cache write happens after the response (waitUntil); poll until it lands.
    let hit: Response | undefined;
    for (let i = 0; i < 20 && hit?.headers.get('x-cache') !== 'HIT'; i++) {
      hit = await search(body);
      if (hit.headers.get('x-cache') !== 'HIT') await new Promise((r) => setTimeout(r, 25));
    }
    expect(hit?.headers.get('x-cache')).toBe('HIT');
    expect(await hit?.json()).toEqual(firstJson);

    await setAri(hotel.id, [
      { room_type_id: double.id, rate_plan_id: flex.id, from: inDays(15), to: inDays(16), amount: 12345 },
    ]);
    const after = await search(body);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect((await after.json<any>()).room_types[0].rate_plans[0].total_amount).toBe(24690);
  });

  it.each([
    ['check-out before check-in', { check_out: '__in' }, 'check_out'],
    ['a 31-night stay', { nights: 31 }, 'check_out'],
    ['no adults', { adults: 0 }, 'adults'],
    ['negative children', { children: -1 }, 'children'],
    ['a bad date', { check_in: '2030-13-01' }, 'check_in'],
    ['a missing hotel_id', { hotel_id: undefined }, 'hotel_id'],
  ])('rejects %s with 400', async (_name, change, path) => {
    const { hotel } = await openHotel();
    const base: Record<string, unknown> = stay(hotel.id, inDays(10), (change as any).nights ?? 2);
    const body: Record<string, unknown> = { ...base, ...change };
    if ((change as any).check_out === '__in') body.check_out = base.check_in;
    delete body.nights;
    const problem = await expectStatus(search(body), 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: any) => e.path)).toContain(path);
  });

  it('rejects a check-in in the past of the hotel’s time zone', async () => {
    const { hotel } = await openHotel();
    const problem = await expectStatus(search(stay(hotel.id, inDays(-1), 2)), 400);
    expect(problem.errors[0].path).toBe('check_in');
    await expectStatus(search(stay(hotel.id, inDays(731), 2)), 400);
  });

  it('answers 404 for an unknown hotel and 403 for another tenant’s', async () => {
    const { hotel } = await openHotel();
    const other = await aHotelWithRooms();
    await expectStatus(search(stay('htl_01jzzzzzzzzzzzzzzzzzzzzzzz', inDays(3), 1)), 404);
    const key = await createApiKey({ scopes: ['availability:read'], hotel_ids: [other.hotel.id] });
    await expectStatus(search(stay(hotel.id, inDays(3), 1), { auth: { apiKey: key.key } }), 403);
  });

  it('serves booking widgets with a hotel-scoped token on both paths', async () => {
    const { hotel } = await openHotel();
    const key = await createApiKey({ scopes: ['availability:read'], hotel_ids: [hotel.id] });
    const token = await expectStatus(
      call('POST', '/api/v1/auth/token', {
        auth: { apiKey: key.key },
        body: { hotel_id: hotel.id, scopes: ['availability:read'] },
      }),
      200,
    );
    const body = stay(hotel.id, inDays(10), 1);
    const seed = await expectStatus(search(body, { auth: { bearer: token.access_token } }), 200);
    const v1 = await expectStatus(
      call('POST', '/api/v1/booking-engine/availability', { body, auth: { bearer: token.access_token } }),
      200,
    );
    expect(v1).toEqual(seed);
  });
});

describe('availability cache in KV', () => {
  const entry = (hotelId: string, q: ReturnType<typeof stay>) =>
    `av:e:${hotelId}:${[q.check_in, q.check_out, q.adults, q.children, '', ''].join('|')}`;

  /** A search through the worker's fetch handler that returns only once its background writes are done. */
  async function settledSearch(body: Record<string, unknown>): Promise<Response> {
    const ctx = createExecutionContext();
    const request = new Request('http://localhost/api/booking-engine/availability', {
      method: 'POST',
      headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const res = await worker.fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  it('writes a result to KV only when it is asked for a second time', async () => {
    const { hotel } = await openHotel();
    await publishCacheVersion(hotel.id);
    const once = stay(hotel.id, inDays(12), 2);
    expect((await settledSearch(once)).headers.get('x-cache')).toBe('MISS');
    // Every write the first search started has finished: none of them stored the result.
    expect(await env.CACHE.get(entry(hotel.id, once))).toBeNull();
    expect((await settledSearch(once)).headers.get('x-cache')).toBe('HIT');
    expect(await env.CACHE.get(entry(hotel.id, once))).not.toBeNull();
  });

  it('serves what another isolate stored under the current version, and nothing older', async () => {
    const { hotel } = await openHotel();
    await publishCacheVersion(hotel.id);
    const version = await env.CACHE.get<{ v: string }>(`av:v:${hotel.id}`, 'json');
    expect(version).not.toBeNull();
    const fromElsewhere = stay(hotel.id, inDays(14), 1);
    const body = JSON.stringify({ from: 'another isolate' });
    await env.CACHE.put(
      entry(hotel.id, fromElsewhere),
      `${version?.v}\n${Date.now() + 60_000}\nEurope/Vienna\n${body}`,
    );
    const res = await search(fromElsewhere);
    expect(res.headers.get('x-cache')).toBe('HIT');
    expect(await res.text()).toBe(body);

    const stale = stay(hotel.id, inDays(15), 1);
    await env.CACHE.put(entry(hotel.id, stale), `an-old-version\n${Date.now() + 60_000}\nEurope/Vienna\n${body}`);
    const fresh = await search(stale);
    expect(fresh.headers.get('x-cache')).toBe('MISS');
    expect((await fresh.json<any>()).room_types).toHaveLength(1);
  });
});
