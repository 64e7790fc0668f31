import type { AppError } from '../../errors';
import { Memo } from '../../lib/memo';
import { rateLimited } from '../platform/rate-limit';

/** The AUTH_FAILURE_LIMITER binding counts per 60 s window (wrangler.toml `[[ratelimits]]`). */
const PERIOD_SECONDS = 60;

/**
 * Clients the limiter refused, remembered in this isolate for one window: their next unknown
 * legacy-format keys are answered without a D1 read and without another call to the limiter. Capped,
 * so a flood of addresses costs reads again rather than memory.
 */
const refused = new Memo<true>(PERIOD_SECONDS * 1000, 10_000);

function tooManyFailures(): AppError {
  return rateLimited('Too many failed authentications from this address; slow down.', PERIOD_SECONDS);
}

/**
 * Before a legacy-format API key is looked up: a client over its failure budget gets a 429, not a D1
 * read. `client` is clientKeyOfAddress of the request's address (an IPv6 /64 is one client). Keys
 * with a checksum never come here: a forged one is refused without a read, a genuine one is always
 * looked up.
 */
export function assertAddressNotRefused(client: string): void {
  if (refused.get(client)) throw tooManyFailures();
}

/**
 * Counts a failed legacy-format authentication against the client (only failures count: a valid key
 * never reaches the limiter). Over the limit the answer is a 429 and the client is refused for the window.
 */
export async function countFailedAuthentication(limiter: RateLimit, client: string): Promise<void> {
  const { success } = await limiter.limit({ key: client });
  if (!success) {
    refused.set(client, true);
    throw tooManyFailures();
  }
}
