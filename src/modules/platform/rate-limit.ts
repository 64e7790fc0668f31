import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { clientKeyOfAddress } from '../../lib/ip';

/** The Rate Limiting binding counts per 60 s window (wrangler.toml `[[ratelimits]]`). */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/** The 429 every limiter answers with: what was exceeded, and when to try again. */
export function rateLimited(detail: string, retryAfterSeconds = RATE_LIMIT_PERIOD_SECONDS): AppError {
  return new AppError('rate_limited', detail, { headers: { 'Retry-After': String(retryAfterSeconds) } });
}

/**
 * Counts one request against the RATE_LIMITER binding under `${who}|<client>`, the client being the
 * request's address (clientKeyOfAddress: an IPv6 /64 is one client); over the limit, a 429.
 */
export async function limitRequest(c: Context<AppEnv>, who: string, detail: string): Promise<void> {
  const client = clientKeyOfAddress(c.req.header('cf-connecting-ip'));
  const { success } = await c.env.RATE_LIMITER.limit({ key: `${who}|${client}` });
  if (!success) throw rateLimited(detail);
}

/**
 * Limits each credential per client address (CONTRACT: rate limits; clientKeyOfAddress: an IPv6 /64
 * is one client); the platform admin key is exempt. Runs after authentication so that a bad
 * credential is a 401, not a 429.
 */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get('principal');
  if (principal.kind !== 'admin') {
    await limitRequest(c, principal.id, 'Too many requests for this credential from this address; slow down.');
  }
  await next();
});
