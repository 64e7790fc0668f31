import type { Deps } from '../../../deps';
import type { EventEnvelope } from '../../events/events.schema';
import type { Subscriber } from '../../events/subscribers';
import { dirtyRangesOf } from './dirty';
import type { DirtyRange } from './plan';
import { ariPushJob } from './push.job';

/** A pending push older than this (beyond the coalescing delay) lost its job: queue another. */
const LOST_PUSH_MS = 120_000;

/**
 * Hears every change that can move what channels may sell, and writes the room-nights it touched to
 * `channel_ari_dirty`. The first pending range of a hotel queues its one push job, delayed by
 * OTA_PUSH_COALESCE_SECONDS so everything changed meanwhile goes out together; later ranges ride with
 * it. An overbooking, or a night that reached 0 units, queues a push with no delay (a stop-sell).
 */
export const ariPushSubscriber: Subscriber = {
  name: 'channels.ari',
  events: ['ari.updated', 'reservation.*', 'ota.reservation.imported'],
  // markDirty's first read: a hotel without an enabled channel has nothing to push. A channel enabled
  // after the relay decided gets its next year when it starts selling (syncStartedProducts).
  mayAct: 'EXISTS (SELECT 1 FROM channels WHERE channels.hotel_id = outbox_events.hotel_id AND channels.enabled = 1)',
  decidedAtRelay: true,
  handle: async (event, deps) => {
    if (!deps.config.OTA_INTEGRATION_ENABLED) return;
    const { ranges, urgent } = dirtyRangesOf(event);
    if (event.type === 'reservation.modified') ranges.push(...(await previousStay(deps.d1, event.id)));
    if (ranges.length === 0) return;
    await markDirty(deps, event.hotel_id, null, ranges, urgent);
  },
};

/**
 * The stay a modification left: its event carries the reservation after the change, so the nights it
 * gave back are read from the reservation's previous event in the outbox (kept 30 days).
 */
async function previousStay(d1: D1Database, eventId: string): Promise<DirtyRange[]> {
  const row = await d1
    .prepare(
      `SELECT p.type, p.data FROM outbox_events AS e
         JOIN outbox_events AS p ON p.subject_id = e.subject_id AND p.seq < e.seq
        WHERE e.id = ? AND p.type IN ('reservation.created', 'reservation.modified')
        ORDER BY p.seq DESC LIMIT 1`,
    )
    .bind(eventId)
    .first<{ type: EventEnvelope['type']; data: string }>();
  if (!row) return [];
  const previous = { id: '', type: row.type, created_at: '', hotel_id: '', data: JSON.parse(row.data) };
  return dirtyRangesOf(previous).ranges;
}

/**
 * Writes dirty ranges (for every channel of the hotel, or one: a resync) and queues the hotel's push
 * when none is pending. The count and the insert are one batch, and the push job deletes what it took
 * and counts what is left in one batch, so a range is always either taken by a job or sees none pending.
 */
export async function markDirty(
  deps: Pick<Deps, 'd1' | 'jobs' | 'now' | 'config'>,
  hotelId: string,
  channelId: string | null,
  ranges: readonly DirtyRange[],
  urgent: boolean,
): Promise<void> {
  const channel = await deps.d1
    .prepare('SELECT 1 AS one FROM channels WHERE hotel_id = ? AND enabled = 1 AND (?2 IS NULL OR id = ?2) LIMIT 1')
    .bind(hotelId, channelId)
    .first();
  if (!channel) return;
  const now = deps.now().getTime();
  const rows = ranges
    .filter((r) => r.from < r.to)
    .map((r) => [r.roomTypeId, r.from, r.to, r.availability ? 1 : 0, r.rates ? 1 : 0]);
  const availability = ranges.filter((r) => r.availability).map((r) => [r.roomTypeId, r.from, r.to]);
  const [pending, , zero] = await deps.d1.batch<{ n: number; oldest: number | null }>([
    deps.d1
      .prepare('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM channel_ari_dirty WHERE hotel_id = ?')
      .bind(hotelId),
    deps.d1
      .prepare(
        `INSERT INTO channel_ari_dirty (hotel_id, channel_id, room_type_id, from_date, to_date, availability, rates, created_at)
         SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, ? FROM json_each(?)`,
      )
      .bind(hotelId, channelId, now, JSON.stringify(rows)),
    // A night with nothing left to sell (through any path): the closure must not wait.
    deps.d1
      .prepare(
        `SELECT COUNT(*) AS n, NULL AS oldest FROM json_each(?) AS j
           JOIN room_nights AS n ON n.room_type_id = j.value ->> 0 AND n.date >= j.value ->> 1 AND n.date < j.value ->> 2
          WHERE n.hotel_id = ? AND n.inventory - n.taken - n.overbooked <= 0`,
      )
      .bind(JSON.stringify(availability), hotelId),
  ]);
  const before = pending?.results[0];
  const soldOut = (zero?.results[0]?.n ?? 0) > 0;
  const immediate = urgent || soldOut;
  const lost =
    before?.oldest !== null &&
    before?.oldest !== undefined &&
    before.oldest < now - deps.config.OTA_PUSH_COALESCE_SECONDS * 1000 - LOST_PUSH_MS;
  if (!immediate && (before?.n ?? 0) > 0 && !lost) return;
  const delay = immediate ? 0 : deps.config.OTA_PUSH_COALESCE_SECONDS;
  await deps.jobs.send(ariPushJob.message({ hotel_id: hotelId }), delay > 0 ? { delaySeconds: delay } : undefined);
}
