import { datesInRange, WEEKDAYS } from '../../../../lib/dates';
import { type AvailStatus, fromMinorUnits, type RateAmount } from '../../domain';
import { buildXml, type XmlNode } from '../../xml/xml';
import { type DayRange, dayRanges, nightsOf } from './ar-days';

/**
 * Expedia QuickConnect AR: AvailRateUpdateRQ ← AvailStatus / RateAmount (pure). Expedia's own XML, not
 * OTA. What we send, after Expedia's AR documentation:
 * - one AvailRateUpdate per DateRange (from..to inclusive, weekday flags: ar-days.ts) and product;
 * - a room (AvailStatus without rateCode): RoomType@id with Inventory@totalInventoryAvailable (what the
 *   channel may sell, never below 0) and RoomType@closed when the status says;
 * - a rate plan (AvailStatus with rateCode): RoomType@id / RatePlan@id with RatePlan@closed and
 *   Restrictions (closedToArrival, closedToDeparture, minLOS, maxLOS);
 * - a price (RateAmount): RoomType / RatePlan / Rate@currency / PerDay@rate — the per-day price for the
 *   rate plan's base occupancy, the one amount we hold (no PerOccupancy: occupancy-based plans would
 *   need a price per guest count, which our rate model does not have).
 * Lengths of stay are 1..28 at Expedia: "no minimum" is minLOS 1, "no maximum" maxLOS 28, longer ones 28.
 *
 * Limits (AR request reference and the EQC guidelines): at most 5,000 updates and 100 KB a message,
 * where an update is one value (inventory, closed, a restriction, a rate) for one stay night — so a
 * 30-night range with inventory and closed is 60 updates. A range never holds more than 5 values for
 * at most the 2-year window (3,660 updates), so splitting only ever moves whole AvailRateUpdates.
 * https://developers.expediagroup.com/supply/lodging/docs/avail_and_rate_apis/avail_rates/reference/request/
 * https://developers.expediagroup.com/supply/lodging/docs/avail_and_rate_apis/avail_rates/reference/response/
 */
export const EQC_AR_NS = 'http://www.expediaconnect.com/EQC/AR/2011/06';
export const AR_ROOT = 'AvailRateUpdateRQ';
export const MAX_UPDATES_PER_MESSAGE = 5_000;
export const MAX_MESSAGE_BYTES = 100_000;
const MAX_LOS = 28;
const DECLARATION_BYTES = new TextEncoder().encode(buildXml('x', {})).byteLength - '<x/>'.length;

export type ArHeader = { username: string; password: string; hotelId: string };
/** Dates Expedia takes, inclusive (today − 1 … today + 2 years at the property). */
export type DateWindow = { first: string; last: string };
/** One AvailRateUpdate with what Expedia counts in it. */
export type ArUpdate = { node: XmlNode; updates: number };

type RoomValue = Pick<AvailStatus, 'bookingLimit' | 'closed'>;
type PlanValue = {
  closed?: boolean | undefined;
  closedToArrival?: boolean | undefined;
  closedToDeparture?: boolean | undefined;
  minLOS?: string | undefined;
  maxLOS?: string | undefined;
};
type PriceValue = { amount: number; currency: string };

/** The updates of availability statuses, nights outside `window` left out. */
export function availabilityUpdates(statuses: readonly AvailStatus[], window: DateWindow): ArUpdate[] {
  const rooms = statuses.filter((s) => s.rateCode === null);
  const plans = statuses.filter((s) => s.rateCode !== null);
  return [
    ...perProduct(rooms, window, (s): RoomValue => ({ bookingLimit: s.bookingLimit, closed: s.closed })).flatMap(
      ({ product, ranges }) => ranges.flatMap((r) => roomUpdate(product.roomCode, r)),
    ),
    ...perProduct(plans, window, planValue).flatMap(({ product, ranges }) =>
      ranges.flatMap((r) => planUpdate(product.roomCode, product.rateCode ?? '', r)),
    ),
  ];
}

/** The updates of prices, nights outside `window` left out. */
export function rateUpdates(amounts: readonly RateAmount[], window: DateWindow): ArUpdate[] {
  return perProduct(amounts, window, (a): PriceValue => ({ amount: a.amount, currency: a.currency })).flatMap(
    ({ product, ranges }) => ranges.map((r) => priceUpdate(product.roomCode, product.rateCode ?? '', r)),
  );
}

/** Updates in order, cut into messages of at most MAX_UPDATES_PER_MESSAGE updates and MAX_MESSAGE_BYTES. */
export function packMessages(header: ArHeader, updates: readonly ArUpdate[]): string[] {
  const overhead = bytes(buildRequest(header, []));
  const out: string[] = [];
  let current: XmlNode[] = [];
  let count = 0;
  let size = overhead;
  for (const u of updates) {
    const own = bytes(buildXml('AvailRateUpdate', u.node)) - DECLARATION_BYTES;
    if (current.length > 0 && (count + u.updates > MAX_UPDATES_PER_MESSAGE || size + own > MAX_MESSAGE_BYTES)) {
      out.push(buildRequest(header, current));
      current = [];
      count = 0;
      size = overhead;
    }
    current.push(u.node);
    count += u.updates;
    size += own;
  }
  if (current.length > 0) out.push(buildRequest(header, current));
  return out;
}

