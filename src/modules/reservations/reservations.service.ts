import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { canAccessHotel } from '../auth/access';
import { assertStayWindow } from '../availability/search.service';
import { loadSearchContext, loadSearchContextAfter, type StayScope } from '../availability/stay-data';
import { commitChange, unexpectedConstraint } from '../events/commit';
import {
  ClaimNotTaken,
  completeInBatch,
  type DeferredClaim,
  type StoredResponse,
} from '../idempotency/idempotency.service';
import { effectiveIntegrations } from '../integrations/integrations.rules';
import { assertBookingEngineOn } from '../integrations/integrations.service';
import { creatorOf, type GuestProof, mayActOn, provesGuest } from './access';
import { priceRooms, type RoomRequest } from './booking';
import { takeUnits } from './inventory';
import { refusalError } from './refusals';
import {
  ensureGuestProfile,
  eventData,
  insertReservation,
  insertRooms,
  type LoadedReservation,
  loadReservation,
  RESERVATION_GUEST_SQL,
  roomRows,
  withGuest,
  writtenReservation,
} from './reservations.repo';
import type { CreateReservationBody } from './reservations.schema';
import type { ReservationRow } from './reservations.table';

const CONFIRMATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new confirmation number (channel imports mint theirs here too). */
export function confirmationNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `WH${[...bytes].map((b) => CONFIRMATION_ALPHABET[b % CONFIRMATION_ALPHABET.length]).join('')}`;
}

/**
 * A reservation the principal may see and act on (see access.ts); any other is reported as absent,
 * not forbidden, with the same answer whatever the reason, so its existence does not leak.
 */
export async function getReservationFor(
  d1: D1Database | D1DatabaseSession,
  principal: Principal,
  id: string,
  proof?: GuestProof,
): Promise<LoadedReservation> {
  const loaded = await loadReservation(d1, id);
  if (!loaded || !(await mayActOn(principal, loaded.row, proof))) throw notFound('Reservation', id);
  return loaded;
}

/** The reservation with this confirmation number whose guest has this email, if the principal may see it. */
export async function lookupReservation(
  d1: D1Database | D1DatabaseSession,
  principal: Principal,
  proof: GuestProof,
): Promise<LoadedReservation> {
  const row = await d1
    .prepare('SELECT id FROM reservations WHERE confirmation_number = ?')
    .bind(proof.confirmationNumber.trim().toUpperCase())
    .first<{ id: string }>();
  const loaded = row ? await loadReservation(d1, row.id) : null;
  // One answer for an unknown number, a wrong email and another hotel's reservation: no oracle.
  if (!loaded || !canAccessHotel(principal, loaded.row.hotelId) || !(await provesGuest(loaded.row, proof))) {
    throw new AppError('not_found', 'No reservation matches this confirmation number and email.');
  }
  return loaded;
}

export async function priceOrThrow(
  session: D1DatabaseSession,
  hotelId: string,
  stay: { checkIn: string; checkOut: string },
  rooms: RoomRequest[],
  roomPath: (index: number, field: string) => string,
  options: { held?: Map<string, number>; checkWindow: boolean; now: Date; claim?: DeferredClaim },
) {
  // Only the requested room types and rate plans: a booking prices nothing else.
  const scope = { roomTypeIds: rooms.map((r) => r.room_type_id), ratePlanIds: rooms.map((r) => r.rate_plan_id) };
  const { ctx, claim } = options.claim
    ? await claimWithStay(session, options.claim, hotelId, stay, scope)
    : { ctx: await loadSearchContext(session, hotelId, stay.checkIn, stay.checkOut, scope), claim: undefined };
  if (ctx?.hotel.status !== 'active') throw notFound('Hotel', hotelId);
  if (options.checkWindow) assertStayWindow(stay.checkIn, ctx.hotel.timezone, options.now);
  const priced = priceRooms(ctx, stay, rooms, options.held);
  if (!priced.ok) throw refusalError(priced.refusal, roomPath);
  return { ctx, rooms: priced.rooms, claim };
}

/**
 * The Idempotency-Key claim in the stay read's round trip. Nothing of the stay is looked at before the
 * claim settled as this request's: a replay answers as the first attempt did, even when that booking
 * took the last room. Returns the stay and the claim as this request holds it.
 */
async function claimWithStay(
  session: D1DatabaseSession,
  claim: DeferredClaim,
  hotelId: string,
  stay: { checkIn: string; checkOut: string },
  scope: StayScope,
) {
  const read = await loadSearchContextAfter(
    session,
    claim.statement(session),
    hotelId,
    stay.checkIn,
    stay.checkOut,
    scope,
  );
  const outcome = await claim.settle(read.first.meta.changes === 1);
  if (outcome.kind !== 'claimed') throw new ClaimNotTaken(outcome);
  return { ctx: read.ctx, claim: { ...claim.scope, lockedUntil: outcome.lockedUntil } };
}

/**
 * The request's Idempotency-Key claim, and how the route answers a booking: given it, the write batch
 * also completes the claim with that answer (`recorded` in the result), so storing it costs the request
 * no round trip of its own.
 */
export type BookingIdempotency = {
  /** The claim the stay read makes (idempotent's deferClaim). */
  deferred: DeferredClaim;
  answer: (created: LoadedReservation) => StoredResponse;
};

