import { addDays } from '../../lib/dates';
import { integrationsRowOf } from '../integrations/integrations.rules';
import type { HotelIntegrationsRow } from '../integrations/integrations.table';
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
  /** The hotel's `hotel_integrations` row (null: every setting is the deployment's default). */
  integrations: HotelIntegrationsRow | null;
};

// Entries as SQLite's json_array() writes them, in the column order of the query below.
type HotelRow = [
  id: string,
  name: string,
  timezone: string,
  currency: string,
  status: string,
  policies: string,
  /** Its `hotel_integrations` row as a JSON object of the columns, or null when it has none. */
  integrations: Record<string, unknown> | null,
  /** The hotel's change count when read (`cache_versions.seq`; null: never changed). */
  changes: number | null,
];
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
// `taken` here is every unit sold, those a channel sold beyond inventory (overbooked) included: a night
// is free only while inventory − taken − overbooked > 0, for searches and bookings alike.
export type RoomNightsRow = [roomTypeId: string, nights: [date: string, inventory: number, taken: number][]];
export type RateNightEntry = [
  date: string,
  amount: number | null,
  minStay: number | null,
  maxStay: number | null,
  closed: number,
  closedToArrival: number,
  closedToDeparture: number,
];
export type RateNightsRow = [ratePlanId: string, roomTypes: [roomTypeId: string, nights: RateNightEntry[]][]];

export type Kind = 'hotel' | 'room_type' | 'rate_plan' | 'room_nights' | 'rate_nights';
/** The statement's rows by kind, each JSON-decoded. */
export type StayRows = Record<Kind, unknown[]>;
/** Everything of a SearchContext but the nights: what one version of a hotel's catalog says. */
export type Catalog = Omit<SearchContext, 'data'>;

/**
 * The room types and rate plans a booking prices: the statement reads only theirs (a booking of one
 * room in a hotel of 20 room types × 5 rate plans reads 1 of its 20 room-night groups and 1 of its 100
 * rate-night groups, where a search needs them all).
 */
export type StayScope = { roomTypeIds: readonly string[]; ratePlanIds: readonly string[] };

/** The statement of readStayRows; `scoped` adds the StayScope's filters (?5 room types, ?6 rate plans). */
function stayStatement(scoped: boolean): string {
  const roomTypes = scoped ? ' AND id IN (SELECT value FROM json_each(?5))' : '';
  const ratePlans = scoped ? ' AND id IN (SELECT value FROM json_each(?6))' : '';
  const roomNights = scoped ? ' AND room_type_id IN (SELECT value FROM json_each(?5))' : '';
  const rateNights = scoped
    ? ' AND rate_plan_id IN (SELECT value FROM json_each(?6)) AND room_type_id IN (SELECT value FROM json_each(?5))'
    : '';
  return `SELECT 'hotel' AS k, json_array(h.id, h.name, h.timezone, h.currency, h.status, h.policies,
              iif(i.hotel_id IS NULL, NULL, json_object('booking_engine_enabled', i.booking_engine_enabled,
              'booking_engine_cache_ttl', i.booking_engine_cache_ttl, 'booking_engine_timeout_ms',
              i.booking_engine_timeout_ms, 'ota_enabled', i.ota_enabled, 'ota_providers', i.ota_providers,
              'ota_sync_interval', i.ota_sync_interval, 'ota_auto_accept', i.ota_auto_accept, 'updated_at', i.updated_at)),
              (SELECT seq FROM cache_versions WHERE hotel_id = h.id))
         AS v FROM hotels h LEFT JOIN hotel_integrations i ON i.hotel_id = h.id WHERE h.id = ?1
       UNION ALL
       SELECT 'room_type', json_array(id, code, name, max_adults, max_children, max_occupancy, base_occupancy)
         FROM room_types WHERE hotel_id = ?1 AND status = 'active'${roomTypes}
       UNION ALL
       SELECT 'rate_plan', json_array(id, code, name, meal_plan, json(room_type_ids), extra_adult_amount,
              extra_child_amount, json(cancellation_policy), currency)
         FROM rate_plans WHERE hotel_id = ?1 AND status = 'active'${ratePlans}
       UNION ALL
       SELECT 'room_nights', json_array(room_type_id, json_group_array(json_array(date, inventory, taken + overbooked)))
         FROM room_nights WHERE hotel_id = ?1 AND date >= ?2 AND date < ?3${roomNights} GROUP BY room_type_id
       UNION ALL
       SELECT 'rate_nights', json_array(rate_plan_id, json_group_array(json(nights))) FROM (
         SELECT rate_plan_id, json_array(room_type_id, json_group_array(json_array(date, amount, min_stay, max_stay,
                closed, closed_to_arrival, closed_to_departure))) AS nights
           FROM rate_nights WHERE hotel_id = ?1 AND date >= ?2 AND date < ?4${rateNights} GROUP BY rate_plan_id, room_type_id)
         GROUP BY rate_plan_id`;
}

const STAY_STATEMENT = stayStatement(false);
const SCOPED_STAY_STATEMENT = stayStatement(true);

