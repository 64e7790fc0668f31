import { and, eq, ne, or, sql } from 'drizzle-orm';
import { createDb } from '../../../db';
import type { Deps } from '../../../deps';
import { todayIn } from '../../../lib/dates';
import { checkWebhookUrl } from '../../webhooks/url-policy';
import { type ChannelReservationRow, channelReservations } from '../channels.table';
import type { ChannelContext, InboundReservation, OutgoingRequest } from '../domain';
import { storedReservation } from '../inbound/channel-reservations.repo';
import { messageDigest } from '../inbound/import.rules';
import { callChannel, recordCall } from '../inbound/partner-call';
import type { PullTools } from '../inbound/pull.service';
import { type FeedEvent, feedReservation, readFeed } from './feed';

export const FEED_MESSAGE_TYPE = 'iCalendar';

export type CalendarPull = { received: number; failure: string | null };

/**
 * One import of a calendar channel's own feed (`ical_import_url`): GET it through the outbound client
 * (timeout, pacing, metrics, at most 1 MB: callChannel), read it whole, then bring our books in line with
 * it through the import service — a new UID is a new reservation, a UID whose nights (or guest) changed
 * a modification, an unchanged one nothing, and a UID we hold that the feed no longer has (its stay not
 * over yet) a cancellation. A feed that cannot be fetched or read, or names no event at all while we
 * hold upcoming bookings of it, changes nothing: no booking looks cancelled because a download failed.
 * Every fetch is in the channel's message log.
 */
export async function pullCalendar(deps: Deps, ctx: ChannelContext, tools: PullTools): Promise<CalendarPull> {
  const url = ctx.channel.icalImportUrl;
  if (!url) return { received: 0, failure: null };
  // Checked again at every fetch (as webhooks are): a URL saved in development is not fetched in production.
  const verdict = checkWebhookUrl(url, deps.config.ENVIRONMENT);
  if (!verdict.ok) return { received: 0, failure: `${FEED_MESSAGE_TYPE}: ical_import_url: ${verdict.reason}` };
  const request: OutgoingRequest = {
    method: 'GET',
    url,
    messageType: FEED_MESSAGE_TYPE,
    correlationId: crypto.randomUUID(),
    headers: { Accept: 'text/calendar, */*;q=0.5' },
  };
  const call = await callChannel(deps, ctx, request);
  if (!call.ok) {
    await recordCall(deps, ctx, request, call, { outcome: 'failed', detail: call.error });
    return { received: 0, failure: `${FEED_MESSAGE_TYPE}: ${call.error}` };
  }
  const timezone =
    (await deps.d1
      .prepare('SELECT timezone FROM hotels WHERE id = ?')
      .bind(ctx.channel.hotelId)
      .first<string>('timezone')) ?? 'UTC';
  const feed = readFeed(call.body, timezone);
  if (!feed.ok) {
    await recordCall(deps, ctx, request, call, { outcome: 'error', detail: feed.error });
    return { received: 0, failure: `${FEED_MESSAGE_TYPE}: ${feed.error}` };
  }
  const today = todayIn(timezone, deps.now());
  if (feed.uids.size === 0 && feed.cancelled.size === 0) {
    const held = await liveBookings(deps, ctx.channel.id, today);
    if (held > 0) {
      const error = `The feed has no event at all while ${held} upcoming booking(s) of it are held: nothing was cancelled.`;
      await recordCall(deps, ctx, request, call, { outcome: 'error', detail: error });
      return { received: 0, failure: `${FEED_MESSAGE_TYPE}: ${error}` };
    }
  }
  await recordCall(deps, ctx, request, call, { outcome: 'success', detail: `${feed.events.length} bookings` });
  const batch = await changesOf(deps, ctx, feed.events, feed.uids, today);
  // Throws on a storage failure: the job retries, and the next fetch finds what is still to do.
  if (batch.length > 0) await tools.importBatch(deps, ctx, batch);
  return { received: batch.length, failure: null };
}

/**
 * Upcoming bookings of the channel still live in our books. A host that answers a bare VCALENDAR by
 * mistake (a 200 from a flaky or half-deployed calendar service) would otherwise cancel every one of
 * them. A partial feed cannot be told from cancellations, but an empty one while these exist is far
 * likelier a broken answer than every guest cancelling: it changes nothing and fails the pull (health
 * shows it). When the last bookings really are gone, the hotel cancels them (reservations API); those
 * no longer count, and the empty feed applies again.
 */
async function liveBookings(deps: Pick<Deps, 'd1'>, channelId: string, today: string): Promise<number> {
  const row = await deps.d1
    .prepare(
      `SELECT COUNT(*) AS n FROM channel_reservations cr JOIN reservations r ON r.id = cr.reservation_id
        WHERE cr.channel_id = ? AND cr.last_kind != 'cancel' AND cr.status != 'rejected'
          AND r.status IN ('pending', 'confirmed', 'checked_in')
          AND json_extract(cr.data, '$.rooms[0].checkOut') > ?`,
    )
    .bind(channelId, today)
    .first<number>('n');
  return row ?? 0;
}

/**
 * What the feed changes: cancellations first (a booking replaced by another on the same nights must
 * not look overbooked), then new and changed bookings by arrival. Events whose stay is over are not
 * imported, and a held booking whose stay is over is not cancelled for being gone (feeds drop the past).
 */
async function changesOf(
  deps: Pick<Deps, 'd1'>,
  ctx: ChannelContext,
  events: readonly FeedEvent[],
  uids: ReadonlySet<string>,
  today: string,
): Promise<InboundReservation[]> {
  // The feed's UIDs (whatever became of them) and every booking held whose stay is not over: nothing older.
  const rows = await createDb(deps.d1)
    .select()
    .from(channelReservations)
    .where(
      and(
        eq(channelReservations.channelId, ctx.channel.id),
        or(
          sql`${channelReservations.channelReservationId} IN (SELECT value FROM json_each(${JSON.stringify([...uids])}))`,
          and(
            ne(channelReservations.lastKind, 'cancel'),
            sql`json_extract(${channelReservations.data}, '$.rooms[0].checkOut') > ${today}`,
          ),
        ),
      ),
    );
  const known = new Map<string, ChannelReservationRow>(rows.map((row) => [row.channelReservationId, row]));
  const cancels = rows
    .filter((row) => row.lastKind !== 'cancel' && row.status !== 'rejected' && !uids.has(row.channelReservationId))
    .map((row): InboundReservation => ({ ...storedReservation(row), kind: 'cancel' }));
  const upcoming = events.filter((e) => e.checkOut > today).sort((a, b) => (a.checkIn < b.checkIn ? -1 : 1));
  const changes: InboundReservation[] = [];
  for (const event of upcoming) {
    const row = known.get(event.uid);
    // Unknown, or cancelled before (dropped by a flaky feed, or reinstated): its nights are blocked at
    // the source, so a new reservation holds them here (inbound import.service.ts, settledOutcome).
    if (!row || row.lastKind === 'cancel') {
      changes.push(feedReservation(event, ctx.channel.provider, 'new'));
      continue;
    }
    const same = feedReservation(event, ctx.channel.provider, row.lastKind);
    if ((await messageDigest(same)) === row.lastDigest) continue;
    changes.push(feedReservation(event, ctx.channel.provider, 'modify'));
  }
  return [...cancels, ...changes];
}
