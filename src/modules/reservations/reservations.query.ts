import { and, desc, eq, gt, gte, like, lt, lte, or, sql } from 'drizzle-orm';
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

/** LIKE with the user's text taken literally. */
function contains(text: string): string {
  return `%${text.toLowerCase().replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`;
}

/** A hotel's reservations, newest first; `from`/`to` select stays that overlap those dates. */
export async function listReservations(db: Db, hotelId: string, f: ReservationFilter) {
  const after = decodeCursor(f.cursor);
  const q = f.q ? contains(f.q) : undefined;
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
              like(
                sql`lower(${reservations.guestFirstName} || ' ' || ${reservations.guestLastName})`,
                sql`${q} ESCAPE '\\'`,
              ),
              like(reservations.guestEmail, sql`${q} ESCAPE '\\'`),
              like(sql`lower(${reservations.confirmationNumber})`, sql`${q} ESCAPE '\\'`),
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