export function buildRequest(header: ArHeader, updates: readonly XmlNode[]): string {
  return buildXml(AR_ROOT, {
    '@xmlns': EQC_AR_NS,
    Authentication: { '@username': header.username, '@password': header.password },
    Hotel: { '@id': header.hotelId },
    ...(updates.length > 0 ? { AvailRateUpdate: [...updates] } : {}),
  });
}

type Product = { roomCode: string; rateCode: string | null };

/** Each product's nights inside the window (a later entry for a night wins), as DateRanges. */
function perProduct<E extends Product & { start: string; end: string }, T>(
  entries: readonly E[],
  window: DateWindow,
  valueFor: (entry: E) => T,
): { product: Product; ranges: DayRange<T>[] }[] {
  const products = new Map<string, { product: Product; nights: Map<string, T> }>();
  for (const e of entries) {
    const id = JSON.stringify([e.roomCode, e.rateCode]);
    let p = products.get(id);
    if (!p) {
      p = { product: { roomCode: e.roomCode, rateCode: e.rateCode }, nights: new Map() };
      products.set(id, p);
    }
    for (const date of datesInRange(e.start, e.end)) {
      if (date >= window.first && date <= window.last) p.nights.set(date, valueFor(e));
    }
  }
  return [...products.values()].map(({ product, nights }) => ({
    product,
    ranges: dayRanges(
      [...nights.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value })),
      (v) => JSON.stringify(v),
    ),
  }));
}

function planValue(s: AvailStatus): PlanValue {
  return {
    closed: s.closed,
    closedToArrival: s.closedToArrival,
    closedToDeparture: s.closedToDeparture,
    minLOS: s.minLos === undefined ? undefined : los(s.minLos ?? 1),
    maxLOS: s.maxLos === undefined ? undefined : los(s.maxLos ?? MAX_LOS),
  };
}

const los = (n: number) => String(Math.min(Math.max(n, 1), MAX_LOS));

function dateRange(r: DayRange<unknown>): XmlNode {
  const flags: XmlNode = {};
  if (r.days !== null) for (const d of WEEKDAYS) flags[`@${d}`] = String(r.days.includes(d));
  return { '@from': r.from, '@to': r.to, ...flags };
}

/** Attributes of the values that are set, and how many there are. */
function present(values: Record<string, string | number | boolean | undefined>): [XmlNode, number] {
  const node: XmlNode = {};
  for (const [name, value] of Object.entries(values)) if (value !== undefined) node[`@${name}`] = String(value);
  return [node, Object.keys(node).length];
}

function roomUpdate(roomCode: string, r: DayRange<RoomValue>): ArUpdate[] {
  const [closed, n] = present({ closed: r.value.closed });
  const limit = r.value.bookingLimit;
  const values = n + (limit === undefined ? 0 : 1);
  if (values === 0) return [];
  const roomType: XmlNode = {
    '@id': roomCode,
    ...closed,
    ...(limit === undefined ? {} : { Inventory: { '@totalInventoryAvailable': String(Math.max(0, limit)) } }),
  };
  return [{ node: { DateRange: dateRange(r), RoomType: roomType }, updates: values * nightsOf(r) }];
}

function planUpdate(roomCode: string, rateCode: string, r: DayRange<PlanValue>): ArUpdate[] {
  const v = r.value;
  const [closed, c] = present({ closed: v.closed });
  const [restrictions, n] = present({
    closedToArrival: v.closedToArrival,
    closedToDeparture: v.closedToDeparture,
    minLOS: v.minLOS,
    maxLOS: v.maxLOS,
  });
  if (c + n === 0) return [];
  const ratePlan: XmlNode = { '@id': rateCode, ...closed, ...(n > 0 ? { Restrictions: restrictions } : {}) };
  return [
    {
      node: { DateRange: dateRange(r), RoomType: { '@id': roomCode, RatePlan: ratePlan } },
      updates: (c + n) * nightsOf(r),
    },
  ];
}

function priceUpdate(roomCode: string, rateCode: string, r: DayRange<PriceValue>): ArUpdate {
  const rate = { '@currency': r.value.currency, PerDay: { '@rate': fromMinorUnits(r.value.amount, r.value.currency) } };
  return {
    node: { DateRange: dateRange(r), RoomType: { '@id': roomCode, RatePlan: { '@id': rateCode, Rate: rate } } },
    updates: nightsOf(r),
  };
}

function bytes(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
