import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/app';
import { inDays, putAri, setAri } from '../helpers/ari';
import { aHotelWithRooms } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';

async function count(table: 'room_nights' | 'rate_nights', hotelId: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE hotel_id = ?`).bind(hotelId).first<{
    n: number;
  }>();
  return row?.n ?? 0;
}

describe('ARI request limits', () => {
  it('refuses 2,000 two-year ranges by counting, before reading anything', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms();
    const update = { room_type_id: roomTypes[0]!.id, from: inDays(1), to: inDays(731), inventory: 1 };
    const updates = Array.from({ length: 2000 }, () => update);
    const problem = await expectStatus(putAri(hotel.id, updates), 400);
    expect(problem.errors).toEqual([
      { path: 'updates', message: '1462000 room-nights; one request may carry at most 50000' },
    ]);
    // The count runs in the body's validation: even an unknown hotel is not looked up first.
    await expectStatus(putAri('htl_01jzzzzzzzzzzzzzzzzzzzzzzz', updates), 400);
    expect(await count('room_nights', hotel.id)).toBe(0);
  });

  it('counts days_of_week nights only', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms();
    // 104 Saturdays in 728 days; 480 such updates name 49,920 room-nights, one more passes the limit.
    const sats = { room_type_id: roomTypes[0]!.id, from: inDays(1), to: inDays(728), days_of_week: ['sat'] };
    const updates = Array.from({ length: 480 }, (_, i) => ({ ...sats, inventory: i % 5 }));
    expect(await setAri(hotel.id, updates)).toEqual({ updated: 49_920 });
    const over = [...updates, { ...sats, inventory: 1 }];
    expect((await expectStatus(putAri(hotel.id, over), 400)).errors[0].message).toContain('50024 room-nights');
  });

  it('writes exactly 50,000 room-nights in one request and refuses one more', async () => {
    const { hotel, roomTypes, ratePlans } = await aHotelWithRooms({ roomTypes: 25, ratePlans: 1 });
    const halves = [
      { from: inDays(1), to: inDays(500) },
      { from: inDays(501), to: inDays(1000) },
    ];
    const updates = roomTypes.flatMap((rt, i) =>
      halves.flatMap((range) => [
        { room_type_id: rt.id, ...range, inventory: i },
        { room_type_id: rt.id, rate_plan_id: ratePlans[0]!.id, ...range, amount: 10_000 + i, min_stay: 1 },
      ]),
    );
    const extra = { room_type_id: roomTypes[0]!.id, from: inDays(1), to: inDays(1), inventory: 9 };
    await expectStatus(putAri(hotel.id, [...updates, extra]), 400);
    expect(await count('room_nights', hotel.id)).toBe(0);

    expect(await setAri(hotel.id, updates)).toEqual({ updated: 50_000 });
    expect(await count('room_nights', hotel.id)).toBe(25_000);
    expect(await count('rate_nights', hotel.id)).toBe(25_000);
    const last = await env.DB.prepare(
      'SELECT n.inventory, r.amount FROM room_nights n JOIN rate_nights r ON r.room_type_id = n.room_type_id AND r.date = n.date WHERE n.room_type_id = ? AND n.date = ?',
    )
      .bind(roomTypes[24]!.id, inDays(1000))
      .first();
    expect(last).toEqual({ inventory: 24, amount: 10_024 });
  });

  it('takes a night-by-night price list far beyond 2,000 updates, as large as the body allows', async () => {
    const { hotel, roomTypes, ratePlans } = await aHotelWithRooms({ roomTypes: 7, ratePlans: 1 });
    const updates = roomTypes.flatMap((rt, r) =>
      Array.from({ length: 1000 }, (_, d) => ({
        room_type_id: rt.id,
        rate_plan_id: ratePlans[0]!.id,
        from: inDays(d + 1),
        to: inDays(d + 1),
        amount: 10_000 + r * 1000 + d,
      })),
    );
    const size = new TextEncoder().encode(JSON.stringify({ updates })).length;
    expect(size).toBeGreaterThan(0.9 * MAX_BODY_BYTES);
    expect(size).toBeLessThan(MAX_BODY_BYTES);

    expect(await setAri(hotel.id, updates)).toEqual({ updated: 7000 });
    expect(await count('rate_nights', hotel.id)).toBe(7000);
    const cal = await expectStatus(
      call(
        'GET',
        `/api/v1/hotels/${hotel.id}/ari?from=${inDays(500)}&to=${inDays(500)}&room_type_id=${roomTypes[6]!.id}`,
      ),
      200,
    );
    expect(cal.room_types[0].rate_plans[0].nights[0].amount).toBe(10_000 + 6000 + 499);
  });

  it('applies updates in order: a later update wins on the fields both set, nothing else', async () => {
    const { hotel, roomTypes, ratePlans } = await aHotelWithRooms();
    const ids = { room_type_id: roomTypes[0]!.id, rate_plan_id: ratePlans[0]!.id };
    const [d1, d2, d3] = [inDays(1), inDays(2), inDays(3)];
    await setAri(hotel.id, [
      { ...ids, from: d1, to: d3, amount: 100, closed: true },
      { ...ids, from: d2, to: d2, amount: 200 },
      { ...ids, from: d3, to: d3, closed: false, min_stay: 2 },
      { room_type_id: ids.room_type_id, from: d1, to: d3, inventory: 5 },
      { room_type_id: ids.room_type_id, from: d2, to: d2, inventory: 3 },
    ]);
    const cal = await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}/ari?from=${d1}&to=${d3}`), 200);
    const rt = cal.room_types[0];
    expect(rt.nights.map((n: any) => n.inventory)).toEqual([5, 3, 5]);
    expect(rt.rate_plans[0].nights.map((n: any) => [n.amount, n.closed, n.min_stay])).toEqual([
      [100, true, null],
      [200, true, null],
      [100, false, 2],
    ]);
  });

  it('bounds a calendar read to 50,000 nights before reading any', async () => {
    // 35 room types, each in one rate plan: 70 series of nights a day.
    const { hotel, roomTypes } = await aHotelWithRooms({ roomTypes: 35, ratePlans: 1 });
    const read = (query: string) => call('GET', `/api/v1/hotels/${hotel.id}/ari?from=${inDays(1)}&${query}`);
    const problem = await expectStatus(read(`to=${inDays(731)}`), 400);
    expect(problem.errors).toEqual([{ path: 'query.to', message: expect.stringMatching(/^51170 nights/) }]);
    await expectStatus(read(`to=${inDays(714)}`), 200);
    const one = await expectStatus(read(`to=${inDays(731)}&room_type_id=${roomTypes[0]!.id}`), 200);
    expect(one.room_types).toHaveLength(1);
  });

  it('still answers /health', async () => {
    await expectStatus(call('GET', '/health', { auth: null }), 200);
  });
});