/**
 * Books one or more rooms. Prices and restrictions are re-read from D1's primary (never the cache);
 * units are taken in the same D1 batch as the reservation and its `reservation.created` event, so
 * either all of it happens or none of it does, and the inventory CHECK makes an oversell impossible.
 */
export async function createReservation(
  deps: Deps,
  principal: Principal,
  body: CreateReservationBody,
  idempotency: BookingIdempotency | undefined,
  now = new Date(),
): Promise<LoadedReservation & { recorded: StoredResponse | null }> {
  const fromRooms = body.rooms !== undefined;
  const requests: RoomRequest[] = body.rooms ?? [
    {
      room_type_id: body.room_type_id as string,
      rate_plan_id: body.rate_plan_id as string,
      adults: body.adults as number,
      children: body.children ?? 0,
    },
  ];
  const roomPath = (i: number, f: string) => (fromRooms ? `rooms.${i}.${f}` : f);
  const stay = { checkIn: body.check_in, checkOut: body.check_out };
  const session = deps.d1.withSession('first-primary');
  // The stay statement carries the hotel's integration settings: no second D1 round trip for them.
  // With a key, `claim` settled as this request's in the stay read (ClaimNotTaken otherwise).
  const { ctx, rooms, claim } = await priceOrThrow(session, body.hotel_id, stay, requests, roomPath, {
    checkWindow: true,
    now,
    ...(idempotency ? { claim: idempotency.deferred } : {}),
  });
  assertBookingEngineOn(effectiveIntegrations(ctx.integrations, deps.config), body.hotel_id);

  const email = body.guest.email.toLowerCase();
  const guest = { firstName: body.guest.first_name, lastName: body.guest.last_name, phone: body.guest.phone ?? null };
  const id = newId('reservation');
  const total = rooms.reduce((n, r) => n + r.totalAmount, 0);
  const holdExpiresAt = body.status === 'pending' ? now.getTime() + body.hold_minutes * 60_000 : null;
  const row: ReservationRow = {
    id,
    hotelId: body.hotel_id,
    confirmationNumber: confirmationNumber(),
    status: body.status,
    // Filed under the hotel's profile for this email by PROFILE_ID_SQL in the write; not part of the event.
    guestId: '',
    guestFirstName: guest.firstName,
    guestLastName: guest.lastName,
    guestEmail: email,
    guestPhone: guest.phone,
    createdBy: creatorOf(principal),
    checkIn: body.check_in,
    checkOut: body.check_out,
    currency: ctx.hotel.currency,
    totalAmount: total,
    amountPaid: 0,
    cancellationFee: null,
    disputedAt: null,
    specialRequests: body.special_requests ?? null,
    source: 'direct',
    holdExpiresAt: holdExpiresAt === null ? null : new Date(holdExpiresAt),
    cancelledAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };

  const written = roomRows(id, rooms);
  // The answer is rendered before the batch; the guest profile's id, which SQL picks in it, stands in
  // as an unguessable placeholder that the record's statement and the code below replace alike.
  const placeholder = `guest-${crypto.randomUUID()}`;
  const draft = claim && idempotency ? idempotency.answer(withGuest(row, placeholder, written)) : null;
  const result = await commitChange(deps, {
    hotelId: body.hotel_id,
    session,
    statements: [
      ensureGuestProfile(session, { hotelId: body.hotel_id, email, ...guest }, now),
      // Second: its RETURNING row is read below.
      insertReservation(session, row),
      ...insertRooms(session, id, rooms),
      ...takeUnits(session, body.hotel_id, rooms, body.check_in, body.check_out),
      // Last of the caller's statements: they fail the batch when a retry took the claim over.
      ...(claim && draft
        ? completeInBatch(session, claim, id, draft, {
            placeholder,
            sql: RESERVATION_GUEST_SQL,
            param: id,
          })
        : []),
    ],
    events: [
      {
        type: 'reservation.created',
        hotelId: body.hotel_id,
        subjectId: id,
        data: eventData({ row, rooms: written }),
      },
    ],
    affectsAvailability: true,
  });
  if (!result.ok) {
    if (result.constraint === 'claim_lost') {
      // This request outlived its claim's lock and a retry took the key over: that one books.
      throw new AppError('idempotency_in_flight', 'A retry of this request took it over; nothing was booked here.', {
        headers: { 'Retry-After': '1' },
      });
    }
    if (result.constraint !== 'check') throw unexpectedConstraint(result.constraint);
    // Someone took the last unit between our read and our write: say which night, from fresh data.
    await priceOrThrow(session, body.hotel_id, stay, requests, roomPath, { checkWindow: false, now });
    throw new AppError('sold_out', 'The last unit was just sold; nothing was booked.');
  }
  // The answer is what the batch wrote, not a read-back: one D1 round trip less on every booking.
  const created = writtenReservation(row, result.results[1], written);
  return {
    ...created,
    // Committed, so completed too (completeInBatch). A function, so that the id goes in literally as
    // SQL's replace() puts it (a string would expand `$&`).
    recorded: draft ? { ...draft, body: draft.body.replaceAll(placeholder, () => created.row.guestId) } : null,
  };
}
