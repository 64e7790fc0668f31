import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { inDays, setAri } from './ari';
import { createHotel, createRatePlan, createRoomType } from './builders';
import { type Auth, call, expectStatus } from './http';

export const BOOK = '/api/booking-engine/reservations';

/** A hotel with one double room type (`units` per night for 90 days at 10,000/night) and one rate plan. */
export async function bookableHotel(
  options: { units?: number; ratePlan?: Record<string, unknown>; hotel?: Record<string, unknown> } = {},
) {
  const hotel = await createHotel(options.hotel);
  const roomType = await createRoomType(hotel.id, {
    max_adults: 2,
    max_children: 2,
    max_occupancy: 4,
    base_occupancy: 2,
  });
  const ratePlan = await createRatePlan(hotel.id, [roomType.id], { extra_child_amount: 1000, ...options.ratePlan });
  await setAri(hotel.id, [
    { room_type_id: roomType.id, from: inDays(0), to: inDays(90), inventory: options.units ?? 5 },
    { room_type_id: roomType.id, rate_plan_id: ratePlan.id, from: inDays(0), to: inDays(90), amount: 10000 },
  ]);
  return { hotel, roomType, ratePlan };
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
