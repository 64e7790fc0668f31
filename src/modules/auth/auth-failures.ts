import { AppError } from '../../errors';
import { Memo } from '../../lib/memo';

/** The AUTH_FAILURE_LIMITER binding counts per 60 s window (wrangler.toml `[[ratelimits]]`). */
const PERIOD_SECONDS = 60;

/**
 * Addresses the limiter refused, remembered in this isolate for one window: their next unknown keys
 * are answered without a D1 read and without another call to the limiter. Capped, so a flood of
 * addresses costs reads again rather than memory.
 */
const refused = new Memo<true>(PERIOD_SECONDS * 1000, 10_000);

function tooManyFailures(): AppError {
  return new AppError('rate_limited', 'Too many failed authentications from this address; slow down.', {
    headers: { 'Retry-After': String(PERIOD_SECONDS) },
  });
}

/** Before an API key is looked up: an address over its failure budget gets a 429, not a D1 read. */
export function assertAddressNotRefused(address: string): void {
  if (refused.get(address)) throw tooManyFailures();
}

/**
 * Counts a failed authentication against the client address (only failures count: a valid key never
 * reaches the limiter). Over the limit the answer is a 429 and the address is refused for the window.
 */
export async function countFailedAuthentication(limiter: RateLimit, address: string): Promise<void> {
  const { success } = await limiter.limit({ key: address });
  if (!success) {
    refused.set(address, true);
    throw tooManyFailures();
  }
}
