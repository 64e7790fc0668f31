import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { inDays } from './ari';
import { type Auth, call, expectStatus } from './http';

// Older tests import the booking fixture from here; it lives with the other hotel builders.
export { bookableHotel } from './builders';

/** The seed path; `/api/v1/booking-engine/reservations` is the same endpoint (reservationUrl). */
export const BOOK = '/api/booking-engine/reservations';

export type ReservationAction = 'cancel' | 'confirm' | 'check-in' | 'check-out' | 'no-show';

/** The one place reservation URLs are built: the v1 path by default, the seed alias on request. */
export function reservationUrl(id: string, action?: ReservationAction, { seed = false } = {}): string {
  const base = seed ? BOOK : `/api/v1/booking-engine/reservations`;
  return action ? `${base}/${id}/${action}` : `${base}/${id}`;
}

export function getReservation(id: string, auth?: Auth) {
  return call('GET', reservationUrl(id), { auth });
}

export function modify(id: string, body: unknown, options: { auth?: Auth; headers?: Record<string, string> } = {}) {
  return call('PUT', reservationUrl(id), { body, ...options });
}

/** POST one of the lifecycle actions (cancel, confirm, check-in, check-out, no-show). */
export function act(id: string, action: ReservationAction, auth?: Auth) {
  return call('POST', reservationUrl(id, action), { auth });
}

export function bookingBody(
  h: { hotel: { id: string }; roomType: { id: string }; ratePlan: { id: string } },
  overrides: Record<string, unknown> = {},
) {
  return {
    hotel_id: h.hotel.id,
    room_type_id: h.roomType.id,
    rate_plan_id: h.ratePlan.id,
    check_in: inDays(10),
    check_out: inDays(12),
    adults: 2,
    children: 0,
    guest: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', phone: '+43 1 234' },
    ...overrides,
  };
}

export function book(body: unknown, options: { auth?: Auth; headers?: Record<string, string> } = {}) {
  return call('POST', BOOK, { body, ...options });
}

export async function booked(body: unknown): Promise<any> {
  return expectStatus(book(body), 201);
}

/**
 * The inventory invariant, checked straight in D1: on every night, 0 ≤ taken ≤ inventory and taken
 * equals the rooms of reservations that hold inventory.
 */
export async function auditInventory(hotelId: string): Promise<void> {
  const { results } = await env.DB.prepare(
    `SELECT n.room_type_id, n.date, n.inventory, n.taken,
       (SELECT COUNT(*) FROM reservation_rooms rr JOIN reservations r ON r.id = rr.reservation_id
        WHERE rr.room_type_id = n.room_type_id AND r.check_in <= n.date AND r.check_out > n.date
          AND r.status IN ('pending', 'confirmed', 'checked_in', 'checked_out')) AS booked
     FROM room_nights n WHERE n.hotel_id = ?`,
  )
    .bind(hotelId)
    .all<{ room_type_id: string; date: string; inventory: number; taken: number; booked: number }>();
  for (const n of results) {
    expect(n.taken, `taken on ${n.date}`).toBeGreaterThanOrEqual(0);
    expect(n.taken, `taken ≤ inventory on ${n.date}`).toBeLessThanOrEqual(n.inventory);
    expect(n.taken, `taken = booked rooms on ${n.date}`).toBe(n.booked);
  }
}

export async function takenOn(roomTypeId: string, date: string): Promise<number> {
  const row = await env.DB.prepare('SELECT taken FROM room_nights WHERE room_type_id = ? AND date = ?')
    .bind(roomTypeId, date)
    .first<{ taken: number }>();
  return row?.taken ?? 0;
}

export async function eventsOf(subjectId: string): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT type FROM outbox_events WHERE subject_id = ? ORDER BY id')
    .bind(subjectId)
    .all<{ type: string }>();
  return results.map((r) => r.type);
}

/**
 * Everything stored for a hotel (catalog, ARI, inventory, reservations and their rooms, guests,
 * events), read straight from D1: a refused request must leave it byte-for-byte the same. Of an event,
 * everything but the relay's bookkeeping (`published_at`, `claimed_until`): the first of its jobs
 * publishes it whenever the queue runs that job, which may fall between two snapshots.
 */
export async function hotelSnapshot(hotelId: string): Promise<string> {
  const queries = [
    'SELECT * FROM hotels WHERE id = ?1',
    'SELECT * FROM room_types WHERE hotel_id = ?1 ORDER BY id',
    'SELECT * FROM rate_plans WHERE hotel_id = ?1 ORDER BY id',
    'SELECT * FROM rate_nights WHERE hotel_id = ?1 ORDER BY room_type_id, rate_plan_id, date',
    'SELECT * FROM room_nights WHERE hotel_id = ?1 ORDER BY room_type_id, date',
    'SELECT * FROM reservations WHERE hotel_id = ?1 ORDER BY id',
    `SELECT rr.* FROM reservation_rooms rr JOIN reservations r ON r.id = rr.reservation_id
     WHERE r.hotel_id = ?1 ORDER BY rr.reservation_id, rr.position`,
    'SELECT * FROM guests WHERE hotel_id = ?1 ORDER BY id',
    'SELECT id, hotel_id, type, subject_id, data, created_at, seq FROM outbox_events WHERE hotel_id = ?1 ORDER BY id',
  ];
  const results = await env.DB.batch(queries.map((q) => env.DB.prepare(q).bind(hotelId)));
  return JSON.stringify(results.map((r) => r.results));
}
