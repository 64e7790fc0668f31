import type { Principal } from '../../env';
import { timingSafeEqualStrings } from '../../lib/crypto';
import { canAccessHotel } from '../auth/access';
import { hasScope } from '../auth/scopes';
import type { ReservationRow } from './reservations.table';

/**
 * Who may see and act on a reservation:
 * - hotel-side (`reservations:read` on its hotel: the PMS, the admin) — every reservation of the hotel;
 * - a booker (`reservations:write` without `reservations:read`: a booking widget) — only reservations
 *   it created, or whose guest it proves with the confirmation number and email.
 * Anything else is told the reservation does not exist.
 */
export function isHotelSide(p: Principal, hotelId: string): boolean {
  return canAccessHotel(p, hotelId) && hasScope(p.scopes, 'reservations:read');
}

/** What a reservation's `created_by` records: the API key id, our token's own id, or 'admin'. */
export function creatorOf(p: Principal): string {
  return p.actor ?? p.id;
}

export type GuestProof = { confirmationNumber: string; email: string };

/** Confirmation numbers are case-insensitive on the wire; emails are compared as stored (lower-cased). */
export function normaliseProof(proof: GuestProof): GuestProof {
  return { confirmationNumber: proof.confirmationNumber.trim().toUpperCase(), email: proof.email.trim().toLowerCase() };
}

/** Both halves are always compared, in constant time, so neither a wrong number nor a wrong email stands out. */
export async function provesGuest(
  row: Pick<ReservationRow, 'confirmationNumber' | 'guestEmail'>,
  proof: GuestProof,
): Promise<boolean> {
  const { confirmationNumber, email } = normaliseProof(proof);
  const [numberOk, emailOk] = await Promise.all([
    timingSafeEqualStrings(confirmationNumber, row.confirmationNumber),
    timingSafeEqualStrings(email, row.guestEmail),
  ]);
  return numberOk && emailOk;
}

export async function mayActOn(
  p: Principal,
  row: Pick<ReservationRow, 'hotelId' | 'createdBy' | 'confirmationNumber' | 'guestEmail'>,
  proof?: GuestProof,
): Promise<boolean> {
  if (!canAccessHotel(p, row.hotelId)) return false;
  if (hasScope(p.scopes, 'reservations:read')) return true;
  if (!hasScope(p.scopes, 'reservations:write')) return false;
  if (row.createdBy !== null && row.createdBy === creatorOf(p)) return true;
  return proof !== undefined && (await provesGuest(row, proof));
}
