import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { clientKeyOfAddress } from '../../lib/ip';

/** The Rate Limiting binding counts per 60 s window (wrangler.toml `[[ratelimits]]`). */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * Limits each credential per client address (CONTRACT: rate limits; clientKeyOfAddress: an IPv6 /64
 * is one client); the platform admin key is exempt. Runs after authentication so that a bad
 * credential is a 401, not a 429.
 */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get('principal');
  if (principal.kind !== 'admin') {
    const client = clientKeyOfAddress(c.req.header('cf-connecting-ip'));
    const { success } = await c.env.RATE_LIMITER.limit({ key: `${principal.id}|${client}` });
    if (!success) {
      throw new AppError('rate_limited', 'Too many requests for this credential from this address; slow down.', {
        headers: { 'Retry-After': String(RATE_LIMIT_PERIOD_SECONDS) },
      });
    }
  }
  await next();
});
