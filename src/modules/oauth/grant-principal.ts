import type { Db } from '../../db';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { liveGrant } from './grants.service';

/**
 * The principal of an OAuth access token, as of now: the grant is read on every request, so a
 * revoked grant (or the revoked key that consented) ends its tokens at once, and a grant narrowed to
 * fewer hotels narrows them too. The token never reaches more than its own claims say.
 */
export async function principalOfGrantToken(db: Db, claimed: Principal, grantId: string): Promise<Principal> {
  const grant = await liveGrant(db, grantId);
  if (!grant) throw new AppError('unauthorized', 'The authorization behind this access token has been revoked.');
  const claimedHotels = claimed.hotelIds ?? [];
  return {
    ...claimed,
    keyId: grant.keyId,
    scopes: claimed.scopes.filter((s) => grant.scopes.includes(s)),
    hotelIds: grant.hotelIds.filter((h) => claimedHotels.includes(h)),
    allowedOrigins: [],
  };
}