/**
 * Everything a search or a booking needs, in one statement: a UNION ALL of small rows, each a JSON
 * text (json_array / json_group_array), because handing hundreds of night rows across D1's
 * interface one by one costs far more than a few strings do. Each row is bounded by one catalog
 * entity, never by the hotel's size: one per room type and rate plan, the nights grouped per room
 * type (≤ 64 nights) and per rate plan (≤ 100 room types × 64 nights ≈ 250 KB), so no string comes
 * near D1's 2 MB string limit however many room types and rate plans a hotel has (docs/scaling.md).
 * Each id is written once per group, not once per night: a 14-night search reads ≈ 60 KB of JSON
 * where repeating both ids in every rate night made ≈ 150 KB to build, hand over and parse.
 * The hotel's row carries its integration settings (a second statement would cost the search a
 * second D1 round trip; D1 allows no more than 5 terms in a compound SELECT, so it is a join here).
 * Raw SQL on purpose: this is the hot path of every uncached search. Room nights are read from `from`
 * up to `roomsTo`, rate nights up to `ratesTo` (both exclusive): a stay's rates include its departure
 * date, whose closed-to-departure flag applies. `scope` (a booking's) reads only its room types and
 * rate plans; the hotel's row is read either way.
 */
export async function readStayRows(...args: Parameters<typeof stayStatementFor>): Promise<StayRows> {
  const { results } = await stayStatementFor(...args).all<{ k: Kind; v: string }>();
  return stayRowsOf(results);
}

function stayRowsOf(results: { k: Kind; v: string }[]): StayRows {
  const rows: StayRows = { hotel: [], room_type: [], rate_plan: [], room_nights: [], rate_nights: [] };
  for (const { k, v } of results) rows[k].push(JSON.parse(v));
  return rows;
}

function stayStatementFor(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
  from: string,
  roomsTo: string,
  ratesTo: string,
  scope?: StayScope,
): D1PreparedStatement {
  return scope
    ? d1
        .prepare(SCOPED_STAY_STATEMENT)
        .bind(
          hotelId,
          from,
          roomsTo,
          ratesTo,
          JSON.stringify([...new Set(scope.roomTypeIds)]),
          JSON.stringify([...new Set(scope.ratePlanIds)]),
        )
    : d1.prepare(STAY_STATEMENT).bind(hotelId, from, roomsTo, ratesTo);
}

/**
 * The stay's catalog, nights and settings (null: no such hotel); rates up to its departure date. With
 * a `scope`, only those room types and rate plans (the rest of the catalog is absent, not empty).
 */
export async function loadSearchContext(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
  checkIn: string,
  checkOut: string,
  scope?: StayScope,
): Promise<SearchContext | null> {
  return contextOf(await readStayRows(d1, hotelId, checkIn, checkOut, addDays(checkOut, 1), scope));
}

/** The statement's rows as a SearchContext (null: no such hotel). */
function contextOf(rows: StayRows): SearchContext | null {
  const catalog = catalogOf(rows);
  return catalog && { ...catalog, data: stayDataOf(rows) };
}

/**
 * A booking's stay (loadSearchContext with its scope) read in one D1 batch after `first`, a write of
 * the request's own (its Idempotency-Key claim): one round trip for both. `first` is the write's result.
 */
export async function loadSearchContextAfter(
  d1: D1DatabaseSession,
  first: D1PreparedStatement,
  hotelId: string,
  checkIn: string,
  checkOut: string,
  scope: StayScope,
): Promise<{ first: D1Result; ctx: SearchContext | null }> {
  const stay = stayStatementFor(d1, hotelId, checkIn, checkOut, addDays(checkOut, 1), scope);
  const [firstResult, stayResult] = await d1.batch<{ k: Kind; v: string }>([first, stay]);
  if (!firstResult || !stayResult) throw new Error('D1 answered the stay batch without its results');
  return { first: firstResult, ctx: contextOf(stayRowsOf(stayResult.results)) };
}

/** The hotel's change count the statement saw: every change that can alter a search counts one. */
export function changesOf(rows: StayRows): number {
  return (rows.hotel[0] as HotelRow | undefined)?.[7] ?? 0;
}

/** The catalog part of the statement's rows; null when the hotel does not exist. */
export function catalogOf(rows: StayRows): Catalog | null {
  const hotelRow = rows.hotel[0] as HotelRow | undefined;
  if (!hotelRow) return null;
  const [id, name, timezone, currency, status, policiesText, integrations] = hotelRow;
  const policies = JSON.parse(policiesText) as { check_in_time?: string };
  return {
    hotel: { id, name, timezone, currency, status, checkInTime: policies.check_in_time ?? '15:00' },
    roomTypes: (rows.room_type as RoomTypeRow[]).map(
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
    ratePlans: (rows.rate_plan as RatePlanRow[]).map(
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
    integrations: integrations ? integrationsRowOf(id, integrations) : null,
  };
}

function stayDataOf(rows: StayRows): StayData {
  const roomNightMap = new Map<string, RoomNight>();
  for (const [roomTypeId, nights] of rows.room_nights as RoomNightsRow[]) {
    for (const [date, inventory, taken] of nights)
      roomNightMap.set(roomNightKey(roomTypeId, date), { inventory, taken });
  }
  const rateNightMap = new Map<string, RateNight>();
  for (const [ratePlanId, roomTypes] of rows.rate_nights as RateNightsRow[]) {
    for (const [roomTypeId, nights] of roomTypes) {
      for (const [date, amount, minStay, maxStay, closed, cta, ctd] of nights) {
        rateNightMap.set(rateNightKey(ratePlanId, roomTypeId, date), {
          amount,
          minStay,
          maxStay,
          closed: closed === 1,
          closedToArrival: cta === 1,
          closedToDeparture: ctd === 1,
        });
      }
    }
  }
  return { roomNights: roomNightMap, rateNights: rateNightMap };
}
