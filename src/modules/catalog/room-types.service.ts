import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import type { CreateRoomTypeInput, UpdateRoomTypeInput } from './catalog.schema';
import { type CatalogDeps, catalogEntry, commitCatalogWrite, type ListOptions } from './catalog.service';
import { type RoomTypeRow, roomTypes } from './catalog.table';
import { isEmptyPatch, resolveOccupancy } from './rules';

/** A room type of this hotel; one of another hotel is as unknown as one that does not exist. */
export async function getRoomTypeOrThrow(db: Db, hotelId: string, roomTypeId: string): Promise<RoomTypeRow> {
  const row = await db
    .select()
    .from(roomTypes)
    .where(and(eq(roomTypes.id, roomTypeId), eq(roomTypes.hotelId, hotelId)))
    .get();
  if (!row) throw notFound('Room type', roomTypeId);
  return row;
}

/** Newest first, `limit + 1` rows (see paginate). */
export async function listRoomTypes(db: Db, hotelId: string, opts: ListOptions): Promise<RoomTypeRow[]> {
  return db
    .select()
    .from(roomTypes)
    .where(
      and(
        eq(roomTypes.hotelId, hotelId),
        opts.status ? eq(roomTypes.status, opts.status) : undefined,
        opts.afterId ? lt(roomTypes.id, opts.afterId) : undefined,
      ),
    )
    .orderBy(desc(roomTypes.id))
    .limit(opts.limit + 1)
    .all();
}

function occupancyOrThrow(input: Parameters<typeof resolveOccupancy>[0]) {
  const checked = resolveOccupancy(input);
  if (!checked.ok) {
    throw new AppError('validation_failed', 'The room type’s occupancy is inconsistent.', {
      errors: checked.errors,
    });
  }
  return checked.value;
}

export async function createRoomType(
  deps: CatalogDeps,
  hotelId: string,
  input: CreateRoomTypeInput,
): Promise<RoomTypeRow> {
  const occupancy = occupancyOrThrow(input);
  const now = deps.now();
  const row: RoomTypeRow = {
    id: newId('roomType'),
    hotelId,
    code: input.code,
    name: input.name,
    description: input.description,
    maxAdults: occupancy.max_adults,
    maxChildren: occupancy.max_children,
    maxOccupancy: occupancy.max_occupancy,
    baseOccupancy: occupancy.base_occupancy,
    beds: input.beds,
    sizeSqm: input.size_sqm,
    amenities: input.amenities,
    images: input.images,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await commitCatalogWrite(
    deps,
    hotelId,
    deps.db.insert(roomTypes).values(row),
    catalogEntry(hotelId, 'room_type', 'created', null, row),
    { kind: 'room type', code: row.code },
  );
  return row;
}

export async function updateRoomType(
  deps: CatalogDeps,
  current: RoomTypeRow,
  patch: UpdateRoomTypeInput,
): Promise<RoomTypeRow> {
  if (isEmptyPatch(patch)) return current;
  // The stored occupancy is re-checked as a whole: lowering max_children may leave max_occupancy too high.
  const occupancy = occupancyOrThrow({
    max_adults: patch.max_adults ?? current.maxAdults,
    max_children: patch.max_children ?? current.maxChildren,
    max_occupancy: patch.max_occupancy ?? current.maxOccupancy,
    base_occupancy: patch.base_occupancy ?? current.baseOccupancy,
  });
  const next: RoomTypeRow = {
    ...current,
    code: patch.code ?? current.code,
    name: patch.name ?? current.name,
    description: patch.description ?? current.description,
    maxAdults: occupancy.max_adults,
    maxChildren: occupancy.max_children,
    maxOccupancy: occupancy.max_occupancy,
    baseOccupancy: occupancy.base_occupancy,
    beds: patch.beds ?? current.beds,
    sizeSqm: patch.size_sqm === undefined ? current.sizeSqm : patch.size_sqm,
    amenities: patch.amenities ?? current.amenities,
    images: patch.images ?? current.images,
    status: patch.status ?? current.status,
    updatedAt: deps.now(),
  };
  const { id, hotelId, createdAt: _createdAt, ...changes } = next;
  const write = deps.db.update(roomTypes).set(changes).where(eq(roomTypes.id, id));
  await commitCatalogWrite(deps, hotelId, write, catalogEntry(hotelId, 'room_type', 'updated', current, next), {
    kind: 'room type',
    code: next.code,
  });
  return next;
}

/** Rate plans keep listing a deactivated room type; booking-engine reads and searches skip it. */
export async function deactivateRoomType(deps: CatalogDeps, current: RoomTypeRow): Promise<RoomTypeRow> {
  if (current.status === 'inactive') return current;
  const next: RoomTypeRow = { ...current, status: 'inactive', updatedAt: deps.now() };
  const write = deps.db.update(roomTypes).set({ status: next.status, updatedAt: next.updatedAt });
  await commitCatalogWrite(
    deps,
    current.hotelId,
    write.where(eq(roomTypes.id, current.id)),
    catalogEntry(current.hotelId, 'room_type', 'deactivated', current, next),
  );
  return next;
}
