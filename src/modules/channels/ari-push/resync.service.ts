import type { Deps } from '../../../deps';
import type { Principal } from '../../../env';
import { AppError } from '../../../errors';
import { addDays, daysBetween } from '../../../lib/dates';
import { canAccessHotel } from '../../auth/access';
import { loadChannelRow } from '../channels.repo';
import { markDirty } from './ari-push.subscriber';

/** A resync spans at most this many nights (two years, like an ARI read). */
export const MAX_RESYNC_DAYS = 731;

export type ResyncResult = { channel_id: string; from: string; to: string; room_types: number };

/**
 * Sends a channel the full current state (availability, restrictions, prices) of every mapped product
 * over `from`..`to` (inclusive), at once: the range is marked dirty for this channel only, and its push
 * is queued without the coalescing delay.
 */
export async function requestResync(
  deps: Deps,
  principal: Principal,
  channelId: string,
  range: { from: string; to: string },
): Promise<ResyncResult> {
  if (range.to < range.from) {
    throw new AppError('validation_failed', '`to` is before `from`.', {
      errors: [{ path: 'to', message: 'must not be before from' }],
    });
  }
  if (daysBetween(range.from, range.to) >= MAX_RESYNC_DAYS) {
    throw new AppError('validation_failed', `A resync spans at most ${MAX_RESYNC_DAYS} days.`, {
      errors: [{ path: 'to', message: `at most ${MAX_RESYNC_DAYS} days after from` }],
    });
  }
  const row = await loadChannelRow(deps.d1, channelId);
  // Another tenant's channel is a 404 like on every other channel route: a 403 told it exists, and whose.
  if (!row || !canAccessHotel(principal, row.hotelId)) throw new AppError('not_found', `No channel ${channelId}.`);
  if (!deps.config.OTA_INTEGRATION_ENABLED) {
    throw new AppError('invalid_state', 'OTA integration is switched off (OTA_INTEGRATION_ENABLED=false).');
  }
  if (!row.enabled) throw new AppError('invalid_state', `Channel ${channelId} is disabled; enable it first.`);
  const { results } = await deps.d1
    .prepare('SELECT DISTINCT room_type_id FROM channel_mappings WHERE channel_id = ? ORDER BY room_type_id')
    .bind(channelId)
    .all<{ room_type_id: string }>();
  const to = addDays(range.to, 1);
  const ranges = results.map((r) => ({
    roomTypeId: r.room_type_id,
    from: range.from,
    to,
    availability: true,
    rates: true,
  }));
  if (ranges.length > 0) await markDirty(deps, row.hotelId, row.id, ranges, true);
  return { channel_id: row.id, from: range.from, to: range.to, room_types: ranges.length };
}

/** How far ahead a channel hears our calendar when it starts selling a product. */
export const INITIAL_SYNC_DAYS = 365;

/**
 * A channel that starts selling products — mappings saved, or the channel switched on — gets their
 * calendar at once (a year from yesterday in UTC, which covers "today" in every time zone), instead of
 * only the nights that happen to change later. Nothing while the channel or the integration is off.
 */
export async function syncStartedProducts(
  deps: Pick<Deps, 'd1' | 'jobs' | 'now' | 'config'>,
  channel: { id: string; hotelId: string; enabled: boolean },
  roomTypeIds: readonly string[],
): Promise<void> {
  if (!deps.config.OTA_INTEGRATION_ENABLED || !channel.enabled || roomTypeIds.length === 0) return;
  const from = addDays(deps.now().toISOString().slice(0, 10), -1);
  const to = addDays(from, INITIAL_SYNC_DAYS + 1);
  const ranges = [...new Set(roomTypeIds)].map((roomTypeId) => ({
    roomTypeId,
    from,
    to,
    availability: true,
    rates: true,
  }));
  await markDirty(deps, channel.hotelId, channel.id, ranges, true);
}
