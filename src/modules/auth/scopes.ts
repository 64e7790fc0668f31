export const SCOPES = [
  'hotels:read',
  'hotels:write',
  'availability:read',
  'reservations:read',
  'reservations:write',
  'payments:read',
  'payments:write',
  'webhooks:manage',
  'channels:manage',
  'emails:manage',
  'audit:read',
  'admin',
] as const;

export type Scope = (typeof SCOPES)[number];

export function hasScope(granted: readonly Scope[], needed: Scope): boolean {
  return granted.includes('admin') || granted.includes(needed);
}

/** Every scope in `requested` is covered by `granted` (a token is never wider than its key). */
export function coversScopes(granted: readonly Scope[], requested: readonly Scope[]): boolean {
  return requested.every((s) => hasScope(granted, s));
}

/**
 * The scopes of a token minted without `scopes`: the key's own. `admin` is never given by default (it
 * must be asked for); a key holding it gets every other scope, which `admin` covers.
 */
export function defaultTokenScopes(granted: readonly Scope[]): Scope[] {
  return granted.includes('admin') ? SCOPES.filter((s) => s !== 'admin') : [...granted];
}

/**
 * What acting for the hotel on its money takes (refunds, capturing or voiding authorisations, cards on
 * file, the Square connection): both payment scopes. `payments:write` alone is what a booking widget
 * holds to pay for a stay; its key is public, so it must never move money back or re-route it.
 */
export const HOTEL_PAYMENTS: readonly Scope[] = ['payments:read', 'payments:write'];
