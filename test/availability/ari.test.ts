import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { inDays, putAri, setAri } from '../helpers/ari';
import { aHotelWithRooms, createApiKey } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';

async function calendar(hotelId: string, from: string, to: string) {
  return expectStatus(call('GET', `/api/v1/hotels/${hotelId}/ari?from=${from}&to=${to}`), 200);
}

describe('PUT /api/v1/hotels/:hotel_id/ari', () => {
  it('writes inventory, prices and restrictions and reads them back', async () => {
    const { hotel, roomTypes, ratePlans } = await aHotelWithRooms();
    const [rt, rp] = [roomTypes[0]!, ratePlans[0]!];
    const from = inDays(10);
    const to = inDays(12);
    const res = await setAri(hotel.id, [
      { room_type_id: rt.id, from, to, inventory: 4 },
      { room_type_id: rt.id, rate_plan_id: rp.id, from, to, amount: 12000, min_stay: 2, closed_to_arrival: true },
    ]);
    expect(res).toEqual({ updated: 6 });

    const cal = await calendar(hotel.id, from, to);
    const room = cal.room_types.find((r: any) => r.room_type_id === rt.id);
    expect(room.nights).toEqual([
      { date: from, inventory: 4, taken: 0, overbooked: 0, available: 4 },
      { date: inDays(11), inventory: 4, taken: 0, overbooked: 0, available: 4 },
      { date: to, inventory: 4, taken: 0, overbooked: 0, available: 4 },
    ]);
    expect(room.rate_plans[0].nights[0]).toEqual({
      date: from,
      amount: 12000,
      min_stay: 2,
      max_stay: null,
      closed: false,
      closed_to_arrival: true,
      closed_to_departure: false,
    });
  });

  it('changes only the fields an update names', async () => {
    const { hotel, roomTypes, ratePlans } = await aHotelWithRooms();
    const base = { room_type_id: roomTypes[0]!.id, rate_plan_id: ratePlans[0]!.id, from: inDays(5), to: inDays(5) };
    await setAri(hotel.id, [{ ...base, amount: 9000, min_stay: 3, closed: true }]);
    await setAri(hotel.id, [{ ...base, closed: false }]);
    await setAri(hotel.id, [{ ...base, min_stay: null }]);
    const cal = await calendar(hotel.id, inDays(5), inDays(5));
    expect(cal.room_types[0].rate_plans[0].nights[0]).toMatchObject({ amount: 9000, min_stay: null, closed: false });
  });

  it('applies days_of_week within the range', async () => {
    const { hotel, roomTypes, ratePlans } = await aHotelWithRooms();
    const ids = { room_type_id: roomTypes[0]!.id, rate_plan_id: ratePlans[0]!.id };
    const from = inDays(20);
    const to = inDays(33);
    await setAri(hotel.id, [{ ...ids, from, to, amount: 10000 }]);
    const res = await setAri(hotel.id, [{ ...ids, from, to, days_of_week: ['fri', 'sat'], amount: 15000 }]);
    expect(res.updated).toBe(4);
    const cal = await calendar(hotel.id, from, to);
    for (const n of cal.room_types[0].rate_plans[0].nights) {
      const day = new Date(`${n.date}T00:00:00Z`).getUTCDay();
      expect(n.amount).toBe(day === 5 || day === 6 ? 15000 : 10000);
    }
  });

  it('updates a year for 20 room types × 5 rate plans in one request and emits one event', async () => {
    const { hotel, roomTypes, ratePlans } = await aHotelWithRooms({ roomTypes: 20, ratePlans: 5 });
    const from = inDays(1);
    const to = inDays(365);
    const updates = roomTypes.flatMap((rt) => [
      { room_type_id: rt.id, from, to, inventory: 10 },
      ...ratePlans.map((rp) => ({ room_type_id: rt.id, rate_plan_id: rp.id, from, to, amount: 10000 })),
    ]);
    const res = await setAri(hotel.id, updates);
    expect(res.updated).toBe(365 * 20 * 6);
    const counts = await env.DB.batch([
      env.DB.prepare('SELECT COUNT(*) AS n FROM room_nights WHERE hotel_id = ?').bind(hotel.id),
      env.DB.prepare('SELECT COUNT(*) AS n FROM rate_nights WHERE hotel_id = ?').bind(hotel.id),
      env.DB.prepare("SELECT COUNT(*) AS n FROM outbox_events WHERE hotel_id = ? AND type = 'ari.updated'").bind(
        hotel.id,
      ),
    ]);
    expect(counts.map((c) => (c.results[0] as { n: number }).n)).toEqual([365 * 20, 365 * 100, 1]);
  });

  it('is atomic: a refused request changes nothing and emits nothing', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms();
    const rt = roomTypes[0]!;
    await setAri(hotel.id, [{ room_type_id: rt.id, from: inDays(3), to: inDays(4), inventory: 2 }]);
    await env.DB.prepare('UPDATE room_nights SET taken = 2 WHERE room_type_id = ? AND date = ?')
      .bind(rt.id, inDays(4))
      .run();

    const res = await putAri(hotel.id, [
      { room_type_id: rt.id, from: inDays(1), to: inDays(2), inventory: 7 },
      { room_type_id: rt.id, from: inDays(3), to: inDays(4), inventory: 1 },
    ]);
    const problem = await expectStatus(res, 409);
    expect(problem.code).toBe('conflict');
    expect(problem.detail).toContain(inDays(4));
    const rows = await env.DB.prepare('SELECT date, inventory FROM room_nights WHERE room_type_id = ? ORDER BY date')
      .bind(rt.id)
      .all();
    expect(rows.results).toEqual([
      { date: inDays(3), inventory: 2 },
      { date: inDays(4), inventory: 2 },
    ]);
    const events = await env.DB.prepare('SELECT COUNT(*) AS n FROM outbox_events WHERE hotel_id = ?')
      .bind(hotel.id)
      .first();
    expect(events).toEqual({ n: 1 });
  });

  it('answers unknown ids with 404', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms();
    const other = await aHotelWithRooms();
    const cases = [
      [{ room_type_id: 'rt_unknown', from: inDays(1), to: inDays(1), inventory: 1 }, 'updates.0.room_type_id'],
      [
        { room_type_id: other.roomTypes[0]!.id, from: inDays(1), to: inDays(1), inventory: 1 },
        'updates.0.room_type_id',
      ],
      [
        {
          room_type_id: roomTypes[0]!.id,
          rate_plan_id: other.ratePlans[0]!.id,
          from: inDays(1),
          to: inDays(1),
          amount: 1,
        },
        'updates.0.rate_plan_id',
      ],
    ] as const;
    for (const [update, path] of cases) {
      const problem = await expectStatus(putAri(hotel.id, [update]), 404);
      expect(problem.errors[0].path).toBe(path);
    }
    await expectStatus(putAri('htl_01jzzzzzzzzzzzzzzzzzzzzzzz', [cases[0][0]]), 404);
  });

  it.each([
    ['inventory below zero', { inventory: -1 }, 'updates.0.inventory'],
    ['to before from', { from: inDays(2), to: inDays(1), inventory: 1 }, 'updates.0.to'],
    ['a range over two years', { from: inDays(1), to: inDays(732), inventory: 1 }, 'updates.0.to'],
    ['no field to set', {}, 'updates.0'],
    ['a price without rate plan', { amount: 100 }, 'updates.0.rate_plan_id'],
    ['an impossible date', { from: '2031-02-30', to: '2031-03-01', inventory: 1 }, 'updates.0.from'],
    ['an unknown weekday', { days_of_week: ['fri', 'funday'], inventory: 1 }, 'updates.0.days_of_week.1'],
    ['a fractional price', { rate_plan_id: 'rp_x', amount: 10.5 }, 'updates.0.amount'],
    ['min above max stay', { rate_plan_id: 'rp_x', min_stay: 4, max_stay: 2 }, 'updates.0.max_stay'],
  ])('rejects %s with 400', async (_name, fields, path) => {
    const { hotel, roomTypes } = await aHotelWithRooms();
    const update = { room_type_id: roomTypes[0]!.id, from: inDays(1), to: inDays(2), ...fields };
    const problem = await expectStatus(putAri(hotel.id, [update]), 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: any) => e.path)).toContain(path);
  });

  it('caps one request at 50,000 room-nights', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms();
    const update = { room_type_id: roomTypes[0]!.id, from: inDays(1), to: inDays(700), inventory: 1 };
    const problem = await expectStatus(
      putAri(
        hotel.id,
        Array.from({ length: 72 }, () => update),
      ),
      400,
    );
    expect(problem.errors).toEqual([{ path: 'updates', message: expect.stringContaining('at most 50000') }]);
  });

  it('needs hotels:write and the hotel', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms();
    const other = await aHotelWithRooms();
    const update = [{ room_type_id: roomTypes[0]!.id, from: inDays(1), to: inDays(1), inventory: 1 }];
    const reader = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [hotel.id] });
    await expectStatus(putAri(hotel.id, update, { apiKey: reader.key }), 403);
    const stranger = await createApiKey({ scopes: ['hotels:write'], hotel_ids: [other.hotel.id] });
    await expectStatus(putAri(hotel.id, update, { apiKey: stranger.key }), 403);
    const writer = await createApiKey({ scopes: ['hotels:write'], hotel_ids: [hotel.id] });
    await expectStatus(putAri(hotel.id, update, { apiKey: writer.key }), 200);
  });
});

describe('GET /api/v1/hotels/:hotel_id/ari', () => {
  it.each([
    ['to before from', inDays(2), inDays(1)],
    ['a range over two years', inDays(1), inDays(732)],
  ])('rejects %s with 400 on query.to', async (_name, from, to) => {
    const { hotel } = await aHotelWithRooms();
    const problem = await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}/ari?from=${from}&to=${to}`), 400);
    expect(problem.errors.map((e: any) => e.path)).toContain('query.to');
  });
});
