import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { createDb, type Db } from '../../db';
import { AppError, type FieldError, notFound } from '../../errors';
import { datesInRange } from '../../lib/dates';
import { hotels, ratePlans, roomTypes } from '../catalog/catalog.table';
import { insertOutboxEvent, outboxEvent } from '../events/outbox';
import { type AriUpdate, MAX_ROOM_NIGHTS_PER_REQUEST } from './ari.schema';
import { rateNights, roomNights } from './ari.table';
import { bumpVersion } from './cache';

const RATE_COLUMNS = {
  amount: 'amount',
  min_stay: 'min_stay',
  max_stay: 'max_stay',
  closed: 'closed',
  closed_to_arrival: 'closed_to_arrival',
  closed_to_departure: 'closed_to_departure',
} as const;
type RateField = keyof typeof RATE_COLUMNS;

type Expanded = { update: AriUpdate; index: number; dates: string[] };

async function loadHotelIds(db: Db, hotelId: string) {
  const [hotel, rts, rps] = await db.batch([
    db.select({ id: hotels.id }).from(hotels).where(eq(hotels.id, hotelId)),
    db.select({ id: roomTypes.id, code: roomTypes.code }).from(roomTypes).where(eq(roomTypes.hotelId, hotelId)),
    db
      .select({ id: ratePlans.id, code: ratePlans.code, roomTypeIds: ratePlans.roomTypeIds })
      .from(ratePlans)
      .where(eq(ratePlans.hotelId, hotelId)),
  ]);
  if (hotel.length === 0) throw notFound('Hotel', hotelId);
  return { roomTypes: new Map(rts.map((r) => [r.id, r])), ratePlans: new Map(rps.map((r) => [r.id, r])) };
}

function validateIds(updates: readonly AriUpdate[], known: Awaited<ReturnType<typeof loadHotelIds>>): void {
  const errors: FieldError[] = [];
  updates.forEach((u, i) => {
    if (!known.roomTypes.has(u.room_type_id)) {
      throw new AppError('not_found', `Room type ${u.room_type_id} does not exist in this hotel.`, {
        errors: [{ path: `updates.${i}.room_type_id`, message: 'unknown room type' }],
      });
    }
    if (u.rate_plan_id) {
      const rp = known.ratePlans.get(u.rate_plan_id);
      if (!rp) {
        throw new AppError('not_found', `Rate plan ${u.rate_plan_id} does not exist in this hotel.`, {
          errors: [{ path: `updates.${i}.rate_plan_id`, message: 'unknown rate plan' }],
        });
      }
      if (!rp.roomTypeIds.includes(u.room_type_id)) {
        errors.push({
          path: `updates.${i}.rate_plan_id`,
          message: `rate plan does not cover room type ${u.room_type_id}`,
        });
      }
    }
  });
  if (errors.length)
    throw new AppError('validation_failed', 'Some updates pair a rate plan with a room type it does not sell.', {
      errors,
    });
}

/** Inventory may not drop below units already sold on any night. */
async function assertInventoryCoversTaken(db: Db, expanded: readonly Expanded[]): Promise<void> {
  const checks = expanded.filter((e) => e.update.inventory !== undefined && e.dates.length > 0);
  if (checks.length === 0) return;
  const queries = checks.map((e) =>
    db
      .select({ date: roomNights.date, taken: roomNights.taken })
      .from(roomNights)
      .where(
        and(
          eq(roomNights.roomTypeId, e.update.room_type_id),
          sql`${roomNights.date} IN (SELECT value FROM json_each(${JSON.stringify(e.dates)}))`,
          sql`${roomNights.taken} > ${e.update.inventory}`,
        ),
      )
      .orderBy(asc(roomNights.date))
      .limit(1),
  );
  const results = await db.batch(queries as [(typeof queries)[number], ...typeof queries]);
  results.forEach((rows, i) => {
    const row = rows[0];
    const e = checks[i];
    if (row && e) {
      throw new AppError(
        'conflict',
        `Inventory ${e.update.inventory} for room type ${e.update.room_type_id} on ${row.date} is below the ${row.taken} units already sold.`,
        { errors: [{ path: `updates.${e.index}.inventory`, message: `below ${row.taken} units sold on ${row.date}` }] },
      );
    }
  });
}

