import type { AvailStatus, RateAmount } from '../domain';
import type { Scope } from './plan';
import {
  availabilityStatuses,
  type MappingState,
  type PlanState,
  type RateNightState,
  type RoomNightState,
  rateAmounts,
} from './statuses';

type MappingRow = { room_type_id: string; rate_plan_id: string; channel_room_code: string; channel_rate_code: string };
type RoomNightRow = { room_type_id: string; date: string; inventory: number; taken: number; overbooked: number };
type RateNightRow = {
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
type PlanRow = { id: string; currency: string; status: string };

/**
 * What a channel should now hear about one scope, read from D1 when the message is built (so a retry
 * sends the state of its own moment, never an older one): the channel's mappings of the scope's room
 * types and those products' nights, in one batch (one snapshot).
 */
export async function scopeContent(
  d1: D1Database | D1DatabaseSession,
  channelId: string,
  scope: Scope,
): Promise<{ statuses: AvailStatus[]; amounts: RateAmount[]; mapped: number }> {
  const roomTypes = JSON.stringify(scope.roomTypeIds);
  const [mappingRows, roomRows, rateRows, planRows] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare(
        `SELECT room_type_id, rate_plan_id, channel_room_code, channel_rate_code FROM channel_mappings
          WHERE channel_id = ? AND room_type_id IN (SELECT value FROM json_each(?))
          ORDER BY room_type_id, rate_plan_id`,
      )
      .bind(channelId, roomTypes),
    d1
      .prepare(
        `SELECT room_type_id, date, inventory, taken, overbooked FROM room_nights
          WHERE room_type_id IN (SELECT value FROM json_each(?)) AND date >= ? AND date < ?`,
      )
      .bind(roomTypes, scope.from, scope.to),
    d1
      .prepare(
        `SELECT r.rate_plan_id, r.room_type_id, r.date, r.amount, r.min_stay, r.max_stay, r.closed, r.closed_to_arrival,
                r.closed_to_departure
           FROM rate_nights AS r
           JOIN channel_mappings AS m ON m.channel_id = ? AND m.room_type_id = r.room_type_id AND m.rate_plan_id = r.rate_plan_id
          WHERE r.room_type_id IN (SELECT value FROM json_each(?)) AND r.date >= ? AND r.date < ?`,
      )
      .bind(channelId, roomTypes, scope.from, scope.to),
    d1
      .prepare(
        `SELECT p.id, p.currency, p.status FROM rate_plans AS p
          WHERE p.id IN (SELECT rate_plan_id FROM channel_mappings WHERE channel_id = ?)`,
      )
      .bind(channelId),
  ]);
  const mappings: MappingState[] = ((mappingRows?.results ?? []) as MappingRow[]).map((m) => ({
    roomTypeId: m.room_type_id,
    ratePlanId: m.rate_plan_id,
    channelRoomCode: m.channel_room_code,
    channelRateCode: m.channel_rate_code,
  }));
  const plans = new Map<string, PlanState>(
    ((planRows?.results ?? []) as PlanRow[]).map((p) => [
      p.id,
      { id: p.id, currency: p.currency, active: p.status === 'active' },
    ]),
  );
  const window = { from: scope.from, to: scope.to };
  if (scope.kind === 'rates') {
    return {
      statuses: [],
      amounts: rateAmounts(window, mappings, rateNightsOf(rateRows?.results), plans),
      mapped: mappings.length,
    };
  }
  const roomNights: RoomNightState[] = ((roomRows?.results ?? []) as RoomNightRow[]).map((n) => ({
    roomTypeId: n.room_type_id,
    date: n.date,
    inventory: n.inventory,
    taken: n.taken,
    overbooked: n.overbooked,
  }));
  return {
    statuses: availabilityStatuses(window, mappings, roomNights, rateNightsOf(rateRows?.results), plans),
    amounts: [],
    mapped: mappings.length,
  };
}

function rateNightsOf(rows: Record<string, unknown>[] | undefined): RateNightState[] {
  return ((rows ?? []) as RateNightRow[]).map((n) => ({
    ratePlanId: n.rate_plan_id,
    roomTypeId: n.room_type_id,
    date: n.date,
    amount: n.amount,
    minStay: n.min_stay,
    maxStay: n.max_stay,
    closed: n.closed === 1,
    closedToArrival: n.closed_to_arrival === 1,
    closedToDeparture: n.closed_to_departure === 1,
  }));
}
