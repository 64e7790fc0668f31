import { eq } from 'drizzle-orm';
import { createDb, type Db } from '../../db';
import type { Deps } from '../../deps';
import { AppError, type FieldError, notFound } from '../../errors';
import { hotels, ratePlans, roomTypes } from '../catalog/catalog.table';
import { commitChange, unexpectedConstraint } from '../events/commit';
import { type AriPlan, chunks, type InventoryRow, planAriWrites } from './ari.plan';
import { type AriUpdate, roomNightsOf, summariseAri } from './ari.schema';

// Each statement carries at most this many nights as one JSON parameter (~110 bytes a rate night,
// so well under D1's 2 MB string limit) and binds two parameters, far from D1's 100; a request of
// 50,000 room-nights is a few dozen statements, not one per update.
const ROWS_PER_STATEMENT = 5_000;

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
async function assertInventoryCoversTaken(d1: D1DatabaseSession, rows: readonly InventoryRow[]): Promise<void> {
  const queries = chunks(rows, ROWS_PER_STATEMENT).map((chunk) =>
    d1
      .prepare(
        `SELECT j.value ->> 3 AS idx, n.date AS date, n.taken AS taken, j.value ->> 2 AS inventory
           FROM json_each(?) AS j
           JOIN room_nights AS n ON n.room_type_id = j.value ->> 0 AND n.date = j.value ->> 1
          WHERE n.taken > j.value ->> 2
          ORDER BY idx, n.date LIMIT 1`,
      )
      .bind(JSON.stringify(chunk)),
  );
  if (queries.length === 0) return;
  const results = await d1.batch<{ idx: number; date: string; taken: number; inventory: number }>(queries);
  const row = results.flatMap((r) => r.results).sort((a, b) => a.idx - b.idx)[0];
  if (row) {
    throw new AppError(
      'conflict',
      `Inventory ${row.inventory} on ${row.date} is below the ${row.taken} units already sold there.`,
      { errors: [{ path: `updates.${row.idx}.inventory`, message: `below ${row.taken} units sold on ${row.date}` }] },
    );
  }
}

/**
 * Inventory raised on an overbooked night absorbs the units sold beyond it (overbooked → taken, as far as
 * the new inventory goes). `taken` is never lowered here: inventory below it still fails the CHECK, so a
 * booking that slips in after assertInventoryCoversTaken still rolls this batch back.
 */
function writeStatements(d1: D1DatabaseSession, hotelId: string, plan: AriPlan): D1PreparedStatement[] {
  const out = chunks(plan.inventory, ROWS_PER_STATEMENT).map((chunk) =>
    d1
      .prepare(
        `INSERT INTO room_nights (room_type_id, date, hotel_id, inventory, taken)
         SELECT value ->> 0, value ->> 1, ?, value ->> 2, 0 FROM json_each(?) WHERE true
         ON CONFLICT (room_type_id, date) DO UPDATE SET inventory = excluded.inventory,
           taken = MAX(taken, MIN(excluded.inventory, taken + overbooked)),
           overbooked = taken + overbooked - MAX(taken, MIN(excluded.inventory, taken + overbooked))`,
      )
      .bind(hotelId, JSON.stringify(chunk)),
  );
  for (const group of plan.rates) {
    // A new night takes every value of the row; an existing one changes only the group's fields.
    const sets = group.fields.map((f) => `${f} = excluded.${f}`).join(', ');
    for (const chunk of chunks(group.rows, ROWS_PER_STATEMENT)) {
      out.push(
        d1
          .prepare(
            `INSERT INTO rate_nights
               (rate_plan_id, room_type_id, date, hotel_id, amount, min_stay, max_stay, closed, closed_to_arrival, closed_to_departure)
             SELECT value ->> 0, value ->> 1, value ->> 2, ?, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
                    value ->> 7, value ->> 8
               FROM json_each(?) WHERE true
             ON CONFLICT (rate_plan_id, room_type_id, date) DO UPDATE SET ${sets}`,
          )
          .bind(hotelId, JSON.stringify(chunk)),
      );
    }
  }
  return out;
}

/**
 * Applies a bulk ARI request atomically: every statement and the `ari.updated` outbox event go in
 * one D1 batch (one transaction). The request's room-nights were counted (and capped) by the body
 * schema before anything here lists a date; the updates then collapse to one end state per night,
 * written by set-based statements over JSON lists of nights.
 */
export async function applyAriUpdates(
  deps: Deps,
  hotelId: string,
  updates: readonly AriUpdate[],
): Promise<{ updated: number }> {
  const session = deps.d1.withSession('first-primary');
  const db = createDb(session);
  validateIds(updates, await loadHotelIds(db, hotelId));

  const roomNightsTouched = roomNightsOf(updates);
  const plan = planAriWrites(updates);
  await assertInventoryCoversTaken(session, plan.inventory);

  const result = await commitChange(deps, {
    hotelId,
    session,
    statements: writeStatements(session, hotelId, plan),
    events: [
      {
        type: 'ari.updated',
        hotelId,
        subjectId: hotelId,
        data: { hotel_id: hotelId, room_nights: roomNightsTouched, changes: summariseAri(updates) },
      },
    ],
    affectsAvailability: true,
  });
  // The CHECK on room_nights rolls the batch back if a booking took a unit between our check and the write.
  if (!result.ok) {
    if (result.constraint !== 'check') throw unexpectedConstraint(result.constraint);
    throw new AppError('conflict', 'Inventory would drop below units already sold; nothing was changed.');
  }
  return { updated: roomNightsTouched };
}
