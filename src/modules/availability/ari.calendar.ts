import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { daysBetween } from '../../lib/dates';
import { hotels, ratePlans, roomTypes } from '../catalog/catalog.table';
import { rateNights, roomNights } from './ari.table';

// A calendar answers at most this many nights (room-type nights plus rate-plan nights), the same
// bound as one ARI write: a two-year read of a large hotel would otherwise be millions of rows.
export const MAX_CALENDAR_NIGHTS = 50_000;

/**
 * The ARI calendar of a hotel (or one room type) from `from` to `to` inclusive. The catalog is read
 * first so that the size of the answer is known, and refused, before any night is read.
 */
export async function readAriCalendar(db: Db, hotelId: string, from: string, to: string, roomTypeId?: string) {
  const [hotel, rts, allPlans] = await db.batch([
    db.select({ id: hotels.id }).from(hotels).where(eq(hotels.id, hotelId)),
    db
      .select({ id: roomTypes.id, code: roomTypes.code })
      .from(roomTypes)
      .where(and(eq(roomTypes.hotelId, hotelId), roomTypeId ? eq(roomTypes.id, roomTypeId) : undefined))
      .orderBy(asc(roomTypes.code)),
    db
      .select({ id: ratePlans.id, code: ratePlans.code, roomTypeIds: ratePlans.roomTypeIds })
      .from(ratePlans)
      .where(eq(ratePlans.hotelId, hotelId))
      .orderBy(asc(ratePlans.code)),
  ]);
  if (hotel.length === 0) throw notFound('Hotel', hotelId);
  if (roomTypeId && rts.length === 0) throw notFound('Room type', roomTypeId);
  const rps = roomTypeId ? allPlans.filter((rp) => rp.roomTypeIds.includes(roomTypeId)) : allPlans;
  const series = rts.length + rps.reduce((n, rp) => n + rp.roomTypeIds.length, 0);
  const nights = series * (daysBetween(from, to) + 1);
  if (nights > MAX_CALENDAR_NIGHTS) {
    throw new AppError('validation_failed', `A calendar read covers at most ${MAX_CALENDAR_NIGHTS} nights.`, {
      errors: [
        {
          path: 'query.to',
          message: `${nights} nights (${series} room types and rate plans × days); narrow the range or pass room_type_id`,
        },
      ],
    });
  }
  const [rooms, rates] = await db.batch([
    db
      .select()
      .from(roomNights)
      .where(
        and(
          eq(roomNights.hotelId, hotelId),
          roomTypeId ? eq(roomNights.roomTypeId, roomTypeId) : undefined,
          gte(roomNights.date, from),
          lte(roomNights.date, to),
        ),
      )
      .orderBy(asc(roomNights.date)),
    db
      .select()
      .from(rateNights)
      .where(
        and(
          eq(rateNights.hotelId, hotelId),
          roomTypeId ? eq(rateNights.roomTypeId, roomTypeId) : undefined,
          gte(rateNights.date, from),
          lte(rateNights.date, to),
        ),
      )
      .orderBy(asc(rateNights.date)),
  ]);
  const roomsByType = groupBy(rooms, (n) => n.roomTypeId);
  const ratesByPair = groupBy(rates, (n) => `${n.ratePlanId}|${n.roomTypeId}`);
  return {
    hotel_id: hotelId,
    from,
    to,
    room_types: rts.map((rt) => ({
      room_type_id: rt.id,
      code: rt.code,
      nights: (roomsByType.get(rt.id) ?? []).map((n) => ({
        date: n.date,
        inventory: n.inventory,
        taken: n.taken,
        overbooked: n.overbooked,
        available: Math.max(0, n.inventory - n.taken - n.overbooked),
      })),
      rate_plans: rps
        .filter((rp) => rp.roomTypeIds.includes(rt.id))
        .map((rp) => ({
          rate_plan_id: rp.id,
          code: rp.code,
          nights: (ratesByPair.get(`${rp.id}|${rt.id}`) ?? []).map((n) => ({
            date: n.date,
            amount: n.amount,
            min_stay: n.minStay,
            max_stay: n.maxStay,
            closed: n.closed,
            closed_to_arrival: n.closedToArrival,
            closed_to_departure: n.closedToDeparture,
          })),
        })),
    })),
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
