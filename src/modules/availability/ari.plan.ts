import { datesInRange } from '../../lib/dates';
import type { AriUpdate } from './ari.schema';

export const RATE_FIELDS = [
  'amount',
  'min_stay',
  'max_stay',
  'closed',
  'closed_to_arrival',
  'closed_to_departure',
] as const;
export type RateField = (typeof RATE_FIELDS)[number];

/** One night's inventory as it ends up, and the update (by position) that set it. */
export type InventoryRow = [roomTypeId: string, date: string, inventory: number, updateIndex: number];
/** One rate night's values in rate_nights column order; fields the request leaves alone hold the
 * values a new night starts with and are not written over an existing night. */
export type RateRow = [
  ratePlanId: string,
  roomTypeId: string,
  date: string,
  amount: number | null,
  minStay: number | null,
  maxStay: number | null,
  closed: 0 | 1,
  closedToArrival: 0 | 1,
  closedToDeparture: 0 | 1,
];
/** Rate nights that change the same fields, so one upsert statement can write them all. */
export type RateGroup = { fields: RateField[]; rows: RateRow[] };
export type AriPlan = { inventory: InventoryRow[]; rates: RateGroup[] };

type RateValues = Partial<Record<RateField, number | null>>;

function toColumn(v: number | boolean | null): number | null {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/**
 * The end state a request writes, one entry per night: updates apply in order, so a later update
 * overrides an earlier one on the fields both set. Because no night appears twice, the statements
 * that write the plan may run in any order and pack thousands of nights each.
 */
export function planAriWrites(updates: readonly AriUpdate[]): AriPlan {
  const inventory = new Map<string, InventoryRow>();
  const rates = new Map<string, { key: [string, string, string]; values: RateValues }>();
  updates.forEach((u, index) => {
    const fields = RATE_FIELDS.filter((f) => u[f] !== undefined);
    for (const date of datesInRange(u.from, u.to, u.days_of_week)) {
      if (u.inventory !== undefined) {
        inventory.set(`${u.room_type_id}|${date}`, [u.room_type_id, date, u.inventory, index]);
      }
      if (!u.rate_plan_id || fields.length === 0) continue;
      const k = `${u.rate_plan_id}|${u.room_type_id}|${date}`;
      const entry = rates.get(k) ?? { key: [u.rate_plan_id, u.room_type_id, date], values: {} };
      for (const f of fields) entry.values[f] = toColumn(u[f] ?? null);
      rates.set(k, entry);
    }
  });

  const groups = new Map<string, RateGroup>();
  for (const { key, values } of rates.values()) {
    const fields = RATE_FIELDS.filter((f) => f in values);
    const signature = fields.join(',');
    const group = groups.get(signature) ?? { fields, rows: [] };
    const flag = (f: RateField) => (values[f] === 1 ? 1 : 0);
    group.rows.push([
      ...key,
      values.amount ?? null,
      values.min_stay ?? null,
      values.max_stay ?? null,
      flag('closed'),
      flag('closed_to_arrival'),
      flag('closed_to_departure'),
    ]);
    groups.set(signature, group);
  }
  return { inventory: [...inventory.values()], rates: [...groups.values()] };
}

/** `rows` in consecutive slices of at most `size`. */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}
