/**
 * Guest privacy (issue 7): a booking widget (`reservations:write` without `reservations:read`) must not
 * read, rename or act on another guest through the shared per-hotel guest profile, nor reach a
 * reservation it did not make unless it proves the guest.
 */
import { describe, expect, it } from 'vitest';
import { inDays } from '../helpers/ari';
import { auditRowsOfEntity } from '../helpers/audit';
import { createApiKey } from '../helpers/builders';
import { type Auth, call, expectStatus } from '../helpers/http';
import { auditInventory, BOOK, book, bookableHotel, bookingBody, eventsOf, takenOn } from '../helpers/reservations';

const VICTIM = { first_name: 'Victoria', last_name: 'Secret', email: 'victim@example.com', phone: '+43 660 1234567' };
const EVE = { first_name: 'Eve', last_name: 'Dropper' };

type Hotel = Awaited<ReturnType<typeof bookableHotel>>;

async function widgetKey(hotelId: string) {
  return createApiKey({ scopes: ['hotels:read', 'availability:read', 'reservations:write'], hotel_ids: [hotelId] });
}

/** One visitor's token from a widget key, as a booking widget gets it. */
async function visitor(apiKey: string, hotelId: string): Promise<Auth> {
  const token = await expectStatus(
    call('POST', '/api/v1/auth/token', {
      auth: { apiKey },
      body: { hotel_id: hotelId, scopes: ['availability:read', 'reservations:write'] },
    }),
    200,
  );
  return { bearer: token.access_token };
}

/** A hotel, its widget key, and a victim who booked through one visitor's token. */
async function scene(options: { units?: number } = {}) {
  const h = await bookableHotel(options);
  const widget = await widgetKey(h.hotel.id);
  const victimAuth = await visitor(widget.key, h.hotel.id);
  const victim = await expectStatus(book(bookingBody(h, { guest: VICTIM }), { auth: victimAuth }), 201);
  const hotelSide = await createApiKey({
    scopes: ['reservations:read', 'reservations:write'],
    hotel_ids: [h.hotel.id],
  });
  const hotelAuth: Auth = { apiKey: hotelSide.key };
  const asHotel = await expectStatus(
    call('GET', `/api/v1/booking-engine/reservations/${victim.id}`, { auth: hotelAuth }),
    200,
  );
  const profileId: string = asHotel.guest.id;
  return { h, widget, victimAuth, victim, hotelAuth, profileId, attacker: await visitor(widget.key, h.hotel.id) };
}

/** The victim's reservation and profile as the hotel sees them: neither may move under an attack. */
async function hotelView(s: { h: Hotel; victim: { id: string }; hotelAuth: Auth; profileId: string }) {
  const reservation = await expectStatus(
    call('GET', `/api/v1/booking-engine/reservations/${s.victim.id}`, { auth: s.hotelAuth }),
    200,
  );
  const profile = await expectStatus(
    call('GET', `/api/v1/hotels/${s.h.hotel.id}/guests/${s.profileId}`, { auth: s.hotelAuth }),
    200,
  );
  return { reservation, profile: { ...profile, stays: undefined } };
}

function expectNothingOfVictim(body: unknown, profileId: string) {
  const text = JSON.stringify(body);
  expect(text).not.toContain(VICTIM.phone);
  expect(text).not.toContain(VICTIM.first_name);
  expect(text).not.toContain(VICTIM.last_name);
  expect(text).not.toContain(profileId);
}

const at = (id: string, action: string, auth: Auth, headers: Record<string, string> = {}) =>
  call('POST', `/api/v1/booking-engine/reservations/${id}/${action}`, { auth, headers });
const put = (id: string, body: unknown, auth: Auth, headers: Record<string, string> = {}) =>
  call('PUT', `/api/booking-engine/reservations/${id}`, { body, auth, headers });
const get = (id: string, auth: Auth, headers: Record<string, string> = {}) =>
  call('GET', `/api/booking-engine/reservations/${id}`, { auth, headers });
const lookup = (body: unknown, auth: Auth, path = `${BOOK}/lookup`) => call('POST', path, { body, auth });

