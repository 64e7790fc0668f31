import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import { type Db, inList, statementOf } from '../../db';
import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import type { AuditEntry } from '../audit/audit';
import { assertHotelAccess } from '../auth/access';
import { type CommitDeps, commitChange, unexpectedConstraint } from '../events/commit';
import type { CreateHotelInput, UpdateHotelInput } from './catalog.schema';
import {
  type CatalogStatus,
  type HotelRow,
  hotels,
  type RatePlanRow,
  type RoomTypeRow,
  ratePlans,
  roomTypes,
} from './catalog.table';
import { isEmptyPatch, mergeObject } from './rules';

export type ListOptions = { status?: CatalogStatus | undefined; limit: number; afterId?: string | undefined };

/** What a catalog write uses: `db` for the reads before it, the change path for the write itself. */
export type CatalogDeps = CommitDeps & Pick<Deps, 'db'>;

/** The per-hotel `code` a write sets, so a UNIQUE refusal reads as that code being taken. */
type CodeOf = { kind: 'room type' | 'rate plan'; code: string };

type CatalogRow = { id: string; createdAt: Date; updatedAt: Date } & Record<string, unknown>;

/**
 * The audit entry of a catalog write: `<entity>.<verb>` with the row's fields before and after (not its
 * ids or timestamps, which say nothing the row's own entry does not).
 */
