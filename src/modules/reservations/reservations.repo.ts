import { asc, eq } from 'drizzle-orm';
import { createDb, inList } from '../../db';
import { daysBetween } from '../../lib/dates';
import { newId } from '../../lib/ids';
import { iso } from '../../lib/schemas';
import type { PricedRoom } from './booking';
import type { ReservationJson } from './reservations.schema';
import { type ReservationRoomRow, type ReservationRow, reservationRooms, reservations } from './reservations.table';

export type LoadedReservation = { row: ReservationRow; rooms: ReservationRoomRow[] };

export async function loadReservation(
  d1: D1Database | D1DatabaseSession,
  id: string,
): Promise<LoadedReservation | null> {
  const db = createDb(d1);
  const [rows, rooms] = await db.batch([
    db.select().from(reservations).where(eq(reservations.id, id)),
    db
      .select()
      .from(reservationRooms)
      .where(eq(reservationRooms.reservationId, id))
      .orderBy(asc(reservationRooms.position)),
  ]);
  const row = rows[0];
  return row ? { row, rooms } : null;
}

/** Several reservations with their rooms in two queries (housekeeping's batches), in the order of `ids`. */
export async function loadReservations(
  d1: D1Database | D1DatabaseSession,
  ids: readonly string[],
): Promise<LoadedReservation[]> {
  if (ids.length === 0) return [];
  const db = createDb(d1);
  const [rows, rooms] = await db.batch([
    db.select().from(reservations).where(inList(reservations.id, ids)),
    db
      .select()
      .from(reservationRooms)
      .where(inList(reservationRooms.reservationId, ids))
      .orderBy(asc(reservationRooms.reservationId), asc(reservationRooms.position)),
  ]);
  const byId = new Map(rows.map((row) => [row.id, { row, rooms: [] as ReservationRoomRow[] }]));
  for (const room of rooms) byId.get(room.reservationId)?.rooms.push(room);
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** What the guest still owes: the stay, or after a cancellation or no-show the fee, less payments. */
export function balanceDue(
  row: Pick<ReservationRow, 'status' | 'totalAmount' | 'amountPaid' | 'cancellationFee'>,
): number {
  const due =
    row.status === 'cancelled' || row.status === 'no_show'
      ? (row.cancellationFee ?? 0)
      : row.status === 'expired'
        ? 0
        : row.totalAmount;
  return Math.max(0, due - row.amountPaid);
}

export function etagOf(row: Pick<ReservationRow, 'id' | 'version'>): string {
  return `"${row.id}.v${row.version}"`;
}

/**
 * `hotel`: a hotel-side reader, who also sees which guest profile the stay is filed under. `booker`: the
 * widget that booked it, who gets back only the guest details the reservation was given, never the profile.
 */
export type Audience = 'hotel' | 'booker';

export function toReservationJson({ row, rooms }: LoadedReservation, audience: Audience): ReservationJson {
  const first = rooms[0];
  return {
    id: row.id,
    confirmation_number: row.confirmationNumber,
    status: row.status,
    hotel_id: row.hotelId,
    room_type_id: first?.roomTypeId ?? '',
    rate_plan_id: first?.ratePlanId ?? '',
    check_in: row.checkIn,
    check_out: row.checkOut,
    nights: daysBetween(row.checkIn, row.checkOut),
    adults: rooms.reduce((n, r) => n + r.adults, 0),
    children: rooms.reduce((n, r) => n + r.children, 0),
    rooms: rooms.map((r) => ({
      room_type_id: r.roomTypeId,
      rate_plan_id: r.ratePlanId,
      adults: r.adults,
      children: r.children,
      total_amount: r.totalAmount,
      nightly: r.nightly,
      cancellation_policy: r.cancellationPolicy,
    })),
    guest: {
      ...(audience === 'hotel' ? { id: row.guestId } : {}),
      first_name: row.guestFirstName,
      last_name: row.guestLastName,
      email: row.guestEmail,
      phone: row.guestPhone,
    },
    special_requests: row.specialRequests,
    total_amount: row.totalAmount,
    currency: row.currency,
    amount_paid: row.amountPaid,
    balance_due: balanceDue(row),
    cancellation_fee: row.cancellationFee,
    source: row.source,
    hold_expires_at: iso(row.holdExpiresAt),
    cancelled_at: iso(row.cancelledAt),
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * Files a stay under the hotel's profile for this email, creating the profile from the booking when
 * there is none. An existing profile is left exactly as it is: a booking is untrusted input and may
 * not rename a guest or read their details back (changing a profile is PATCH …/guests/:id).
 */
export function ensureGuestProfile(
  d1: D1DatabaseSession,
  g: { hotelId: string; email: string; firstName: string; lastName: string; phone: string | null },
  now: Date,
): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO guests (id, hotel_id, email, first_name, last_name, phone, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (hotel_id, email) DO NOTHING`,
    )
    .bind(newId('guest'), g.hotelId, g.email, g.firstName, g.lastName, g.phone, now.getTime(), now.getTime());
}

/** SQL for the id of the hotel's profile with this email (binds hotel id, then email). */
export const PROFILE_ID_SQL = '(SELECT id FROM guests WHERE hotel_id = ? AND email = ?)';

/** The rooms rows a priced booking writes (insertRooms), as loadReservation would read them back. */
export function roomRows(reservationId: string, rooms: readonly PricedRoom[]): ReservationRoomRow[] {
  return rooms.map((r, position) => ({
    reservationId,
    position,
    roomTypeId: r.room_type_id,
    ratePlanId: r.rate_plan_id,
    adults: r.adults,
    children: r.children,
    totalAmount: r.totalAmount,
    nightly: r.nightly,
    cancellationPolicy: r.cancellationPolicy,
  }));
}

/**
 * A reservation event's data: the reservation as it is after the change (computed before the write, so
 * the event commits with it), in the shape its booker sees — without the hotel's guest-profile link.
 */
export function eventData(
  loaded: LoadedReservation,
  change: Partial<ReservationRow> = {},
  rooms?: ReservationRoomRow[],
) {
  return toReservationJson({ row: { ...loaded.row, ...change }, rooms: rooms ?? loaded.rooms }, 'booker');
}

/**
 * The reservation `insertReservation` wrote, from the batch's answer rather than a read-back: `row` as
 * bound (version 1, nothing paid) with the guest profile its RETURNING names, and the rooms as written.
 */
export function writtenReservation(
  row: ReservationRow,
  inserted: D1Result | undefined,
  rooms: ReservationRoomRow[],
): LoadedReservation {
  const guestId = (inserted?.results[0] as { guest_id?: unknown } | undefined)?.guest_id;
  if (typeof guestId !== 'string') throw new Error(`reservation ${row.id} insert returned no guest_id`);
  return withGuest(row, guestId, rooms);
}

/** The reservation as `insertReservation` writes it, filed under `guestId` (version 1, nothing paid). */
export function withGuest(row: ReservationRow, guestId: string, rooms: ReservationRoomRow[]): LoadedReservation {
  return {
    row: { ...row, guestId, amountPaid: 0, cancellationFee: null, cancelledAt: null, disputedAt: null, version: 1 },
    rooms,
  };
}

/** The guest profile of a reservation, as SQL in its own write batch (after insertReservation). */
export const RESERVATION_GUEST_SQL = '(SELECT guest_id FROM reservations WHERE id = ?)';

/**
 * The INSERT of a new reservation, filed under the hotel's profile for its guest email (PROFILE_ID_SQL:
 * put ensureGuestProfile before it in the batch); `row.guestId` is not written but returned
 * (`writtenReservation` reads it). A reservation starts at version 1 with nothing paid.
 */
export function insertReservation(d1: D1DatabaseSession, row: ReservationRow): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO reservations (id, hotel_id, confirmation_number, status, guest_id, guest_first_name, guest_last_name,
         guest_email, guest_phone, created_by, check_in, check_out, currency, total_amount, amount_paid,
         cancellation_fee, special_requests, source, hold_expires_at, cancelled_at, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ${PROFILE_ID_SQL}, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, NULL, 1, ?, ?)
       RETURNING guest_id`,
    )
    .bind(
      row.id,
      row.hotelId,
      row.confirmationNumber,
      row.status,
      row.hotelId,
      row.guestEmail,
      row.guestFirstName,
      row.guestLastName,
      row.guestEmail,
      row.guestPhone,
      row.createdBy,
      row.checkIn,
      row.checkOut,
      row.currency,
      row.totalAmount,
      row.specialRequests,
      row.source,
      row.holdExpiresAt?.getTime() ?? null,
      row.createdAt.getTime(),
      row.updatedAt.getTime(),
    );
}

export type ReservationDetails = Pick<
  ReservationRow,
  | 'checkIn'
  | 'checkOut'
  | 'totalAmount'
  | 'specialRequests'
  | 'guestFirstName'
  | 'guestLastName'
  | 'guestEmail'
  | 'guestPhone'
  | 'updatedAt'
>;

/**
 * Changes a reservation's stay, total, guest and requests, guarded by the version it was read at (a
 * stale write sets version 0 and the CHECK rolls the batch back). A new guest email files it under
 * that email's profile (put ensureGuestProfile before it in the batch).
 */
export function updateReservationDetails(
  d1: D1DatabaseSession,
  before: Pick<ReservationRow, 'id' | 'hotelId' | 'version'>,
  after: ReservationDetails,
): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE reservations SET check_in = ?, check_out = ?, total_amount = ?, special_requests = ?,
         guest_first_name = ?, guest_last_name = ?, guest_email = ?, guest_phone = ?,
         guest_id = CASE WHEN guest_email = ? THEN guest_id ELSE ${PROFILE_ID_SQL} END, updated_at = ?,
         version = CASE WHEN version = ? THEN version + 1 ELSE 0 END
       WHERE id = ?`,
    )
    .bind(
      after.checkIn,
      after.checkOut,
      after.totalAmount,
      after.specialRequests,
      after.guestFirstName,
      after.guestLastName,
      after.guestEmail,
      after.guestPhone,
      after.guestEmail,
      before.hotelId,
      after.guestEmail,
      after.updatedAt.getTime(),
      before.version,
      before.id,
    );
}

export function insertRooms(
  d1: D1DatabaseSession,
  reservationId: string,
  rooms: readonly PricedRoom[],
): D1PreparedStatement[] {
  return rooms.map((r, position) =>
    d1
      .prepare(
        `INSERT INTO reservation_rooms
           (reservation_id, position, room_type_id, rate_plan_id, adults, children, total_amount, nightly, cancellation_policy)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        reservationId,
        position,
        r.room_type_id,
        r.rate_plan_id,
        r.adults,
        r.children,
        r.totalAmount,
        JSON.stringify(r.nightly),
        JSON.stringify(r.cancellationPolicy),
      ),
  );
}
