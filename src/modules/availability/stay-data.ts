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

// Rows as SQLite's json_array() writes them, in the column order of the query below.
type HotelRow = [id: string, name: string, timezone: string, currency: string, status: string, policies: string];
type RoomTypeRow = [
  id: string,
  code: string,
  name: string,
  maxAdults: number,
  maxChildren: number,
  maxOccupancy: number,
  baseOccupancy: number,
];
type RatePlanRow = [
  id: string,
  code: string,
  name: string,
  mealPlan: string,
  roomTypeIds: string[],
  extraAdultAmount: number,
  extraChildAmount: number,
  cancellationPolicy: unknown,
  currency: string,
];
type RoomNightRow = [roomTypeId: string, date: string, inventory: number, taken: number];
type RateNightRow = [
  ratePlanId: string,
  roomTypeId: string,
  date: string,
  amount: number | null,
  minStay: number | null,
  maxStay: number | null,
  closed: number,
  closedToArrival: number,
  closedToDeparture: number,
];

function parseRows<T>(json: string | null): T[] {
  return json ? (JSON.parse(json) as T[]) : [];
}

/**
 * Everything a search or a booking needs, in one statement and one row: each table comes back as a
 * JSON array (json_group_array), because handing hundreds of rows across D1's interface one by one
 * costs far more than one string does. Raw SQL on purpose: this is the hot path of every uncached
 * search. Rates are read up to and including the departure date, whose closed-to-departure flag applies.
 */
export async function loadSearchContext(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
  checkIn: string,
  checkOut: string,
): Promise<SearchContext | null> {
  const row = await d1
    .prepare(
      `SELECT
         (SELECT json_array(id, name, timezone, currency, status, policies) FROM hotels WHERE id = ?1) AS hotel,
         (SELECT json_group_array(json_array(id, code, name, max_adults, max_children, max_occupancy, base_occupancy))
            FROM room_types WHERE hotel_id = ?1 AND status = 'active') AS room_types,
         (SELECT json_group_array(json_array(id, code, name, meal_plan, json(room_type_ids), extra_adult_amount,
              extra_child_amount, json(cancellation_policy), currency))
            FROM rate_plans WHERE hotel_id = ?1 AND status = 'active') AS rate_plans,
         (SELECT json_group_array(json_array(room_type_id, date, inventory, taken))
            FROM room_nights WHERE hotel_id = ?1 AND date >= ?2 AND date < ?3) AS room_nights,
         (SELECT json_group_array(json_array(rate_plan_id, room_type_id, date, amount, min_stay, max_stay, closed,
              closed_to_arrival, closed_to_departure))
            FROM rate_nights WHERE hotel_id = ?1 AND date >= ?2 AND date <= ?3) AS rate_nights`,
    )
    .bind(hotelId, checkIn, checkOut)
    .first<Record<'hotel' | 'room_types' | 'rate_plans' | 'room_nights' | 'rate_nights', string | null>>();
  if (!row?.hotel) return null;
  const [id, name, timezone, currency, status, policiesText] = JSON.parse(row.hotel) as HotelRow;
  const policies = JSON.parse(policiesText) as { check_in_time?: string };

  const roomNightMap = new Map<string, RoomNight>();
  for (const [roomTypeId, date, inventory, taken] of parseRows<RoomNightRow>(row.room_nights)) {
    roomNightMap.set(roomNightKey(roomTypeId, date), { inventory, taken });
  }
  const rateNightMap = new Map<string, RateNight>();
  for (const [ratePlanId, roomTypeId, date, amount, minStay, maxStay, closed, cta, ctd] of parseRows<RateNightRow>(
    row.rate_nights,
  )) {
    rateNightMap.set(rateNightKey(ratePlanId, roomTypeId, date), {
      amount,
      minStay,
      maxStay,
      closed: closed === 1,
      closedToArrival: cta === 1,
      closedToDeparture: ctd === 1,
    });
  }

  return {
    hotel: { id, name, timezone, currency, status, checkInTime: policies.check_in_time ?? '15:00' },
    roomTypes: parseRows<RoomTypeRow>(row.room_types).map(
      ([id, code, name, maxAdults, maxChildren, maxOccupancy, baseOccupancy]) => ({
        id,
        code,
        name,
        maxAdults,
        maxChildren,
        maxOccupancy,
        baseOccupancy,
      }),
    ),
    ratePlans: parseRows<RatePlanRow>(row.rate_plans).map(
      ([id, code, name, mealPlan, roomTypeIds, extraAdultAmount, extraChildAmount, cancellationPolicy, currency]) => ({
        id,
        code,
        name,
        mealPlan,
        roomTypeIds,
        extraAdultAmount,
        extraChildAmount,
        cancellationPolicy,
        currency,
      }),
    ),
    data: { roomNights: roomNightMap, rateNights: rateNightMap },
  };
}
