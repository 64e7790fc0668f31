import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { inDays, setAri } from '../helpers/ari';
import { createApiKey, createRatePlan, createRoomType } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';
import {
  auditInventory,
  book,
  bookableHotel,
  booked,
  bookingBody,
  eventsOf,
  getReservation,
  hotelSnapshot,
  reservationUrl,
  takenOn,
} from '../helpers/reservations';

describe('POST /api/booking-engine/reservations', () => {
  it('books, prices from D1, takes one unit per night and emits reservation.created', async () => {
    const h = await bookableHotel();
    const res = await book(bookingBody(h, { children: 1, special_requests: 'Late arrival' }));
    const body = await expectStatus(res, 201);
    expect(body).toMatchObject({
      status: 'confirmed',
      hotel_id: h.hotel.id,
      room_type_id: h.roomType.id,
      rate_plan_id: h.ratePlan.id,
      check_in: inDays(10),
      check_out: inDays(12),
      adults: 2,
      children: 1,
      total_amount: 22000,
      currency: 'EUR',
      amount_paid: 0,
      balance_due: 22000,
      source: 'direct',
      special_requests: 'Late arrival',
      guest: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', phone: '+43 1 234' },
    });
    expect(body.id).toMatch(/^res_/);
    expect(body.confirmation_number).toMatch(/^WH[A-Z2-9]{8}$/);
    expect(body.rooms[0].nightly).toEqual([
      { date: inDays(10), amount: 11000 },
      { date: inDays(11), amount: 11000 },
    ]);
    expect(res.headers.get('location')).toBe(reservationUrl(body.id));
    expect(res.headers.get('etag')).toBe(`"${body.id}.v1"`);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
    expect(await takenOn(h.roomType.id, inDays(11))).toBe(1);
    expect(await takenOn(h.roomType.id, inDays(12))).toBe(0);
    expect(await eventsOf(body.id)).toEqual(['reservation.created']);

    const got = await call('GET', reservationUrl(body.id, undefined, { seed: true }));
    expect(await expectStatus(got, 200)).toEqual(body);
    expect(got.headers.get('etag')).toBe(`"${body.id}.v1"`);
    await auditInventory(h.hotel.id);
  });

  it('answers 409 sold_out naming the first full night, and books nothing', async () => {
    const h = await bookableHotel({ units: 1 });
    await booked(bookingBody(h, { check_in: inDays(11), check_out: inDays(12) }));
    const problem = await expectStatus(book(bookingBody(h, { check_in: inDays(10), check_out: inDays(13) })), 409);
    expect(problem).toMatchObject({ code: 'sold_out', night: inDays(11) });
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(0);
    await auditInventory(h.hotel.id);
  });

  it('refuses closed nights and broken restrictions with 409', async () => {
    const h = await bookableHotel();
    const ids = { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id };
    await setAri(h.hotel.id, [
      { ...ids, from: inDays(20), to: inDays(20), closed: true },
      { ...ids, from: inDays(30), to: inDays(30), min_stay: 3 },
      { ...ids, from: inDays(40), to: inDays(40), closed_to_arrival: true },
    ]);
    expect((await expectStatus(book(bookingBody(h, { check_in: inDays(19), check_out: inDays(21) })), 409)).code).toBe(
      'sold_out',
    );
    expect((await expectStatus(book(bookingBody(h, { check_in: inDays(30), check_out: inDays(32) })), 409)).code).toBe(
      'stay_restricted',
    );
    expect((await expectStatus(book(bookingBody(h, { check_in: inDays(40), check_out: inDays(41) })), 409)).code).toBe(
      'stay_restricted',
    );
    await auditInventory(h.hotel.id);
  });

  it('books several rooms all-or-nothing', async () => {
    const h = await bookableHotel({ units: 2 });
    const suite = await createRoomType(h.hotel.id, { max_adults: 2 });
    await setAri(h.hotel.id, [{ room_type_id: suite.id, from: inDays(0), to: inDays(30), inventory: 1 }]);
    const room = { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, adults: 2, children: 0 };
    const { room_type_id: _a, rate_plan_id: _b, adults: _c, children: _d, ...base } = bookingBody(h);

    const two = await booked({ ...base, rooms: [room, { ...room, adults: 1 }] });
    expect(two.rooms).toHaveLength(2);
    expect(two.adults).toBe(3);
    expect(two.total_amount).toBe(40000);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(2);

    // The suite has no price: the whole booking fails and the double's units stay untouched.
    const problem = await expectStatus(
      book({
        ...base,
        check_in: inDays(20),
        check_out: inDays(21),
        rooms: [room, { ...room, room_type_id: suite.id }],
      }),
      400,
    );
    expect(problem.errors[0].path).toBe('rooms.1.rate_plan_id');
    // Three doubles when two are for sale.
    const soldOut = await expectStatus(
      book({ ...base, check_in: inDays(20), check_out: inDays(21), rooms: [room, room, room] }),
      409,
    );
    expect(soldOut.code).toBe('sold_out');
    expect(await takenOn(h.roomType.id, inDays(20))).toBe(0);
    await auditInventory(h.hotel.id);
  });

  it('books two room types all-or-nothing: one sold out takes nothing on the other', async () => {
    const h = await bookableHotel({ units: 5 });
    const suite = await createRoomType(h.hotel.id, { max_adults: 2 });
    const suitePlan = await createRatePlan(h.hotel.id, [suite.id]);
    await setAri(h.hotel.id, [
      { room_type_id: suite.id, from: inDays(0), to: inDays(30), inventory: 1 },
      { room_type_id: suite.id, rate_plan_id: suitePlan.id, from: inDays(0), to: inDays(30), amount: 30000 },
    ]);
    const { room_type_id: _a, rate_plan_id: _b, adults: _c, children: _d, ...base } = bookingBody(h);
    const double = { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, adults: 2, children: 0 };
    const suiteRoom = { room_type_id: suite.id, rate_plan_id: suitePlan.id, adults: 2, children: 0 };
    const stay = { check_in: inDays(20), check_out: inDays(22) };
    await booked({ ...base, ...stay, check_out: inDays(21), rooms: [suiteRoom] });

    const problem = await expectStatus(book({ ...base, ...stay, rooms: [double, suiteRoom] }), 409);
    expect(problem).toMatchObject({ code: 'sold_out', night: inDays(20) });
    expect(await takenOn(h.roomType.id, inDays(20))).toBe(0);
    expect(await takenOn(h.roomType.id, inDays(21))).toBe(0);
    expect(await takenOn(suite.id, inDays(21))).toBe(0);

    // The same when the suite sells between the price check and the write: of eight concurrent
    // double+suite bookings for the last suite night, one wins and the losers take no double.
    const night = { check_in: inDays(25), check_out: inDays(26) };
    const race = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        book({
          ...base,
          ...night,
          guest: { first_name: 'R', last_name: `${i}`, email: `race${i}@example.com` },
          rooms: [double, suiteRoom],
        }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await takenOn(h.roomType.id, inDays(25))).toBe(1);
    expect(await takenOn(suite.id, inDays(25))).toBe(1);
    await auditInventory(h.hotel.id);
  });

  it('reuses the guest profile by email within a hotel', async () => {
    const h = await bookableHotel();
    const a = await booked(bookingBody(h));
    const b = await booked(
      bookingBody(h, { guest: { first_name: 'Ada', last_name: 'King', email: 'ADA@example.com' } }),
    );
    // Filed under the same profile, but each reservation keeps the details its booker gave.
    expect(b.guest).toEqual({
      id: a.guest.id,
      first_name: 'Ada',
      last_name: 'King',
      email: 'ada@example.com',
      phone: null,
    });
    const first = await expectStatus(call('GET', `/api/v1/booking-engine/reservations/${a.id}`), 200);
    expect(first.guest).toEqual(a.guest);
    const other = await bookableHotel();
    const c = await booked(bookingBody(other));
    expect(c.guest.id).not.toBe(a.guest.id);

    const guest = await expectStatus(call('GET', `/api/v1/hotels/${h.hotel.id}/guests/${a.guest.id}`), 200);
    expect(guest.stays.map((s: any) => s.reservation_id).sort()).toEqual([a.id, b.id].sort());
    expect(guest).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', phone: '+43 1 234' });
    await expectStatus(call('GET', `/api/v1/hotels/${other.hotel.id}/guests/${a.guest.id}`), 404);
  });

  it.each([
    ['a missing guest', { guest: undefined }, 'guest'],
    ['a bad email', { guest: { first_name: 'A', last_name: 'B', email: 'not-an-email' } }, 'guest.email'],
    ['check-out before check-in', { check_out: '__in' }, 'check_out'],
    ['a missing room type', { room_type_id: undefined }, 'room_type_id'],
    ['zero adults', { adults: 0 }, 'adults'],
    ['too many adults for the room', { adults: 3 }, 'adults'],
    ['a hold too long', { status: 'pending', hold_minutes: 120 }, 'hold_minutes'],
    [
      'rooms and top-level fields together',
      { rooms: [{ room_type_id: 'x', rate_plan_id: 'y', adults: 1 }] },
      'room_type_id',
    ],
  ])('rejects %s with 400', async (_name, change, path) => {
    const h = await bookableHotel();
    const body: Record<string, unknown> = { ...bookingBody(h), ...change };
    if ((change as any).check_out === '__in') body.check_out = body.check_in;
    const problem = await expectStatus(book(body), 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: any) => e.path)).toContain(path);
  });

  it('rejects a past check-in and unknown ids', async () => {
    const h = await bookableHotel();
    expect(
      (await expectStatus(book(bookingBody(h, { check_in: inDays(-1), check_out: inDays(1) })), 400)).errors[0].path,
    ).toBe('check_in');
    expect((await expectStatus(book(bookingBody(h, { rate_plan_id: 'rp_nope' })), 404)).errors[0].path).toBe(
      'rate_plan_id',
    );
    await expectStatus(book(bookingBody(h, { hotel_id: 'htl_01jzzzzzzzzzzzzzzzzzzzzzzz' })), 404);
  });

  it('keeps tenants apart', async () => {
    const h = await bookableHotel();
    const other = await bookableHotel();
    const mine = await createApiKey({
      scopes: ['reservations:read', 'reservations:write'],
      hotel_ids: [other.hotel.id],
    });
    const empty = await hotelSnapshot(h.hotel.id);
    await expectProblem(book(bookingBody(h), { auth: { apiKey: mine.key } }), 403, 'forbidden');
    expect(await hotelSnapshot(h.hotel.id)).toBe(empty);
    const theirs = await booked(bookingBody(h));
    await expectProblem(getReservation(theirs.id, { apiKey: mine.key }), 404, 'not_found');
    const readOnly = await createApiKey({ scopes: ['reservations:read'], hotel_ids: [h.hotel.id] });
    const before = await hotelSnapshot(h.hotel.id);
    await expectProblem(book(bookingBody(h), { auth: { apiKey: readOnly.key } }), 403, 'forbidden');
    expect(await hotelSnapshot(h.hotel.id)).toBe(before);
  });

  it('invalidates cached availability when a booking takes a unit', async () => {
    const h = await bookableHotel({ units: 1 });
    const search = { hotel_id: h.hotel.id, check_in: inDays(10), check_out: inDays(12), adults: 2, children: 0 };
    const before = await expectStatus(call('POST', '/api/booking-engine/availability', { body: search }), 200);
    expect(before.room_types).toHaveLength(1);
    await booked(bookingBody(h));
    const after = await call('POST', '/api/booking-engine/availability', { body: search });
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect((await expectStatus(after, 200)).room_types).toEqual([]);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM reservations WHERE hotel_id = ?')
      .bind(h.hotel.id)
      .first();
    expect(count).toEqual({ n: 1 });
  });
});