describe('booking with another guest’s email', () => {
  it.each(['victim@example.com', 'VICTIM@EXAMPLE.COM', 'Victim@Example.Com'])(
    '(%s) returns only what was sent and changes no one',
    async (email) => {
      const s = await scene();
      const before = await hotelView(s);
      const res = await book(bookingBody(s.h, { guest: { ...EVE, email } }), { auth: s.attacker });
      const mine = await expectStatus(res, 201);
      expect(mine.guest).toEqual({ ...EVE, email: 'victim@example.com', phone: null });
      expectNothingOfVictim(mine, s.profileId);
      // A phone of its own does not change the victim's either.
      const withPhone = await expectStatus(
        book(bookingBody(s.h, { guest: { ...EVE, email, phone: '+1 555 0100' } }), { auth: s.attacker }),
        201,
      );
      expect(withPhone.guest.phone).toBe('+1 555 0100');
      expectNothingOfVictim(withPhone, s.profileId);

      const after = await hotelView(s);
      expect(after).toEqual(before);
      expect(after.reservation.guest).toMatchObject({ ...VICTIM, id: s.profileId });
      // The hotel sees every booking of that email filed under the one profile.
      const stays = await expectStatus(
        call('GET', `/api/v1/hotels/${s.h.hotel.id}/guests/${s.profileId}`, { auth: s.hotelAuth }),
        200,
      );
      expect(stays.stays.map((x: any) => x.reservation_id).sort()).toEqual([s.victim.id, mine.id, withPhone.id].sort());
    },
  );

  it.each([' victim@example.com', 'victim@example.com ', 'victim @example.com'])(
    'refuses the email %j with 400 and books nothing',
    async (email) => {
      const s = await scene();
      const problem = await expectStatus(
        book(bookingBody(s.h, { guest: { ...EVE, email } }), { auth: s.attacker }),
        400,
      );
      expect(problem.errors.map((e: any) => e.path)).toContain('guest.email');
      expect(await takenOn(s.h.roomType.id, inDays(10))).toBe(1);
    },
  );

  it('gives the widget that booked its reservation back, without the profile link', async () => {
    const s = await scene();
    expect(s.victim.guest).toEqual(VICTIM);
    const mine = await expectStatus(get(s.victim.id, s.victimAuth), 200);
    expect(mine).toEqual(s.victim);
  });
});

describe('modifying a reservation to another guest’s email', () => {
  it('reads nothing back, renames no one, and the hold is dropped for free', async () => {
    const s = await scene();
    const before = await hotelView(s);
    const hold = await expectStatus(
      book(bookingBody(s.h, { status: 'pending', guest: { ...EVE, email: 'eve@example.com' } }), { auth: s.attacker }),
      201,
    );
    for (const guest of [
      { email: 'VICTIM@example.com' },
      { email: 'victim@example.com', first_name: 'Mallory' },
      { email: 'victim@example.com', last_name: 'Renamed', phone: '+1 555 0199' },
    ]) {
      const moved = await expectStatus(put(hold.id, { guest }, s.attacker), 200);
      expectNothingOfVictim(moved, s.profileId);
      expect(moved.guest.email).toBe('victim@example.com');
      expect(moved.guest.id).toBeUndefined();
    }
    const empty = await expectStatus(put(hold.id, {}, s.attacker), 200);
    expectNothingOfVictim(empty, s.profileId);
    expect(empty.guest).toEqual({
      first_name: 'Mallory',
      last_name: 'Renamed',
      email: 'victim@example.com',
      phone: '+1 555 0199',
    });
    expect(await expectStatus(at(hold.id, 'cancel', s.attacker), 200)).toMatchObject({
      status: 'cancelled',
      balance_due: 0,
    });
    expect(await hotelView(s)).toEqual(before);
  });

  it('leaves the profile of the email it moves away from as it was', async () => {
    const s = await scene();
    const before = await hotelView(s);
    const moved = await expectStatus(
      put(s.victim.id, { guest: { email: 'new@example.com', first_name: 'Vicky' } }, s.victimAuth),
      200,
    );
    expect(moved.guest).toEqual({ ...VICTIM, first_name: 'Vicky', email: 'new@example.com' });
    expect((await hotelView(s)).profile).toEqual(before.profile);
  });
});

