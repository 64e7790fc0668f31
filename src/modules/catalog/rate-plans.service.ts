import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db';
import { inList } from '../../db';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import type { CreateRatePlanInput, UpdateRatePlanInput } from './catalog.schema';
import { type CatalogDeps, catalogEntry, commitCatalogWrite, type ListOptions } from './catalog.service';
import { type HotelRow, type RatePlanRow, ratePlans, roomTypes } from './catalog.table';
import { isEmptyPatch } from './rules';

export async function getRatePlanOrThrow(db: Db, hotelId: string, ratePlanId: string): Promise<RatePlanRow> {
  const row = await db
    .select()
    .from(ratePlans)
    .where(and(eq(ratePlans.id, ratePlanId), eq(ratePlans.hotelId, hotelId)))
    .get();
  if (!row) throw notFound('Rate plan', ratePlanId);
  return row;
}

/** Newest first, `limit + 1` rows (see paginate). */
export async function listRatePlans(db: Db, hotelId: string, opts: ListOptions): Promise<RatePlanRow[]> {
  return db
    .select()
    .from(ratePlans)
    .where(
      and(
        eq(ratePlans.hotelId, hotelId),
        opts.status ? eq(ratePlans.status, opts.status) : undefined,
        opts.afterId ? lt(ratePlans.id, opts.afterId) : undefined,
      ),
    )
    .orderBy(desc(ratePlans.id))
    .limit(opts.limit + 1)
    .all();
}

/** The ids, de-duplicated in order, after checking each is a room type of this hotel (404 otherwise). */
async function roomTypesOfHotel(db: Db, hotelId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await db
    .select({ id: roomTypes.id })
    .from(roomTypes)
    .where(and(eq(roomTypes.hotelId, hotelId), inList(roomTypes.id, unique)))
    .all();
  const known = new Set(found.map((r) => r.id));
  const index = ids.findIndex((id) => !known.has(id));
  const missing = ids[index];
  if (missing !== undefined) {
    throw new AppError('not_found', `Room type ${missing} does not exist in hotel ${hotelId}.`, {
      errors: [{ path: `room_type_ids.${index}`, message: `unknown room type ${missing}` }],
    });
  }
  return unique;
}

/** A rate plan prices in its hotel's currency: ARI amounts carry no currency of their own. */
function currencyOrThrow(hotel: HotelRow, currency: string | undefined): string {
  if (currency !== undefined && currency !== hotel.currency) {
    throw new AppError('validation_failed', `Rate plans of this hotel are priced in ${hotel.currency}.`, {
      errors: [{ path: 'currency', message: `must be the hotel's currency ${hotel.currency}` }],
    });
  }
  return hotel.currency;
}

export async function createRatePlan(
  deps: CatalogDeps,
  hotel: HotelRow,
  input: CreateRatePlanInput,
): Promise<RatePlanRow> {
  const currency = currencyOrThrow(hotel, input.currency);
  const roomTypeIds = await roomTypesOfHotel(deps.db, hotel.id, input.room_type_ids);
  const now = deps.now();
  const row: RatePlanRow = {
    id: newId('ratePlan'),
    hotelId: hotel.id,
    code: input.code,
    name: input.name,
    description: input.description,
    roomTypeIds,
    mealPlan: input.meal_plan,
    cancellationPolicy: input.cancellation_policy,
    currency,
    extraAdultAmount: input.extra_adult_amount,
    extraChildAmount: input.extra_child_amount,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await commitCatalogWrite(
    deps,
    hotel.id,
    deps.db.insert(ratePlans).values(row),
    catalogEntry(hotel.id, 'rate_plan', 'created', null, row),
    {
      kind: 'rate plan',
      code: row.code,
    },
  );
  return row;
}

export async function updateRatePlan(
  deps: CatalogDeps,
  hotel: HotelRow,
  current: RatePlanRow,
  patch: UpdateRatePlanInput,
): Promise<RatePlanRow> {
  if (isEmptyPatch(patch)) return current;
  const currency = currencyOrThrow(hotel, patch.currency);
  const roomTypeIds = patch.room_type_ids
    ? await roomTypesOfHotel(deps.db, hotel.id, patch.room_type_ids)
    : current.roomTypeIds;
  const next: RatePlanRow = {
    ...current,
    code: patch.code ?? current.code,
    name: patch.name ?? current.name,
    description: patch.description ?? current.description,
    roomTypeIds,
    mealPlan: patch.meal_plan ?? current.mealPlan,
    cancellationPolicy: patch.cancellation_policy ?? current.cancellationPolicy,
    currency,
    extraAdultAmount: patch.extra_adult_amount ?? current.extraAdultAmount,
    extraChildAmount: patch.extra_child_amount ?? current.extraChildAmount,
    status: patch.status ?? current.status,
    updatedAt: deps.now(),
  };
  const { id, hotelId: _hotelId, createdAt: _createdAt, ...changes } = next;
  const write = deps.db.update(ratePlans).set(changes).where(eq(ratePlans.id, id));
  await commitCatalogWrite(deps, hotel.id, write, catalogEntry(hotel.id, 'rate_plan', 'updated', current, next), {
    kind: 'rate plan',
    code: next.code,
  });
  return next;
}

export async function deactivateRatePlan(deps: CatalogDeps, current: RatePlanRow): Promise<RatePlanRow> {
  if (current.status === 'inactive') return current;
  const next: RatePlanRow = { ...current, status: 'inactive', updatedAt: deps.now() };
  const write = deps.db.update(ratePlans).set({ status: next.status, updatedAt: next.updatedAt });
  await commitCatalogWrite(
    deps,
    current.hotelId,
    write.where(eq(ratePlans.id, current.id)),
    catalogEntry(current.hotelId, 'rate_plan', 'deactivated', current, next),
  );
  return next;
}
