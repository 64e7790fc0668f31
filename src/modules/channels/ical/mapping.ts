import type { ChannelMappingRow, ChannelRow } from '../channels.table';

/**
 * A calendar channel sells exactly one product, its `room_type_id` / `rate_plan_id`, so it keeps no
 * channel_mappings rows: its imported bookings carry these fixed codes and the import maps them through
 * calendarMapping. Changing the channel's rate plan moves later bookings (and changes of earlier ones)
 * with it; no mapping can go stale, and the ARI push never sees the channel (it sends mapped products only).
 */
export const CALENDAR_ROOM_CODE = 'calendar';
export const CALENDAR_RATE_CODE = 'calendar';

export type CalendarMapping = Pick<
  ChannelMappingRow,
  'roomTypeId' | 'ratePlanId' | 'channelRoomCode' | 'channelRateCode'
>;

/** The one mapping of a calendar channel, or null (another provider, or no product set). */
export function calendarMapping(channel: Pick<ChannelRow, 'roomTypeId' | 'ratePlanId'>): CalendarMapping | null {
  if (!channel.roomTypeId || !channel.ratePlanId) return null;
  return {
    roomTypeId: channel.roomTypeId,
    ratePlanId: channel.ratePlanId,
    channelRoomCode: CALENDAR_ROOM_CODE,
    channelRateCode: CALENDAR_RATE_CODE,
  };
}
