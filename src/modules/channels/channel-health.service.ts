import type { Deps } from '../../deps';
import { iso } from '../../lib/schemas';
import { CHANNEL_RESERVATION_STATUSES, type ChannelMessageRow, type ChannelRow } from './channels.table';

/** The window of a channel's message counts and success rate. */
export const HEALTH_WINDOW_HOURS = 24;

type Outcome = ChannelMessageRow['outcome'];
const OUTCOMES: readonly Outcome[] = ['success', 'warning', 'error', 'failed'];

/** (success + warning) / total; a Warnings answer means the partner applied the message. Null when nothing was exchanged. */
export function successRate(counts: Record<Outcome, number>): number | null {
  const total = OUTCOMES.reduce((sum, o) => sum + counts[o], 0);
  return total === 0 ? null : (counts.success + counts.warning) / total;
}

/**
 * Dead letters that belong to this channel: jobs of type `channels.*` whose payload names the channel
 * (`channel_id`), or names only its hotel (`hotel_id`, a hotel-wide push that reaches every channel).
 * Replayed ones no longer count. A payload cut short when it was recorded is not JSON and is skipped.
 */
const DEAD_LETTERS = `SELECT COUNT(*) AS n FROM dead_letters
  WHERE job_type LIKE 'channels.%' AND replayed_at IS NULL
    AND CASE WHEN json_valid(payload) THEN
      json_extract(payload, '$.payload.channel_id') = ?
      OR (json_extract(payload, '$.payload.channel_id') IS NULL AND json_extract(payload, '$.payload.hotel_id') = ?)
    ELSE 0 END`;

/** Sync health from the rows themselves: the message log of the last 24 h, the backlog and the reservations. */
export async function channelHealth(deps: Pick<Deps, 'd1' | 'now'>, channel: ChannelRow) {
  const since = deps.now().getTime() - HEALTH_WINDOW_HOURS * 3_600_000;
  const d1 = deps.d1;
  const [messages, dirty, dead, reservations] = await d1.batch<Record<string, string | number | null>>([
    d1
      .prepare(
        'SELECT outcome, COUNT(*) AS n FROM channel_messages WHERE channel_id = ? AND created_at >= ? GROUP BY outcome',
      )
      .bind(channel.id, since),
    d1
      .prepare(
        'SELECT COUNT(*) AS n FROM channel_ari_dirty WHERE hotel_id = ? AND (channel_id IS NULL OR channel_id = ?)',
      )
      .bind(channel.hotelId, channel.id),
    d1.prepare(DEAD_LETTERS).bind(channel.id, channel.hotelId),
    d1
      .prepare(
        'SELECT status, COUNT(*) AS n, SUM(overbooked) AS overbooked FROM channel_reservations WHERE channel_id = ? GROUP BY status',
      )
      .bind(channel.id),
  ]);
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of messages?.results ?? []) counts[r.outcome as Outcome] = Number(r.n);
  const byStatus = Object.fromEntries(CHANNEL_RESERVATION_STATUSES.map((s) => [s, 0])) as Record<
    (typeof CHANNEL_RESERVATION_STATUSES)[number],
    number
  >;
  let overbooked = 0;
  for (const r of reservations?.results ?? []) {
    byStatus[r.status as keyof typeof byStatus] = Number(r.n);
    overbooked += Number(r.overbooked ?? 0);
  }
  return {
    channel_id: channel.id,
    enabled: channel.enabled,
    last_success_at: iso(channel.lastSuccessAt),
    last_error_at: iso(channel.lastErrorAt),
    last_error: channel.lastError,
    last_pulled_at: iso(channel.lastPulledAt),
    window_hours: HEALTH_WINDOW_HOURS,
    messages: { total: OUTCOMES.reduce((sum, o) => sum + counts[o], 0), ...counts },
    success_rate: successRate(counts),
    backlog: {
      dirty_ranges: Number(dirty?.results[0]?.n ?? 0),
      dead_letters: Number(dead?.results[0]?.n ?? 0),
    },
    reservations: { ...byStatus, overbooked },
  };
}
