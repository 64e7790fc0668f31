import type { AuditEntry } from './audit';

/**
 * The same entry once per hotel a change concerns (an endpoint, grant or channel may reach several): a
 * hotel's trail, and a hotel-restricted reader, then sees it. `null` (every hotel) is one platform row.
 */
export function entriesPerHotel(hotelIds: readonly string[] | null, entry: Omit<AuditEntry, 'hotelId'>): AuditEntry[] {
  const hotels = hotelIds === null || hotelIds.length === 0 ? [null] : [...new Set(hotelIds)];
  return hotels.map((hotelId) => ({ hotelId, ...entry }));
}
