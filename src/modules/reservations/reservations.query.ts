import { and, desc, eq, gt, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Db, inList } from '../../db';
import { decodeCursor, paginate } from '../../lib/pagination';
import { toReservationJson } from './reservations.repo';
import type { ReservationStatus } from './reservations.table';
import { reservationRooms, reservations } from './reservations.table';

export type ReservationFilter = {
  status?: ReservationStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  created_from?: string | undefined;
  created_to?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
};

// instr(), not LIKE: D1 refuses LIKE patterns over 50 bytes, so a longer search (or one of
// multibyte letters) would fail, and instr() needs no escaping of % and _. lower() folds ASCII only,
// as LIKE's case-insensitivity did.
function contains(column: SQL, text: string): SQL {
  return sql`instr(lower(${column}), ${text}) > 0`;
}

/** A hotel's reservations, newest first; `from`/`to` select stays that overlap those dates. */
export async function listReservations(db: Db, hotelId: string, f: ReservationFilter) {
  const after = decodeCursor(f.cursor);
  const q = f.q?.toLowerCase();
  const rows = await db
    .select()
    .from(reservations)
    .where(
      and(
        eq(reservations.hotelId, hotelId),
        after ? lt(reservations.id, after) : undefined,
        f.status ? eq(reservations.status, f.status) : undefined,
        f.to ? lte(reservations.checkIn, f.to) : undefined,
        f.from ? gt(reservations.checkOut, f.from) : undefined,
        f.created_from ? gte(reservations.createdAt, new Date(f.created_from)) : undefined,
        f.created_to ? lte(reservations.createdAt, new Date(f.created_to)) : undefined,
        q
          ? or(
              contains(sql`${reservations.guestFirstName} || ' ' || ${reservations.guestLastName}`, q),
              contains(sql`${reservations.guestEmail}`, q),
              contains(sql`${reservations.confirmationNumber}`, q),
            )
          : undefined,
      ),
    )
    .orderBy(desc(reservations.id))
    .limit(f.limit + 1)
    .all();
  const { page, nextCursor } = paginate(rows, f.limit);
  const ids = page.map((r) => r.id);
  const rooms = ids.length
    ? await db.select().from(reservationRooms).where(inList(reservationRooms.reservationId, ids)).all()
    : [];
  return {
    data: page.map((row) =>
      toReservationJson(
        {
          row,
          rooms: rooms.filter((room) => room.reservationId === row.id).sort((a, b) => a.position - b.position),
        },
        'hotel',
      ),
    ),
    next_cursor: nextCursor,
  };
}