function writeStatements(d1: D1DatabaseSession, hotelId: string, e: Expanded): D1PreparedStatement[] {
  const u = e.update;
  const dates = JSON.stringify(e.dates);
  const out: D1PreparedStatement[] = [];
  if (u.inventory !== undefined) {
    out.push(
      d1
        .prepare(
          `INSERT INTO room_nights (room_type_id, date, hotel_id, inventory, taken)
           SELECT ?, value, ?, ?, 0 FROM json_each(?) WHERE true
           ON CONFLICT (room_type_id, date) DO UPDATE SET inventory = excluded.inventory`,
        )
        .bind(u.room_type_id, hotelId, u.inventory, dates),
    );
  }
  const fields = (Object.keys(RATE_COLUMNS) as RateField[]).filter((f) => u[f] !== undefined);
  if (u.rate_plan_id && fields.length > 0) {
    // A new night starts unpriced and unrestricted; an existing one changes only the named fields.
    const insertValue = (f: RateField, fallback: 0 | null) => {
      const v = u[f];
      if (v === undefined) return fallback;
      return typeof v === 'boolean' ? (v ? 1 : 0) : v;
    };
    const sets = fields.map((f) => `${RATE_COLUMNS[f]} = excluded.${RATE_COLUMNS[f]}`).join(', ');
    out.push(
      d1
        .prepare(
          `INSERT INTO rate_nights
             (rate_plan_id, room_type_id, date, hotel_id, amount, min_stay, max_stay, closed, closed_to_arrival, closed_to_departure)
           SELECT ?, ?, value, ?, ?, ?, ?, ?, ?, ? FROM json_each(?) WHERE true
           ON CONFLICT (rate_plan_id, room_type_id, date) DO UPDATE SET ${sets}`,
        )
        .bind(
          u.rate_plan_id,
          u.room_type_id,
          hotelId,
          insertValue('amount', null),
          insertValue('min_stay', null),
          insertValue('max_stay', null),
          insertValue('closed', 0),
          insertValue('closed_to_arrival', 0),
          insertValue('closed_to_departure', 0),
          dates,
        ),
    );
  }
  return out;
}

/**
 * Applies a bulk ARI request atomically: every statement and the `ari.updated` outbox event go in
 * one D1 batch (one transaction). Each update expands to one set-based statement per table over a
 * JSON list of its dates, so a year for every room type and rate plan stays a few hundred statements.
 */
export async function applyAriUpdates(
  env: Env,
  hotelId: string,
  updates: readonly AriUpdate[],
): Promise<{ updated: number }> {
  const session = env.DB.withSession('first-primary');
  const db = createDb(session);
  validateIds(updates, await loadHotelIds(db, hotelId));

  const expanded: Expanded[] = updates.map((update, index) => ({
    update,
    index,
    dates: datesInRange(update.from, update.to, update.days_of_week),
  }));
  const roomNightsTouched = expanded.reduce((n, e) => n + e.dates.length, 0);
  if (roomNightsTouched > MAX_ROOM_NIGHTS_PER_REQUEST) {
    throw new AppError(
      'validation_failed',
      `One request may carry at most ${MAX_ROOM_NIGHTS_PER_REQUEST} room-nights.`,
      {
        errors: [{ path: 'updates', message: `${roomNightsTouched} room-nights` }],
      },
    );
  }
  await assertInventoryCoversTaken(db, expanded);

  const statements = expanded.flatMap((e) => writeStatements(session, hotelId, e));
  const event = outboxEvent(hotelId, 'ari.updated', hotelId, {
    hotel_id: hotelId,
    room_nights: roomNightsTouched,
    updates: updates.map((u) => ({ ...u })),
  });
  try {
    await session.batch([insertOutboxEvent(session, event), ...statements]);
  } catch (err) {
    // The CHECK on room_nights rolls the batch back if a booking took a unit between our check and the write.
    if (String(err).includes('CHECK constraint failed')) {
      throw new AppError('conflict', 'Inventory would drop below units already sold; nothing was changed.');
    }
    throw err;
  }
  await bumpVersion(env.CACHE, hotelId, session.getBookmark());
  return { updated: roomNightsTouched };
}

export async function readAriCalendar(db: Db, hotelId: string, from: string, to: string, roomTypeId?: string) {
  const [hotel, rts, rps, rooms, rates] = await db.batch([
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
    db
      .select()
      .from(roomNights)
      .where(and(eq(roomNights.hotelId, hotelId), gte(roomNights.date, from), lte(roomNights.date, to)))
      .orderBy(asc(roomNights.date)),
    db
      .select()
      .from(rateNights)
      .where(and(eq(rateNights.hotelId, hotelId), gte(rateNights.date, from), lte(rateNights.date, to)))
      .orderBy(asc(rateNights.date)),
  ]);
  if (hotel.length === 0) throw notFound('Hotel', hotelId);
  if (roomTypeId && rts.length === 0) throw notFound('Room type', roomTypeId);
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
        available: n.inventory - n.taken,
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
