import {
  type RateNight,
  type RatePlanInfo,
  type RoomNight,
  type RoomTypeInfo,
  rateNightKey,
  roomNightKey,
  type StayData,
} from './offers';

export type HotelInfo = {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  status: string;
  checkInTime: string;
};

export type SearchContext = {
  hotel: HotelInfo;
  roomTypes: RoomTypeInfo[];
  ratePlans: (RatePlanInfo & { cancellationPolicy: unknown; currency: string })[];
  data: StayData;
};

type HotelSql = { id: string; name: string; timezone: string; currency: string; status: string; policies: string };
type RoomTypeSql = {
  id: string;
  code: string;
  name: string;
  max_adults: number;
  max_children: number;
  max_occupancy: number;
  base_occupancy: number;
};
type RatePlanSql = {
  id: string;
  code: string;
  name: string;
  meal_plan: string;
  room_type_ids: string;
  extra_adult_amount: number;
  extra_child_amount: number;
  cancellation_policy: string;
  currency: string;
};
type RoomNightSql = { room_type_id: string; date: string; inventory: number; taken: number };
type RateNightSql = {
  rate_plan_id: string;
  room_type_id: string;
  date: string;
  amount: number | null;
  min_stay: number | null;
  max_stay: number | null;
  closed: number;
  closed_to_arrival: number;
  closed_to_departure: number;
};

/**
 * Everything a search or a booking needs, read in one D1 round trip (one batch). Raw SQL on purpose:
 * this is the hot path of every uncached search. Rates are read up to and including the departure
 * date, whose closed-to-departure flag applies.
 */
export async function loadSearchContext(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
  checkIn: string,
  checkOut: string,
): Promise<SearchContext | null> {
  const [hotels, roomTypes, ratePlans, roomNights, rateNights] = await d1.batch<unknown>([
    d1.prepare('SELECT id, name, timezone, currency, status, policies FROM hotels WHERE id = ?').bind(hotelId),
    d1
      .prepare(
        `SELECT id, code, name, max_adults, max_children, max_occupancy, base_occupancy
         FROM room_types WHERE hotel_id = ? AND status = 'active'`,
      )
      .bind(hotelId),
    d1
      .prepare(
        `SELECT id, code, name, meal_plan, room_type_ids, extra_adult_amount, extra_child_amount, cancellation_policy, currency
         FROM rate_plans WHERE hotel_id = ? AND status = 'active'`,
      )
      .bind(hotelId),
    d1
      .prepare(
        'SELECT room_type_id, date, inventory, taken FROM room_nights WHERE hotel_id = ? AND date >= ? AND date < ?',
      )
      .bind(hotelId, checkIn, checkOut),
    d1
      .prepare(
        `SELECT rate_plan_id, room_type_id, date, amount, min_stay, max_stay, closed, closed_to_arrival, closed_to_departure
         FROM rate_nights WHERE hotel_id = ? AND date >= ? AND date <= ?`,
      )
      .bind(hotelId, checkIn, checkOut),
  ]);
  const hotel = (hotels?.results as HotelSql[] | undefined)?.[0];
  if (!hotel) return null;
  const policies = JSON.parse(hotel.policies) as { check_in_time?: string };

  const roomNightMap = new Map<string, RoomNight>();
  for (const r of (roomNights?.results ?? []) as RoomNightSql[]) {
    roomNightMap.set(roomNightKey(r.room_type_id, r.date), { inventory: r.inventory, taken: r.taken });
  }
  const rateNightMap = new Map<string, RateNight>();
  for (const r of (rateNights?.results ?? []) as RateNightSql[]) {
    rateNightMap.set(rateNightKey(r.rate_plan_id, r.room_type_id, r.date), {
      amount: r.amount,
      minStay: r.min_stay,
      maxStay: r.max_stay,
      closed: r.closed === 1,
      closedToArrival: r.closed_to_arrival === 1,
      closedToDeparture: r.closed_to_departure === 1,
    });
  }

  return {
    hotel: {
      id: hotel.id,
      name: hotel.name,
      timezone: hotel.timezone,
      currency: hotel.currency,
      status: hotel.status,
      checkInTime: policies.check_in_time ?? '15:00',
    },
    roomTypes: ((roomTypes?.results ?? []) as RoomTypeSql[]).map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      maxAdults: r.max_adults,
      maxChildren: r.max_children,
      maxOccupancy: r.max_occupancy,
      baseOccupancy: r.base_occupancy,
    })),
    ratePlans: ((ratePlans?.results ?? []) as RatePlanSql[]).map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      mealPlan: r.meal_plan,
      roomTypeIds: JSON.parse(r.room_type_ids) as string[],
      extraAdultAmount: r.extra_adult_amount,
      extraChildAmount: r.extra_child_amount,
      cancellationPolicy: JSON.parse(r.cancellation_policy) as unknown,
      currency: r.currency,
    })),
    data: { roomNights: roomNightMap, rateNights: rateNightMap },
  };
}