describe('who may reach a reservation', () => {
  it('another visitor of the same widget key, or another widget key, gets 404 and changes nothing', async () => {
    const s = await scene();
    const otherKey = await widgetKey(s.h.hotel.id);
    const before = await hotelView(s);
    for (const auth of [s.attacker, { apiKey: s.widget.key }, { apiKey: otherKey.key }]) {
      const unknown = await expectStatus(get('res_01jzzzzzzzzzzzzzzzzzzzzzzz', auth), 404);
      const problem = await expectStatus(get(s.victim.id, auth), 404);
      expect(problem.detail).toBe(unknown.detail.replace('res_01jzzzzzzzzzzzzzzzzzzzzzzz', s.victim.id));
      await expectStatus(put(s.victim.id, {}, auth), 404);
      await expectStatus(put(s.victim.id, { guest: { first_name: 'Mallory' }, check_out: inDays(13) }, auth), 404);
      await expectStatus(at(s.victim.id, 'cancel', auth), 404);
      await expectStatus(at(s.victim.id, 'confirm', auth), 404);
    }
    expect(await hotelView(s)).toEqual(before);
    expect(await eventsOf(s.victim.id)).toEqual(['reservation.created']);
    expect(await takenOn(s.h.roomType.id, inDays(12))).toBe(0);
    await auditInventory(s.h.hotel.id);
  });

  it('lets a widget confirm its own hold but not another visitor’s', async () => {
    const s = await scene();
    const hold = await expectStatus(
      book(bookingBody(s.h, { status: 'pending', guest: { ...EVE, email: 'eve@example.com' } }), { auth: s.attacker }),
      201,
    );
    await expectStatus(at(hold.id, 'confirm', s.victimAuth), 404);
    expect((await expectStatus(at(hold.id, 'confirm', s.attacker), 200)).status).toBe('confirmed');
  });

  it('keeps check-in, check-out and no-show hotel-side', async () => {
    const s = await scene();
    const today = await expectStatus(
      book(bookingBody(s.h, { check_in: inDays(0), check_out: inDays(1), guest: VICTIM }), { auth: s.victimAuth }),
      201,
    );
    for (const action of ['check-in', 'check-out', 'no-show']) {
      const problem = await expectStatus(at(today.id, action, s.victimAuth), 403);
      expect(problem.detail).toContain('reservations:read');
    }
    expect((await expectStatus(get(today.id, s.hotelAuth), 200)).status).toBe('confirmed');
    expect((await expectStatus(at(today.id, 'check-in', s.hotelAuth), 200)).status).toBe('checked_in');
  });

  it('lets hotel-side credentials read and list every reservation of their hotel', async () => {
    const s = await scene();
    const readOnly: Auth = {
      apiKey: (await createApiKey({ scopes: ['reservations:read'], hotel_ids: [s.h.hotel.id] })).key,
    };
    for (const auth of [s.hotelAuth, readOnly]) {
      const seen = await expectStatus(get(s.victim.id, auth), 200);
      expect(seen.guest).toEqual({ ...VICTIM, id: s.profileId });
    }
    const list = await expectStatus(
      call('GET', `/api/v1/hotels/${s.h.hotel.id}/reservations?q=secret`, { auth: readOnly }),
      200,
    );
    expect(list.data.map((r: any) => r.id)).toEqual([s.victim.id]);
  });

  it('searches each reservation’s own guest details, not the profile’s', async () => {
    const s = await scene();
    const eve = await expectStatus(
      book(bookingBody(s.h, { guest: { ...EVE, email: 'VICTIM@example.com' } }), { auth: s.attacker }),
      201,
    );
    const search = async (q: string) =>
      (
        await expectStatus(
          call('GET', `/api/v1/hotels/${s.h.hotel.id}/reservations?q=${encodeURIComponent(q)}`, { auth: s.hotelAuth }),
          200,
        )
      ).data.map((r: any) => r.id);
    expect(await search('eve dropper')).toEqual([eve.id]);
    expect(await search('victoria')).toEqual([s.victim.id]);
    expect((await search('victim@')).sort()).toEqual([s.victim.id, eve.id].sort());
  });
});

