import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { decodeCursor, toPage } from '../../lib/pagination';
import { canAccessHotel } from '../auth/access';
import { paymentView } from './payments.repo';
import { type PaymentRow, type PaymentStatus, payments } from './payments.table';

/** A payment this credential may see; another hotel's does not exist for it (404, nothing leaks). */
export async function paymentFor(db: Db, principal: Principal, id: string): Promise<PaymentRow> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id));
  if (!row || !canAccessHotel(principal, row.hotelId)) throw new AppError('not_found', `Payment ${id} does not exist.`);
  return row;
}

export type PaymentFilter = {
  reservation_id?: string | undefined;
  status?: PaymentStatus | undefined;
  limit: number;
  cursor?: string | undefined;
};

/** A hotel's payments, newest first (ids sort by creation time). */
export async function listPayments(db: Db, hotelId: string, f: PaymentFilter) {
  const after = decodeCursor(f.cursor);
  const rows = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.hotelId, hotelId),
        after ? lt(payments.id, after) : undefined,
        f.reservation_id ? eq(payments.reservationId, f.reservation_id) : undefined,
        f.status ? eq(payments.status, f.status) : undefined,
      ),
    )
    .orderBy(desc(payments.id))
    .limit(f.limit + 1)
    .all();
  return toPage(rows, f.limit, paymentView);
}
