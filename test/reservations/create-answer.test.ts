import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/env';
import { CreateReservationBody } from '../../src/modules/reservations/reservations.schema';
import { createReservation } from '../../src/modules/reservations/reservations.service';
import { notingD1, testDeps } from '../helpers/deps';
import { expectProblem, expectStatus } from '../helpers/http';
import { book, bookableHotel, booked, bookingBody, getReservation, modify } from '../helpers/reservations';

const ADMIN: Principal = { kind: 'admin', id: 'admin', keyId: null, scopes: [], hotelIds: null, allowedOrigins: [] };

describe('the answer to a booking', () => {
  it('is the reservation as stored, with the guest profile the write filed it under', async () => {
    const h = await bookableHotel();
    const first = await booked(bookingBody(h));
    // The same email again: filed under the existing profile, which only the write knows.
    const { check_in, check_out } = bookingBody(h);
    const again = await booked({
      hotel_id: h.hotel.id,
      check_in,
      check_out,
      rooms: [
        { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, adults: 2, children: 1 },
        { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, adults: 1 },
      ],
      guest: { first_name: 'Ada', last_name: 'King', email: 'ADA@example.com' },
      status: 'pending',
      hold_minutes: 15,
    });
    expect(again.guest.id).toBe(first.guest.id);
    for (const answer of [first, again]) {
      expect(answer).toEqual(await expectStatus(getReservation(answer.id), 200));
    }
  });

  it('comes from the write: nothing of the reservation is read back after the commit', async () => {
    const h = await bookableHotel();
    const sent: string[] = [];
    const deps = testDeps({ d1: notingD1(env.DB, sent) });
    const body = CreateReservationBody.parse(bookingBody(h, { guest: { ...bookingBody(h).guest, email: 'b@x.io' } }));
    const created = await createReservation(deps, ADMIN, body, undefined);
    await deps.settle();

    const insert = sent.findIndex((sql) => sql.includes('INSERT INTO reservations'));
    const commit = sent.indexOf('BATCH', insert);
    expect(insert).toBeGreaterThanOrEqual(0);
    expect(commit).toBeGreaterThan(insert);
    const after = sent.slice(commit + 1);
    expect(after.filter((sql) => /from\s+"?reservation(s|_rooms)"?(\s|$)/i.test(sql))).toEqual([]);
    expect(created.row.guestId).toMatch(/^gst_/);
    const stored = await expectStatus(getReservation(created.row.id), 200);
    expect(stored.guest.id).toBe(created.row.guestId);
  });

  it('refuses text D1 would not store as sent (a lone surrogate) with 400, so the answer never differs from GET', async () => {
    const h = await bookableHotel();
    const body = bookingBody(h);
    const cases = [
      { guest: { ...body.guest, first_name: 'A\ud800' }, path: 'guest.first_name' },
      { guest: { ...body.guest, last_name: '\udc00B' }, path: 'guest.last_name' },
      { guest: { ...body.guest, phone: '+43 \ud83d' }, path: 'guest.phone' },
      { guest: body.guest, special_requests: 'late \ud83d arrival', path: 'special_requests' },
    ];
    for (const { path, ...change } of cases) {
      const problem = await expectProblem(book({ ...body, ...change }), 400, 'validation_failed', path);
      expect(problem.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    const ok = await booked({ ...body, guest: { ...body.guest, first_name: 'Zoë 😀' }, special_requests: '🛏️' });
    expect(ok).toEqual(await expectStatus(getReservation(ok.id), 200));
    await expectProblem(modify(ok.id, { special_requests: '\ud800' }), 400, 'validation_failed');
  });

  it("reads the hotel's integration settings with the stay, not in a statement of their own", async () => {
    const h = await bookableHotel();
    const sent: string[] = [];
    const deps = testDeps({ d1: notingD1(env.DB, sent) });
    const body = CreateReservationBody.parse(bookingBody(h, { guest: { ...bookingBody(h).guest, email: 'i@x.io' } }));
    await createReservation(deps, ADMIN, body, undefined);
    await deps.settle();

    const commit = sent.indexOf(
      'BATCH',
      sent.findIndex((sql) => sql.includes('INSERT INTO reservations')),
    );
    const before = sent.slice(0, commit).filter((sql) => /\bhotel_integrations\b/.test(sql));
    // The one statement that reads the stay joins the settings to the hotel's row.
    expect(before).toHaveLength(1);
    expect(before[0]).toMatch(/LEFT JOIN hotel_integrations/);
  });
});
