import type { AuditActor, AuditEntry } from './audit';

/**
 * The same entry once per hotel a change concerns (an endpoint, grant or channel may reach several): a
 * hotel's trail, and a hotel-restricted reader, then sees it. `null` (every hotel) is one platform row.
 */
export function entriesPerHotel(hotelIds: readonly string[] | null, entry: Omit<AuditEntry, 'hotelId'>): AuditEntry[] {
  const hotels = hotelIds === null || hotelIds.length === 0 ? [null] : [...new Set(hotelIds)];
  return hotels.map((hotelId) => ({ hotelId, ...entry }));
}

/**
 * The actor behind a stored principal id (`admin`, `token:<sub>`, `oauth:<grant>` or an API key id,
 * see actorOfContext), for a change finished later on that credential's behalf (e.g. an OAuth callback).
 */
export function actorOfPrincipalId(base: AuditActor, principalId: string): AuditActor {
  const type = principalId === 'admin' ? 'admin' : (/^(token|oauth):/.exec(principalId)?.[1] ?? 'api_key');
  return { ...base, type: type as AuditActor['type'], id: principalId };
}