describe('proving the guest: confirmation number and email', () => {
  it('finds the reservation with the right pair, at both paths, and 404s alike on any wrong half', async () => {
    const s = await scene();
    const other = await bookableHotel();
    const otherWidget = { apiKey: (await widgetKey(other.hotel.id)).key };
    const number: string = s.victim.confirmation_number;
    for (const path of [`${BOOK}/lookup`, '/api/v1/booking-engine/reservations/lookup']) {
      const found = await expectStatus(
        lookup({ confirmation_number: number.toLowerCase(), email: ' Victim@Example.com ' }, s.attacker, path),
        200,
      );
      expect(found).toEqual(s.victim);
    }
    const answers = [
      await lookup({ confirmation_number: number, email: 'eve@example.com' }, s.attacker),
      await lookup({ confirmation_number: 'WHAAAAAAAA', email: VICTIM.email }, s.attacker),
      await lookup({ confirmation_number: `${number}X`, email: VICTIM.email }, s.attacker),
      await lookup({ confirmation_number: number, email: VICTIM.email }, otherWidget),
    ];
    const bodies = await Promise.all(
      answers.map(async (r) => {
        expect(r.status).toBe(404);
        const { request_id: _, ...rest } = (await r.json()) as Record<string, unknown>;
        return rest;
      }),
    );
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    await expectStatus(lookup({ confirmation_number: number }, s.attacker), 400);
  });

  it('accepts the proof in headers on GET, PUT, cancel and confirm', async () => {
    const s = await scene();
    const proof = { 'x-confirmation-number': s.victim.confirmation_number, 'x-guest-email': 'VICTIM@example.com' };
    const wrong = { ...proof, 'x-guest-email': 'eve@example.com' };
    const before = await hotelView(s);
    await expectStatus(get(s.victim.id, s.attacker, wrong), 404);
    await expectStatus(put(s.victim.id, { special_requests: 'x' }, s.attacker, wrong), 404);
    await expectStatus(at(s.victim.id, 'cancel', s.attacker, wrong), 404);
    // Half a proof is no proof.
    await expectStatus(get(s.victim.id, s.attacker, { 'x-confirmation-number': s.victim.confirmation_number }), 404);
    expect(await hotelView(s)).toEqual(before);

    expect(await expectStatus(get(s.victim.id, s.attacker, proof), 200)).toEqual(s.victim);
    const changed = await expectStatus(put(s.victim.id, { special_requests: 'Late arrival' }, s.attacker, proof), 200);
    expect(changed).toMatchObject({ special_requests: 'Late arrival', guest: VICTIM });
    expect((await expectStatus(at(s.victim.id, 'cancel', s.attacker, proof), 200)).status).toBe('cancelled');
  });
});

describe('PATCH /api/v1/hotels/:hotel_id/guests/:guest_id', () => {
  it('changes the profile only, and only hotel-side', async () => {
    const s = await scene();
    const path = `/api/v1/hotels/${s.h.hotel.id}/guests/${s.profileId}`;
    await expectStatus(call('PATCH', path, { body: { last_name: 'X' }, auth: { apiKey: s.widget.key } }), 403);
    await expectStatus(call('PATCH', path, { body: { last_name: 'X' }, auth: s.attacker }), 403);
    const updated = await expectStatus(
      call('PATCH', path, { body: { last_name: 'Married', phone: '+43 1 999' }, auth: s.hotelAuth }),
      200,
    );
    expect(updated).toMatchObject({ ...VICTIM, last_name: 'Married', phone: '+43 1 999', id: s.profileId });
    expect(updated.stays.map((x: any) => x.reservation_id)).toEqual([s.victim.id]);
    // Audited in the change's batch, with the diff and no personal data.
    const [row] = await auditRowsOfEntity(s.profileId, 'guest.updated');
    expect(row).toMatchObject({ hotel_id: s.h.hotel.id, outcome: 'success' });
    expect(row?.changes).toEqual({
      last_name: { from: '[redacted]', to: '[redacted]' },
      phone: { from: '[redacted]', to: '[redacted]' },
    });
    // The reservation keeps the details it was booked with.
    expect((await expectStatus(get(s.victim.id, s.hotelAuth), 200)).guest).toEqual({ ...VICTIM, id: s.profileId });

    await expectStatus(
      book(bookingBody(s.h, { guest: { ...EVE, email: 'eve@example.com' } }), { auth: s.attacker }),
      201,
    );
    const taken = await expectStatus(
      call('PATCH', path, { body: { email: 'EVE@example.com' }, auth: s.hotelAuth }),
      409,
    );
    expect(taken.code).toBe('conflict');
    expect(
      (await expectStatus(call('PATCH', path, { body: { email: 'V@example.com' }, auth: s.hotelAuth }), 200)).email,
    ).toBe('v@example.com');
    await expectStatus(call('PATCH', path, { body: {}, auth: s.hotelAuth }), 400);
    await expectStatus(
      call('PATCH', `/api/v1/hotels/${s.h.hotel.id}/guests/guest_01jzzzzzzzzzzzzzzzzzzzzzzz`, {
        body: { last_name: 'X' },
        auth: s.hotelAuth,
      }),
      404,
    );
  });
});

describe('the proof headers', () => {
  it('may be sent by a browser cross-origin', async () => {
    const res = await call('OPTIONS', `${BOOK}/res_01jzzzzzzzzzzzzzzzzzzzzzzz`, {
      auth: null,
      headers: { origin: 'https://widget.example', 'access-control-request-method': 'PUT' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/X-Confirmation-Number.*X-Guest-Email/);
  });
});
