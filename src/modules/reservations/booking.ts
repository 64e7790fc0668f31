import { stayNights } from '../../lib/dates';
import { quoteRate, type Refusal, type RoomNight, roomNightKey, type StayData } from '../availability/offers';
import type { SearchContext } from '../availability/stay-data';
import type { CancellationPolicy } from '../catalog/catalog.table';
import type { NightPrice } from './reservations.table';

export type RoomRequest = { room_type_id: string; rate_plan_id: string; adults: number; children: number };

export type PricedRoom = RoomRequest & {
  totalAmount: number;
  nightly: NightPrice[];
  cancellationPolicy: CancellationPolicy;
};

export type BookingRefusal =
  | { kind: 'unknown_room_type'; index: number; id: string }
  | { kind: 'unknown_rate_plan'; index: number; id: string }
  | { kind: 'refused'; index: number; refusal: Refusal };

/** Units per (room type, night) that a reservation being modified already holds. */
export type HeldUnits = ReadonlyMap<string, number>;

export function heldUnits(
  rooms: readonly { room_type_id: string }[],
  checkIn: string,
  checkOut: string,
): Map<string, number> {
  const held = new Map<string, number>();
  for (const room of rooms) {
    for (const date of stayNights(checkIn, checkOut)) {
      const key = roomNightKey(room.room_type_id, date);
      held.set(key, (held.get(key) ?? 0) + 1);
    }
  }
  return held;
}

/**
 * Prices every room of a booking against fresh D1 data, as if taking them one after another: two
 * rooms of one type need two units on every night. Units the reservation already holds (when it is
 * being modified) count as free. Pure: the atomic take happens later in one D1 batch.
 */
export function priceRooms(
  ctx: SearchContext,
  stay: { checkIn: string; checkOut: string },
  rooms: readonly RoomRequest[],
  held: HeldUnits = new Map(),
): { ok: true; rooms: PricedRoom[] } | { ok: false; refusal: BookingRefusal } {
  const roomNights = new Map<string, RoomNight>();
  for (const [key, rn] of ctx.data.roomNights) roomNights.set(key, { ...rn, taken: rn.taken - (held.get(key) ?? 0) });
  const data: StayData = { roomNights, rateNights: ctx.data.rateNights };
  const nights = stayNights(stay.checkIn, stay.checkOut);

  const priced: PricedRoom[] = [];
  for (const [index, room] of rooms.entries()) {
    const rt = ctx.roomTypes.find((r) => r.id === room.room_type_id);
    if (!rt) return { ok: false, refusal: { kind: 'unknown_room_type', index, id: room.room_type_id } };
    const rp = ctx.ratePlans.find((r) => r.id === room.rate_plan_id);
    if (!rp) return { ok: false, refusal: { kind: 'unknown_rate_plan', index, id: room.rate_plan_id } };
    const quote = quoteRate(rt, rp, { ...stay, adults: room.adults, children: room.children }, data);
    if (!quote.ok) return { ok: false, refusal: { kind: 'refused', index, refusal: quote.refusal } };
    for (const date of nights) {
      const rn = roomNights.get(roomNightKey(rt.id, date));
      if (rn) rn.taken += 1;
    }
    priced.push({
      ...room,
      totalAmount: quote.offer.totalAmount,
      nightly: quote.offer.nightly,
      cancellationPolicy: rp.cancellationPolicy as CancellationPolicy,
    });
  }
  return { ok: true, rooms: priced };
}
