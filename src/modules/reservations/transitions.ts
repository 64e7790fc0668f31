import type { ReservationStatus } from './reservations.table';

/** The reservation life cycle. Anything not listed is refused with 409. */
const NEXT: Record<ReservationStatus, readonly ReservationStatus[]> = {
  pending: ['confirmed', 'cancelled', 'expired'],
  confirmed: ['cancelled', 'checked_in', 'no_show'],
  checked_in: ['checked_out'],
  checked_out: [],
  cancelled: [],
  expired: [],
  no_show: [],
};

export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses whose rooms occupy inventory: taken = sum of rooms of reservations in these statuses. */
export const HOLDS_INVENTORY: readonly ReservationStatus[] = ['pending', 'confirmed', 'checked_in', 'checked_out'];

export function holdsInventory(status: ReservationStatus): boolean {
  return HOLDS_INVENTORY.includes(status);
}

/** Only stays that have not begun can change dates, rooms or party. */
export function isModifiable(status: ReservationStatus): boolean {
  return status === 'pending' || status === 'confirmed';
}
