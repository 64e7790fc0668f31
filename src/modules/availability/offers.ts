import { stayNights } from '../../lib/dates';

/** The slices of catalog and ARI that pricing needs; plain data, no I/O. */
export type RoomTypeInfo = {
  id: string;
  code: string;
  name: string;
  maxAdults: number;
  maxChildren: number;
  maxOccupancy: number;
  baseOccupancy: number;
};

export type RatePlanInfo = {
  id: string;
  code: string;
  name: string;
  mealPlan: string;
  roomTypeIds: readonly string[];
  extraAdultAmount: number;
  extraChildAmount: number;
};

export type RoomNight = { inventory: number; taken: number };

export type RateNight = {
  amount: number | null;
  minStay: number | null;
  maxStay: number | null;
  closed: boolean;
  closedToArrival: boolean;
  closedToDeparture: boolean;
};

/** Lookups keyed `${room_type_id}|${date}` and `${rate_plan_id}|${room_type_id}|${date}`. */
export type StayData = {
  roomNights: ReadonlyMap<string, RoomNight>;
  rateNights: ReadonlyMap<string, RateNight>;
};

export const roomNightKey = (roomTypeId: string, date: string) => `${roomTypeId}|${date}`;
export const rateNightKey = (ratePlanId: string, roomTypeId: string, date: string) =>
  `${ratePlanId}|${roomTypeId}|${date}`;

export type Party = { adults: number; children: number };
export type Stay = Party & { checkIn: string; checkOut: string };

export type NightPrice = { date: string; amount: number };
export type RateOffer = { ratePlan: RatePlanInfo; totalAmount: number; nightly: NightPrice[] };
export type RoomOffer = { roomType: RoomTypeInfo; availableUnits: number; rates: RateOffer[] };

/** Why a rate plan cannot be sold for a stay; the first failing night is reported. */
export type Refusal =
  | { reason: 'party_too_large' }
  | { reason: 'rate_plan_not_for_room_type' }
  | { reason: 'sold_out'; date: string }
  | { reason: 'no_price'; date: string }
  | { reason: 'closed'; date: string }
  | { reason: 'closed_to_arrival'; date: string }
  | { reason: 'closed_to_departure'; date: string }
  | { reason: 'min_stay'; date: string; minStay: number }
  | { reason: 'max_stay'; date: string; maxStay: number };

export function fitsParty(rt: RoomTypeInfo, party: Party): boolean {
  return (
    party.adults <= rt.maxAdults && party.children <= rt.maxChildren && party.adults + party.children <= rt.maxOccupancy
  );
}

/**
 * Occupancy pricing: the nightly amount covers up to `baseOccupancy` adults; each adult above it
 * pays the rate plan's extra-adult amount and every child pays the extra-child amount.
 */
export function nightlyPrice(base: number, rt: RoomTypeInfo, rp: RatePlanInfo, party: Party): number {
  const extraAdults = Math.max(0, party.adults - rt.baseOccupancy);
  return base + extraAdults * rp.extraAdultAmount + party.children * rp.extraChildAmount;
}

/** Units left on every night of the stay (the minimum over the nights; 0 when a night has none). */
export function unitsLeft(rt: RoomTypeInfo, nights: readonly string[], data: StayData): number {
  let min = Number.POSITIVE_INFINITY;
  for (const date of nights) {
    const rn = data.roomNights.get(roomNightKey(rt.id, date));
    const left = rn ? rn.inventory - rn.taken : 0;
    if (left < min) min = left;
  }
  return Number.isFinite(min) ? Math.max(0, min) : 0;
}

/**
 * Prices one rate plan for one room type and stay, or says why it cannot be sold. `nights` are the
 * stay's dates (stayNights), passed in by a caller that quotes many pairs for the same stay.
 */
export function quoteRate(
  rt: RoomTypeInfo,
  rp: RatePlanInfo,
  stay: Stay,
  data: StayData,
  nights: readonly string[] = stayNights(stay.checkIn, stay.checkOut),
): { ok: true; offer: RateOffer } | { ok: false; refusal: Refusal } {
  if (!fitsParty(rt, stay)) return { ok: false, refusal: { reason: 'party_too_large' } };
  if (!rp.roomTypeIds.includes(rt.id)) return { ok: false, refusal: { reason: 'rate_plan_not_for_room_type' } };
  const nightly: NightPrice[] = [];
  let total = 0;
  for (const date of nights) {
    const rn = data.roomNights.get(roomNightKey(rt.id, date));
    if (!rn || rn.inventory - rn.taken < 1) return { ok: false, refusal: { reason: 'sold_out', date } };
    const rate = data.rateNights.get(rateNightKey(rp.id, rt.id, date));
    if (!rate || rate.amount === null) return { ok: false, refusal: { reason: 'no_price', date } };
    if (rate.closed) return { ok: false, refusal: { reason: 'closed', date } };
    if (date === stay.checkIn) {
      // Length-of-stay restrictions are arrival-based: the check-in night's values apply.
      if (rate.closedToArrival) return { ok: false, refusal: { reason: 'closed_to_arrival', date } };
      if (rate.minStay !== null && nights.length < rate.minStay) {
        return { ok: false, refusal: { reason: 'min_stay', date, minStay: rate.minStay } };
      }
      if (rate.maxStay !== null && nights.length > rate.maxStay) {
        return { ok: false, refusal: { reason: 'max_stay', date, maxStay: rate.maxStay } };
      }
    }
    const amount = nightlyPrice(rate.amount, rt, rp, stay);
    nightly.push({ date, amount });
    total += amount;
  }
  const departure = data.rateNights.get(rateNightKey(rp.id, rt.id, stay.checkOut));
  if (departure?.closedToDeparture) {
    return { ok: false, refusal: { reason: 'closed_to_departure', date: stay.checkOut } };
  }
  return { ok: true, offer: { ratePlan: rp, totalAmount: total, nightly } };
}

/** Every room type that fits the party and has at least one sellable rate plan, cheapest first. */
export function buildOffers(
  roomTypes: readonly RoomTypeInfo[],
  ratePlans: readonly RatePlanInfo[],
  stay: Stay,
  data: StayData,
): RoomOffer[] {
  const nights = stayNights(stay.checkIn, stay.checkOut);
  const offers: RoomOffer[] = [];
  for (const rt of roomTypes) {
    if (!fitsParty(rt, stay)) continue;
    const availableUnits = unitsLeft(rt, nights, data);
    if (availableUnits < 1) continue;
    const rates: RateOffer[] = [];
    for (const rp of ratePlans) {
      if (!rp.roomTypeIds.includes(rt.id)) continue;
      const quote = quoteRate(rt, rp, stay, data, nights);
      if (quote.ok) rates.push(quote.offer);
    }
    if (rates.length === 0) continue;
    rates.sort((a, b) => a.totalAmount - b.totalAmount || a.ratePlan.code.localeCompare(b.ratePlan.code));
    offers.push({ roomType: rt, availableUnits, rates });
  }
  return offers.sort(
    (a, b) =>
      (a.rates[0]?.totalAmount ?? 0) - (b.rates[0]?.totalAmount ?? 0) || a.roomType.code.localeCompare(b.roomType.code),
  );
}
