import { stayNights } from '../../../lib/dates';
import type { AvailStatus, RateAmount } from '../domain';
import { coalesceNights, type DateRange } from './plan';

/**
 * Our ARI state of some room types over a window, in channel terms (pure). What the channel may sell
 * is inventory − taken − overbooked (never below 0), so a night sold out through any path — a booking,
 * a channel reservation, an overbooking — is BookingLimit 0. A rate night that does not exist, has no
 * price, or belongs to an inactive plan is closed: we would not sell it ourselves.
 */
export type MappingState = { roomTypeId: string; ratePlanId: string; channelRoomCode: string; channelRateCode: string };
export type RoomNightState = { roomTypeId: string; date: string; inventory: number; taken: number; overbooked: number };
export type RateNightState = {
  ratePlanId: string;
  roomTypeId: string;
  date: string;
  amount: number | null;
  minStay: number | null;
  maxStay: number | null;
  closed: boolean;
  closedToArrival: boolean;
  closedToDeparture: boolean;
};
export type PlanState = { id: string; currency: string; active: boolean };

type Restrictions = Required<
  Pick<AvailStatus, 'closed' | 'closedToArrival' | 'closedToDeparture' | 'minLos' | 'maxLos'>
>;

const sameRestrictions = (a: Restrictions, b: Restrictions) =>
  a.closed === b.closed &&
  a.closedToArrival === b.closedToArrival &&
  a.closedToDeparture === b.closedToDeparture &&
  a.minLos === b.minLos &&
  a.maxLos === b.maxLos;

const rateKey = (ratePlanId: string, roomTypeId: string, date: string) => `${ratePlanId}|${roomTypeId}|${date}`;

/** Window dates: `to` is exclusive. */
function nightsOf(window: DateRange): string[] {
  return stayNights(window.from, window.to);
}

export function availabilityStatuses(
  window: DateRange,
  mappings: readonly MappingState[],
  roomNights: readonly RoomNightState[],
  rateNights: readonly RateNightState[],
  plans: ReadonlyMap<string, PlanState>,
): AvailStatus[] {
  const dates = nightsOf(window);
  const rooms = new Map(roomNights.map((n) => [`${n.roomTypeId}|${n.date}`, n]));
  const rates = new Map(rateNights.map((n) => [rateKey(n.ratePlanId, n.roomTypeId, n.date), n]));
  const out: AvailStatus[] = [];
  // The room's limit once per channel room code (the first of our room types mapped to it).
  const roomCodes = new Map<string, string>();
  for (const m of mappings) if (!roomCodes.has(m.channelRoomCode)) roomCodes.set(m.channelRoomCode, m.roomTypeId);
  for (const [roomCode, roomTypeId] of roomCodes) {
    const nights = dates.map((date) => {
      const n = rooms.get(`${roomTypeId}|${date}`);
      return { date, value: n ? Math.max(0, n.inventory - n.taken - n.overbooked) : 0 };
    });
    for (const run of coalesceNights(nights, (a, b) => a === b)) {
      out.push({ roomCode, rateCode: null, start: run.start, end: run.end, bookingLimit: run.value });
    }
  }
  for (const m of mappings) {
    const active = plans.get(m.ratePlanId)?.active === true;
    const nights = dates.map((date): { date: string; value: Restrictions } => {
      const n = rates.get(rateKey(m.ratePlanId, m.roomTypeId, date));
      return {
        date,
        value: {
          closed: !active || !n || n.amount === null || n.closed,
          closedToArrival: n?.closedToArrival ?? false,
          closedToDeparture: n?.closedToDeparture ?? false,
          minLos: n?.minStay ?? null,
          maxLos: n?.maxStay ?? null,
        },
      };
    });
    for (const run of coalesceNights(nights, sameRestrictions)) {
      out.push({
        roomCode: m.channelRoomCode,
        rateCode: m.channelRateCode,
        start: run.start,
        end: run.end,
        ...run.value,
      });
    }
  }
  return out;
}

/** Priced nights only: a night without a price is closed by the availability message instead. */
export function rateAmounts(
  window: DateRange,
  mappings: readonly MappingState[],
  rateNights: readonly RateNightState[],
  plans: ReadonlyMap<string, PlanState>,
): RateAmount[] {
  const dates = nightsOf(window);
  const rates = new Map(rateNights.map((n) => [rateKey(n.ratePlanId, n.roomTypeId, n.date), n]));
  const out: RateAmount[] = [];
  for (const m of mappings) {
    const plan = plans.get(m.ratePlanId);
    if (!plan) continue;
    const nights = dates.flatMap((date) => {
      const amount = rates.get(rateKey(m.ratePlanId, m.roomTypeId, date))?.amount;
      return amount === null || amount === undefined ? [] : [{ date, value: amount }];
    });
    for (const run of coalesceNights(nights, (a, b) => a === b)) {
      out.push({
        roomCode: m.channelRoomCode,
        rateCode: m.channelRateCode,
        start: run.start,
        end: run.end,
        amount: run.value,
        currency: plan.currency,
      });
    }
  }
  return out;
}
