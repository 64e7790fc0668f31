import { and, desc, eq } from 'drizzle-orm';
import { type Db, statementOf } from '../../db';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { batchAudited } from '../audit/audit';
import { constraintKind } from '../events/commit';
import type { PatchGuestBody } from './reservations.schema';
import { type GuestRow, guests, reservations } from './reservations.table';

/** The hotel's guest profile, or 404 (another hotel's guest does not exist for this one). */
export async function findProfile(db: Db, hotelId: string, guestId: string): Promise<GuestRow> {
  const guest = await db
    .select()
    .from(guests)
    .where(and(eq(guests.id, guestId), eq(guests.hotelId, hotelId)))
    .get();
  if (!guest) throw notFound('Guest', guestId);
  return guest;
}

/** A guest profile of a hotel with every stay booked under it, newest first. */
export async function getGuestWithStays(db: Db, hotelId: string, guestId: string) {
  const guest = await findProfile(db, hotelId, guestId);
  const stays = await db
    .select()
    .from(reservations)
    .where(eq(reservations.guestId, guestId))
    .orderBy(desc(reservations.id))
    .limit(500)
    .all();
  return {
    id: guest.id,
    hotel_id: guest.hotelId,
    first_name: guest.firstName,
    last_name: guest.lastName,
    email: guest.email,
    phone: guest.phone,
    marketing_opt_in: guest.marketingOptIn,
    country: guest.country,
    language: guest.language,
    created_at: guest.createdAt.toISOString(),
    updated_at: guest.updatedAt.toISOString(),
    stays: stays.map((s) => ({
      reservation_id: s.id,
      confirmation_number: s.confirmationNumber,
      status: s.status,
      check_in: s.checkIn,
      check_out: s.checkOut,
      total_amount: s.totalAmount,
      currency: s.currency,
    })),
  };
}

/**
 * A hotel-side correction of a profile (bookings never change one). The reservations filed under it
 * keep the details their bookers gave; another profile's email is a conflict, since merging profiles
 * is not something a rename should do behind the hotel's back.
 */
export async function updateGuestProfile(
  deps: Pick<Deps, 'db' | 'd1' | 'actor' | 'now'>,
  hotelId: string,
  guestId: string,
  patch: PatchGuestBody,
) {
  const db = deps.db;
  const current = await findProfile(db, hotelId, guestId);
  const changes = {
    firstName: patch.first_name ?? current.firstName,
    lastName: patch.last_name ?? current.lastName,
    email: patch.email?.toLowerCase() ?? current.email,
    phone: patch.phone ?? current.phone,
    marketingOptIn: patch.marketing_opt_in ?? current.marketingOptIn,
    country: patch.country === undefined ? current.country : patch.country,
    language: patch.language === undefined ? current.language : patch.language,
    updatedAt: deps.now(),
  };
  try {
    // The change and its audit row (a field-level diff; names, email and phone read "[redacted]") in one batch.
    await batchAudited(
      deps,
      deps.d1,
      [statementOf(deps.d1, db.update(guests).set(changes).where(eq(guests.id, guestId)))],
      [
        {
          hotelId,
          action: 'guest.updated',
          entityType: 'guest',
          entityId: guestId,
          before: auditedProfile(current),
          after: auditedProfile({ ...current, ...changes }),
        },
      ],
    );
  } catch (err) {
    if (constraintKind(err) === 'unique') {
      throw new AppError('conflict', `Another guest profile of this hotel has the email ${changes.email}.`);
    }
    throw err;
  }
  return getGuestWithStays(db, hotelId, guestId);
}

/** What the audit trail compares of a guest profile. */
function auditedProfile(g: GuestRow): Record<string, unknown> {
  return {
    first_name: g.firstName,
    last_name: g.lastName,
    email: g.email,
    phone: g.phone,
    marketing_opt_in: g.marketingOptIn,
    country: g.country,
    language: g.language,
  };
}
