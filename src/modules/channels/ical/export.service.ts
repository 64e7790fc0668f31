import type { Deps } from '../../../deps';
import { addDays, todayIn } from '../../../lib/dates';
import { integrationsOf } from '../../integrations/integrations.service';
import { availabilityStatuses, type RateNightState, type RoomNightState } from '../ari-push/statuses';
import { loadChannelRow } from '../channels.repo';
import type { ChannelRow } from '../channels.table';
import { PROVIDER_RULES } from '../providers/rules';
import { blockedRanges, buildCalendar, EXPORT_HORIZON_DAYS } from './calendar';
import { icalExportToken, icalTokenMatches } from './export-url';
import { CALENDAR_RATE_CODE, CALENDAR_ROOM_CODE } from './mapping';

type ExportDeps = Pick<Deps, 'd1' | 'config' | 'now'>;

/**
 * The channel whose export `token` opens, or null — and null looks the same whatever the reason (no
 * such channel, another provider, a wrong or rotated token, no signing secret, the channel disabled or
 * the hotel's OTA connectivity off), so the URL tells nothing about what exists. An unknown channel
 * costs an HMAC and a compare like a known one.
 */
export async function exportableChannel(
  deps: ExportDeps,
  channelId: string,
  token: string,
): Promise<ChannelRow | null> {
  const secret = deps.config.JWT_SIGNING_SECRET;
  if (!secret) return null;
  const row = await loadChannelRow(deps.d1, channelId);
  if (!row || !PROVIDER_RULES[row.provider].calendar) {
    await icalExportToken(secret, channelId, 1);
    return null;
  }
  if (!(await icalTokenMatches(secret, row, token))) return null;
  // Disabled: no calendar at all rather than an empty one, which the importing channel would read as
  // "every night open" and sell; a failed fetch makes it keep what it last imported.
  if (!row.enabled) return null;
  if (!(await integrationsOf(deps, deps.d1, row.hotelId)).ota_integration.enabled) return null;
  return row;
}

type Night = { room_type_id: string; date: string; inventory: number; taken: number; overbooked: number };
type RateNight = {
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
 * The channel's calendar from today (the hotel's date) for EXPORT_HORIZON_DAYS nights: its room type's
 * nights and its rate plan's, read in one batch (one snapshot). A room type no longer active is blocked
 * throughout: we do not sell it.
 */
export async function exportCalendar(deps: ExportDeps, row: ChannelRow): Promise<string> {
  const roomTypeId = row.roomTypeId ?? '';
  const ratePlanId = row.ratePlanId ?? '';
  const now = deps.now();
  // The hotel's today is within a day of UTC's: read a day either side, cut to the window below.
  const utcToday = todayIn('UTC', now);
  const [lo, hi] = [addDays(utcToday, -1), addDays(utcToday, EXPORT_HORIZON_DAYS + 1)];
  const [hotelRows, roomRows, rateRows, planRows] = await deps.d1.batch<Record<string, unknown>>([
    deps.d1
      .prepare(
        `SELECT h.name AS hotel_name, h.timezone, r.name AS room_name, r.status AS room_status
           FROM hotels AS h LEFT JOIN room_types AS r ON r.id = ? AND r.hotel_id = h.id WHERE h.id = ?`,
      )
      .bind(roomTypeId, row.hotelId),
    deps.d1
      .prepare(
        `SELECT room_type_id, date, inventory, taken, overbooked FROM room_nights
          WHERE room_type_id = ? AND date >= ? AND date < ?`,
      )
      .bind(roomTypeId, lo, hi),
    deps.d1
      .prepare(
        `SELECT rate_plan_id, room_type_id, date, amount, min_stay, max_stay, closed, closed_to_arrival,
                closed_to_departure
           FROM rate_nights WHERE rate_plan_id = ? AND room_type_id = ? AND date >= ? AND date < ?`,
      )
      .bind(ratePlanId, roomTypeId, lo, hi),
    deps.d1.prepare('SELECT id, currency, status FROM rate_plans WHERE id = ?').bind(ratePlanId),
  ]);
  const hotel = hotelRows?.results[0] as
    | { hotel_name: string; timezone: string; room_name: string | null; room_status: string | null }
    | undefined;
  const from = todayIn(hotel?.timezone ?? 'UTC', now);
  const window = { from, to: addDays(from, EXPORT_HORIZON_DAYS) };
  const plan = planRows?.results[0] as { id: string; currency: string; status: string } | undefined;
  const roomNights: RoomNightState[] =
    hotel?.room_status === 'active'
      ? ((roomRows?.results ?? []) as Night[]).map((n) => ({
          roomTypeId: n.room_type_id,
          date: n.date,
          inventory: n.inventory,
          taken: n.taken,
          overbooked: n.overbooked,
        }))
      : [];
  const rateNights: RateNightState[] = ((rateRows?.results ?? []) as RateNight[]).map((n) => ({
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
  const plans = new Map(
    plan ? [[plan.id, { id: plan.id, currency: plan.currency, active: plan.status === 'active' }]] : [],
  );
  const mapping = { roomTypeId, ratePlanId, channelRoomCode: CALENDAR_ROOM_CODE, channelRateCode: CALENDAR_RATE_CODE };
  const statuses = availabilityStatuses(window, [mapping], roomNights, rateNights, plans);
  const name = [hotel?.hotel_name, hotel?.room_name ?? row.name].filter(Boolean).join(' – ');
  return buildCalendar({
    channelId: row.id,
    name: name || 'Availability',
    ranges: blockedRanges(window, statuses),
    now,
  });
}
