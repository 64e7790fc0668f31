import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { paymentConnections } from './payments.table';
import type { SquareAccount } from './square.client';
import { decryptToken } from './token-crypto';

/**
 * The Square account that takes a hotel's payments: the hotel's own, connected through Square OAuth
 * (connections.service.ts), or else the platform's (PAYMENT_GATEWAY_ACCESS_TOKEN +
 * PAYMENT_GATEWAY_LOCATION_ID). One D1 read.
 *
 * A connection that is `active`, or `refresh_failed` while its access token still lives, pays into the
 * hotel's account. A connected hotel whose token has expired (or cannot be decrypted) gets 503, not the
 * platform account: its guests' money must not silently land in another merchant's account. A revoked
 * connection, or none, means the platform account. Neither → 503: payments are not set up, which is the
 * operator's to fix, not the caller's.
 *
 * `kind` asks for the account that took an existing payment (its `account` column): completing, cancelling,
 * refunding or re-sending it goes to that account even after the hotel connected or revoked its own.
 */
export async function squareAccountFor(
  deps: Pick<Deps, 'config' | 'db' | 'now'>,
  hotelId: string,
  kind?: SquareAccount['kind'],
): Promise<SquareAccount> {
  if (kind === 'platform') return platformAccount(deps.config, hotelId);
  const connection = await deps.db
    .select({
      status: paymentConnections.status,
      accessTokenEnc: paymentConnections.accessTokenEnc,
      locationId: paymentConnections.locationId,
      expiresAt: paymentConnections.accessTokenExpiresAt,
    })
    .from(paymentConnections)
    .where(eq(paymentConnections.hotelId, hotelId))
    .get();
  if (connection && connection.status !== 'revoked') {
    const key = deps.config.PAYMENT_TOKEN_ENCRYPTION_KEY;
    const unusable = () =>
      new AppError(
        'service_unavailable',
        "The hotel's Square connection cannot be used; reconnect the Square account.",
      );
    if (!key || !connection.locationId || connection.expiresAt.getTime() <= deps.now().getTime()) throw unusable();
    const token = await decryptToken(key, hotelId, connection.accessTokenEnc);
    if (!token.ok) throw unusable();
    return { kind: 'hotel', accessToken: token.value, locationId: connection.locationId, hotelId };
  }
  if (kind === 'hotel') {
    throw new AppError(
      'service_unavailable',
      "The hotel's Square connection was revoked; reconnect the Square account.",
    );
  }
  return platformAccount(deps.config, hotelId);
}

function platformAccount(config: Deps['config'], hotelId: string): SquareAccount {
  const { PAYMENT_GATEWAY_ACCESS_TOKEN: accessToken, PAYMENT_GATEWAY_LOCATION_ID: locationId } = config;
  if (!accessToken || !locationId) {
    throw new AppError('service_unavailable', 'Payments are not configured for this hotel.');
  }
  return { kind: 'platform', accessToken, locationId, hotelId };
}
