import { describe, expect, it } from 'vitest';
import { inDays, setAri } from '../helpers/ari';
import { call, expectStatus } from '../helpers/http';
import {
  auditInventory,
  bookableHotel,
  booked,
  bookingBody,
  eventsOf,
  getReservation,
  modify,
  reservationUrl,
  takenOn,
} from '../helpers/reservations';

const put = (id: string, body: unknown, headers: Record<string, string> = {}) => modify(id, body, { headers });

describe('PUT /api/booking-engine/reservations/:id', () => {
  it('moves the inventory to the new dates and re-prices', async () => {
    const h = await bookableHotel();
    await setAri(h.hotel.id, [
      { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, from: inDays(20), to: inDays(25), amount: 15000 },
    ]);
    const r = await booked(bookingBody(h));
    const res = await put(r.id, { check_in: inDays(20), check_out: inDays(23), adults: 1 });
    const updated = await expectStatus(res, 200);
    expect(updated).toMatchObject({
      check_in: inDays(20),
      check_out: inDays(23),
      adults: 1,
      total_amount: 45000,
      version: 2,
    });
    expect(res.headers.get('etag')).toBe(`"${r.id}.v2"`);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(0);
    expect(await takenOn(h.roomType.id, inDays(20))).toBe(1);
    expect(await takenOn(h.roomType.id, inDays(22))).toBe(1);
    expect(await eventsOf(r.id)).toEqual(['reservation.created', 'reservation.modified']);
    await auditInventory(h.hotel.id);
  });

  it('counts its own units as free when the stay overlaps', async () => {
    const h = await bookableHotel({ units: 1 });
    const r = await booked(bookingBody(h, { check_in: inDays(10), check_out: inDays(12) }));
    const longer = await expectStatus(put(r.id, { check_out: inDays(14) }), 200);
    expect(longer.total_amount).toBe(40000);
    await auditInventory(h.hotel.id);
  });

  it('changes nothing when the new stay does not fit (409)', async () => {
    const h = await bookableHotel({ units: 1 });
    const r = await booked(bookingBody(h));
    await booked(
      bookingBody(h, {
        check_in: inDays(30),
        check_out: inDays(31),
        guest: { first_name: 'B', last_name: 'C', email: 'b@example.com' },
      }),
    );
    const problem = await expectStatus(put(r.id, { check_in: inDays(29), check_out: inDays(31) }), 409);
    expect(problem).toMatchObject({ code: 'sold_out', night: inDays(30) });
    const same = await expectStatus(getReservation(r.id), 200);
    expect(same).toMatchObject({ check_in: inDays(10), check_out: inDays(12), version: 1 });
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
    await auditInventory(h.hotel.id);
  });

  it('honours If-Match: a stale ETag is 412, the current one applies', async () => {
    const h = await bookableHotel();
    const r = await booked(bookingBody(h));
    const stale = `"${r.id}.v1"`;
    await expectStatus(put(r.id, { special_requests: 'Quiet room' }, { 'if-match': stale }), 200);
    const problem = await expectStatus(put(r.id, { special_requests: 'High floor' }, { 'if-match': stale }), 412);
    expect(problem.code).toBe('precondition_failed');
    const current = await expectStatus(
      put(r.id, { special_requests: 'High floor' }, { 'if-match': `"${r.id}.v2"` }),
      200,
    );
    expect(current).toMatchObject({ special_requests: 'High floor', version: 3 });
  });

  it('updates the guest and relinks to another profile when the email changes', async () => {
    const h = await bookableHotel();
    const r = await booked(bookingBody(h));
    const renamed = await expectStatus(put(r.id, { guest: { last_name: 'Byron' } }), 200);
    expect(renamed.guest).toMatchObject({
      id: r.guest.id,
      first_name: 'Ada',
      last_name: 'Byron',
      email: 'ada@example.com',
    });
    const moved = await expectStatus(put(r.id, { guest: { email: 'grace@example.com', first_name: 'Grace' } }), 200);
    expect(moved.guest.id).not.toBe(r.guest.id);
    expect(moved.guest).toMatchObject({ email: 'grace@example.com', first_name: 'Grace', last_name: 'Byron' });
  });

  it('rejects bad input with 400 and unknown ids with 404', async () => {
    const h = await bookableHotel();
    const r = await booked(bookingBody(h));
    expect((await expectStatus(put(r.id, { check_out: inDays(9) }), 400)).errors[0].path).toBe('check_out');
    expect((await expectStatus(put(r.id, { adults: 0 }), 400)).errors[0].path).toBe('adults');
    expect((await expectStatus(put(r.id, { room_type_id: 'rt_nope' }), 404)).errors[0].path).toBe('room_type_id');
    await expectStatus(put('res_01jzzzzzzzzzzzzzzzzzzzzzzz', { adults: 1 }), 404);
    await expectStatus(
      call('PUT', reservationUrl(r.id), {
        body: '{"adults":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
  });

  it('applies the 30-night limit to the merged stay', async () => {
    const h = await bookableHotel();
    const r = await booked(bookingBody(h));
    // 35 nights, all open for sale: only the length rule stands in the way.
    const problem = await expectStatus(put(r.id, { check_out: inDays(45) }), 400);
    expect(problem.errors[0].path).toBe('check_out');
    await expectStatus(put(r.id, { check_out: '9999-12-31' }), 400);
    // Nothing moved: the stay's nights stay taken, the nights it would have added stay free.
    expect(await getReservation(r.id).then((res) => expectStatus(res, 200))).toMatchObject({
      check_out: inDays(12),
      version: 1,
    });
    expect(await takenOn(h.roomType.id, inDays(11))).toBe(1);
    expect(await takenOn(h.roomType.id, inDays(12))).toBe(0);
    expect(await takenOn(h.roomType.id, inDays(44))).toBe(0);
    await auditInventory(h.hotel.id);
  });

  it('changes nothing and emits nothing for an empty change', async () => {
    const h = await bookableHotel();
    const r = await booked(bookingBody(h));
    expect((await expectStatus(put(r.id, {}), 200)).version).toBe(1);
    expect(await eventsOf(r.id)).toEqual(['reservation.created']);
  });

  it('relinks to the profile of a new email without renaming it or copying its details', async () => {
    const h = await bookableHotel();
    const ada = await booked(bookingBody(h));
    const bob = await booked(
      bookingBody(h, { guest: { first_name: 'Bob', last_name: 'Builder', email: 'bob@example.com' } }),
    );
    const moved = await expectStatus(put(ada.id, { guest: { email: 'bob@example.com' } }), 200);
    expect(moved.guest).toEqual({ ...ada.guest, id: bob.guest.id, email: 'bob@example.com' });
    const profile = await expectStatus(call('GET', `/api/v1/hotels/${h.hotel.id}/guests/${bob.guest.id}`), 200);
    expect(profile).toMatchObject({ first_name: 'Bob', last_name: 'Builder', phone: null });
    const bobNow = await expectStatus(getReservation(bob.id), 200);
    expect(bobNow.guest).toMatchObject({ first_name: 'Bob', last_name: 'Builder' });
  });
});
