import { addDays, datesInRange, daysBetween } from '../../../lib/dates';
import { MAX_ROOM_NIGHTS_PER_REQUEST } from '../../availability/ari.schema';
import { AB_ERR, AB_ERROR_TYPE, type AbIssue } from './answer';
import type { FreeRoomsMessage } from './free-rooms-message';

/**
 * The nights a FreeRooms message speaks for: from the hotel's today for this many days. Earlier
 * nights are past and ignored; later ones are beyond what we sell (an advisory warning says so). A
 * CompleteSet sets every mapped category to 0 on every night of the window it does not list.
 */
export const FREE_ROOMS_HORIZON_DAYS = 730;

export type Window = { from: string; to: string };
export type NightState = { inventory: number; taken: number; overbooked: number };
export type InventoryUpdate = { room_type_id: string; from: string; to: string; inventory: number };

export function freeRoomsWindow(today: string): Window {
  return { from: today, to: addDays(today, FREE_ROOMS_HORIZON_DAYS - 1) };
}

function clip(range: { start: string; end: string }, window: Window): Window | null {
  // Dates as YYYY-MM-DD strings compare in calendar order (Math.max would coerce them to NaN).
  // biome-ignore lint/complexity/useMathMinMax: strings, not numbers
  const from = range.start > window.from ? range.start : window.from;
  // biome-ignore lint/complexity/useMathMinMax: strings, not numbers
  const to = range.end < window.to ? range.end : window.to;
  return from <= to ? { from, to } : null;
}

const key = (roomTypeId: string, date: string) => `${roomTypeId}|${date}`;

/**
 * The bookable rooms the message sets, per room type and night of the window (pure). `roomTypeOf`
 * names our room type for each category code the channel mapped (channel_room_code); `mapped` is every
 * room type mapped on the channel, which a CompleteSet covers. Refuses unknown categories and messages
 * over the ARI API's room-night limit before listing a single night.
 */
export function freeRoomsTargets(
  message: FreeRoomsMessage,
  window: Window,
  roomTypeOf: ReadonlyMap<string, string>,
  mapped: readonly string[],
): { ok: true; targets: Map<string, number>; beyondHorizon: boolean } | { ok: false; issue: AbIssue } {
  const unknown = [...new Set(message.entries.map((e) => e.category).filter((c) => !roomTypeOf.has(c)))];
  if (unknown.length > 0) {
    const text = `InvTypeCode ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''} is not mapped on this channel`;
    return { ok: false, issue: { type: AB_ERROR_TYPE.applicationError, code: AB_ERR.invalidRoomType, text } };
  }
  const ranges = message.entries.map((e) => clip(e, window));
  const listed = ranges.reduce((n, r) => n + (r ? daysBetween(r.from, r.to) + 1 : 0), 0);
  const windowNights = message.completeSet ? mapped.length * (daysBetween(window.from, window.to) + 1) : 0;
  if (listed + windowNights > MAX_ROOM_NIGHTS_PER_REQUEST) {
    const text = `the message covers more than ${MAX_ROOM_NIGHTS_PER_REQUEST} room-nights; send fewer categories or dates per message`;
    return { ok: false, issue: { type: AB_ERROR_TYPE.applicationError, code: AB_ERR.unableToProcess, text } };
  }

  const targets = new Map<string, number>();
  if (message.completeSet) {
    const nights = datesInRange(window.from, window.to);
    for (const roomTypeId of mapped) for (const date of nights) targets.set(key(roomTypeId, date), 0);
  }
  message.entries.forEach((entry, i) => {
    const range = ranges[i];
    const roomTypeId = roomTypeOf.get(entry.category);
    if (!range || !roomTypeId) return;
    for (const date of datesInRange(range.from, range.to)) targets.set(key(roomTypeId, date), entry.bookable);
  });
  // A closing season closes the hotel: it wins over what a category says for the same nights.
  for (const season of message.closingSeasons) {
    const range = clip(season, window);
    if (!range) continue;
    for (const date of datesInRange(range.from, range.to)) {
      for (const roomTypeId of mapped) targets.set(key(roomTypeId, date), 0);
    }
  }
  const beyondHorizon = [...message.entries, ...message.closingSeasons].some((r) => r.end > window.to);
  return { ok: true, targets, beyondHorizon };
}

/**
 * The inventory writes that make each target night's free rooms (inventory − taken − overbooked, what
 * the ARI calendar calls `available`) equal the bookable count (pure): inventory = bookable + taken +
 * overbooked. Nights already there are left out — a message applied twice writes nothing the second
 * time — and consecutive nights of one room type with the same inventory become one range.
 */
export function inventoryUpdates(
  targets: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, NightState>,
): InventoryUpdate[] {
  const writes: { roomTypeId: string; date: string; inventory: number }[] = [];
  for (const [k, bookable] of targets) {
    const night = current.get(k);
    const inventory = bookable + (night?.taken ?? 0) + (night?.overbooked ?? 0);
    // No row is no inventory: a 0 there changes nothing either.
    if (night ? night.inventory === inventory : inventory === 0) continue;
    const [roomTypeId = '', date = ''] = k.split('|');
    writes.push({ roomTypeId, date, inventory });
  }
  writes.sort((a, b) =>
    a.roomTypeId === b.roomTypeId ? a.date.localeCompare(b.date) : a.roomTypeId < b.roomTypeId ? -1 : 1,
  );
  const updates: InventoryUpdate[] = [];
  for (const w of writes) {
    const last = updates.at(-1);
    if (
      last &&
      last.room_type_id === w.roomTypeId &&
      last.inventory === w.inventory &&
      addDays(last.to, 1) === w.date
    ) {
      last.to = w.date;
    } else {
      updates.push({ room_type_id: w.roomTypeId, from: w.date, to: w.date, inventory: w.inventory });
    }
  }
  return updates;
}
