import { and, between, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { addDays, todayIn } from '../../lib/dates';
import { defineJob } from '../../lib/job';
import { getHotelOrThrow } from '../catalog/catalog.service';
import { hotels } from '../catalog/catalog.table';
import { loadReservations, toReservationJson } from '../reservations/reservations.repo';
import { reservations } from '../reservations/reservations.table';
import { postStayWindow, preArrivalWindow } from './automations.rules';
import { queueStayEmail } from './emails.subscriber';
import { getSettings } from './settings.service';

/** Stays per hotel and run; a hotel with more sends the rest on the next day's catch-up window. */
const PER_RUN = 500;

/** The daily cron's job: one `email.daily_hotel` per active hotel, each in its own time zone. */
export const dailyEmailsJob = defineJob({
  type: 'email.daily',
  schema: z.object({ at: z.number() }),
  handle: async ({ at }, deps) => {
    const rows = await deps.db.select({ id: hotels.id }).from(hotels).where(eq(hotels.status, 'active')).all();
    await deps.jobs.sendBatch(rows.map((h) => dailyHotelEmailsJob.message({ hotel_id: h.id, at })));
  },
});

/**
 * Pre-arrival mails for confirmed direct stays arriving in the next `pre_arrival_days` days, post-stay
 * mails for stays that ended in the last 3 days (dates in the hotel's time zone). Each once per
 * reservation (`pre_arrival:<id>`, `post_stay:<id>`), however often this runs.
 */
export async function queueDailyEmails(deps: Deps, hotelId: string, at: Date) {
  const hotel = await getHotelOrThrow(deps.db, hotelId);
  const settings = await getSettings(deps.db, hotelId);
  const today = todayIn(hotel.timezone, at);
  const arriving = preArrivalWindow(today, settings.preArrivalDays, addDays);
  const departed = postStayWindow(today, addDays);
  const direct = and(eq(reservations.hotelId, hotelId), eq(reservations.source, 'direct'));
  const [pre, post] = await Promise.all([
    deps.db
      .select({ id: reservations.id })
      .from(reservations)
      .where(
        and(direct, eq(reservations.status, 'confirmed'), between(reservations.checkIn, arriving.from, arriving.to)),
      )
      .limit(PER_RUN)
      .all(),
    deps.db
      .select({ id: reservations.id })
      .from(reservations)
      .where(
        and(
          direct,
          inArray(reservations.status, ['confirmed', 'checked_in', 'checked_out']),
          between(reservations.checkOut, departed.from, departed.to),
        ),
      )
      .limit(PER_RUN)
      .all(),
  ]);
  let queued = 0;
  for (const [key, ids] of [
    ['pre_arrival', pre.map((r) => r.id)],
    ['post_stay', post.map((r) => r.id)],
  ] as const) {
    for (const loaded of await loadReservations(deps.d1, ids)) {
      const stay = toReservationJson(loaded, 'hotel');
      const result = await queueStayEmail(deps, { hotel, stay, key, dedupeKey: `${key}:${stay.id}`, eventId: null });
      if (result.created) queued += 1;
    }
  }
  return { queued };
}

export const dailyHotelEmailsJob = defineJob({
  type: 'email.daily_hotel',
  schema: z.object({ hotel_id: z.string().min(1), at: z.number() }),
  handle: async ({ hotel_id, at }, deps) => {
    const result = await queueDailyEmails(deps, hotel_id, new Date(at));
    deps.log.info('daily emails queued', { hotel_id, ...result });
  },
});