export function catalogEntry(
  hotelId: string,
  entityType: 'hotel' | 'room_type' | 'rate_plan',
  verb: 'created' | 'updated' | 'deactivated',
  before: CatalogRow | null,
  after: CatalogRow,
): AuditEntry {
  const fields = (row: CatalogRow | null) => {
    if (!row) return null;
    const { id: _id, hotelId: _hotelId, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = row;
    return rest;
  };
  return {
    hotelId,
    action: `${entityType}.${verb}`,
    entityType,
    entityId: after.id,
    before: fields(before),
    after: fields(after),
  };
}

/**
 * Commits one catalog write through the change path, with its audit entry in the same batch. Any
 * catalog change can alter a search (rooms, plans, occupancy, the hotel's status), so each one
 * invalidates the hotel's cached searches; the catalogue has no catalog events yet. A UNIQUE refusal
 * of a coded row is 409 `conflict`.
 */
export async function commitCatalogWrite(
  deps: CommitDeps,
  hotelId: string,
  query: Parameters<typeof statementOf>[1],
  audit: AuditEntry,
  codeOf?: CodeOf,
): Promise<void> {
  const session = deps.d1.withSession('first-primary');
  const result = await commitChange(deps, {
    hotelId,
    session,
    statements: [statementOf(session, query)],
    events: [],
    affectsAvailability: true,
    audit: [audit],
  });
  if (result.ok) return;
  if (result.constraint === 'unique' && codeOf) throw duplicateCode(codeOf.kind, codeOf.code);
  throw unexpectedConstraint(result.constraint);
}

export async function getHotelOrThrow(db: Db, hotelId: string): Promise<HotelRow> {
  const row = await db.select().from(hotels).where(eq(hotels.id, hotelId)).get();
  if (!row) throw notFound('Hotel', hotelId);
  return row;
}

/** 403 for another tenant's hotel (checked first, so ids outside the credential's tenancy do not leak), then 404. */
export async function getAccessibleHotel(db: Db, principal: Principal, hotelId: string): Promise<HotelRow> {
  assertHotelAccess(principal, hotelId);
  return getHotelOrThrow(db, hotelId);
}

/** The hotel if it is active; a deactivated hotel is unknown to booking widgets. */
export async function getActiveHotelOrThrow(db: Db, hotelId: string): Promise<HotelRow> {
  const row = await getHotelOrThrow(db, hotelId);
  if (row.status !== 'active') throw notFound('Hotel', hotelId);
  return row;
}

/** Active room types of a hotel in creation order (the order a widget lists them). */
export async function getActiveRoomTypes(db: Db, hotelId: string): Promise<RoomTypeRow[]> {
  return db
    .select()
    .from(roomTypes)
    .where(and(eq(roomTypes.hotelId, hotelId), eq(roomTypes.status, 'active')))
    .orderBy(asc(roomTypes.id))
    .all();
}

/** Active rate plans of a hotel in creation order. */
export async function getActiveRatePlans(db: Db, hotelId: string): Promise<RatePlanRow[]> {
  return db
    .select()
    .from(ratePlans)
    .where(and(eq(ratePlans.hotelId, hotelId), eq(ratePlans.status, 'active')))
    .orderBy(asc(ratePlans.id))
    .all();
}

/** `hotelIds` null = every hotel (the credential is unrestricted). Newest first, `limit + 1` rows. */
export async function listHotels(db: Db, hotelIds: readonly string[] | null, opts: ListOptions): Promise<HotelRow[]> {
  if (hotelIds !== null && hotelIds.length === 0) return [];
  const where: (SQL | undefined)[] = [
    hotelIds === null ? undefined : inList(hotels.id, hotelIds),
    opts.status ? eq(hotels.status, opts.status) : undefined,
    opts.afterId ? lt(hotels.id, opts.afterId) : undefined,
  ];
  return db
    .select()
    .from(hotels)
    .where(and(...where))
    .orderBy(desc(hotels.id))
    .limit(opts.limit + 1)
    .all();
}

export async function createHotel(deps: CatalogDeps, input: CreateHotelInput): Promise<HotelRow> {
  const now = deps.now();
  const row: HotelRow = {
    id: newId('hotel'),
    name: input.name,
    timezone: input.timezone,
    currency: input.currency,
    address: input.address,
    contact: input.contact,
    amenities: input.amenities,
    policies: input.policies,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await commitCatalogWrite(
    deps,
    row.id,
    deps.db.insert(hotels).values(row),
    catalogEntry(row.id, 'hotel', 'created', null, row),
  );
  return row;
}

export async function updateHotel(deps: CatalogDeps, hotel: HotelRow, patch: UpdateHotelInput): Promise<HotelRow> {
  if (isEmptyPatch(patch)) return hotel;
  if (patch.currency !== undefined && patch.currency !== hotel.currency) {
    // Rate plans and every stored nightly amount are in the hotel's currency; switching it would
    // silently re-denominate prices.
    const plan = await deps.db
      .select({ id: ratePlans.id })
      .from(ratePlans)
      .where(eq(ratePlans.hotelId, hotel.id))
      .get();
    if (plan) {
      throw new AppError('conflict', 'The currency cannot change once the hotel has rate plans.', {
        errors: [{ path: 'currency', message: `hotel has rate plans priced in ${hotel.currency}` }],
      });
    }
  }
  const next: HotelRow = {
    ...hotel,
    name: patch.name ?? hotel.name,
    timezone: patch.timezone ?? hotel.timezone,
    currency: patch.currency ?? hotel.currency,
    address: mergeObject(hotel.address, patch.address),
    contact: mergeObject(hotel.contact, patch.contact),
    amenities: patch.amenities ?? hotel.amenities,
    policies: mergeObject(hotel.policies, patch.policies),
    status: patch.status ?? hotel.status,
    updatedAt: deps.now(),
  };
  const { id, createdAt: _createdAt, ...changes } = next;
  await commitCatalogWrite(
    deps,
    id,
    deps.db.update(hotels).set(changes).where(eq(hotels.id, id)),
    catalogEntry(id, 'hotel', 'updated', hotel, next),
  );
  return next;
}

/** Deactivation keeps the record (reservations point at it); repeating it changes nothing. */
export async function deactivateHotel(deps: CatalogDeps, hotel: HotelRow): Promise<HotelRow> {
  if (hotel.status === 'inactive') return hotel;
  const next: HotelRow = { ...hotel, status: 'inactive', updatedAt: deps.now() };
  const write = deps.db.update(hotels).set({ status: next.status, updatedAt: next.updatedAt });
  await commitCatalogWrite(
    deps,
    hotel.id,
    write.where(eq(hotels.id, hotel.id)),
    catalogEntry(hotel.id, 'hotel', 'deactivated', hotel, next),
  );
  return next;
}

function duplicateCode(kind: string, code: string): AppError {
  return new AppError('conflict', `This hotel already has a ${kind} with code "${code}".`, {
    errors: [{ path: 'code', message: 'already in use in this hotel' }],
  });
}
