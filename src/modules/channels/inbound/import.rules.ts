import { addDays, daysBetween, stayNights } from '../../../lib/dates';
import { type RoomNight, roomNightKey } from '../../availability/offers';
import type { NightPrice } from '../../reservations/reservations.table';
import type { ChannelMappingRow } from '../channels.table';
import type { InboundReservation, InboundRoom } from '../domain';

/**
 * Pure decisions of a channel reservation's import: what it maps onto, what it costs, whether it fits.
 * No D1, no XML: import.service.ts reads and writes around these.
 */

/** The longest stay a channel reservation may ask for (our longest ARI write is two years). */
export const MAX_CHANNEL_NIGHTS = 365;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The same JSON text for the same reservation, whatever order a parser wrote its keys in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** SHA-256 (hex) of the parsed message: a re-delivery of the same message has the same digest. */
export async function messageDigest(r: InboundReservation): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(canonical(r)));
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether a message is older than the one last applied (deliveries overtake each other: a modification
 * can arrive before its reservation, a retried message after a newer one). By the channel's timestamps
 * (LastModifyDateTime, else CreateDateTime) when both differ; without that, a new reservation after a
 * modification is the original arriving late. A cancellation is never stale: it ends the reservation.
 */
export function isStale(r: InboundReservation, last: { kind: string; createdAt: string | null }): boolean {
  if (r.kind === 'cancel') return false;
  const at = Date.parse(r.createdAt ?? '');
  const lastAt = Date.parse(last.createdAt ?? '');
  if (Number.isFinite(at) && Number.isFinite(lastAt) && at !== lastAt) return at < lastAt;
  return r.kind === 'new' && last.kind === 'modify';
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const SAFE_ID = /^[a-z0-9._-]{1,40}$/;

/**
 * The guest email a reservation is filed under. OTA messages often carry none (or an unusable one); then
 * each channel reservation gets its own placeholder `<channel id>.<reservation id>@ota.invalid`: the
 * `.invalid` top-level domain is reserved (RFC 2606) and never delivers, so the placeholder can neither
 * be a real guest's address nor file two channel reservations under one profile. A reservation id
 * with other characters is replaced by its hash.
 */
export async function guestEmailFor(
  channelId: string,
  channelReservationId: string,
  email: string | null,
): Promise<string> {
  const given = email?.trim().toLowerCase();
  if (given && given.length <= 254 && EMAIL.test(given) && !given.endsWith('.invalid')) return given;
  const id = channelReservationId.toLowerCase();
  const local = SAFE_ID.test(id) ? id : (await sha256Hex(channelReservationId)).slice(0, 24);
  return `${channelId.toLowerCase()}.${local}@ota.invalid`;
}

async function sha256Hex(text: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export type Stay = { checkIn: string; checkOut: string };

/** Why the reservation cannot be applied as it is (kept as `failed` with this text), or its stay. */
export function checkReservation(
  r: InboundReservation,
  hotel: { currency: string; hotelCode: string },
): { ok: true; stay: Stay } | { ok: false; problem: string } {
  if (r.hotelCode !== null && r.hotelCode !== hotel.hotelCode) {
    return { ok: false, problem: `The reservation is for hotel code ${r.hotelCode}, not this channel's.` };
  }
  if (r.currency !== null && r.currency.toUpperCase() !== hotel.currency) {
    return {
      ok: false,
      problem: `The reservation is priced in ${r.currency}; the hotel sells in ${hotel.currency} and does not convert.`,
    };
  }
  const first = r.rooms[0];
  if (!first) return { ok: false, problem: 'The reservation has no rooms.' };
  const stay = { checkIn: first.checkIn, checkOut: first.checkOut };
  if (r.rooms.some((room) => room.checkIn !== stay.checkIn || room.checkOut !== stay.checkOut)) {
    return { ok: false, problem: 'Its rooms have different stays; a reservation here has one stay for all rooms.' };
  }
  if (!validDate(stay.checkIn) || !validDate(stay.checkOut) || stay.checkOut <= stay.checkIn) {
    return { ok: false, problem: `The stay ${stay.checkIn} to ${stay.checkOut} is not a stay.` };
  }
  if (daysBetween(stay.checkIn, stay.checkOut) > MAX_CHANNEL_NIGHTS) {
    return { ok: false, problem: `The stay is longer than ${MAX_CHANNEL_NIGHTS} nights.` };
  }
  // What we would book: a negative price, or one (or a guest count) beyond what we store, is not taken.
  const prices = channelPrices(r, stay);
  const amounts = prices.flatMap((p) => [p.totalAmount, ...p.nightly.map((n) => n.amount)]);
  if (r.totalAmount !== null) amounts.push(r.totalAmount);
  amounts.push(amounts.reduce((n, a) => n + a, 0));
  if (amounts.some((a) => !Number.isSafeInteger(a) || a < 0)) {
    return { ok: false, problem: 'Its amounts are negative or too large to book.' };
  }
  if (
    r.rooms.some((room) => !Number.isSafeInteger(room.adults + room.children) || room.adults < 0 || room.children < 0)
  ) {
    return { ok: false, problem: 'Its guest counts are not counts.' };
  }
  return { ok: true, stay };
}

function validDate(date: string): boolean {
  return ISO_DATE.test(date) && addDays(date, 0) === date;
}

export type MappedRoom = { room_type_id: string; rate_plan_id: string; adults: number; children: number };

/**
 * Our room type and rate plan for each room. A room without a rate code maps when its room code has
 * exactly one mapping. Any unmapped room: the whole reservation waits (`needs_mapping`).
 */
export function mapRooms(
  rooms: readonly InboundRoom[],
  mappings: readonly Pick<ChannelMappingRow, 'roomTypeId' | 'ratePlanId' | 'channelRoomCode' | 'channelRateCode'>[],
): { ok: true; rooms: MappedRoom[] } | { ok: false; problem: string } {
  const mapped: MappedRoom[] = [];
  for (const [i, room] of rooms.entries()) {
    const candidates = mappings.filter(
      (m) => m.channelRoomCode === room.roomCode && (room.rateCode === null || m.channelRateCode === room.rateCode),
    );
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (!only) {
      return {
        ok: false,
        problem: `Room ${i + 1}: no mapping for room code ${room.roomCode ?? '(none)'} and rate code ${room.rateCode ?? '(none)'}.`,
      };
    }
    mapped.push({
      room_type_id: only.roomTypeId,
      rate_plan_id: only.ratePlanId,
      adults: room.adults,
      children: room.children,
    });
  }
  return { ok: true, rooms: mapped };
}

/**
 * What each room costs, as the channel sold it (never our rates): its nightly amounts; else its total
 * spread over the nights; else the reservation's total shared between the rooms; else nothing.
 * Spreading puts the remainder on the first nights, so the nights always add up to the total.
 */
export function channelPrices(r: InboundReservation, stay: Stay): { totalAmount: number; nightly: NightPrice[] }[] {
  const nights = stayNights(stay.checkIn, stay.checkOut);
  const unpriced = r.rooms.filter((room) => room.nightly.length === 0 && room.totalAmount === null).length;
  const pricedTotal = r.rooms.reduce(
    (n, room) => n + (room.totalAmount ?? room.nightly.reduce((m, x) => m + x.amount, 0)),
    0,
  );
  const shared =
    r.totalAmount !== null && unpriced > 0 ? spread(Math.max(0, r.totalAmount - pricedTotal), unpriced) : [];
  let nextShare = 0;
  return r.rooms.map((room) => {
    if (room.nightly.length > 0) {
      const nightly = room.nightly.map((n) => ({ date: n.date, amount: n.amount }));
      return { totalAmount: room.totalAmount ?? nightly.reduce((n, x) => n + x.amount, 0), nightly };
    }
    const total = room.totalAmount ?? shared[nextShare++] ?? 0;
    const amounts = spread(total, nights.length);
    return { totalAmount: total, nightly: nights.map((date, i) => ({ date, amount: amounts[i] ?? 0 })) };
  });
}

function spread(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}

export type OverbookedNight = { room_type_id: string; date: string; over_by: number };

/**
 * The nights on which taking these rooms goes beyond inventory, from the sold units read just before
 * (`taken` there counts overbooked units too), less what the reservation itself held before a change.
 */
export function overbookedNights(
  roomNights: ReadonlyMap<string, RoomNight>,
  rooms: readonly { room_type_id: string }[],
  stay: Stay,
  held: ReadonlyMap<string, number> = new Map(),
): OverbookedNight[] {
  const need = new Map<string, number>();
  for (const room of rooms) need.set(room.room_type_id, (need.get(room.room_type_id) ?? 0) + 1);
  const out: OverbookedNight[] = [];
  for (const [roomTypeId, units] of need) {
    for (const date of stayNights(stay.checkIn, stay.checkOut)) {
      const key = roomNightKey(roomTypeId, date);
      const rn = roomNights.get(key);
      const free = rn ? Math.max(0, rn.inventory - rn.taken + (held.get(key) ?? 0)) : 0;
      if (units > free) out.push({ room_type_id: roomTypeId, date, over_by: units - free });
    }
  }
  return out;
}
